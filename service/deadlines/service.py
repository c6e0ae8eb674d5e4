"""Deadlines: every clock of an agreement, and across agreements, as of a day.

The one place deadlines are assembled: it reads the agreements' rows and their clock timelines
(service/agreements/timeline.py) and asks the workflow definitions. Records that add dates of
their own join here, so `agreements/` never needs to know them: a consultation's comment and
hearing dates (service/consultations/) are deadlines with `source: consultation`. Such a date
cannot be missed: it reads `pending` until its day is over, then `passed`. GET /v1/deadlines,
GET /v1/agreements/{id}/deadlines and the calendar feed all read them from here.
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
from service.consultations.models import consultations_table as C
from service.consultations.schemas import DEADLINE_FIELDS
from service.db import Database, utcnow
from service.deadlines.schemas import CONSULTATION, PASSED, Deadline
from workflows import Occurrence
from workflows.clocks import LATEST, PENDING

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


# -- consultations: the dates of public comment dockets -----------------------------------

# What each date of a consultation is (`event`) and says (`description`).
_CONSULTATION_DATES = {
    "comments_due": ("written_comments", "written comments on the docket are due"),
    "hearing_on": ("public_hearing", "the public hearing on the docket (its first day)"),
    "post_hearing_comments_due": ("post_hearing_comments", "post-hearing (rebuttal) comments on the docket are due"),
}
NOTICE = "federal_register_notice"


def consultation_deadline(row: RowMapping, field: str, today: date) -> Deadline:
    """One date of a consultation as a deadline on `today`: pending through its day, then passed."""
    day: date = row[field]
    event, description = _CONSULTATION_DATES[field]
    notice = f"Federal Register notice {row['fr_citation']} " if row["fr_citation"] else ""
    return Deadline(
        agreement_id=row["agreement_id"],
        clock=field,
        event=event,
        trigger=NOTICE,
        trigger_date=row["opens_on"],
        days=(day - row["opens_on"]).days,
        bound=LATEST,
        due_date=day,
        status=PENDING if day >= today else PASSED,
        legal_basis=f"{notice}(docket {row['docket_id']})" if notice else f"docket {row['docket_id']}",
        description=f"{description}: {row['title']}" if row["title"] else description,
        source=CONSULTATION,
        consultation_id=row["id"],
        docket_id=row["docket_id"],
    )


def consultation_deadlines(row: RowMapping, today: date) -> list[Deadline]:
    return [consultation_deadline(row, field, today) for field in DEADLINE_FIELDS if row[field] is not None]


def consultation_dates(
    field: str, *, due_before: date | None = None, due_on_or_after: date | None = None, limit: int | None = None
) -> sa.Select:
    """Consultations with `field` in [due_on_or_after, due_before), soonest first, driven by that
    date's index (ix_consultations_comments_due, _hearing_on, _post_hearing_comments_due): a window
    of the calendar reads that window, not every consultation."""
    column = C.c[field]
    query = sa.select(C).where(column.is_not(None))
    if due_on_or_after is not None:
        query = query.where(column >= due_on_or_after)
    if due_before is not None:
        query = query.where(column < due_before)
    query = query.order_by(column, C.c.agreement_id, C.c.id)
    return query if limit is None else query.limit(limit)


def _status_window(
    status: str | None, today: date, due_before: date | None, due_on_or_after: date | None
) -> tuple[date | None, date | None] | None:
    """The window of consultation dates that have `status` today within the asked window; None
    when none can (a consultation date is only ever pending or passed)."""
    if status is None:
        return due_before, due_on_or_after
    if status == PENDING:
        return due_before, max(today, due_on_or_after) if due_on_or_after else today
    if status == PASSED:
        return (min(today, due_before) if due_before else today), due_on_or_after
    return None


async def consultation_deadlines_across(
    db: Database,
    *,
    today: date,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> list[Deadline]:
    """The consultation dates of every agreement in the window with `status`, soonest due first;
    at most `limit` (each date's query reads at most that many rows from its index)."""
    window = _status_window(status, today, due_before, due_on_or_after)
    if window is None:
        return []
    before, since = window
    found: list[Deadline] = []
    async with db.read() as conn:
        for field in DEADLINE_FIELDS:
            query = consultation_dates(field, due_before=before, due_on_or_after=since, limit=limit)
            rows = (await conn.execute(query)).mappings().all()
            found.extend(consultation_deadline(row, field, today) for row in rows)
    found.sort(key=_order)
    return found if limit is None else found[:limit]


def _order(deadline: Deadline) -> tuple[date, str, str, str]:
    """Soonest due first; ties by agreement, clock and consultation (the SQL order of each date)."""
    return (deadline.due_date or date.max, deadline.agreement_id, deadline.clock, deadline.consultation_id or "")


async def _of_agreement_consultations(
    db: Database, agreement_id: str, *, on: date | None, today: date
) -> list[Deadline]:
    query = sa.select(C).where(C.c.agreement_id == agreement_id)
    if on is not None:  # as it stood then: dockets whose notice had been published
        query = query.where(C.c.opens_on <= on)
    async with db.read() as conn:
        rows = (await conn.execute(query.order_by(C.c.opens_on, C.c.id))).mappings().all()
    return [d for row in rows for d in consultation_deadlines(row, today)]


# -- assembled --------------------------------------------------------------------------------


async def of_agreement(db: Database, agreement_id: str, *, on: date | None = None) -> list[Deadline]:
    """The agreement's deadlines today or, given `on`, as they stood at the end of that date: from
    the entries that had happened by then (as corrected, void ones left out), in the state it was in.
    Its statutory clocks first, then its consultations' dates (by the day each docket opened)."""
    row = await row_on(db, agreement_id, on)
    timeline = await read_clock_timeline(db, agreement_id, definition_of(row), row["authority"], on=on)
    today = on or clock_date(utcnow())
    statutory = of_row(row, timeline, today)
    return statutory + await _of_agreement_consultations(db, agreement_id, on=on, today=today)


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


async def across_agreements(
    db: Database,
    *,
    due_before: date | None,
    status: str | None,
    limit: int,
    due_on_or_after: date | None = None,
) -> list[Deadline]:
    """Deadlines across agreements, statutory and consultations' dates together, soonest due first.
    `due_on_or_after` (inclusive) and `due_before` (exclusive) bound the due date: a calendar's window."""
    today = clock_date(utcnow())
    found = [
        d
        for d in await all_deadlines_on(db, today)
        if (status is None or d.status == status)
        and (due_before is None or (d.due_date is not None and d.due_date < due_before))
        and (due_on_or_after is None or (d.due_date is not None and d.due_date >= due_on_or_after))
    ]
    found += await consultation_deadlines_across(
        db, today=today, due_before=due_before, due_on_or_after=due_on_or_after, status=status, limit=limit
    )
    found.sort(key=_order)
    return found[:limit]
