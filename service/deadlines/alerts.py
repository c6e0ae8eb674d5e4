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
from service.deadlines.models import deadline_alerts_table as DA
from service.deadlines.schemas import Deadline
from service.deadlines.service import all_deadlines_on, consultation_deadlines_across
from service.webhooks import catalog, outbox
from workflows.clocks import LATEST, MISSED, PENDING

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


@dataclass(frozen=True)
class _Alert:
    agreement_id: str
    kind: str
    deadline: Any
    # deadline_alerts.clock: the clock, or `<date field>:<consultation id>` (at most 56 characters).
    key: str


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
            due.append(_Alert(deadline.agreement_id, outbox.AGREEMENT_DEADLINE_MISSED, deadline, deadline.clock))
        elif deadline.status == PENDING and deadline.due_date - today <= timedelta(days=approaching_days):
            due.append(_Alert(deadline.agreement_id, outbox.AGREEMENT_DEADLINE_APPROACHING, deadline, deadline.clock))
    # Consultations' dates from today to the horizon, read from their date indexes.
    for deadline in await consultation_deadlines_across(
        db, today=today, due_on_or_after=today, due_before=today + timedelta(days=approaching_days + 1)
    ):
        key = f"{deadline.clock}:{deadline.consultation_id}"
        due.append(_Alert(deadline.agreement_id, outbox.AGREEMENT_DEADLINE_APPROACHING, deadline, key))
    return due


def _emit(conn: Connection, alerts: list[_Alert], now: datetime) -> int:
    """Record each alert once: the unique row and its outbox event commit together or not at all."""
    emitted = 0
    for alert in alerts:
        inserted = conn.execute(
            _insert(conn),
            {
                "agreement_id": alert.agreement_id,
                "clock": alert.key,
                "kind": alert.kind,
                "due_date": alert.deadline.due_date,
                "created_at": now,
            },
        )
        if inserted.rowcount == 1:
            data = DeadlineAlert(deadline=alert.deadline).model_dump(mode="json")
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
