"""`accord serve` bounds its connections itself (service/server.py): header size, header and body
read timeouts, keep-alive idle time and a connection cap. Checked against the real process with
raw sockets, on SQLite and PostgreSQL, with the limits set short through the environment."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from service.server import BoundedHttpProtocol, Limits, ServerConfig
from tests.helpers import AUTH, BACKENDS, ServerProcess, free_port

MAX_CONNECTIONS = 100
LIMITS = {
    # Long enough for the cap test to fill the server before its silent connections expire.
    "ACCORD_HTTP_HEADER_TIMEOUT_SECONDS": "2",
    "ACCORD_HTTP_BODY_TIMEOUT_SECONDS": "1",
    "ACCORD_HTTP_KEEPALIVE_SECONDS": "1",
    "ACCORD_HTTP_MAX_HEADER_BYTES": "16384",
    "ACCORD_HTTP_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
    "ACCORD_DISPATCHER_ENABLED": "false",
}
# Far above every limit above: reaching it means a connection was left open.
PATIENCE = 20


@pytest.fixture(scope="module", params=BACKENDS)
def limited_server(request, tmp_path_factory) -> Iterator[ServerProcess]:
    """One limited server per database for the module: the tests only read, and wait out each other's connections."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("server") / "accord.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_session_url")
    process = ServerProcess(url, env=LIMITS).start()
    yield process
    process.stop()


@pytest.fixture
def served(limited_server) -> ServerProcess:
    """The server, once connections left by an earlier test have expired and it answers again."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{limited_server.base_url}/healthz", timeout=5).status_code == 200:
                return limited_server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not answer /healthz")


def connect(server: ServerProcess) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE)


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends before it closes; fails if it keeps the connection open."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    except TimeoutError:
        raise AssertionError(f"the server kept the connection open; it sent {received[:200]!r}") from None
    finally:
        sock.close()
    return received


def parse(response: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return int(status_line.split()[1]), {k.lower(): v for k, v in headers.items()}, body


def assert_problem(response: bytes, status: int, slug: str) -> dict:
    code, headers, body = parse(response)
    assert code == status, response[:300]
    assert headers["content-type"] == "application/problem+json"
    assert headers["connection"] == "close"
    problem = json.loads(body)
    assert problem["type"].endswith(f"/{slug}") and problem["status"] == status
    return problem


def test_a_silent_connection_is_closed(served):
    assert read_until_closed(connect(served)) == b""


def test_half_a_header_gets_408_and_the_connection_is_closed(served):
    sock = connect(served)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: accord.test\r\nX-Slow: ")
    problem = assert_problem(read_until_closed(sock), 408, "request-timeout")
    assert "headers" in problem["detail"]


def test_a_header_sent_byte_by_byte_is_still_cut_off(served):
    """The header timeout runs from the request's first byte, however often bytes arrive."""
    sock = connect(served)
    sock.settimeout(0.2)
    received = b""
    for byte in b"GET /healthz HTTP/1.1\r\nHost: accord.test\r\nX-Slow: " + b"a" * 1000:
        try:
            sock.sendall(bytes([byte]))
            received += sock.recv(65536)
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            break
        if received:
            break
    sock.settimeout(PATIENCE)
    assert_problem(received + read_until_closed(sock), 408, "request-timeout")


def test_a_stalled_body_gets_408_and_the_connection_is_closed(served):
    sock = connect(served)
    sock.sendall(
        b"POST /v1/agreements HTTP/1.1\r\nHost: accord.test\r\n"
        + f"Authorization: {AUTH['Authorization']}\r\n".encode()
        + b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title": '
    )
    problem = assert_problem(read_until_closed(sock), 408, "request-timeout")
    assert "body" in problem["detail"]


def test_an_idle_keep_alive_connection_is_closed(served):
    sock = connect(served)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: accord.test\r\n\r\n")
    code, headers, _ = parse(read_until_closed(sock))
    assert code == 200 and headers.get("connection") != "close"


def test_an_oversized_header_gets_431_without_being_read_whole(served):
    sock = connect(served)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: accord.test\r\nX-Big: " + b"a" * 20_000)
    assert_problem(read_until_closed(sock), 431, "request-header-fields-too-large")


