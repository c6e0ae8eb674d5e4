"""The dated timeline: the one loader of what statutory clocks read, the days they count in, and
the state an agreement was in on a date.

The timeline orders an agreement's entries by when they happened, (`occurred_at`, `sequence`),
not by when they were recorded: a milestone recorded late with its true date takes its place.
Void entries are left out. Every turn of an instant into a clock's calendar day goes through
`clock_date` (and its inverses `day_start`, `day_end`), so the day's time zone is set in one place.

A clock needs little of an agreement's history: the last date of its trigger, the first date of
the event it bounds (overall, and on or after the trigger), and the days added by extensions.
So the loader reads only clock events and, of each, only the first and the last entry (window
functions, in the database), with extensions summed per clock. An agreement with 10,000
milestones then costs a handful of rows, not 10,000 Python objects on the event loop.

The reduced timeline gives every clock function in `workflows.clocks` the same answer as the
full one. One case needs more: a bounded event recorded three or more times, where the first
entry on or after the trigger may be neither the first nor the last; it is looked up apart.
Checking a whole timeline entry by entry (after a correction, or a milestone recorded late)
needs every entry: `full_clock_timeline`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from service.agreements.models import STATE_CHANGE, state_change
from service.agreements.models import transitions_table as T
from service.db import Database
from workflows import Occurrence, WorkflowDefinition
from workflows.clocks import EXTEND_DEADLINE, WASHINGTON, due_date, washington_date

# -- days -----------------------------------------------------------------------------------


def clock_date(moment: datetime) -> date:
    """The calendar day a clock counts `moment` in: its date in Washington (TPA's clocks run on
    US calendar days). The one place an instant becomes a day."""
    return washington_date(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def day_start(day: date) -> datetime:
    """The first instant of `day` in Washington, as `clock_date` counts days."""
    return datetime.combine(day, time.min, tzinfo=WASHINGTON).astimezone(UTC)


def day_end(day: date) -> datetime:
    """The first instant after `day`: clock_date(x) <= day exactly when x < day_end(day)."""
    return day_start(day + timedelta(days=1))


# -- dates the history gives an agreement ----------------------------------------------------

# The latest live entry of each of these events dates the agreement (RTA-IS: date of signature,
# date of entry into force). Read with ix_transitions_clock_events, a page of agreements at once.
DATED_EVENTS = {"sign": "signed_on", "implement": "entered_into_force_on"}
NO_DATES: dict[str, date | None] = dict.fromkeys(DATED_EVENTS.values())


def dated_entries(agreement_ids: Iterable[str], before: datetime | None = None) -> sa.Select:
    """The live sign and implement entries of the agreements (before `before` when given)."""
    return (
        sa.select(T.c.agreement_id, T.c.event, T.c.occurred_at)
        .where(T.c.agreement_id.in_(list(agreement_ids)) & T.c.event.in_(list(DATED_EVENTS)) & _scope(before))
        .order_by(T.c.agreement_id, T.c.event, T.c.sequence)
    )


def to_dates(rows: Iterable) -> dict[str, dict[str, date | None]]:
    """{agreement_id: {"signed_on", "entered_into_force_on"}} from `dated_entries` rows; the
    latest entry of each event wins. An agreement with neither is absent: use NO_DATES."""
    found: dict[str, dict[str, date | None]] = {}
    for row in rows:
        found.setdefault(row.agreement_id, dict(NO_DATES))[DATED_EVENTS[row.event]] = clock_date(row.occurred_at)
    return found


def history_dates(conn: Connection, agreement_id: str) -> dict[str, date | None]:
    """One agreement's dates, in a write's transaction."""
    return to_dates(conn.execute(dated_entries([agreement_id]))).get(agreement_id, NO_DATES)


# -- the reduced timeline the clocks read ---------------------------------------------------

LIVE = T.c.voided_at.is_(None)
_PARTITION = (T.c.agreement_id, T.c.event, T.c.clock)
_ORDER = (T.c.occurred_at, T.c.sequence)


def _scope(before: datetime | None) -> sa.ColumnElement[bool]:
    """Entries the clocks read: not void and, given `before`, that happened before it."""
    return LIVE if before is None else LIVE & (T.c.occurred_at < before)


def _reduced(where: sa.ColumnElement[bool]) -> sa.Select:
    ranked = (
        sa.select(
            T.c.agreement_id,
            T.c.sequence,
            T.c.event,
            T.c.occurred_at,
            T.c.clock,
            sa.func.sum(T.c.days).over(partition_by=_PARTITION).label("days"),
            sa.func.row_number().over(partition_by=_PARTITION, order_by=_ORDER).label("first"),
            sa.func.row_number()
            .over(partition_by=_PARTITION, order_by=(T.c.occurred_at.desc(), T.c.sequence.desc()))
            .label("last"),
            sa.func.count().over(partition_by=_PARTITION).label("entries"),
        )
        .where(where)
        .subquery()
    )
    extension = ranked.c.event == EXTEND_DEADLINE
    return (
        sa.select(ranked)
        .where((extension & (ranked.c.last == 1)) | (~extension & ((ranked.c.first == 1) | (ranked.c.last == 1))))
        .order_by(ranked.c.agreement_id, ranked.c.occurred_at, ranked.c.sequence)
    )


Key = tuple[datetime, int]


def _occurrence(row) -> tuple[Key, Occurrence]:
    days = row.days if row.event == EXTEND_DEADLINE else None
    return (row.occurred_at, row.sequence), Occurrence(row.event, clock_date(row.occurred_at), row.clock, days)


def _complete(
    conn: Connection,
    agreement_id: str,
    rows: list,
    definition: WorkflowDefinition,
    authority: str | None,
    scope: sa.ColumnElement[bool],
) -> list[Occurrence]:
    """The reduced timeline of one agreement, plus the entries that repeated bounded events need."""
    entries = dict(_occurrence(r) for r in rows)
    repeated = {r.event for r in rows if r.entries > 2 and r.event != EXTEND_DEADLINE}
    if repeated:
        timeline = [entries[k] for k in sorted(entries)]
        for clock in definition.clocks_for(authority):
            trigger_date, _due, _extra = due_date(clock, timeline)
            if clock.event in repeated and trigger_date is not None:
                found = conn.execute(
                    sa.select(T.c.sequence, T.c.event, T.c.occurred_at)
                    .where(
                        (T.c.agreement_id == agreement_id)
                        & (T.c.event == clock.event)
                        & (T.c.occurred_at >= day_start(trigger_date))
                        & scope
                    )
                    .order_by(*_ORDER)
                    .limit(1)
                ).first()
                if found is not None:
                    entries[(found.occurred_at, found.sequence)] = Occurrence(
                        found.event, clock_date(found.occurred_at)
                    )
    return [entries[k] for k in sorted(entries)]


@cache
def _reduced_one(events: frozenset[str], bounded: bool) -> sa.Select:
    """`_reduced` of one agreement (bound as `agreement_id`, and `before` when `bounded`), built once
    per set of clock events: building the statement cost more than running it (about 1 ms)."""
    scope = LIVE & (T.c.occurred_at < sa.bindparam("before")) if bounded else LIVE
    return _reduced((T.c.agreement_id == sa.bindparam("agreement_id")) & T.c.event.in_(sorted(events)) & scope)


def reduced_clock_timeline(
    conn: Connection,
    agreement_id: str,
    definition: WorkflowDefinition,
    authority: str | None,
    *,
    before: datetime | None = None,
) -> tuple[list[Occurrence], datetime | None]:
    """What the clocks of `authority` need of one agreement's history (that happened before
    `before`, if given), in timeline order; and when the latest clock event of it happened."""
    if not definition.clocks_for(authority):
        return [], None
    scope = _scope(before)
    params = {"agreement_id": agreement_id} if before is None else {"agreement_id": agreement_id, "before": before}
    rows = conn.execute(_reduced_one(definition.clock_events, before is not None), params).all()
    latest = max((r.occurred_at for r in rows), default=None)
    return _complete(conn, agreement_id, rows, definition, authority, scope), latest


def clock_timeline(
    conn: Connection,
    agreement_id: str,
    definition: WorkflowDefinition,
    authority: str | None,
    *,
    before: datetime | None = None,
) -> list[Occurrence]:
    """What the clocks of `authority` need of one agreement's history, in timeline order."""
    return reduced_clock_timeline(conn, agreement_id, definition, authority, before=before)[0]


