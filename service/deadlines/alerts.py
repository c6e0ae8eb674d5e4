"""Deadline webhook events: `agreement.deadline_approaching` and `agreement.deadline_missed`,
each emitted exactly once per (agreement, clock).

Every process scans periodically. An alert is an INSERT ... ON CONFLICT DO NOTHING into
`deadline_alerts` and, only when that row was new, the outbox event, in the same transaction:
two workers scanning at once, or a restart, cannot emit it twice. Only `latest` clocks (the ITC
report) are deadlines in this sense; `earliest` clocks are guards on events.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from service.agreements.models import agreements_table as A
from service.agreements.timeline import clock_date
from service.db import Database, utcnow
from service.deadlines.models import deadline_alerts_table as DA
from service.deadlines.service import all_deadlines_on
from service.webhooks import outbox
from workflows.clocks import LATEST, MISSED, PENDING

log = logging.getLogger("accord.deadlines")


def _insert(conn: Connection):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(DA).on_conflict_do_nothing()


@dataclass(frozen=True)
class _Alert:
    agreement_id: str
    kind: str
    deadline: Any


async def _due_alerts(db: Database, *, today: date, approaching_days: int) -> list[_Alert]:
    """Work out which alerts are due from every agreement's deadlines. This runs as a read, off
    the write path: on SQLite the one writer would otherwise hold every write for the scan.
    An event recorded in the milliseconds between this read and the write is not seen: an alert
    can then go out for a deadline met a moment earlier.

    A missed deadline is news only if it fell after the agreement was recorded in Accord: loading
    the 2019 histories in 2026 must not announce 2019's deadlines as missed today."""
    async with db.read() as conn:
        recorded = {
            r.id: clock_date(r.created_at)
            for r in await conn.execute(sa.select(A.c.id, A.c.created_at).where(A.c.authority.is_not(None)))
        }
    due: list[_Alert] = []
    for deadline in await all_deadlines_on(db, today):
        if deadline.bound != LATEST or deadline.due_date is None:
            continue
        if deadline.status == MISSED and deadline.occurred_on is None:
            if deadline.due_date < recorded.get(deadline.agreement_id, date.min):
                continue
            due.append(_Alert(deadline.agreement_id, outbox.AGREEMENT_DEADLINE_MISSED, deadline))
        elif deadline.status == PENDING and deadline.due_date - today <= timedelta(days=approaching_days):
            due.append(_Alert(deadline.agreement_id, outbox.AGREEMENT_DEADLINE_APPROACHING, deadline))
    return due


def _emit(conn: Connection, alerts: list[_Alert], now: datetime) -> int:
    """Record each alert once: the unique row and its outbox event commit together or not at all."""
    emitted = 0
    for alert in alerts:
        inserted = conn.execute(
            _insert(conn),
            {
                "agreement_id": alert.agreement_id,
                "clock": alert.deadline.clock,
                "kind": alert.kind,
                "due_date": alert.deadline.due_date,
                "created_at": now,
            },
        )
        if inserted.rowcount == 1:
            data = {"deadline": alert.deadline.model_dump(mode="json")}
            outbox.record(conn, type=alert.kind, agreement_id=alert.agreement_id, data=data)
            emitted += 1
    return emitted


async def scan_once(db: Database, *, approaching_days: int) -> int:
    """Emit every alert due today that has not been emitted; returns how many were."""
    now = utcnow()
    due = await _due_alerts(db, today=clock_date(now), approaching_days=approaching_days)
    if not due:
        return 0
    return await db.write(lambda conn: _emit(conn, due, now))


async def run_periodically(db: Database, *, approaching_days: int, interval_seconds: float) -> None:
    while True:
        try:
            emitted = await scan_once(db, approaching_days=approaching_days)
            if emitted:
                log.info("deadline alerts emitted", extra={"count": emitted})
        except Exception:
            log.exception("deadline scan failed")
        await asyncio.sleep(interval_seconds)