def test_oversized_headers_do_not_grow_the_server(served):
    """50 clients each sending 8 MiB of header that never ends: the server reads at most the limit of each."""
    status = Path(f"/proc/{served.process.pid}/status")
    if not status.exists():
        pytest.skip("needs /proc")

    def rss_mib() -> int:
        line = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS"))
        return int(line.split()[1]) // 1024

    before = rss_mib()
    answers = []

    def flood() -> None:
        sock = connect(served)
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: accord.test\r\nX-Big: " + b"a" * (8 << 20))
        except (BrokenPipeError, ConnectionResetError):
            pass
        answers.append(read_until_closed(sock))

    threads = [threading.Thread(target=flood) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Closing an unread connection may reset it before the 431 is read; either way it is closed.
    assert all(a == b"" or a.startswith(b"HTTP/1.1 431") for a in answers)
    assert rss_mib() - before < 100  # 50 x 8 MiB buffered would be 400


def test_a_large_body_in_one_packet_is_not_taken_for_a_large_header(served):
    body = json.dumps({"title": "x" * 40_000}).encode()
    sock = connect(served)
    sock.sendall(
        b"POST /v1/agreements HTTP/1.1\r\nHost: accord.test\r\nConnection: close\r\n"
        + f"Authorization: {AUTH['Authorization']}\r\n".encode()
        + f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    code, _, _ = parse(read_until_closed(sock))
    assert code == 422


def test_connections_over_the_cap_are_refused_and_idle_ones_expire(served):
    url = f"{served.base_url}/healthz"
    idle = [connect(served) for _ in range(MAX_CONNECTIONS + 50)]
    time.sleep(0.3)  # let the server accept them
    # Over the cap: a request is answered at once with a problem, not left to hang.
    response = httpx.get(url, timeout=PATIENCE)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"].endswith("/service-unavailable")

    # Over twice the cap: new connections are closed without being read.
    idle += [connect(served) for _ in range(MAX_CONNECTIONS + 50)]
    time.sleep(0.3)
    with pytest.raises(httpx.TransportError) as refused:
        httpx.get(url, timeout=PATIENCE)
    assert not isinstance(refused.value, httpx.TimeoutException)

    # The silent connections are closed by the header timeout, so a fresh client is served again.
    for sock in idle:
        assert read_until_closed(sock) == b""
    assert httpx.get(url, timeout=PATIENCE).status_code == 200


def test_a_trailing_slash_is_a_404_not_a_redirect_to_the_host_header(served):
    response = httpx.get(
        f"{served.base_url}/v1/agreements/", headers={**AUTH, "Host": "evil.example"}, timeout=PATIENCE
    )
    assert response.status_code == 404
    assert "location" not in response.headers
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/not-found")


# -- streams, against the protocol alone (Accord has no event-stream route yet) -----------------


async def _stub_app(scope, receive, send) -> None:
    """/slow answers after 0.6 s; anything else starts a text/event-stream at once, without reading the
    body, and sends an event every 0.1 s for 1 s."""
    if scope["type"] != "http":
        return
    if scope["path"] == "/slow":
        await asyncio.sleep(0.6)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"4")]})
        await send({"type": "http.response.body", "body": b"done"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
    for n in range(10):
        await send({"type": "http.response.body", "body": f"data: {n}\n\n".encode(), "more_body": True})
        await asyncio.sleep(0.1)
    await send({"type": "http.response.body", "body": b"", "more_body": False})


@pytest.fixture
def stream_server() -> Iterator[int]:
    port = free_port()
    limits = Limits(max_header_bytes=16384, header_timeout=0.3, body_timeout=0.3, max_connections=1)
    config = ServerConfig(
        _stub_app,
        limits=limits,
        port=port,
        http=BoundedHttpProtocol,
        ws="none",
        lifespan="off",
        limit_concurrency=limits.max_connections + 1,
        timeout_keep_alive=1,
        log_config=None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(
    "request_head",
    ids=["get", "body-never-finished"],
    argvalues=[
        b"GET /events HTTP/1.1\r\nHost: accord.test\r\n\r\n",
        # A body that never comes: the response has started, so the body timeout stands down.
        b"POST /events HTTP/1.1\r\nHost: accord.test\r\nContent-Length: 100\r\n\r\n{",
    ],
)
def test_a_stream_outlives_the_read_timeouts_and_counts_toward_the_cap(stream_server, request_head):
    stream = socket.create_connection(("127.0.0.1", stream_server), timeout=PATIENCE)
    stream.sendall(request_head)
    first = stream.recv(65536)
    assert first.startswith(b"HTTP/1.1 200")

    # The stream holds the only connection the cap allows.
    refused = httpx.get(f"http://127.0.0.1:{stream_server}/events", timeout=PATIENCE)
    assert refused.status_code == 503 and refused.headers["content-type"] == "application/problem+json"

    # 1 s of events, several times the 0.3 s timeouts, all arrive, and the stream ends properly.
    received = first
    while not received.endswith(b"0\r\n\r\n"):
        chunk = stream.recv(65536)
        assert chunk, f"the stream was cut after {received.count(b'data:')} events"
        received += chunk
    stream.close()
    assert received.count(b"data: ") == 10


def test_a_pipelined_request_waits_for_the_answer_before_it(stream_server):
    """The header timeout of a request queued behind a slower one starts only once that one is answered."""
    sock = socket.create_connection(("127.0.0.1", stream_server), timeout=PATIENCE)
    sock.sendall(b"GET /slow HTTP/1.1\r\nHost: accord.test\r\n\r\n")
    time.sleep(0.1)  # a separate packet, read while /slow is still working
    sock.sendall(b"GET /slow HTTP/1.1\r\nHo")
    response = read_until_closed(sock)
    assert response.startswith(b"HTTP/1.1 200") and response.endswith(b"done")
