"""Retries, Retry-After and Idempotency-Key in the SDK's httpx transports, against mock servers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from accord_client import Accord, AsyncAccord, errors
from accord_client._transport import AsyncRetryTransport, RetryPolicy, RetryTransport, retry_after

NO_JITTER = RetryPolicy(max_retries=3, backoff=0.5, jitter=lambda cap: cap)
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


def _problem(status: int, slug: str, **extra) -> httpx.Response:
    body = {"type": f"https://accord.dev/problems/{slug}", "title": slug, "status": status, **extra}
    return httpx.Response(status, json=body, headers={"Content-Type": "application/problem+json"})


class Script:
    """A mock server answering from a list, recording each request it saw."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def _sync(script: Script, policy: RetryPolicy = NO_JITTER) -> tuple[httpx.Client, list[float]]:
    waits: list[float] = []
    transport = RetryTransport(httpx.MockTransport(script), policy, sleep=waits.append)
    return httpx.Client(transport=transport, base_url="http://accord.test"), waits


def test_retries_429_and_503_honouring_retry_after():
    script = Script(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503),
        httpx.Response(200, json={"ok": True}),
    )
    client, waits = _sync(script)
    assert client.get("/v1/agreements").json() == {"ok": True}
    assert waits == [7.0, 1.0]  # Retry-After, then backoff 0.5 * 2**1


def test_retry_after_as_http_date():
    when = datetime.now(UTC) + timedelta(seconds=20)
    assert 15 < retry_after(format_datetime(when, usegmt=True)) <= 20
    assert retry_after("soon") is None and retry_after(None) is None


def test_gives_up_after_max_retries_and_returns_the_last_answer():
    script = Script(*[httpx.Response(503) for _ in range(4)])
    client, waits = _sync(script)
    assert client.get("/readyz").status_code == 503
    assert len(script.requests) == 4 and waits == [0.5, 1.0, 2.0]


def test_waits_are_capped():
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))
    client, waits = _sync(script, RetryPolicy(max_backoff=30.0, jitter=lambda cap: cap))
    client.get("/")
    assert waits == [30.0]


def test_post_gets_one_idempotency_key_for_all_attempts():
    script = Script(httpx.ConnectError("refused"), httpx.Response(503), httpx.Response(201, json={}))
    client, _ = _sync(script)
    client.post("/v1/agreements", json={"title": "t"})
    keys = {r.headers.get("Idempotency-Key") for r in script.requests}
    assert len(script.requests) == 3 and len(keys) == 1 and None not in keys
    # The body is sent whole on every attempt.
    assert all(json.loads(r.content) == {"title": "t"} for r in script.requests)


def test_a_given_idempotency_key_is_kept():
    script = Script(httpx.Response(201, json={}))
    client, _ = _sync(script)
    client.post("/v1/agreements", json={}, headers={"Idempotency-Key": "mine"})
    assert script.requests[0].headers["Idempotency-Key"] == "mine"


def test_get_and_patch_get_no_idempotency_key():
    script = Script(httpx.Response(200), httpx.Response(200))
    client, _ = _sync(script)
    client.get("/v1/agreements")
    client.patch("/v1/agreements/agr_1", json={})
    assert all("Idempotency-Key" not in r.headers for r in script.requests)


def test_a_patch_that_may_have_arrived_is_not_retried():
    script = Script(httpx.ReadError("reset"))
    client, _ = _sync(script)
    with pytest.raises(httpx.ReadError):
        client.patch("/v1/agreements/agr_1", json={})
    assert len(script.requests) == 1


def test_a_patch_that_never_left_is_retried():
    script = Script(httpx.ConnectError("refused"), httpx.Response(200))
    client, _ = _sync(script)
    assert client.patch("/v1/agreements/agr_1", json={}).status_code == 200


def test_connection_errors_are_raised_after_the_last_retry():
    script = Script(*[httpx.ConnectError("refused") for _ in range(4)])
    client, waits = _sync(script)
    with pytest.raises(httpx.ConnectError):
        client.get("/")
    assert len(waits) == 3


