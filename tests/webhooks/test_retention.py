"""Retention: finished deliveries and their attempts go after the configured time, in batches;
pending and failing ones stay; events go only when configured and no delivery names them."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from service.db import utcnow
from service.webhooks import retention
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import events_table as E
from tests.helpers import create_agreement, fire
from tests.webhooks.conftest import eventually


async def _count(db, table) -> int:
    async with db.read() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(table))).scalar_one()


async def _age(db, table, days: float) -> None:
    """Make every row of `table` look `days` old."""
    then = utcnow() - timedelta(days=days)
    await db.write(lambda conn: conn.execute(sa.update(table).values(created_at=then)))


async def test_finished_deliveries_go_after_the_retention_and_active_ones_stay(client, db, receiver, settings):
    await client.post("/v1/webhook-endpoints", json={"url": receiver.url})
    aid = (await create_agreement(client))["id"]
    assert (await fire(client, aid, "start_domestic_procedures")).status_code == 201
    await eventually(lambda: len(receiver.accepted) == 2)
    assert await _count(db, D) == 2 and await _count(db, AT) >= 2

    # Younger than the retention: kept.
    assert await retention.purge(db, settings) == retention.Purged(0, 0)
    assert await _count(db, D) == 2

    # Older: both succeeded deliveries go with their attempts. A failing delivery of the same age
    # stays, and so does its event (events are kept forever by default).
    await _age(db, D, settings.webhook_delivery_retention_days + 1)
    async with db.read() as conn:
        first = (await conn.execute(sa.select(D.c.id).order_by(D.c.created_at).limit(1))).scalar_one()
    await db.write(lambda conn: conn.execute(sa.update(D).where(D.c.id == first).values(status="failed")))
    purged = await retention.purge(db, settings)
    assert purged.deliveries == 1 and purged.events == 0
    assert await _count(db, D) == 1 and await _count(db, E) == 2
    async with db.read() as conn:
        left = (await conn.execute(sa.select(AT.c.delivery_id).distinct())).scalars().all()
    assert left == [first]


async def test_events_go_only_when_configured_and_no_delivery_names_them(client, db, receiver, settings):
    await client.post("/v1/webhook-endpoints", json={"url": receiver.url})
    aid = (await create_agreement(client))["id"]
    await eventually(lambda: len(receiver.accepted) == 1)
    assert (await fire(client, aid, "start_domestic_procedures")).status_code == 201
    await eventually(lambda: len(receiver.accepted) == 2)
    await _age(db, E, 400)
    await _age(db, D, 400)
    # The second delivery is failing: its event must stay, however old.
    async with db.read() as conn:
        last = (await conn.execute(sa.select(D.c.id, D.c.event_id).order_by(D.c.event_position.desc()))).first()
    await db.write(lambda conn: conn.execute(sa.update(D).where(D.c.id == last.id).values(status="failed")))

    kept_forever = settings.model_copy(update={"event_retention_days": None})
    # The finished delivery goes; its event stays while events are kept forever.
    assert await retention.purge(db, kept_forever) == retention.Purged(deliveries=1, events=0)

    yearly = settings.model_copy(update={"event_retention_days": 365})
    purged = await retention.purge(db, yearly)
    assert purged == retention.Purged(deliveries=0, events=1)
    async with db.read() as conn:
        remaining = (await conn.execute(sa.select(E.c.id))).scalars().all()
    assert remaining == [last.event_id]
    # The feed goes on from where it is: the next page after a purged position is the rest.
    feed = (await client.get("/v1/events")).json()["data"]
    assert [e["id"] for e in feed] == [last.event_id]


async def test_purging_runs_in_batches(client, db, settings, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)
    aid = (await create_agreement(client))["id"]
    for _ in range(4):
        assert (await fire(client, aid, "suspend")).status_code == 201
        assert (await fire(client, aid, "resume")).status_code == 201
    await _age(db, E, 10)
    # No endpoint: nothing to deliver; fan-out still marks the events as done.
    async with db.read() as conn:
        unfanned = (await conn.execute(sa.select(sa.func.count()).where(E.c.fanned_out_at.is_(None)))).scalar_one()
    if unfanned:
        await db.write(lambda conn: conn.execute(sa.update(E).values(fanned_out_at=utcnow())))
    purged = await retention.purge(db, settings.model_copy(update={"event_retention_days": 1}))
    assert purged.events == 9 and await _count(db, E) == 0
