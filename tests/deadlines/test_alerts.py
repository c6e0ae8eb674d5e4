"""agreement.deadline_approaching / agreement.deadline_missed: once per deadline, across scans,
restarts and two workers, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa

from service.agreements.models import agreements_table as A
from service.db import Database, utcnow
from service.deadlines import alerts
from service.webhooks.models import events_table as E
from tests.helpers import create_agreement, fire

DEADLINE_TYPES = ("agreement.deadline_approaching", "agreement.deadline_missed")


async def _notified(client, db, days_ago: int) -> str:
    """A tpa agreement whose President notified Congress of the intent to sign `days_ago` days ago:
    its advisory committees' reports are due 30 days later (19 U.S.C. 4204(b)(4)). The agreement
    counts as recorded in Accord the day before the notice, so its deadline is news."""
    today = utcnow().date()
    aid = (
        await create_agreement(
            client, announced_at=(today - timedelta(days=days_ago + 400)).isoformat(), authority="tpa"
        )
    )["id"]
    response = await fire(
        client, aid, "notify_intent_to_sign", occurred_at=(today - timedelta(days=days_ago)).isoformat()
    )
    assert response.status_code == 201, response.text
    recorded = utcnow() - timedelta(days=days_ago + 1)
    await db.write(lambda conn: conn.execute(sa.update(A).where(A.c.id == aid).values(created_at=recorded)))
    return aid


async def _deadline_events(db: Database) -> list[tuple[str, str]]:
    async with db.read() as conn:
        rows = await conn.execute(
            sa.select(E.c.type, E.c.agreement_id).where(E.c.type.in_(DEADLINE_TYPES)).order_by(E.c.position)
        )
        return [tuple(r) for r in rows]


async def test_missed_and_approaching_are_emitted_once(db, client):
    missed = await _notified(client, db, days_ago=100)  # advisory reports due 70 days ago
    soon = await _notified(client, db, days_ago=20)  # due in 10 days
    later = await _notified(client, db, days_ago=0)  # due in 30 days: not yet
    assert await alerts.scan_once(db, approaching_days=14) == 2
    assert sorted(await _deadline_events(db)) == sorted(
        [
            ("agreement.deadline_missed", missed),
            ("agreement.deadline_approaching", soon),
        ]
    )
    assert await alerts.scan_once(db, approaching_days=14) == 0
    feed = (await client.get("/v1/events", params={"type": "agreement.deadline_missed"})).json()["data"]
    (event,) = feed
    assert event["data"]["deadline"]["clock"] == "advisory_reports"
    assert event["data"]["deadline"]["status"] == "missed"
    # A longer horizon reaches the third; the first two stay emitted once.
    assert await alerts.scan_once(db, approaching_days=100) == 1
    assert len(await _deadline_events(db)) == 3 and later in {a for _, a in await _deadline_events(db)}
    # Once the report arrives nothing more is emitted for it.
    assert (await fire(client, soon, "advisory_reports")).status_code == 201
    assert await alerts.scan_once(db, approaching_days=100) == 0


async def test_once_across_a_restart_and_two_workers(db, client, database_url):
    await _notified(client, db, days_ago=100)
    await _notified(client, db, days_ago=200)
    workers = [Database(database_url), Database(database_url)]
    try:
        counts = await asyncio.gather(*(alerts.scan_once(w, approaching_days=14) for w in workers))
        assert sorted(counts) in ([0, 2], [1, 1])
        assert len(await _deadline_events(db)) == 2
        # "Restart": a fresh process's first scan finds everything already emitted.
        restarted = Database(database_url)
        try:
            assert await alerts.scan_once(restarted, approaching_days=14) == 0
        finally:
            await restarted.dispose()
    finally:
        for w in workers:
            await w.dispose()
    assert len(await _deadline_events(db)) == 2


async def test_webhook_endpoints_may_subscribe_to_deadline_events(client):
    workflow_types = (await client.get("/openapi.json")).json()
    text = str(workflow_types)
    assert "agreement.deadline_approaching" in text and "agreement.deadline_missed" in text


async def test_a_deadline_that_fell_before_the_agreement_was_recorded_is_not_news(db, client):
    """Loading a 2019 history in 2026 sends no agreement.deadline_missed for 2019's deadlines."""
    today = utcnow().date()
    aid = (await create_agreement(client, announced_at=(today - timedelta(days=500)).isoformat(), authority="tpa"))[
        "id"
    ]
    notice = (today - timedelta(days=100)).isoformat()
    assert (await fire(client, aid, "notify_intent_to_sign", occurred_at=notice)).status_code == 201
    deadlines = (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]
    assert {d["clock"]: d["status"] for d in deadlines}["advisory_reports"] == "missed"
    assert await alerts.scan_once(db, approaching_days=14) == 0
