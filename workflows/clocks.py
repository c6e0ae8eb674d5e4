"""Statutory clocks as data: which event a clock bounds, what starts it, how many days, and why.

A clock is evaluated against an agreement's dated timeline, never cached: its answer depends on
dates, while `WorkflowDefinition.decide` caches answers keyed by state and event only.
Only calendar days are supported. Clocks counted in congressional session days (TPA-2015 #10
and #11: committee report within 45 session days, floor votes within 15) need a session
calendar and are not modelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Bound = Literal["earliest", "latest"]
EARLIEST: Bound = "earliest"
LATEST: Bound = "latest"
EXTEND_DEADLINE = "extend_deadline"

PENDING, MET, MISSED, NOT_APPLICABLE = "pending", "met", "missed", "not_applicable"
DEADLINE_STATUSES = (PENDING, MET, MISSED, NOT_APPLICABLE)


@dataclass(frozen=True)
class Clock:
    """`event` may happen no earlier (or must happen no later) than `days` after `trigger`."""

    name: str
    event: str
    trigger: str
    days: int
    bound: Bound
    legal_basis: str
    # How the trigger reads in a sentence: "Congress was notified".
    trigger_text: str
    authorities: tuple[str, ...]
    description: str = ""

    def applies_to(self, authority: str | None) -> bool:
        return authority in self.authorities

    @property
    def guards(self) -> bool:
        """Earliest clocks refuse an early event; latest clocks are deadlines, reported only."""
        return self.bound == EARLIEST


@dataclass(frozen=True)
class Occurrence:
    """One dated entry of an agreement's history; `clock` and `days` only on extend_deadline."""

    event: str
    on: date
    clock: str | None = None
    days: int | None = None


@dataclass(frozen=True)
class Deadline:
    clock: Clock
    trigger_date: date | None
    extension_days: int
    due: date | None
    status: str
    occurred_on: date | None


def _last(timeline: Iterable[Occurrence], event: str) -> date | None:
    found = None
    for item in timeline:
        if item.event == event:
            found = item.on
    return found


def _first(timeline: Iterable[Occurrence], event: str) -> date | None:
    return next((item.on for item in timeline if item.event == event), None)


def extension(timeline: Iterable[Occurrence], clock: str) -> int:
    return sum(item.days or 0 for item in timeline if item.event == EXTEND_DEADLINE and item.clock == clock)


def due_date(clock: Clock, timeline: Sequence[Occurrence]) -> tuple[date | None, date | None, int]:
    """(trigger date, due date, extension days); the latest occurrence of the trigger counts."""
    trigger_date = _last(timeline, clock.trigger)
    extra = extension(timeline, clock.name)
    if trigger_date is None:
        return None, None, extra
    return trigger_date, trigger_date + timedelta(days=clock.days + extra), extra


def refusal(clock: Clock, timeline: Sequence[Occurrence], on: date) -> str | None:
    """Why `clock.event` may not happen `on` that date, or None when the clock allows it."""
    if not clock.guards:
        return None
    trigger_date, due, extra = due_date(clock, timeline)
    if trigger_date is None:
        before = f", at least {clock.days} days before" if clock.days else ""
        return f"{clock.event} needs {clock.trigger} first{before}: {clock.description} ({clock.legal_basis})"
    if on >= due:
        return None
    span = f"{clock.days} days after" if clock.days else "after"
    plus = f", plus {extra} days of extension" if extra else ""
    return (
        f"{clock.event} is allowed from {due.isoformat()}: {span} {clock.trigger_text} "
        f"on {trigger_date.isoformat()}{plus} ({clock.legal_basis})"
    )


def deadline(clock: Clock, timeline: Sequence[Occurrence], *, today: date, closed: bool) -> Deadline:
    """The clock's status on `today`. `closed` means the agreement can no longer act (final state)."""
    trigger_date, due, extra = due_date(clock, timeline)
    occurred = (
        _first(timeline, clock.event)
        if trigger_date is None
        else next((item.on for item in timeline if item.event == clock.event and item.on >= trigger_date), None)
    )
    if clock.bound == EARLIEST and occurred is None:
        occurred = _first(timeline, clock.event)  # an overridden early event still counts
    if trigger_date is None:
        status = MISSED if occurred is not None and clock.bound == EARLIEST else NOT_APPLICABLE
    elif occurred is not None:
        if clock.bound == EARLIEST:
            status = MET if occurred >= due else MISSED
        else:
            status = MET if occurred <= due else MISSED
    elif closed:
        status = NOT_APPLICABLE
    elif clock.bound == LATEST and today > due:
        status = MISSED
    else:
        status = PENDING
    return Deadline(clock, trigger_date, extra, due, status, occurred)
