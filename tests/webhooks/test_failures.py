"""No delivery can be stuck: whatever goes wrong while sending becomes a recorded failed attempt
with its error, on the normal retry schedule (issue 9, item 1)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from service.webhooks import queue
from service.webhooks.dispatcher import Dispatcher, describe
from service.webhooks.models import endpoints_table as W
from service.webhooks.queue import Job
from service.webhooks.ssrf import AddressRefused, _refusal
from tests.helpers import create_agreement
from tests.webhooks.conftest import RawReceiver, deliveries, eventually, eventually_async, subscribe

NUL_BODY = b"bad\x00body \xff\xfe"
MISBEHAVING = {
    "garbage": b"GARBAGE\r\n\r\n",
    "header over 8190 bytes": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 9000 + b"\r\nContent-Length: 0\r\n\r\n",
    "NUL in the body": b"HTTP/1.1 500 Oops\r\nContent-Length: %d\r\n\r\n%s" % (len(NUL_BODY), NUL_BODY),
}


async def _delivery_with(client, endpoint_id: str, attempts: int) -> dict:
    async def check():
        log = await deliveries(client, endpoint_id)
        return log and log[0]["attempts"] >= attempts and log[0]

    return await eventually_async(check)


@pytest.mark.parametrize("kind", list(MISBEHAVING))
async def test_a_misbehaving_receiver_gets_failed_attempts_on_the_schedule(app, client, kind):
    app.state.settings.webhook_retry_schedule = [0, 0.5, 0.5, 60]
    app.state.settings.webhook_retry_jitter = 0
    receiver = await RawReceiver(MISBEHAVING[kind]).start()
    try:
        endpoint = await subscribe(client, receiver.url, event_types=["agreement.created"])
        await create_agreement(client)
        first = await _delivery_with(client, endpoint["id"], 1)
        second = await _delivery_with(client, endpoint["id"], 2)
    finally:
        await receiver.stop()
    assert receiver.requests >= 2
    for delivery in (first, second):
        assert delivery["status"] == "failed"
        assert delivery["next_attempt_at"] is not None
    assert second["next_attempt_at"] > first["next_attempt_at"]
    newest, oldest = second["attempt_log"][:2]
    assert oldest["succeeded"] is False and oldest["error"]
    assert newest["attempted_at"] > oldest["attempted_at"]
    if kind == "NUL in the body":
        # Stored on both databases: PostgreSQL refuses NUL in text, so it is stripped.
        assert oldest["response_status"] == 500 and oldest["error"] == "HTTP 500"
        assert oldest["response_excerpt"].startswith("badbody ")
    else:
        assert oldest["response_status"] is None
        assert oldest["error"].startswith("The response is not valid HTTP: ")
        assert ("GARBAGE" if kind == "garbage" else "8190") in oldest["error"]


async def test_a_stored_url_with_credentials_fails_with_a_clear_error(app, client, db, receiver):
    """Such URLs are refused at creation; one stored before that still moves on."""
    app.state.settings.webhook_retry_schedule = [0, 60]
    endpoint = await subscribe(client, receiver.url, event_types=["agreement.created"])
    with_credentials = receiver.url.replace("http://", "http://user:pass@")
    await db.write(lambda c: c.execute(sa.update(W).where(W.c.id == endpoint["id"]).values(url=with_credentials)))
    await create_agreement(client)
    delivery = await _delivery_with(client, endpoint["id"], 1)
    assert delivery["status"] == "failed" and delivery["next_attempt_at"] is not None
    assert "user name or password" in delivery["attempt_log"][0]["error"]
    assert receiver.requests == []


async def test_a_failure_to_record_the_response_still_moves_the_delivery_on(app, client, receiver, monkeypatch):
    record_many = queue.record_many

    def refuse_excerpts(conn, results, worker, settings):
        if any(outcome.excerpt is not None for _, outcome in results):
            raise ValueError("the excerpt cannot be stored")
        return record_many(conn, results, worker, settings)

    # The batch write and the one-by-one retry (queue.record calls record_many) both refuse it.
    monkeypatch.setattr(queue, "record_many", refuse_excerpts)
    endpoint = await subscribe(client, receiver.url, event_types=["agreement.created"])
    await create_agreement(client)
    await eventually(lambda: len(receiver.accepted) == 1)

    async def succeeded():
        log = await deliveries(client, endpoint["id"])
        return log and log[0]["status"] == "succeeded" and log[0]

    delivery = await eventually_async(succeeded)
    [attempt] = delivery["attempt_log"]
    assert attempt["succeeded"] is True and attempt["response_status"] == 200
    assert attempt["response_excerpt"] is None
    assert len(receiver.requests) == 1


class _Exploding:
    """An HTTP client whose every request fails with `error`."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def stream(self, *_args, **_kwargs):
        raise self.error


@pytest.mark.parametrize(
    "error", [RuntimeError("boom"), ValueError(), KeyError("x"), UnicodeDecodeError("utf-8", b"", 0, 1, "bad")]
)
async def test_any_exception_while_sending_is_a_failed_outcome(settings, error):
    dispatcher = Dispatcher(None, settings, _Exploding(error))  # type: ignore[arg-type]
    job = Job("wdl_1", 0, datetime.now(UTC), "we_1", "http://127.0.0.1:9/hook", ["whsec_" + "QUJD" * 8], "evt_1", "{}")
    outcome = await dispatcher.send(job)
    assert outcome.succeeded is False and outcome.status is None
    assert outcome.error.startswith(type(error).__name__)


def test_an_ssrf_refusal_is_named_however_deeply_it_is_wrapped():
    refused = AddressRefused(_refusal("rebind.test", ["127.0.0.1"], when=" at connect time"))
    try:
        try:
            raise refused
        except OSError as exc:
            raise ConnectionError("Cannot connect to host rebind.test:80") from exc
    except ConnectionError as wrapped:
        text = describe(wrapped)
    assert text.startswith("Not sent: 'rebind.test' resolves to 127.0.0.1 at connect time")
    assert describe(RuntimeError()) == "RuntimeError"
