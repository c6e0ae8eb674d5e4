"""agreement.deadline_approaching / agreement.deadline_missed: once per deadline, across scans,
restarts and two workers, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa

from service.db import Database, utcnow
from service.deadlines import alerts
from service.webhooks.models import events_table as E
from tests.helpers import create_agreement, fire

DEADLINE_TYPES = ("agreement.deadline_approaching", "agreement.deadline_missed")


async def _signed(client, days_ago: int) -> str:
    """A tpa agreement signed `days_ago` days ago, every clock respected; no ITC report yet."""
    today = utcnow().date()

    def ago(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    start = days_ago + 400
    aid = (await create_agreement(client, announced_at=ago(start), authority="tpa"))["id"]
    for event, day in [
        ("start_domestic_procedures", start),
        ("notify_congress", start),
        ("publish_objectives", start),
        ("open_negotiations", start - 100),
        ("reach_preliminary", days_ago + 100),
        ("notify_intent_to_sign", days_ago + 90),
        ("publish_text", days_ago + 90),
        ("sign", days_ago),
    ]:
        response = await fire(client, aid, event, occurred_at=ago(day))
        assert response.status_code == 201, response.text
    return aid


async def _deadline_events(db: Database) -> list[tuple[str, str]]:
    async with db.read() as conn:
        rows = await conn.execute(
            sa.select(E.c.type, E.c.agreement_id).where(E.c.type.in_(DEADLINE_TYPES)).order_by(E.c.position)
        )
        return [tuple(r) for r in rows]


async def test_missed_and_approaching_are_emitted_once(db, client):
    missed = await _signed(client, days_ago=200)  # ITC due 95 days ago
    soon = await _signed(client, days_ago=100)  # ITC due in 5 days
    later = await _signed(client, days_ago=10)  # ITC due in 95 days: not yet
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
    assert event["data"]["deadline"]["clock"] == "itc_report" and event["data"]["deadline"]["status"] == "missed"
    # A longer horizon reaches the third; the first two stay emitted once.
    assert await alerts.scan_once(db, approaching_days=100) == 1
    assert len(await _deadline_events(db)) == 3 and later in {a for _, a in await _deadline_events(db)}
    # Once the report arrives nothing more is emitted for it.
    assert (await fire(client, soon, "itc_report")).status_code == 201
    assert await alerts.scan_once(db, approaching_days=100) == 0


async def test_once_across_a_restart_and_two_workers(db, client, database_url):
    await _signed(client, days_ago=200)
    await _signed(client, days_ago=300)
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