async def read_clock_timeline(
    db: Database, agreement_id: str, definition: WorkflowDefinition, authority: str | None, *, on: date | None = None
) -> list[Occurrence]:
    """The clock timeline as it stood at the end of `on` (today's when None)."""
    before = None if on is None else day_end(on)
    async with db.read() as conn:
        return await conn.run_sync(
            lambda sync: clock_timeline(sync, agreement_id, definition, authority, before=before)
        )


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
    for row in conn.execute(_reduced(narrowed & T.c.event.in_(events) & LIVE)):
        rows[row.agreement_id].append(row)
    return {
        agreement_id: _complete(conn, agreement_id, rows.get(agreement_id, []), definition, authority, LIVE)
        for agreement_id, (definition, authority) in wanted.items()
    }


# -- the full timeline, for checking every entry --------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of the full clock timeline."""

    sequence: int
    occurred_at: datetime
    occurrence: Occurrence
    # Recorded with an override_reason: it stands against the clocks by an admin's decision.
    overridden: bool = False

    @property
    def key(self) -> Key:
        return self.occurred_at, self.sequence


def as_entry(row: RowMapping | dict) -> Entry:
    days = row["days"] if row["event"] == EXTEND_DEADLINE else None
    occurrence = Occurrence(row["event"], clock_date(row["occurred_at"]), row["clock"], days)
    return Entry(row["sequence"], row["occurred_at"], occurrence, bool(row["override_reason"]))


