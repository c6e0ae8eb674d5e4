"""Deadlines: every clock of an agreement, and across agreements, as of a day.

The one place deadlines are assembled: it reads the agreements' rows and their clock timelines
(service/agreements/timeline.py) and asks the workflow definitions (`of_row`). Across agreements
they are read from the `deadlines` table (rows.py), which every write that can change an
agreement's clocks rewrites in its own transaction from that same `of_row`: a page of
GET /v1/deadlines is an index range, not every agreement's history. Records that add dates of
their own join here, so `agreements/` never needs to know them: a consultation's comment and
hearing dates (service/consultations/) are deadlines with `source: consultation`. Such a date
cannot be missed: it reads `pending` until its day is over, then `passed`. GET /v1/deadlines,
GET /v1/agreements/{id}/deadlines and the calendar feed all read them from here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import RowMapping

from service.agreements.models import agreements_table as A
from service.agreements.models import transitions_table as T
from service.agreements.service import definition_of, row_on
from service.agreements.timeline import clock_date, clock_timelines, read_clock_timeline
from service.consultations.models import consultations_table as C
from service.consultations.schemas import DEADLINE_FIELDS
from service.db import Database, utcnow
from service.deadlines import rows
from service.deadlines.models import deadline_builds_table as BUILDS
from service.deadlines.rows import of_row
from service.deadlines.schemas import CONSULTATION, PASSED, Deadline, DeadlineList
from service.errors import ValidationFailed
from service.pagination import decode_cursor, encode_cursor
from workflows import Occurrence
from workflows.clocks import LATEST, PENDING

log = logging.getLogger("accord.deadlines")

# Agreements under an authority; only those can have clocks.
_WITH_AUTHORITY = A.c.authority.is_not(None)


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
    field: str,
    *,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    limit: int | None = None,
    after: Key | None = None,
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
    if after is not None:  # past the key in `order`: (due date, agreement, clock, consultation)
        day, agreement_id, clock, consultation_id = after
        head = sa.tuple_(column, C.c.agreement_id)
        bound = sa.tuple_(sa.literal(day), sa.literal(agreement_id))
        if field > clock:
            query = query.where(head >= bound)
        elif field == clock:
            query = query.where(
                sa.tuple_(column, C.c.agreement_id, C.c.id)
                > sa.tuple_(*map(sa.literal, after[:2]), sa.literal(consultation_id))
            )
        else:
            query = query.where(head > bound)
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
    after: Key | None = None,
) -> list[Deadline]:
    """The consultation dates of every agreement in the window with `status`, soonest due first,
    past the key `after`; at most `limit` (each date's query reads at most that many rows from its
    index)."""
    window = _status_window(status, today, due_before, due_on_or_after)
    if window is None:
        return []
    before, since = window
    found: list[Deadline] = []
    async with db.read() as conn:
        for field in DEADLINE_FIELDS:
            query = consultation_dates(field, due_before=before, due_on_or_after=since, limit=limit, after=after)
            rows = (await conn.execute(query)).mappings().all()
            found.extend(consultation_deadline(row, field, today) for row in rows)
    found.sort(key=order)
    return found if limit is None else found[:limit]


# Where a deadline stands in `order`: (due date, agreement, clock, consultation or "").
Key = tuple[date, str, str, str]


def order(deadline: Deadline) -> Key:
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
    """Every deadline of every agreement under an authority, as of `today`, computed from every
    history: the reference the table is checked against (tests, bench/deadlines.py), not a path
    any request takes."""

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


async def statutory(
    db: Database,
    *,
    today: date,
    status: str | None,
    limit: int,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    after: tuple[date, str, str] | None = None,
) -> list[RowMapping]:
    """Rows of the deadlines table with `status` on `today` in the window, after the key `after`,
    soonest due first: at most `limit`, reading at most `limit` rows from each index range."""
    queries = [
        rows.page_query(where, due_before=due_before, due_on_or_after=due_on_or_after, after=after, limit=limit)
        for where in rows.ranges(status, today)
    ]
    found: list[RowMapping] = []
    async with db.read() as conn:
        for query in queries:
            found.extend((await conn.execute(query)).mappings().all())
    found.sort(key=rows.key_of)
    return found[:limit]


async def pages(
    db: Database,
    where: sa.ColumnElement[bool],
    *,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    size: int = 500,
) -> AsyncIterator[list[RowMapping]]:
    """Every row of the deadlines table matching `where`, a page of `size` at a time in due-date
    order (keyset on the index): each read and its rows are small, so a long list never holds the
    event loop, nor one read transaction, for long."""
    after = None
    while True:
        async with db.read() as conn:
            query = rows.page_query(
                where, due_before=due_before, due_on_or_after=due_on_or_after, after=after, limit=size
            )
            page = (await conn.execute(query)).mappings().all()
        if page:
            yield page
        if len(page) < size:
            return
        after = rows.key_of(page[-1])


async def across_agreements(
    db: Database,
    *,
    due_before: date | None,
    status: str | None,
    limit: int,
    due_on_or_after: date | None = None,
    today: date | None = None,
    after: Key | None = None,
) -> list[Deadline]:
    """Deadlines across agreements, statutory and consultations' dates together, soonest due first.
    `due_on_or_after` (inclusive) and `due_before` (exclusive) bound the due date: a calendar's window.
    Statutory clocks come from the deadlines table, consultations' dates from their date indexes:
    `limit` rows at most from each range."""
    today = today or clock_date(utcnow())
    found = [
        rows.to_deadline(row, today)
        for row in await statutory(
            db,
            today=today,
            status=status,
            limit=limit,
            due_before=due_before,
            due_on_or_after=due_on_or_after,
            # A statutory clock's key has no consultation: strictly after (day, agreement, clock)
            # is after the whole key, whichever source the key came from.
            after=after[:3] if after else None,
        )
    ]
    found += await consultation_deadlines_across(
        db,
        today=today,
        due_before=due_before,
        due_on_or_after=due_on_or_after,
        status=status,
        limit=limit,
        after=after,
    )
    found.sort(key=order)
    return found[:limit]


# -- the table as a whole: rebuilt, and checked against a full recomputation -------------------

REBUILD_BATCH = 200


async def rebuild(db: Database, *, batch: int = REBUILD_BATCH) -> int:
    """Rewrite every agreement's rows from a full recomputation, `batch` agreements per transaction
    (their rows locked, so a concurrent transition of one of them lands before or after, never
    half-way). Returns the rows written."""
    after, written = None, 0
    while True:
        after, count = await db.write(lambda conn, a=after: rows.rebuild_batch(conn, a, batch))
        written += count
        if after is None:
            return written


async def rebuild_if_stale(db: Database) -> int | None:
    """Rebuild the table unless it was built from the clock definitions this code has (after
    migration 0015 on an existing database, or a deploy that changed a clock); the rows written,
    or None when it was current. `accord migrate` calls it."""
    fingerprint = rows.fingerprint()
    async with db.read() as conn:
        current = (
            await conn.execute(sa.select(BUILDS.c.fingerprint).where(BUILDS.c.fingerprint == fingerprint))
        ).first()
    if current is not None:
        return None
    started = time.perf_counter()
    written = await rebuild(db)
    log.info(
        "deadlines table rebuilt",
        extra={"rows": written, "seconds": round(time.perf_counter() - started, 1), "fingerprint": fingerprint},
    )

    def record(conn) -> None:
        conn.execute(sa.delete(BUILDS))
        conn.execute(sa.insert(BUILDS), {"fingerprint": fingerprint, "built_at": utcnow()})

    await db.write(record)
    return written


async def check_consistency(db: Database, *, batch: int = REBUILD_BATCH) -> list[str]:
    """Where the deadlines table differs from a full recomputation of every agreement's clocks
    (one line per difference; empty when it matches). Each batch of agreements is read and
    recomputed in one read: run it on a database no one writes to, or expect the odd line about
    an agreement written meanwhile."""
    after: str | None = None
    problems: list[str] = []
    while True:
        async with db.read() as conn:
            after, found = await conn.run_sync(lambda sync, a=after: rows.compare_batch(sync, a, batch))
        problems += found
        if after is None:
            return problems


async def next_pending(db: Database, agreement_ids: list[str]) -> dict[str, Deadline]:
    """The soonest pending statutory deadline of each agreement of a page (the board's cards): two
    reads for the whole page, by primary key and by the transitions' agreement index."""
    if not agreement_ids:
        return {}
    today = clock_date(utcnow())

    def read(conn) -> tuple[list[RowMapping], dict[str, list[Occurrence]]]:
        rows = conn.execute(sa.select(A).where(A.c.id.in_(agreement_ids) & _WITH_AUTHORITY)).mappings().all()
        return rows, clock_timelines(conn, ((r["id"], definition_of(r), r["authority"]) for r in rows))

    async with db.read() as conn:
        rows, timelines = await conn.run_sync(read)
    found: dict[str, Deadline] = {}
    for row in rows:
        pending = [d for d in of_row(row, timelines.get(row["id"], []), today) if d.status == PENDING and d.due_date]
        if pending:  # the soonest still ahead, else the one overdue longest
            ahead = [d for d in pending if d.due_date >= today]
            found[row["id"]] = min(ahead or pending, key=order)
    return found


_CURSOR = "deadlines"


def _cursor_of(key: Key) -> str:
    day, agreement_id, clock, consultation_id = key
    return encode_cursor(_CURSOR, "|".join((day.isoformat(), agreement_id, clock, consultation_id)))


def _key_of_cursor(cursor: str | None) -> Key | None:
    # (day, agreement, clock, consultation) joined: up to ~130 characters
    value = decode_cursor(_CURSOR, cursor, str, max_length=200)
    if value is None:
        return None
    parts = value.split("|")
    try:
        day, agreement_id, clock, consultation_id = parts
        return date.fromisoformat(day), agreement_id, clock, consultation_id
    except ValueError:
        raise ValidationFailed(
            "cursor is not one this service issued",
            errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}],
        ) from None


async def page_across(
    db: Database, *, due_before: date | None, status: str | None, limit: int, cursor: str | None
) -> DeadlineList:
    """One page of `across_agreements`, and the cursor of the next when there is one."""
    found = await across_agreements(
        db, due_before=due_before, status=status, limit=limit + 1, after=_key_of_cursor(cursor)
    )
    more = len(found) > limit
    page = found[:limit]
    return DeadlineList(data=page, next_cursor=_cursor_of(order(page[-1])) if more else None)
