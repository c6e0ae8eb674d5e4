"""What the SDK tests share besides conftest's fixtures: scripted mock servers, a server that
never answers, signed webhook messages and live-server helpers."""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

AGREEMENT = {
    "id": "agr_1",
    "title": "t",
    "parties": ["US", "JP"],
    "sectors": [],
    "metadata": {},
    "workflow": {"name": "trade-agreement", "version": 1},
    "state": "announced",
    "version": 1,
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
}
SECRET = "whsec_" + base64.b64encode(b"accord-test-signing-secret-32byt").decode()


def problem(status: int, slug: str, *, request_id: str | None = None, **extra) -> httpx.Response:
    body = {"type": f"https://accord.dev/problems/{slug}", "title": slug, "status": status, **extra}
    headers = {"Content-Type": "application/problem+json"}
    if request_id:
        headers["X-Request-ID"] = request_id
    return httpx.Response(status, json=body, headers=headers)


class Script:
    """A mock server answering from a list, recording each request it saw (with a copy of its
    headers as they were at that attempt)."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.headers: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.headers.append(dict(request.headers))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def title(word: str) -> str:
    return f"{word} {uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections, reads, and never answers: every request to it
    times out. Yields its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def dead_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed(body: dict | str, *, secret: str = SECRET, msg_id: str = "msg_1", at: datetime | None = None):
    """A webhook message as Accord sends it: (payload bytes, headers)."""
    payload = body if isinstance(body, str) else json.dumps(body)
    at = at or datetime.now(UTC)
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, payload),
    }
    return payload.encode(), headers
