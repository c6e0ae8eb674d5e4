"""The HTTP server `accord serve` runs: uvicorn, with the connection limits it lacks added here.

uvicorn bounds keep-alive idle time (`timeout_keep_alive`) and requests in flight
(`limit_concurrency`). Its httptools protocol has no limit on header size and no header or body
read timeout, and it accepts connections without limit, so `BoundedHttpProtocol` adds those.
No proxy in front is needed. The settings are the `http_*` ones in service/config.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import resource
import sys
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.flow_control import service_unavailable
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from service.config import Settings
from service.errors import PROBLEM_JSON, AccordError, HeadersTooLarge, RequestTimeout, ServiceUnavailable

log = logging.getLogger("accord.server")
# Descriptors a process needs besides its HTTP connections: database pool, webhook client, files.
SPARE_FILE_DESCRIPTORS = 256


@dataclass(frozen=True)
class Limits:
    max_header_bytes: int
    header_timeout: float
    body_timeout: float
    max_connections: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            max_header_bytes=settings.http_max_header_bytes,
            header_timeout=settings.http_header_timeout_seconds,
            body_timeout=settings.http_body_timeout_seconds,
            max_connections=settings.http_max_connections,
        )


class ServerConfig(uvicorn.Config):
    """uvicorn's Config with the limits `BoundedHttpProtocol` reads; it is pickled to --workers processes."""

    def __init__(self, app: Any, *, limits: Limits, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.limits = limits


class BoundedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header size limit, header and body read timeouts and a
    connection ceiling.

    A connection has one deadline: from its start or a request's first byte to the end of the
    headers, then to the end of the body. It stands down while a response is under way, so a
    long-lived stream (an SSE feed) is never cut; uvicorn's keep-alive timer covers the idle time
    after a response. Moving the deadline only stores a time: the timer is re-armed when it fires
    early, which keeps timer handles off the per-request path.
    """

    def __init__(self, config: ServerConfig, server_state: Any, app_state: dict[str, Any], _loop: Any = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits = config.limits
        self._in_head = True  # waiting for, or reading, a request line and headers
        self._head_bytes = 0
        self._deadline: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # Up to max_connections more are let in to be told 503 (uvicorn's limit_concurrency); past
        # that they are closed at once, so a flood cannot hold every file descriptor.
        if len(self.connections) > 2 * self.limits.max_connections:
            transport.close()
            return
        self._expect(self.limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._deadline = None
        if self._timer is not None:
            self._timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._in_head:
            return super().data_received(data)
        if self._deadline is None:
            self._expect(self.limits.header_timeout)
        room = self.limits.max_header_bytes - self._head_bytes
        if len(data) <= room:
            self._head_bytes += len(data)
            return super().data_received(data)
        # Parse only what the limit allows: httptools would buffer a header of any length.
        super().data_received(data[:room])
        if self.transport.is_closing():
            return
        if self._in_head:
            return self._refuse(
                HeadersTooLarge(f"The request line and headers are limited to {self.limits.max_header_bytes} bytes")
            )
        self.data_received(data[room:])

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._expect(self.limits.body_timeout)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._deadline = None
        self._in_head, self._head_bytes = True, 0

    def _start_asgi_task(self, cycle: Any, app: Any) -> None:
        # uvicorn answers requests over limit_concurrency in text/plain; Accord answers problem+json.
        super()._start_asgi_task(cycle, _over_capacity if app is service_unavailable else app)

    def _expect(self, seconds: float) -> None:
        """The client has `seconds` to send what is awaited from it."""
        self._deadline = self.loop.time() + seconds
        if self._timer is None or self._timer_at > self._deadline:
            if self._timer is not None:
                self._timer.cancel()
            self._timer_at = self._deadline
            self._timer = self.loop.call_at(self._deadline, self._check_deadline)

    def _check_deadline(self) -> None:
        self._timer = None
        if self._deadline is None or self.transport.is_closing():
            return
        if self.loop.time() < self._deadline:
            self._timer_at = self._deadline
            self._timer = self.loop.call_at(self._deadline, self._check_deadline)
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and (cycle.response_started or self._in_head):
            # A response is under way (an SSE feed, or the one before a pipelined request): nothing waits on the client.
            self._deadline = None
            return
        if self.flow.read_paused:
            # uvicorn stopped reading because the application has not taken the body yet: not the client's delay.
            return self._expect(self.limits.header_timeout if self._in_head else self.limits.body_timeout)
        if self._in_head and not self._head_bytes:
            self.transport.close()  # an idle connection: nothing to answer
            return
        if not self._in_head and cycle is not None:
            if cycle.response_complete:
                self.transport.close()  # answered before its body arrived (a 401, say)
                return
            # The application may be waiting for the body: it now gets http.disconnect, and its send() is dropped.
            cycle.disconnected = True
            cycle.message_event.set()
        phase = "headers" if self._in_head else "body"
        timeout = self.limits.header_timeout if self._in_head else self.limits.body_timeout
        self._refuse(RequestTimeout(f"The request {phase} did not arrive within {timeout:g} s"))

    def _refuse(self, error: AccordError) -> None:
        """Answer with a problem and close, outside the application (the request is incomplete)."""
        body = json.dumps(error.problem()).encode()
        headers = [
            *self.server_state.default_headers,
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        self.transport.write(
            b"".join([STATUS_LINE[error.status], *(n + b": " + v + b"\r\n" for n, v in headers), b"\r\n", body])
        )
        self.transport.close()


async def _over_capacity(scope: Any, receive: Any, send: Any) -> None:
    error = ServiceUnavailable("The server is at its connection limit; retry shortly")
    body = json.dumps(error.problem(scope["path"])).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"1"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def server_config(settings: Settings, *, host: str, port: int, workers: int = 1) -> ServerConfig:
    limits = Limits.from_settings(settings)
    return ServerConfig(
        "service.main:create_app",
        factory=True,
        limits=limits,
        host=host,
        port=port,
        workers=workers,
        http=BoundedHttpProtocol,
        ws="none",  # no WebSocket routes: an Upgrade request is served as plain HTTP
        # uvicorn's check counts the asking connection: + 1 serves exactly max_connections.
        limit_concurrency=limits.max_connections + 1,
        timeout_keep_alive=settings.http_keepalive_seconds,  # type: ignore[arg-type]  # a float works
        log_config=None,
        access_log=False,
        proxy_headers=False,
    )


def _ensure_file_descriptors(max_connections: int) -> None:
    # Many systems start processes with 1,024 descriptors; the connection cap, not the OS, should refuse clients.
    needed = 2 * max_connections + SPARE_FILE_DESCRIPTORS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if target < needed:
        log.warning(
            "the file descriptor limit %d is below the %d that ACCORD_HTTP_MAX_CONNECTIONS needs", target, needed
        )


class Server(uvicorn.Server):
    """uvicorn's Server that says where the API docs are once it listens."""

    def _log_started_message(self, listeners: Any) -> None:
        super()._log_started_message(listeners)
        if self.config.fd is None and self.config.uds is None:
            port = self.config.port or listeners[0].getsockname()[1]
            log.info(pages_message(self.config.loaded_app, self.config.host, port))


def pages_message(app: Any, host: str, port: int) -> str:
    """One line: the docs' address, and the board's when the app has one."""
    base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    while not hasattr(app, "routes") and hasattr(app, "app"):  # uvicorn may wrap it (trace logging)
        app = app.app
    paths = {getattr(route, "path", None) for route in getattr(app, "routes", [])}
    return f"API docs at {base}/docs" + (f", the board at {base}/board" if "/board" in paths else "")


def serve(settings: Settings, *, host: str, port: int, workers: int = 1) -> None:
    """What uvicorn.run does, with Accord's config and protocol."""
    config = server_config(settings, host=host, port=port, workers=workers)
    _ensure_file_descriptors(settings.http_max_connections)
    server = Server(config)
    try:
        if workers > 1:
            from service.main import create_app

            sockets = [config.bind_socket()]
            # The workers load the app themselves; this copy only shows which pages it has.
            log.info(pages_message(create_app(settings), host, port))
            Multiprocess(config, sockets=sockets).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    if workers == 1 and not server.started:
        sys.exit(STARTUP_FAILURE)
