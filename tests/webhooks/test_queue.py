"""The delivery queue without HTTP: fan-out in small steps, replay in batches, the endpoint cap,
and attempt records that always store (issue 9, items 1, 6 and 9)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
import sqlalchemy as sa

from service.db import Database
from service.errors import LimitReached
from service.principal import Principal
from service.webhooks import outbox, queue, service
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import events_table as E
from service.webhooks.queue import Outcome
from service.webhooks.schemas import ReplayRequest, WebhookEndpointCreate


@pytest.fixture
async def db(settings):
    """The database alone: no app, so no dispatcher races the steps these tests take."""
    database = Database.from_settings(settings)
    yield database
    await database.dispose()


ADMIN = Principal.system("test")


async def _endpoints(db, settings, count: int, **filters) -> list[str]:
    created = []
    for i in range(count):
        body = WebhookEndpointCreate(url=f"http://127.0.0.1:9/hook{i}", **filters)
        created.append((await service.create_endpoint(db, ADMIN, body)).id)
    return created


async def _event(db, agreement_id: str | None = "agr_1", type: str = outbox.AGREEMENT_UPDATED, **data) -> None:
    data = data or {"agreement": {"id": agreement_id, "parties": ["US", "JP"]}}
    await db.write(lambda c: outbox.record(c, type=type, agreement_id=agreement_id, data=data))


async def _rows(db, table: sa.Table) -> list[dict]:
    async with db.read() as conn:
        return [dict(r) for r in (await conn.execute(sa.select(table))).mappings().all()]


async def test_fan_out_to_many_endpoints_takes_small_ordered_steps(db, settings, monkeypatch):
    monkeypatch.setattr(queue, "FAN_OUT_PAIRS", 3)
    endpoints = await _endpoints(db, settings, 7)
    for _ in range(2):
        await _event(db)
    await _event(db, None, outbox.ENDPOINT_DISABLED, endpoint_id=endpoints[4], reason="gone")
    events = [e["id"] for e in sorted(await _rows(db, E), key=lambda e: e["position"])]

    steps, seen = 0, 0
    while await db.write(lambda c: queue.fan_out(c, 0)):
        steps += 1
        rows = await _rows(db, D)
        assert len(rows) - seen <= 3  # each step weighs at most FAN_OUT_PAIRS pairs
        seen = len(rows)
        by_event = defaultdict(set)
        for r in rows:
            by_event[r["event_id"]].add(r["endpoint_id"])
        # A later event is queued only once every earlier one is queued everywhere.
        if by_event[events[1]]:
            assert by_event[events[0]] == set(endpoints)
    assert steps >= 5
    rows = await _rows(db, D)
    targets = defaultdict(list)
    for r in rows:
        targets[r["event_id"]].append(r["endpoint_id"])
    assert sorted(targets[events[0]]) == sorted(targets[events[1]]) == sorted(endpoints)
    assert targets[events[2]] == [endpoints[4]]  # an endpoint event reaches its own endpoint only
    assert all(e["fanned_out_at"] is not None and e["fan_out_cursor"] is None for e in await _rows(db, E))


async def test_fan_out_with_few_endpoints_takes_several_events_a_step(db, settings, monkeypatch):
    monkeypatch.setattr(queue, "FAN_OUT_PAIRS", 4)
    [only] = await _endpoints(db, settings, 1, parties=["KR"])
    for i in range(6):
        await _event(db, f"agr_{i}", agreement={"id": f"agr_{i}", "parties": ["US", "KR" if i % 2 else "JP"]})
    assert await db.write(lambda c: queue.fan_out(c, 0)) is True  # 4 events
    assert await db.write(lambda c: queue.fan_out(c, 0)) is False  # the other 2
    assert sorted(r["agreement_id"] for r in await _rows(db, D)) == ["agr_1", "agr_3", "agr_5"]
    assert {r["endpoint_id"] for r in await _rows(db, D)} == {only}


async def test_an_endpoint_event_is_never_fanned_out_to_other_endpoints(db, settings):
    mine, _other, _listener = await _endpoints(db, settings, 3)
    await _event(db, None, outbox.ENDPOINT_DISABLED, endpoint_id=mine, reason="gone")
    while await db.write(lambda c: queue.fan_out(c, 0)):
        pass
    assert [r["endpoint_id"] for r in await _rows(db, D)] == [mine]


async def test_the_number_of_endpoints_is_capped(db, settings):
    settings.webhook_max_endpoints = 2
    first, _second = await _endpoints(db, settings, 2)
    with pytest.raises(LimitReached, match="ACCORD_WEBHOOK_MAX_ENDPOINTS"):
        await _endpoints(db, settings, 1)
    await service.delete_endpoint(db, ADMIN, first)
    await _endpoints(db, settings, 1)


async def test_replay_runs_in_batches_up_to_the_cap(db, settings, monkeypatch):
    monkeypatch.setattr(service, "REPLAY_BATCH", 2)
    monkeypatch.setattr(service, "REPLAY_MAX_EVENTS", 5)
    [endpoint] = await _endpoints(db, settings, 1)
    for i in range(7):
        await _event(db, f"agr_{i}")
    await _event(db, None, outbox.ENDPOINT_DISABLED, endpoint_id="we_someone_else", reason="gone")
    writes = 0
    write = db.write

    async def counting(op):
        nonlocal writes
        writes += 1
        return await write(op)

    monkeypatch.setattr(db, "write", counting)
    since = (await _rows(db, E))[0]["created_at"] - timedelta(seconds=1)
    result = await service.replay(db, ADMIN, endpoint, ReplayRequest(since=since))
    assert result.deliveries == 5 and writes == 3  # batches of 2, 2 and 1: the cap
    queued = sorted((await _rows(db, D)), key=lambda r: r["event_position"])
    assert [r["agreement_id"] for r in queued] == [f"agr_{i}" for i in range(5)]

    monkeypatch.setattr(service, "REPLAY_MAX_EVENTS", 100)
    result = await service.replay(db, ADMIN, endpoint, ReplayRequest(since=since))
    assert result.deliveries == 7  # not the other endpoint's event


async def test_an_attempt_with_any_text_is_stored(db, settings):
    [endpoint] = await _endpoints(db, settings, 1)
    await _event(db)
    await db.write(lambda c: queue.fan_out(c, 0))
    [job] = await db.write(lambda c: queue.claim(c, "w1", 10, timedelta(seconds=30)))
    outcome = Outcome(False, status=500, excerpt="a\x00b\ud800c" + "x" * 5000, error="e\x00\udfff" * 2000)
    await db.write(lambda c: queue.record(c, job, outcome, "w1", settings))
    [attempt] = await _rows(db, AT)
    assert attempt["response_excerpt"].startswith("ab?c") and len(attempt["response_excerpt"]) == 1024
    assert "\x00" not in attempt["error"] and len(attempt["error"]) == 1000
    [delivery] = await _rows(db, D)
    assert delivery["status"] == "failed" and delivery["attempts"] == 1 and delivery["endpoint_id"] == endpoint


async def test_a_batch_of_outcomes_is_recorded_in_one_write(db, settings, monkeypatch):
    """queue.record_many, as the dispatcher calls it once per batch: every attempt logged, the
    succeeded deliveries done, a failed one scheduled for retry, a lease another worker took over
    left alone, and an agreement's next delivery claimable only once its earlier one is recorded."""
    settings.webhook_retry_schedule = [0, 60]
    await _endpoints(db, settings, 1)
    for agreement in ("agr_1", "agr_2", "agr_3", "agr_1"):
        await _event(db, agreement)
    await db.write(lambda c: queue.fan_out(c, 0))
    jobs = await db.write(lambda c: queue.claim(c, "w1", 10, timedelta(seconds=30)))
    # agr_1's second delivery waits behind its first.
    assert [j.event_id for j in jobs] == [e["id"] for e in sorted(await _rows(db, E), key=lambda e: e["position"])][:3]
    ok, failed, lost = jobs
    # The third lease ran out and another worker holds it now.
    await db.write(lambda c: c.execute(sa.update(D).where(D.c.id == lost.delivery_id).values(locked_by="w2")))
    outcomes = [
        (ok, Outcome(True, status=204, duration_ms=3)),
        (failed, Outcome(False, status=500, error="HTTP 500", excerpt="oops")),
        (lost, Outcome(True, status=200)),
    ]
    writes = 0
    write = db.write

    async def counting(op):
        nonlocal writes
        writes += 1
        return await write(op)

    monkeypatch.setattr(db, "write", counting)
    assert await db.write(lambda c: queue.record_many(c, outcomes, "w1", settings)) == [None, None, None]
    monkeypatch.setattr(db, "write", write)
    assert writes == 1
    attempts = {a["delivery_id"]: a for a in await _rows(db, AT)}
    assert set(attempts) == {ok.delivery_id, failed.delivery_id, lost.delivery_id}
    assert attempts[ok.delivery_id]["succeeded"] and attempts[ok.delivery_id]["response_status"] == 204
    assert attempts[failed.delivery_id]["error"] == "HTTP 500"
    deliveries = {d["id"]: d for d in await _rows(db, D)}
    done = deliveries[ok.delivery_id]
    assert (done["status"], done["attempts"], done["locked_by"], done["last_status_code"]) == (
        "succeeded",
        1,
        None,
        204,
    )
    retry = deliveries[failed.delivery_id]
    assert (retry["status"], retry["attempts"], retry["locked_by"], retry["last_error"]) == (
        "failed",
        1,
        None,
        "HTTP 500",
    )
    assert retry["next_attempt_at"] > retry["updated_at"]  # the schedule's next step, 60 s on
    other = deliveries[lost.delivery_id]
    assert (other["status"], other["attempts"], other["locked_by"]) == ("pending", 0, "w2")
    # agr_1's first delivery is recorded: its second is claimable now.
    [after] = await db.write(lambda c: queue.claim(c, "w1", 10, timedelta(seconds=30)))
    assert after.event_id == sorted(await _rows(db, E), key=lambda e: e["position"])[3]["id"]
