"""accord.events.stream(): Server-Sent Events as typed events, resumed with Last-Event-ID after a
dropped connection; and accord.events.iterate(follow=True), the polling alternative."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors, webhooks
from accord_client._sse import SSEDecoder
from sdk_support import problem, title

from tests.helpers import ADMIN_KEY


def test_decoder_follows_the_sse_rules():
    decoder = SSEDecoder()
    lines = [
        ": keep-alive",
        "",
        "retry: 2500",
        "id: c1",
        "event: agreement.created",
        "data: {",
        'data:  "a": 1}',
        "",
        "data: second",
        "",
        "id",
        "event: x",
        "data:",
        "",
    ]
    messages = [m for m in map(decoder.feed, lines) if m is not None]
    assert [(m.id, m.event, m.data, m.retry) for m in messages] == [
        ("c1", "agreement.created", '{\n "a": 1}', 2500),
        ("c1", None, "second", None),  # the last event id carries over
        ("", "x", "", None),  # an empty id resets it
    ]


def _feed_event(number: int, type: str = "endpoint.disabled") -> dict:
    return {
        "id": f"evt_{number}",
        "type": type,
        "agreement_id": None,
        "position": number,
        "created_at": "2026-01-01T00:00:00Z",
        "data": {"endpoint_id": f"we_{number}", "reason": "tests"},
    }


def _sse(number: int, type: str = "endpoint.disabled") -> bytes:
    return f"id: c{number}\nevent: {type}\ndata: {json.dumps(_feed_event(number, type))}\n\n".encode()


class Dropped(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that sends `chunks` and then, if `drop`, breaks like a reset connection."""

    def __init__(self, *chunks: bytes, drop: bool) -> None:
        self.chunks, self.drop = chunks, drop

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.drop:
            raise httpx.ReadError("connection reset")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.drop:
            raise httpx.ReadError("connection reset")


class StreamServer:
    """Answers GET /v1/events/stream from a list of bodies, recording each request."""

    def __init__(self, *bodies) -> None:
        self.bodies = list(bodies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/events/stream"
        self.requests.append(request)
        body = self.bodies.pop(0)
        if isinstance(body, httpx.Response):
            return body
        return httpx.Response(200, headers={"Content-Type": "text/event-stream"}, stream=body)


def _take(iterator, count: int) -> list:
    taken = []
    for item in iterator:
        taken.append(item)
        if len(taken) == count:
            break
    return taken


def test_stream_yields_typed_events_and_resumes_with_last_event_id():
    server = StreamServer(
        Dropped(b": ping\n\n", _sse(1), _sse(2), drop=True),
        Dropped(_sse(3, "agreement.ratified"), _sse(4), drop=False),
    )
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(server), backoff=0)
    events = _take(accord.events.stream(after="c0", type="endpoint.disabled"), 4)
    assert [e.id for e in events] == ["evt_1", "evt_2", "evt_3", "evt_4"]
    assert [e.cursor for e in events] == ["c1", "c2", "c3", "c4"]
    assert isinstance(events[0], webhooks.EndpointDisabled) and events[0].endpoint_id == "we_1"
    assert type(events[2]) is webhooks.UnknownEvent  # a type newer than this client
    first, second = server.requests
    assert first.url.params["after"] == "c0" and first.url.params["type"] == "endpoint.disabled"
    assert "Last-Event-ID" not in first.headers and first.headers["Accept"] == "text/event-stream"
    assert second.headers["Last-Event-ID"] == "c2"  # the server resumes after the last event received


def test_stream_without_reconnect_raises_a_wrapped_error():
    server = StreamServer(Dropped(_sse(1), drop=True))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(server), backoff=0)
    received = []
    with pytest.raises(errors.APIConnectionError) as caught:
        for event in accord.events.stream(reconnect=False):
            received.append(event.id)
    assert received == ["evt_1"] and isinstance(caught.value.__cause__, httpx.ReadError)


def test_stream_gives_up_after_max_retries_failures_in_a_row():
    server = StreamServer(*(Dropped(drop=True) for _ in range(3)))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(server), backoff=0, max_retries=2)
    with pytest.raises(errors.APIConnectionError):
        list(accord.events.stream())
    assert len(server.requests) == 3


def test_stream_errors_are_typed_and_not_retried():
    server = StreamServer(problem(401, "unauthorized"))
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(server), backoff=0)
    with pytest.raises(errors.AuthenticationError):
        next(accord.events.stream())
    assert len(server.requests) == 1


async def test_async_stream_resumes_with_last_event_id():
    server = StreamServer(Dropped(_sse(1), drop=True), Dropped(_sse(2), drop=False))
    async with AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(server), backoff=0) as accord:
        events = []
        async for event in accord.events.stream():
            events.append(event)
            if len(events) == 2:
                break
    assert [e.cursor for e in events] == ["c1", "c2"]
    assert server.requests[1].headers["Last-Event-ID"] == "c1"


# -- against the real server ----------------------------------------------------------------------


@pytest.fixture
def accord(accord_server):
    with Accord(accord_server.base_url, ADMIN_KEY, timeout=10) as client:
        yield client


def test_live_stream_from_the_start_of_an_agreement(accord: Accord):
    agreement = accord.agreements.create(title("United States-Brazil"), ["US", "BR"], authority="other")
    accord.transitions.create(agreement.id, "start_domestic_procedures")
    events = _take(accord.events.stream(agreement_id=agreement.id), 2)
    assert [type(e) for e in events] == [webhooks.AgreementCreated, webhooks.AgreementTransitioned]
    created, moved = events
    assert created.agreement.id == agreement.id and moved.transition.event == "start_domestic_procedures"
    assert moved.transition.recorded_at is not None and moved.agreement.state == "domestic_procedures"
    # A cursor resumes after its event; the feed says the same.
    (again,) = _take(accord.events.stream(agreement_id=agreement.id, after=created.cursor), 1)
    assert again.id == moved.id
    assert accord.events.get(moved.id).type_ == "agreement.transitioned"


async def test_live_stream_async_sees_new_events(accord_server):
    import asyncio

    async with AsyncAccord(accord_server.base_url, ADMIN_KEY, timeout=10) as accord:
        agreement = await accord.agreements.create(title("United States-Chile"), ["US", "CL"], authority="other")

        async def first_two() -> list[webhooks.WebhookEvent]:
            seen = []
            async for event in accord.events.stream(agreement_id=agreement.id):
                seen.append(event)
                if len(seen) == 2:
                    return seen
            return seen

        reader = asyncio.create_task(first_two())
        await asyncio.sleep(0.3)
        await accord.transitions.create(agreement.id, "start_domestic_procedures")  # committed while streaming
        events = await asyncio.wait_for(reader, 20)
    assert [e.type for e in events] == ["agreement.created", "agreement.transitioned"]


def test_live_iterate_follows_the_feed(accord: Accord):
    agreement = accord.agreements.create(title("United States-Peru"), ["US", "PE"], authority="other")
    feed = accord.events.iterate(agreement_id=agreement.id, follow=True, poll_interval=0.1, limit=1)
    assert next(feed).type_ == "agreement.created"
    accord.transitions.create(agreement.id, "start_domestic_procedures")
    started = time.monotonic()
    assert next(feed).type_ == "agreement.transitioned"  # polled until it appeared
    assert time.monotonic() - started < 10
    assert [e.type_ for e in accord.events.iterate(agreement_id=agreement.id)] == [
        "agreement.created",
        "agreement.transitioned",
    ]
