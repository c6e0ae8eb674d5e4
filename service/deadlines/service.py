"""Deadlines: every clock of an agreement, and across agreements, as of a day.

The one place deadlines are assembled: it reads the agreements' rows and their clock timelines
(service/agreements/timeline.py) and asks the workflow definitions. Records that add dates of
their own (consultations, say) join here, so `agreements/` never needs to know them.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from service.agreements.models import agreements_table as A
from service.agreements.models import transitions_table as T
from service.agreements.records import clock_deadlines
from service.agreements.service import definition_of, row_on
from service.agreements.timeline import clock_date, clock_timelines, read_clock_timeline
from service.db import Database, utcnow
from service.deadlines.schemas import Deadline
from workflows import Occurrence

# Agreements under an authority; only those can have clocks.
_WITH_AUTHORITY = A.c.authority.is_not(None)


def of_row(row: RowMapping, timeline: list[Occurrence], today: date) -> list[Deadline]:
    """The deadlines of one agreement's clocks on `today`."""
    definition = definition_of(row)
    closed = row["state"] in definition.final_states
    return [
        Deadline(
            agreement_id=row["id"],
            clock=d.clock.name,
            event=d.clock.event,
            trigger=d.clock.trigger,
            trigger_date=d.trigger_date,
            days=d.clock.days,
            extension_days=d.extension_days,
            bound=d.clock.bound,
            due_date=d.due,
            status=d.status,
            occurred_on=d.occurred_on,
            legal_basis=d.clock.legal_basis,
            description=d.clock.description,
            closes=d.clock.closes,
            exemption=d.exemption.legal_basis if d.exemption else None,
        )
        for d in clock_deadlines(definition, row, timeline, today=today, closed=closed)
    ]


async def of_agreement(db: Database, agreement_id: str, *, on: date | None = None) -> list[Deadline]:
    """The agreement's deadlines today or, given `on`, as they stood at the end of that date: from
    the entries that had happened by then (as corrected, void ones left out), in the state it was in."""
    row = await row_on(db, agreement_id, on)
    timeline = await read_clock_timeline(db, agreement_id, definition_of(row), row["authority"], on=on)
    return of_row(row, timeline, on or clock_date(utcnow()))


async def all_deadlines_on(db: Database, today: date) -> list[Deadline]:
    """Every deadline of every agreement under an authority, as of `today`."""

    def read(conn) -> tuple[list[RowMapping], dict[str, list[Occurrence]]]:
        rows = conn.execute(sa.select(A).where(_WITH_AUTHORITY).order_by(A.c.id)).mappings().all()
        within = sa.select(A.c.id).where(_WITH_AUTHORITY).scalar_subquery()
        timelines = clock_timelines(
            conn,
            ((r["id"], definition_of(r), r["authority"]) for r in rows),
            within=T.c.agreement_id.in_(within),
        )
        return rows, timelines

    async with db.read() as conn:
        rows, timelines = await conn.run_sync(read)
    return [d for row in rows for d in of_row(row, timelines.get(row["id"], []), today)]


async def across_agreements(db: Database, *, due_before: date | None, status: str | None, limit: int) -> list[Deadline]:
    """Deadlines across agreements, soonest due first."""
    found = [
        d
        for d in await all_deadlines_on(db, clock_date(utcnow()))
        if (status is None or d.status == status)
        and (due_before is None or (d.due_date is not None and d.due_date < due_before))
    ]
    found.sort(key=lambda d: (d.due_date or date.max, d.agreement_id, d.clock))
    return found[:limit]