async def test_async_transport_retries_with_one_key():
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    script = Script(httpx.Response(429, headers={"Retry-After": "2"}), httpx.ReadError("reset"), httpx.Response(201))
    transport = AsyncRetryTransport(httpx.MockTransport(script), NO_JITTER, sleep=sleep)
    async with httpx.AsyncClient(transport=transport, base_url="http://accord.test") as client:
        assert (await client.post("/v1/agreements", json={})).status_code == 201
    assert waits == [2.0, 1.0]
    assert len({r.headers["Idempotency-Key"] for r in script.requests}) == 1


# -- the Accord client over these transports ------------------------------------------------------


def test_accord_retries_then_raises_typed_rate_limited():
    script = Script(*[httpx.Response(429, headers={"Retry-After": "0"}) for _ in range(2)])
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=1, backoff=0)
    with pytest.raises(errors.RateLimited) as caught:
        accord.get_agreement("agr_1")
    assert caught.value.status == 429 and len(script.requests) == 2


def test_accord_maps_problem_types_to_exceptions():
    script = Script(
        _problem(
            409,
            "invalid-transition",
            current_state="announced",
            event="sign",
            allowed_events=["start_domestic_procedures", "suspend", "terminate"],
            reasons=["no"],
        ),
        _problem(409, "idempotency-in-progress"),
        _problem(422, "idempotency-key-reused"),
        _problem(412, "version-mismatch", current_version=3),
        _problem(428, "precondition-required"),
        _problem(418, "teapot"),
        httpx.Response(502, text="bad gateway"),
    )
    accord = Accord("http://accord.test", "k", transport=httpx.MockTransport(script), max_retries=0)
    with pytest.raises(errors.InvalidTransition) as invalid:
        accord.transition("agr_1", "sign")
    assert invalid.value.allowed_events == ["start_domestic_procedures", "suspend", "terminate"]
    with pytest.raises(errors.IdempotencyInProgress):
        accord.transition("agr_1", "sign")
    with pytest.raises(errors.IdempotencyKeyReused):
        accord.create_agreement("t", ["US", "JP"])
    with pytest.raises(errors.VersionMismatch) as stale:
        accord.update_agreement("agr_1", 2, title="new")
    assert stale.value.current_version == 3
    with pytest.raises(errors.PreconditionRequired):
        accord.update_agreement("agr_1", 2, title="new")
    with pytest.raises(errors.AccordError) as odd:
        accord.get_agreement("agr_1")
    assert type(odd.value) is errors.APIStatusError and odd.value.status == 418
    with pytest.raises(errors.ServerError) as gateway:
        accord.get_agreement("agr_1")
    assert gateway.value.status == 502 and gateway.value.title == "Bad Gateway"


def test_accord_sends_api_key_and_idempotency_key():
    script = Script(httpx.Response(201, json=AGREEMENT))
    accord = Accord("http://accord.test/", api_key="ak_secret", transport=httpx.MockTransport(script))
    assert accord.create_agreement("t", ["US", "JP"]).id == "agr_1"
    sent = script.requests[0]
    assert sent.headers["Authorization"] == "Bearer ak_secret"
    assert sent.headers["Idempotency-Key"]
    assert str(sent.url) == "http://accord.test/v1/agreements"


async def test_async_accord_paginates():
    pages = {
        None: {"data": [{**AGREEMENT, "id": "agr_1"}, {**AGREEMENT, "id": "agr_2"}], "next_cursor": "c2"},
        "c2": {"data": [{**AGREEMENT, "id": "agr_3"}], "next_cursor": None},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["limit"] == "2"
        return httpx.Response(200, json=pages[request.url.params.get("cursor")])

    async with AsyncAccord("http://accord.test", "k", transport=httpx.MockTransport(handler)) as accord:
        assert [a.id async for a in accord.iter_agreements(limit=2)] == ["agr_1", "agr_2", "agr_3"]
