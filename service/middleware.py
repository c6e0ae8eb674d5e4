"""Pure ASGI middleware (Starlette's BaseHTTPMiddleware costs a task per request)."""

from __future__ import annotations

import json
import logging
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.auth.deps import SCOPE_KEY
from service.auth.service import authenticate
from service.errors import PROBLEM_JSON, AccordError, PayloadTooLarge, Unauthorized, UnsupportedMediaType
from service.metrics import HTTP_LATENCY, HTTP_REQUESTS

access_log = logging.getLogger("accord.access")
# The board's pages (service/board/) post small urlencoded forms: a note of 2,000 characters, escaped.
BOARD_PREFIX = "/board/"
BOARD_FORM_MAX_BYTES = 32 * 1024


class BodyLimit:
    """Request bodies: 413 over `max_bytes` (by Content-Length or by counting a chunked stream),
    415 unless they are JSON."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = content_type = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"content-type":
                content_type = value
        if scope["path"].startswith(BOARD_PREFIX):
            # The board's forms (service/board/): urlencoded, small, behind its own CSRF check.
            if length is not None and length != b"0" and not _is_form(content_type):
                return await self._send(scope, send, UnsupportedMediaType("The board takes its own forms only"))
            if length is None and scope["method"] not in ("GET", "HEAD", "OPTIONS", "DELETE"):
                return await self._refuse(scope, send)
            if length is not None and (not length.isdigit() or int(length) > BOARD_FORM_MAX_BYTES):
                return await self._refuse(scope, send)
            return await self.app(scope, receive, send)
        if length is not None and length != b"0" and not _is_json(content_type):
            return await self._send(
                scope,
                send,
                UnsupportedMediaType(
                    f"Send the body as application/json, not {content_type.decode('latin-1') if content_type else 'without a Content-Type'}"
                ),
            )
        if length is not None:
            # The server holds the body to its Content-Length, so the header is enough.
            if not length.isdigit() or int(length) > self.max_bytes:
                return await self._refuse(scope, send)
            return await self.app(scope, receive, send)
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return await self.app(scope, receive, send)
        # A chunked body: read it here (at most max_bytes) and hand it on whole.
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                return await self._refuse(scope, send)
        if body and not _is_json(content_type):
            return await self._send(scope, send, UnsupportedMediaType("Send the body as application/json"))
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await self._send(scope, send, PayloadTooLarge(f"Request bodies are limited to {self.max_bytes} bytes"))

    @staticmethod
    async def _send(scope: Scope, send: Send, error: AccordError) -> None:
        await send_problem(scope, send, error)


async def send_problem(scope: Scope, send: Send, error: AccordError) -> None:
    """Answer with `error` and close: the unread body stays unread."""
    body = json.dumps(error.problem(scope["path"])).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *((k.lower().encode(), v.encode()) for k, v in error.headers.items()),
    ]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class KeyBeforeBody:
    """A request that carries a body must present a working API key before a byte of the body
    is read: FastAPI reads and parses the body before it runs any dependency, so without this
    anyone could make the server buffer and parse up to the body limit. Scopes are still
    checked by the route's dependencies; the key lookup is cached, so the second one is cheap."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _has_body(scope):
            return await self.app(scope, receive, send)
        if scope["path"].startswith(BOARD_PREFIX):  # session cookies, not keys; bodies held small by BodyLimit
            return await self.app(scope, receive, send)
        token = _bearer(scope)
        if token is None:
            return await send_problem(scope, send, Unauthorized("Send Authorization: Bearer <API key>"))
        state = scope["app"].state
        try:
            principal = await authenticate(state.db, token, cache_seconds=state.settings.auth_cache_seconds)
        except Exception:  # noqa: BLE001 - the database is down: the route's own check answers 503
            return await self.app(scope, receive, send)
        if principal is None:
            return await send_problem(scope, send, Unauthorized("The API key is unknown, revoked or expired"))
        scope[SCOPE_KEY] = principal
        await self.app(scope, receive, send)


def _has_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if (name == b"content-length" and value != b"0") or name == b"transfer-encoding":
            return True
    return False


def _bearer(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() or None if scheme.lower() == "bearer" else None
    return None


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class RequestLog:
    """Per request: one structured log line, the HTTP metrics, an X-Request-ID and the security
    headers on the response. One middleware rather than four: each layer costs every request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = _incoming_request_id(scope) or secrets.token_hex(16)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                    *SECURITY_HEADERS,
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route_obj = scope.get("route")
            route = getattr(route_obj, "path", None) or "unmatched"
            HTTP_REQUESTS.labels(scope["method"], route, status).inc()
            HTTP_LATENCY.labels(scope["method"], route).observe(elapsed)
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "request",
                    extra={
                        "request_id": request_id,
                        "method": scope["method"],
                        "route": route,
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                        "actor": scope["state"].get("actor"),
                    },
                )


def _is_form(content_type: bytes | None) -> bool:
    return bool(content_type) and content_type.split(b";", 1)[0].strip().lower() == b"application/x-www-form-urlencoded"


def _is_json(content_type: bytes | None) -> bool:
    if not content_type:
        return False
    media_type = content_type.split(b";", 1)[0].strip().lower()
    return media_type == b"application/json" or media_type.endswith(b"+json")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if 0 < len(candidate) <= 128 and candidate.isprintable():
                return candidate
    return None
