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
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from service.agreements.models import agreements_table as A
from service.agreements.models import deadline_alerts_table as DA
from service.agreements.models import transitions_table as T
from service.agreements.service import _deadlines, _occurrences
from service.db import Database, utcnow
from service.webhooks import outbox
from workflows.clocks import LATEST, MISSED, PENDING

log = logging.getLogger("accord.deadlines")


def _insert(conn: Connection):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(DA).on_conflict_do_nothing()


def scan(conn: Connection, *, today: date, approaching_days: int, now: datetime) -> int:
    """Emit every alert due on `today` that has not been emitted; returns how many were."""
    rows = conn.execute(sa.select(A).where(A.c.authority.is_not(None)).order_by(A.c.id)).mappings().all()
    timelines: dict[str, list] = {}
    for entry in conn.execute(
        sa.select(T.c.agreement_id, T.c.event, T.c.occurred_at, T.c.clock, T.c.days)
        .join(A, A.c.id == T.c.agreement_id)
        .where(A.c.authority.is_not(None))
        .order_by(T.c.agreement_id, T.c.sequence)
    ):
        timelines.setdefault(entry.agreement_id, []).append(entry)
    emitted = 0
    for row in rows:
        for deadline in _deadlines(row, _occurrences(timelines.get(row["id"], [])), today):
            if deadline.bound != LATEST or deadline.due_date is None:
                continue
            if deadline.status == MISSED and deadline.occurred_on is None:
                kind = outbox.AGREEMENT_DEADLINE_MISSED
            elif deadline.status == PENDING and deadline.due_date - today <= timedelta(days=approaching_days):
                kind = outbox.AGREEMENT_DEADLINE_APPROACHING
            else:
                continue
            inserted = conn.execute(
                _insert(conn),
                {"agreement_id": row["id"], "clock": deadline.clock, "kind": kind, "due_date": deadline.due_date, "created_at": now},
            )
            if inserted.rowcount == 1:
                outbox.record(conn, type=kind, agreement_id=row["id"], data={"deadline": deadline.model_dump(mode="json")})
                emitted += 1
    return emitted


async def scan_once(db: Database, *, approaching_days: int) -> int:
    now = utcnow()
    return await db.write(lambda conn: scan(conn, today=now.date(), approaching_days=approaching_days, now=now))


async def run_periodically(db: Database, *, approaching_days: int, interval_seconds: float) -> None:
    while True:
        try:
            emitted = await scan_once(db, approaching_days=approaching_days)
            if emitted:
                log.info("deadline alerts emitted", extra={"count": emitted})
        except Exception:
            log.exception("deadline scan failed")
        await asyncio.sleep(interval_seconds)
