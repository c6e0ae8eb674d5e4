"""The `deadlines` table: each clock of each agreement as a row, kept in the transaction of every
write that can change it, so deadlines across agreements answer from an index.

A row holds what a clock says whatever the day. Only one thing moves with the calendar: a clock
that has started and whose event has not come is pending and, for a `latest` clock, missed once
its due date is over (`workflows.clocks.deadline`, its last branch). The row stores that case as
the resolution `open`; `status_on` finishes it with the day at read time. Every other status is
stored as it is.

The rows come from `of_row`, the same computation GET /v1/agreements/{id}/deadlines answers
with: asked on `date.min` the last branch always reads pending, so pending there means open.

Kept apart from service.py so the agreements' writes (service/agreements/service.py, history.py)
can import it: service.py reads the agreements' service.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from service.agreements.models import agreements_table as A
from service.agreements.records import clock_deadlines, definition_of
from service.agreements.timeline import clock_timeline, clock_timelines
from service.deadlines.models import deadlines_table as D
from service.deadlines.schemas import Deadline
from workflows import Occurrence, list_definitions
from workflows.clocks import LATEST, MISSED, PENDING

OPEN = "open"
# Deadlines without a due date sort last, as the API lists them.
UNDATED = date.max
# Bump when the computation of the rows changes in a way the definitions' data does not show.
_COMPUTATION = "deadlines-1"
_ORDER = (D.c.sort_date, D.c.agreement_id, D.c.clock)


def of_row(row: RowMapping | dict[str, Any], timeline: list[Occurrence], today: date) -> list[Deadline]:
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


def status_on(resolution: str, bound: str, due_date: date | None, today: date) -> str:
    """A row's status on `today`: as `workflows.clocks.deadline` reads it on that day."""
    if resolution != OPEN:
        return resolution
    return MISSED if bound == LATEST and due_date is not None and today > due_date else PENDING


# The fields of a statutory Deadline the table stores as they are; `status` depends on the day
# it is read (status_on), so the table keeps its `resolution` instead.
_STORED = (
    "agreement_id", "clock", "event", "trigger", "trigger_date", "days", "extension_days", "bound", "due_date",
    "occurred_on", "closes", "exemption", "legal_basis", "description",
)  # fmt: skip


def values_of(row: RowMapping | dict[str, Any], timeline: list[Occurrence]) -> list[dict[str, Any]]:
    """The table rows of one agreement, from its row and clock timeline."""
    return [
        {
            **{k: getattr(d, k) for k in _STORED},
            "sort_date": d.due_date or UNDATED,
            "resolution": OPEN if d.status == PENDING else d.status,
        }
        for d in of_row(row, timeline, date.min)
    ]


def to_deadline(row: RowMapping, today: date) -> Deadline:
    return Deadline(
        **{k: row[k] for k in _STORED}, status=status_on(row["resolution"], row["bound"], row["due_date"], today)
    )


def has_clocks(agreement: RowMapping | dict[str, Any]) -> bool:
    """Whether the agreement has any clock, so any row (no query needed to know)."""
    definition = definition_of(agreement)
    return bool(definition.clocks_for(agreement["authority"], provisions=agreement.get("provisions") or ()))


# -- writes: in the transaction of the write that changed the agreement -------------------------


# Built once: on the write path, building a statement costs about as much as running it.
_DELETE = sa.delete(D).where(D.c.agreement_id == sa.bindparam("agreement_id"))
_INSERT = sa.insert(D)


def refresh(conn: Connection, agreement: RowMapping | dict[str, Any], *, new: bool = False) -> None:
    """Rewrite the rows of one agreement as it now stands in `conn`'s transaction: `agreement` is its
    row after the write (state, authority, workflow, exemptions, provisions, unrecorded). Reads only
    its clock timeline (a handful of rows, whatever the history's length). `new`: a row just
    inserted has none to delete."""
    if not new:
        conn.execute(_DELETE, {"agreement_id": agreement["id"]})
    if not has_clocks(agreement):
        return
    definition = definition_of(agreement)
    timeline = clock_timeline(conn, agreement["id"], definition, agreement["authority"])
    rows = values_of(agreement, timeline)
    if rows:
        conn.execute(_INSERT, rows)


def expected_rows(conn: Connection, agreements: Iterable[RowMapping]) -> list[dict[str, Any]]:
    """The rows of these agreements by a full recomputation: their timelines in one reduced read."""
    agreements = list(agreements)
    timelines = clock_timelines(conn, ((r["id"], definition_of(r), r["authority"]) for r in agreements))
    return [v for r in agreements if has_clocks(r) for v in values_of(r, timelines.get(r["id"], []))]


