"""GET /v1/events/stream: the feed as Server-Sent Events, against a real `accord serve` (an
in-process ASGI transport buffers whole responses, so it cannot show a stream)."""

from __future__ import annotations

import contextlib
import json
import signal
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import AUTH, JAPAN, ServerProcess


def sse(response: httpx.Response) -> Iterator[dict]:
    """Parse Server-Sent Events (the WHATWG format): fields until a blank line; comments skipped."""
    message: dict = {}
    for line in response.iter_lines():
        if not line:
            if "data" in message:
                yield message
            message = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            message[name] = value[1:] if value.startswith(" ") else value


def take(messages: Iterator[dict], n: int) -> list[dict]:
    return [next(messages) for _ in range(n)]


@pytest.fixture
def live(database_url) -> Iterator[ServerProcess]:
    server = ServerProcess(database_url, env={"ACCORD_EVENT_STREAM_POLL_SECONDS": "0.5"}).start()
    yield server
    server.stop()


def _client(server: ServerProcess) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers=AUTH, timeout=httpx.Timeout(10, read=15))


def _make_events(client: httpx.Client, transitions: int = 2) -> str:
    aid = client.post("/v1/agreements", json=JAPAN).json()["id"]
    for _ in range(transitions):
        assert client.post(f"/v1/agreements/{aid}/transitions", json={"event": "suspend"}).status_code == 201
        assert client.post(f"/v1/agreements/{aid}/transitions", json={"event": "resume"}).status_code == 201
    return aid


def _feed(client: httpx.Client) -> list[dict]:
    return client.get("/v1/events", params={"limit": 200}).json()["data"]


def test_the_stream_replays_the_feed_then_goes_live(live):
    with _client(live) as client:
        _make_events(client, transitions=1)  # 3 events
        feed = _feed(client)
        with client.stream("GET", "/v1/events/stream") as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            stream = sse(response)
            messages = take(stream, 3)
            assert [json.loads(m["data"]) for m in messages] == feed
            assert [m["event"] for m in messages] == [e["type"] for e in feed]

            # A change made while the stream is open arrives on it.
            def later() -> None:
                time.sleep(0.3)
                with _client(live) as other:
                    other.post("/v1/agreements", json={**JAPAN, "title": "Live"})

            threading.Thread(target=later).start()
            [live_message] = take(stream, 1)
        event = json.loads(live_message["data"])
        assert event["type"] == "agreement.created" and event["data"]["agreement"]["title"] == "Live"
        # Its id is a feed cursor: /v1/events?after=<id> continues after it.
        assert client.get("/v1/events", params={"after": live_message["id"]}).json()["data"] == []


def test_reconnecting_with_last_event_id_resumes_after_it(live):
    with _client(live) as client:
        _make_events(client, transitions=2)  # 5 events
        with client.stream("GET", "/v1/events/stream") as response:
            first = take(sse(response), 2)
        # Disconnected. More happens, then the client reconnects the way EventSource does.
        _make_events(client, transitions=0)
        feed = _feed(client)
        with client.stream(
            "GET", "/v1/events/stream", params={"after": "ignored-when-last-event-id-is-sent"},
            headers={"Last-Event-ID": first[-1]["id"]},
        ) as response:  # fmt: skip
            rest = take(sse(response), len(feed) - 2)
        assert [json.loads(m["data"]) for m in first + rest] == feed


def test_order_holds_across_a_restart(database_url):
    server = ServerProcess(database_url).start()
    try:
        with _client(server) as client:
            _make_events(client, transitions=1)
            with client.stream("GET", "/v1/events/stream") as response:
                seen = take(sse(response), 2)
    finally:
        server.stop()
    server = ServerProcess(database_url).start()
    try:
        with _client(server) as client:
            _make_events(client, transitions=1)
            feed = _feed(client)
            with client.stream("GET", "/v1/events/stream", headers={"Last-Event-ID": seen[-1]["id"]}) as response:
                rest = take(sse(response), len(feed) - 2)
        positions = [json.loads(m["data"])["position"] for m in seen + rest]
        assert positions == sorted(positions) and [json.loads(m["data"]) for m in seen + rest] == feed
    finally:
        server.stop()


def test_filters_and_bad_cursors(live):
    with _client(live) as client:
        aid = _make_events(client, transitions=1)
        _make_events(client, transitions=0)
        with client.stream(
            "GET", "/v1/events/stream", params={"agreement_id": aid, "type": "agreement.transitioned"}
        ) as r:
            messages = take(sse(r), 2)
        assert {json.loads(m["data"])["agreement_id"] for m in messages} == {aid}
        assert {m["event"] for m in messages} == {"agreement.transitioned"}

        forged = client.get("/v1/events/stream", headers={"Last-Event-ID": "bm9wZQ"})
        assert forged.status_code == 422 and forged.headers["content-type"] == "application/problem+json"
        assert client.get("/v1/events/stream", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_a_revoked_key_ends_the_stream(database_url):
    server = ServerProcess(
        database_url, env={"ACCORD_EVENT_STREAM_POLL_SECONDS": "0.2", "ACCORD_AUTH_CACHE_SECONDS": "0"}
    ).start()
    try:
        with _client(server) as admin:
            made = admin.post("/v1/api-keys", json={"name": "reader", "scopes": ["agreements:read"]}).json()
            _make_events(admin, transitions=0)
            reader = {"Authorization": f"Bearer {made['key']}"}
            with admin.stream("GET", "/v1/events/stream", headers=reader) as response:
                stream = sse(response)
                take(stream, 1)
                assert admin.delete(f"/v1/api-keys/{made['id']}").status_code == 204
                rest = list(stream)  # ends: the server closes the stream
            assert rest == []
    finally:
        server.stop()


def test_a_stopping_server_ends_open_streams(database_url):
    """SIGTERM with a stream open: the stream ends (the client reconnects elsewhere with its
    Last-Event-ID) and the process exits cleanly, instead of waiting on the stream to be killed."""
    server = ServerProcess(database_url).start()
    try:
        with _client(server) as client:
            _make_events(client, transitions=0)
            with client.stream("GET", "/v1/events/stream") as response:
                stream = sse(response)
                take(stream, 1)
                server.process.terminate()
                with contextlib.suppress(httpx.RemoteProtocolError):  # cut, not always ended cleanly
                    assert list(stream) == []
        # uvicorn re-raises SIGTERM once its graceful shutdown is done: -15 is a clean exit.
        assert server.process.wait(timeout=10) in (0, -signal.SIGTERM)
    finally:
        server.stop()
