"""Retention: finished deliveries (with their attempt log) and, if configured, old events are
deleted in small batches, so the delivery log and the feed stay bounded.

What is never deleted: a delivery still pending or failing (it will be tried again), and an event
that is not yet fanned out or that any delivery still names, so nothing an undelivered event
needs goes. Deliveries go first: an event outlives every delivery of it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.config import Settings
from service.db import Database, utcnow
from service.webhooks.models import GIVEN_UP, SUCCEEDED
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import events_table as E

log = logging.getLogger("accord.webhooks")
BATCH = 500  # rows a purge transaction deletes: short transactions, no long lock on SQLite's one writer


@dataclass
class Purged:
    deliveries: int = 0
    events: int = 0


def purge_deliveries(conn: Connection, before: datetime) -> int:
    """One batch of finished deliveries created before `before`, with their attempts."""
    ids = (
        conn.execute(
            sa.select(D.c.id)
            .where((D.c.created_at < before) & D.c.status.in_((SUCCEEDED, GIVEN_UP)))
            .order_by(D.c.created_at)
            .limit(BATCH)
        )
        .scalars()
        .all()
    )
    if not ids:
        return 0
    conn.execute(sa.delete(AT).where(AT.c.delivery_id.in_(ids)))
    # The status is checked again: a redelivery may have made one active since it was read.
    return conn.execute(sa.delete(D).where(D.c.id.in_(ids) & D.c.status.in_((SUCCEEDED, GIVEN_UP)))).rowcount


def purge_events(conn: Connection, before: datetime) -> int:
    """One batch of events created before `before` that are fanned out and named by no delivery."""
    unneeded = (E.c.created_at < before) & E.c.fanned_out_at.is_not(None) & ~sa.exists().where(D.c.event_id == E.c.id)
    positions = (
        conn.execute(sa.select(E.c.position).where(unneeded).order_by(E.c.position).limit(BATCH)).scalars().all()
    )
    if not positions:
        return 0
    return conn.execute(sa.delete(E).where(E.c.position.in_(positions) & unneeded)).rowcount


async def purge(db: Database, settings: Settings) -> Purged:
    """Every batch that is due, one transaction each, yielding between them."""
    purged = Purged()
    now = utcnow()
    before = now - timedelta(days=settings.webhook_delivery_retention_days)
    while (count := await db.write(lambda conn: purge_deliveries(conn, before))) > 0:
        purged.deliveries += count
        await asyncio.sleep(0)
    if settings.event_retention_days is not None:
        before = now - timedelta(days=settings.event_retention_days)
        while (count := await db.write(lambda conn: purge_events(conn, before))) > 0:
            purged.events += count
            await asyncio.sleep(0)
    if purged.deliveries or purged.events:
        log.info("retention purged", extra={"deliveries": purged.deliveries, "events": purged.events})
    return purged
