"""The one loader of the dated timeline that statutory clocks read.

A clock needs little of an agreement's history: the last date of its trigger, the first date of
the event it bounds (overall, and on or after the trigger), and the days added by extensions.
So the loader reads only clock events and, of each, only the first and the last entry (window
functions, in the database), with extensions summed per clock. An agreement with 10,000
milestones then costs a handful of rows, not 10,000 Python objects on the event loop.

The reduced timeline gives every clock function in `workflows.clocks` the same answer as the
full one. One case needs more: a bounded event recorded three or more times, where the first
entry on or after the trigger may be neither the first nor the last; it is looked up apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, time

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.agreements.models import transitions_table as T
from service.db import Database
from workflows import Occurrence, WorkflowDefinition
from workflows.clocks import EXTEND_DEADLINE, due_date

_PARTITION = (T.c.agreement_id, T.c.event, T.c.clock)


def _reduced(where: sa.ColumnElement[bool]) -> sa.Select:
    ranked = (
        sa.select(
            T.c.agreement_id,
            T.c.sequence,
            T.c.event,
            T.c.occurred_at,
            T.c.clock,
            sa.func.sum(T.c.days).over(partition_by=_PARTITION).label("days"),
            sa.func.row_number().over(partition_by=_PARTITION, order_by=T.c.sequence).label("first"),
            sa.func.row_number().over(partition_by=_PARTITION, order_by=T.c.sequence.desc()).label("last"),
            sa.func.count().over(partition_by=_PARTITION).label("entries"),
        )
        .where(where)
        .subquery()
    )
    extension = ranked.c.event == EXTEND_DEADLINE
    return (
        sa.select(ranked)
        .where((extension & (ranked.c.last == 1)) | (~extension & ((ranked.c.first == 1) | (ranked.c.last == 1))))
        .order_by(ranked.c.agreement_id, ranked.c.sequence)
    )


def _first_on_or_after() -> sa.Select:
    return (
        sa.select(T.c.sequence, T.c.event, T.c.occurred_at)
        .where(
            (T.c.agreement_id == sa.bindparam("agreement_id"))
            & (T.c.event == sa.bindparam("event"))
            & (T.c.occurred_at >= sa.bindparam("since"))
        )
        .order_by(T.c.sequence)
        .limit(1)
    )


_FIRST_ON_OR_AFTER = _first_on_or_after()


def _occurrence(row) -> tuple[int, Occurrence]:
    days = row.days if row.event == EXTEND_DEADLINE else None
    return row.sequence, Occurrence(row.event, row.occurred_at.date(), row.clock, days)


def _complete(
    conn: Connection, agreement_id: str, rows: list, definition: WorkflowDefinition, authority: str | None
) -> list[Occurrence]:
    """The reduced timeline of one agreement, plus the entries that repeated bounded events need."""
    entries = dict(_occurrence(r) for r in rows)
    repeated = {r.event for r in rows if r.entries > 2 and r.event != EXTEND_DEADLINE}
    if repeated:
        timeline = [entries[s] for s in sorted(entries)]
        for clock in definition.clocks_for(authority):
            trigger_date, _due, _extra = due_date(clock, timeline)
            if clock.event in repeated and trigger_date is not None:
                since = datetime.combine(trigger_date, time.min, tzinfo=UTC)
                found = conn.execute(
                    _FIRST_ON_OR_AFTER, {"agreement_id": agreement_id, "event": clock.event, "since": since}
                ).first()
                if found is not None:
                    entries[found.sequence] = Occurrence(found.event, found.occurred_at.date())
    return [entries[s] for s in sorted(entries)]


def clock_timeline(
    conn: Connection, agreement_id: str, definition: WorkflowDefinition, authority: str | None
) -> list[Occurrence]:
    """What the clocks of `authority` need of one agreement's history, in recorded order."""
    if not definition.clocks_for(authority):
        return []
    where = (T.c.agreement_id == agreement_id) & T.c.event.in_(sorted(definition.clock_events))
    rows = conn.execute(_reduced(where)).all()
    return _complete(conn, agreement_id, rows, definition, authority)


async def read_clock_timeline(
    db: Database, agreement_id: str, definition: WorkflowDefinition, authority: str | None
) -> list[Occurrence]:
    async with db.read() as conn:
        return await conn.run_sync(lambda sync: clock_timeline(sync, agreement_id, definition, authority))


def clock_timelines(
    conn: Connection,
    agreements: Iterable[tuple[str, WorkflowDefinition, str | None]],
    within: sa.ColumnElement[bool] | None = None,
) -> dict[str, list[Occurrence]]:
    """Clock timelines of many agreements in one reduced read (deadlines across agreements).
    `within` narrows the read to those agreements when a list of ids would be too long."""
    wanted = {agreement_id: (d, a) for agreement_id, d, a in agreements if d.clocks_for(a)}
    if not wanted:
        return {}
    events = sorted({e for d, _ in wanted.values() for e in d.clock_events})
    rows: dict[str, list] = defaultdict(list)
    narrowed = T.c.agreement_id.in_(sorted(wanted)) if within is None else within
    for row in conn.execute(_reduced(narrowed & T.c.event.in_(events))):
        rows[row.agreement_id].append(row)
    return {
        agreement_id: _complete(conn, agreement_id, rows.get(agreement_id, []), definition, authority)
        for agreement_id, (definition, authority) in wanted.items()
    }
