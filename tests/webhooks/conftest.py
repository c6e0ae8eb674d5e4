"""Webhook fixtures: fast retry settings and a real receiver on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from service.config import Settings
from tests.helpers import ADMIN_KEY, free_port

FAST = {
    "webhook_allow_private_networks": True,
    "webhook_retry_schedule": [0, 0.1, 0.2, 0.3, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5],
    "webhook_retry_jitter": 0.1,
    "webhook_timeout_seconds": 2,
    "webhook_lease_seconds": 4,
    "webhook_poll_interval_seconds": 0.5,
}
# The same, for `accord serve` and `accord worker` subprocesses.
FAST_ENV = {
    "ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",
    "ACCORD_WEBHOOK_RETRY_SCHEDULE": ",".join(str(s) for s in FAST["webhook_retry_schedule"]),
    "ACCORD_WEBHOOK_TIMEOUT_SECONDS": "2",
    "ACCORD_WEBHOOK_LEASE_SECONDS": "4",
    "ACCORD_WEBHOOK_POLL_INTERVAL_SECONDS": "0.5",
}


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY, **FAST)


@dataclass
class Delivery:
    body: bytes
    headers: dict[str, str]
    status: int
    received_at: float

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Records every request; `answer` decides the response status (200 by default)."""

    port: int = field(default_factory=free_port)
    requests: list[Delivery] = field(default_factory=list)
    answer: Callable[[Delivery], int | tuple[int, dict[str, str]]] = lambda _d: 200
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def accepted(self) -> list[Delivery]:
        return [d for d in self.requests if 200 <= d.status < 300]

    def accepted_ids(self) -> list[str]:
        return [d.id for d in self.accepted]

    async def _handle(self, request: web.Request) -> web.Response:
        delivery = Delivery(
            await request.read(), {k.lower(): v for k, v in request.headers.items()}, 0, time.monotonic()
        )
        answer = self.answer(delivery)
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        delivery.status = status
        self.requests.append(delivery)
        return web.Response(status=status, text=f"status {status}", headers=headers)

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


@dataclass
class RawReceiver:
    """A TCP server that reads each request and answers `response` verbatim: the receivers no
    HTTP library would let us write (garbage status lines, oversized headers)."""

    response: bytes
    port: int = field(default_factory=free_port)
    requests: int = 0
    _server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            await reader.readexactly(length)
            self.requests += 1
            writer.write(self.response)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def start(self) -> RawReceiver:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def subscribe(client, url: str, **filters) -> dict:
    response = await client.post("/v1/webhook-endpoints", json={"url": url, **filters})
    assert response.status_code == 201, response.text
    return response.json()


async def deliveries(client, endpoint_id: str) -> list[dict]:
    response = await client.get(f"/v1/webhook-endpoints/{endpoint_id}/deliveries", params={"limit": 200})
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def eventually_async(check: Callable[[], Awaitable[Any]], timeout: float = 15, interval: float = 0.05) -> Any:
    """Poll an async check until it returns something truthy; returns that."""
    deadline = time.monotonic() + timeout
    while not (result := await check()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
    return result


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = await Receiver().start()
    yield r
    await r.stop()


async def eventually(check: Callable[[], bool], timeout: float = 15, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