def full_clock_timeline(conn: Connection, agreement_id: str, definition: WorkflowDefinition) -> list[Entry]:
    """Every live clock event of the agreement, in timeline order. For checks of a whole history
    (rare writes), not for the hot path."""
    if not definition.clock_events:
        return []
    rows = conn.execute(
        sa.select(T.c.sequence, T.c.event, T.c.occurred_at, T.c.clock, T.c.days, T.c.override_reason)
        .where((T.c.agreement_id == agreement_id) & T.c.event.in_(sorted(definition.clock_events)) & LIVE)
        .order_by(*_ORDER)
    ).mappings()
    return [as_entry(r) for r in rows]


# -- the state on a date --------------------------------------------------------------------

# State changes are kept in date order (an event that changes the state may not predate the
# last one), so the latest before an instant by sequence is also the latest by date.
_STATE_BEFORE = (
    sa.select(T.c.sequence, T.c.event, T.c.from_state, T.c.to_state, T.c.occurred_at)
    .where(
        (T.c.agreement_id == sa.bindparam("agreement_id")) & STATE_CHANGE & (T.c.occurred_at < sa.bindparam("before"))
    )
    .order_by(T.c.sequence.desc())
    .limit(1)
)
_STATE_AT = (
    sa.select(T.c.sequence, T.c.event, T.c.from_state, T.c.to_state, T.c.occurred_at)
    .where((T.c.agreement_id == sa.bindparam("agreement_id")) & STATE_CHANGE & (T.c.occurred_at <= sa.bindparam("at")))
    .order_by(T.c.sequence.desc())
    .limit(1)
)


def state_entry_before(conn: Connection, agreement_id: str, before: datetime) -> RowMapping | None:
    """The state-changing entry in force just before `before`; None before the announcement."""
    return conn.execute(_STATE_BEFORE, {"agreement_id": agreement_id, "before": before}).mappings().first()


def state_entry_at(conn: Connection, agreement_id: str, at: datetime) -> RowMapping | None:
    """The state-changing entry in force at `at`, one that happened at that very instant included."""
    return conn.execute(_STATE_AT, {"agreement_id": agreement_id, "at": at}).mappings().first()


def in_state_on(state: str, before: datetime) -> sa.Select:
    """(agreement_id, from_state, to_state) of the agreements in `state` just before `before`.

    Read through ix_transitions_states_entered, the entries that moved an agreement into `state`
    earlier; each is kept when no later state change (ix_transitions_state_changes) came before
    `before`. It never reads the milestones, nor the histories of agreements never in `state`."""
    later = T.alias("later")
    return sa.select(T.c.agreement_id, T.c.from_state, T.c.to_state).where(
        (T.c.to_state == state)
        & STATE_CHANGE
        & (T.c.occurred_at < before)
        & ~sa.exists().where(
            (later.c.agreement_id == T.c.agreement_id)
            & state_change(later)
            & (later.c.sequence > T.c.sequence)
            & (later.c.occurred_at < before)
        )
    )