def _batch(conn: Connection, after: str | None, size: int, *, lock: bool) -> list[RowMapping]:
    query = sa.select(A).order_by(A.c.id).limit(size)
    if after is not None:
        query = query.where(A.c.id > after)
    if lock:  # a transition of one of them waits, and then rewrites its rows after these
        query = query.with_for_update()
    return conn.execute(query).mappings().all()


def rebuild_batch(conn: Connection, after: str | None, size: int) -> tuple[str | None, int]:
    """Rewrite the rows of the `size` agreements after `after` (by id) in one transaction, their rows
    locked; returns the last id (None when there were none) and the rows written."""
    agreements = _batch(conn, after, size, lock=True)
    if not agreements:
        return None, 0
    ids = [r["id"] for r in agreements]
    conn.execute(sa.delete(D).where(D.c.agreement_id.in_(ids)))
    rows = expected_rows(conn, agreements)
    if rows:
        conn.execute(sa.insert(D), rows)
    return ids[-1], len(rows)


def compare_batch(conn: Connection, after: str | None, size: int) -> tuple[str | None, list[str]]:
    """The differences between the table and a full recomputation for `size` agreements after `after`."""
    agreements = _batch(conn, after, size, lock=False)
    if not agreements:
        return None, []
    ids = [r["id"] for r in agreements]
    expected = {(r["agreement_id"], r["clock"]): r for r in expected_rows(conn, agreements)}
    stored = {
        (r["agreement_id"], r["clock"]): dict(r)
        for r in conn.execute(sa.select(D).where(D.c.agreement_id.in_(ids))).mappings()
    }
    problems = [f"{a} {c}: missing from the deadlines table" for a, c in sorted(expected.keys() - stored.keys())]
    problems += [f"{a} {c}: in the deadlines table, not computed" for a, c in sorted(stored.keys() - expected.keys())]
    for key in sorted(expected.keys() & stored.keys()):
        for column, value in expected[key].items():
            if stored[key][column] != value:
                problems.append(f"{key[0]} {key[1]}: {column} is {stored[key][column]!r}, computed {value!r}")
    return ids[-1], problems


def fingerprint() -> str:
    """What the rows are computed from besides the database: every workflow's clocks, exemptions,
    provisions and final states (frozen dataclasses: their repr is their value)."""
    parts = [_COMPUTATION] + [
        repr((d.name, d.version, d.final_states, d.clocks, d.exemptions, d.provisions)) for d in list_definitions()
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# -- reads ------------------------------------------------------------------------------------


def ranges(status: str | None, today: date) -> list[sa.ColumnElement[bool]]:
    """The rows with `status` on `today`, as index ranges: with no status, ix_deadlines_sort_date;
    with one, ix_deadlines_resolution, an equality prefix (resolution, bound) per range, each read
    in due-date order. Open rows are pending until their due date, then missed if `latest`."""
    res, bound = D.c.resolution, D.c.bound
    open_latest = (res == OPEN) & (bound == LATEST)
    if status is None:
        return [sa.true()]
    settled = [(res == status) & (bound == b) for b in ("earliest", LATEST)]
    if status == PENDING:
        return [(res == OPEN) & (bound == "earliest"), open_latest & (D.c.sort_date >= today)]
    if status == MISSED:
        return [*settled, open_latest & (D.c.sort_date < today)]
    return settled


def page_query(
    where: sa.ColumnElement[bool],
    *,
    due_before: date | None = None,
    due_on_or_after: date | None = None,
    after: tuple[date, str, str] | None = None,
    limit: int,
) -> sa.Select:
    """Rows of one range in (sort_date, agreement_id, clock) order, after the key `after`."""
    query = sa.select(D).where(where)
    if due_before is not None:
        query = query.where(D.c.sort_date < due_before)
    if due_on_or_after is not None:
        query = query.where((D.c.sort_date >= due_on_or_after) & D.c.due_date.is_not(None))
    if after is not None:
        query = query.where(sa.tuple_(*_ORDER) > sa.tuple_(*(sa.literal(v) for v in after)))
    return query.order_by(*_ORDER).limit(limit)


def key_of(row: RowMapping) -> tuple[date, str, str]:
    return row["sort_date"], row["agreement_id"], row["clock"]
