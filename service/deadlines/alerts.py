"""Deadline webhook events: `agreement.deadline_approaching` and `agreement.deadline_missed`,
each emitted exactly once per (agreement, clock).

Every process scans periodically. An alert is an INSERT ... ON CONFLICT DO NOTHING into
`deadline_alerts` and, only when that row was new, the outbox event, in the same transaction:
two workers scanning at once, or a restart, cannot emit it twice. Only `latest` clocks (the ITC
report) are deadlines in this sense; `earliest` clocks are guards on events.

A consultation's dates (comments due, a hearing) raise `agreement.deadline_approaching` once per
consultation and date, keyed `<date field>:<consultation id>` in `deadline_alerts.clock`, and never
`agreement.deadline_missed`: a public comment date cannot be missed, it passes. A date moved
after its alert (a comment period extended) is not announced again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from service.agreements.models import agreements_table as A
from service.agreements.timeline import clock_date
from service.db import Database, utcnow
from service.deadlines import rows
from service.deadlines.models import deadline_alerts_table as DA
from service.deadlines.models import deadlines_table as D
from service.deadlines.schemas import Deadline
from service.deadlines.service import consultation_deadlines_across, pages
from service.webhooks import catalog, outbox
from workflows.clocks import LATEST

log = logging.getLogger("accord.deadlines")


class DeadlineAlert(BaseModel):
    deadline: Deadline


# USMCA's joint review (Art. 34.7), as the seed records it: due 2026-07-01, with no review recorded.
_EXAMPLE = {
    "deadline": {
        "agreement_id": "agr_01M86R0ZECFF390YXQ0ZQQ8E2X",
        "clock": "joint_review",
        "event": "joint_review",
        "trigger": "implement",
        "trigger_date": "2020-07-01",
        "days": 0,
        "extension_days": 0,
        "bound": "latest",
        "due_date": "2026-07-01",
        "status": "missed",
        "occurred_on": None,
        "closes": None,
        "exemption": None,
        "legal_basis": "USMCA Art. 34.7 (Review and Term Extension), para. 2",
        "description": "on the sixth anniversary of the agreement's entry into force, the Free Trade Commission "
        "meets to conduct a joint review of its operation; each Party confirms in writing whether it wishes "
        "to extend the 16-year term",
        "source": "statutory",
        "consultation_id": None,
        "docket_id": None,
    }
}
catalog.declare(
    outbox.AGREEMENT_DEADLINE_APPROACHING,
    "A deadline (a `latest` clock: the event must come by its due date) is due within "
    "ACCORD_DEADLINE_APPROACHING_DAYS. Sent once per agreement and clock. A consultation's comment or "
    "hearing date (`source: consultation`) is announced the same way, once per consultation and date.",
    DeadlineAlert,
    {"deadline": {**_EXAMPLE["deadline"], "status": "pending"}},
)
catalog.declare(
    outbox.AGREEMENT_DEADLINE_MISSED,
    "A deadline passed without its event. Sent once per agreement and clock, and only for "
    "deadlines that fall after the agreement was recorded in Accord. Never for a consultation's dates, "
    "which pass rather than being missed.",
    DeadlineAlert,
    _EXAMPLE,
)


def _insert(conn: Connection):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(DA).on_conflict_do_nothing()


def _note(conn: Connection):
    """NOT_NEWS, noted with the due date it was for (a moved date is looked at again)."""
    insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(DA)
    return insert.on_conflict_do_update(
        index_elements=[DA.c.agreement_id, DA.c.clock, DA.c.kind],
        set_={"due_date": insert.excluded.due_date, "created_at": insert.excluded.created_at},
    )


@dataclass(frozen=True)
class _Alert:
    agreement_id: str
    kind: str
    deadline: Any
    # deadline_alerts.clock: the clock, or `<date field>:<consultation id>` (at most 56 characters).
    key: str


# Not an alert: a deadline missed before its agreement was recorded in Accord, for which no
# agreement.deadline_missed goes out. Kept in deadline_alerts with that due date so the scan does
# not read it again, until a write moves the date.
NOT_NEWS = "not_news:agreement.deadline_missed"


def _recorded(kind: str, *, same_due_date: bool = False) -> sa.Exists:
    """A deadline_alerts row of `kind` for the row's clock (by its primary key)."""
    match = (DA.c.agreement_id == D.c.agreement_id) & (DA.c.clock == D.c.clock) & (DA.c.kind == kind)
    return sa.exists().where(match & (DA.c.due_date == D.c.due_date) if same_due_date else match)


def _unsent(kind: str) -> sa.ColumnElement[bool]:
    """Open `latest` clocks (pending, or missed once due) with no `kind` alert yet: a range of
    ix_deadlines_resolution, each row checked against deadline_alerts' primary key."""
    unsent = (D.c.resolution == rows.OPEN) & (D.c.bound == LATEST) & ~_recorded(kind)
    return unsent & ~_recorded(NOT_NEWS, same_due_date=True) if kind == outbox.AGREEMENT_DEADLINE_MISSED else unsent


async def _due_alerts(db: Database, *, today: date, approaching_days: int) -> list[_Alert]:
    """Every alert due (`_due_alert_pages` at once: for tests and bench/deadlines.py)."""
    return [a async for page in _due_alert_pages(db, today=today, approaching_days=approaching_days) for a in page]


async def _due_alert_pages(db: Database, *, today: date, approaching_days: int) -> AsyncIterator[list[_Alert]]:
    """Work out which alerts are due from the deadlines table, reading only the rows in each alert's
    window that have no alert yet, a page at a time. This runs as a read, off the write path: on
    SQLite the one writer would otherwise hold every write for the scan. An event recorded in the
    milliseconds between this read and the write is not seen: an alert can then go out for a
    deadline met a moment earlier.

    A missed deadline is news only if it fell after the agreement was recorded in Accord: loading
    the 2019 histories in 2026 must not announce 2019's deadlines as missed today. Those are noted
    (NOT_NEWS), so the next scan does not read them again."""
    horizon = today + timedelta(days=approaching_days + 1)
    approaching = outbox.AGREEMENT_DEADLINE_APPROACHING
    async for page in pages(db, _unsent(approaching), due_on_or_after=today, due_before=horizon):
        yield [_Alert(row["agreement_id"], approaching, rows.to_deadline(row, today), row["clock"]) for row in page]
    missed = outbox.AGREEMENT_DEADLINE_MISSED
    async for page in pages(db, _unsent(missed), due_before=today):
        async with db.read() as conn:
            recorded = {
                r.id: clock_date(r.created_at)
                for r in await conn.execute(
                    sa.select(A.c.id, A.c.created_at).where(A.c.id.in_({r["agreement_id"] for r in page}))
                )
            }
        due = []
        for row in page:
            news = row["due_date"] >= recorded.get(row["agreement_id"], date.min)
            due.append(
                _Alert(row["agreement_id"], missed if news else NOT_NEWS, rows.to_deadline(row, today), row["clock"])
            )
        yield due
    # Consultations' dates from today to the horizon, read from their date indexes.
    yield [
        _Alert(deadline.agreement_id, approaching, deadline, f"{deadline.clock}:{deadline.consultation_id}")
        for deadline in await consultation_deadlines_across(db, today=today, due_on_or_after=today, due_before=horizon)
    ]


def _emit(conn: Connection, alerts: list[_Alert], now: datetime) -> int:
    """Record each alert once: the unique row and its outbox event commit together or not at all.
    NOT_NEWS rows are noted in one statement, neither sent nor counted."""
    emitted = 0
    noted = []
    for alert in alerts:
        values = {
            "agreement_id": alert.agreement_id,
            "clock": alert.key,
            "kind": alert.kind,
            "due_date": alert.deadline.due_date,
            "created_at": now,
        }
        if alert.kind == NOT_NEWS:
            noted.append(values)
            continue
        inserted = conn.execute(_insert(conn), values)
        if inserted.rowcount == 1:
            data = DeadlineAlert(deadline=alert.deadline).model_dump(mode="json")
            outbox.record(conn, type=alert.kind, agreement_id=alert.agreement_id, data=data)
            emitted += 1
    if noted:
        conn.execute(_note(conn), noted)
    return emitted


# Alerts written per transaction: a first scan of a large database notes thousands of old
# deadlines, and on SQLite every other write waits while one transaction holds the writer.
_EMIT_BATCH = 500


async def scan_once(db: Database, *, approaching_days: int) -> int:
    """Emit every alert due today that has not been emitted; returns how many were."""
    now = utcnow()
    emitted = 0
    # Each page's alerts are written before the next page is read: the first scan of a loaded
    # history found 20,164 old missed deadlines, and holding them all took RSS past 150 MB
    # (bench/scale.py). Rows written are behind the pages' keyset cursor, so none is read twice.
    async for due in _due_alert_pages(db, today=clock_date(now), approaching_days=approaching_days):
        for start in range(0, len(due), _EMIT_BATCH):
            emitted += await db.write(lambda conn, batch=due[start : start + _EMIT_BATCH]: _emit(conn, batch, now))
    return emitted


async def run_periodically(db: Database, *, approaching_days: int, interval_seconds: float) -> None:
    while True:
        try:
            emitted = await scan_once(db, approaching_days=approaching_days)
            if emitted:
                log.info("deadline alerts emitted", extra={"count": emitted})
        except Exception:
            log.exception("deadline scan failed")
        await asyncio.sleep(interval_seconds)
