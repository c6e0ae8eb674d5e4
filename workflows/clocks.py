"""Statutory clocks as data: which event a clock bounds, what starts it, how many days, and why.

A clock is evaluated against an agreement's dated timeline, never cached: its answer depends on
dates, while `WorkflowDefinition.decide` caches answers keyed by state and event only.
Only calendar days are supported. Clocks counted in congressional session days (TPA-2015 #10
and #11: committee report within 45 session days, floor votes within 15) need a session
calendar and are not modelled.

Days are Washington days: the government acts in Washington, so a clock counts calendar days in
America/New_York. Clocks read `date`s; callers turn an instant into one with `washington_date`.

Three notions beside the dated timeline, each passed in by the caller:
- a window: a clock bounded by a fixed date (`Clock.closes`) rather than by a trigger;
- exemptions: names of statutory exemptions that waive some clocks (`Exemption`, e.g. "4206");
- provisions: names of an agreement's own provisions that add clocks (`Provision`, e.g. "usmca_34_7");
- unrecorded events: events the record says happened on a date no source gives. A clock started
  by one, or bounding one, reads `unrecorded`: neither met nor missed, and it refuses nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

Bound = Literal["earliest", "latest"]
EARLIEST: Bound = "earliest"
LATEST: Bound = "latest"
EXTEND_DEADLINE = "extend_deadline"

PENDING, MET, MISSED, NOT_APPLICABLE = "pending", "met", "missed", "not_applicable"
# The record lacks the date of the clock's trigger (or of the event it bounds): neither met nor missed.
UNRECORDED = "unrecorded"
DEADLINE_STATUSES = (PENDING, MET, MISSED, NOT_APPLICABLE, UNRECORDED)

WASHINGTON = ZoneInfo("America/New_York")


def washington_date(value: datetime | date) -> date:
    """The calendar day in Washington: a plain date is that date; an aware datetime is converted
    to New York's date (2019-01-14T03:00Z is 2019-01-13). A naive datetime names no instant and
    is refused."""
    if isinstance(value, datetime):  # before `date`: a datetime is a date too
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no time zone; a Washington date needs an instant")
        return value.astimezone(WASHINGTON).date()
    return value


@dataclass(frozen=True)
class Clock:
    """`event` may happen no earlier (or must happen no later) than `days` (and `years`) after
    `trigger`."""

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
    # A window: `event` may happen only before this fixed date. No event starts it, so `trigger`
    # is "" and `days` 0; `trigger_text` names the window. Its bound is latest and it guards.
    closes: date | None = None
    # Whole calendar years counted before `days`: the anniversary of the trigger (2020-07-01 + 6
    # years is 2026-07-01; February 29 falls on February 28 in a common year).
    years: int = 0

    def __post_init__(self) -> None:
        if self.closes is not None and (self.trigger or self.days or self.years or self.bound != LATEST):
            raise ValueError(f"window clock {self.name} takes no trigger or days, and its bound is latest")

    def applies_to(self, authority: str | None) -> bool:
        return authority in self.authorities

    @property
    def window(self) -> bool:
        return self.closes is not None

    @property
    def guards(self) -> bool:
        """Earliest clocks and windows refuse an event out of bounds; other latest clocks are
        deadlines, reported only."""
        return self.bound == EARLIEST or self.window


@dataclass(frozen=True)
class Exemption:
    """A statutory exemption an agreement may carry: under it, `clocks` neither guard nor fall due
    (their deadlines read not_applicable). It applies only to agreements under `authorities`."""

    name: str
    clocks: tuple[str, ...]
    legal_basis: str
    authorities: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Provision:
    """A provision of one agreement's own text that adds `clocks` to those the law sets (USMCA's
    joint review, Art. 34.7). An agreement opts into it by name; unlike an exemption it is not tied
    to an authority, but each of its clocks still applies only under the clock's `authorities`."""

    name: str
    clocks: tuple[Clock, ...]
    legal_basis: str
    description: str = ""


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
    # The exemption that waives this clock for the agreement (status not_applicable), if any.
    exemption: Exemption | None = None


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


def anniversary(day: date, years: int) -> date:
    """`day` moved by whole calendar years; February 29 becomes February 28 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_date(clock: Clock, timeline: Sequence[Occurrence]) -> tuple[date | None, date | None, int]:
    """(trigger date, due date, extension days); the latest occurrence of the trigger counts.
    A window has no trigger; its due date is the last day it is open."""
    extra = extension(timeline, clock.name)
    if clock.closes is not None:
        return None, clock.closes + timedelta(days=extra - 1), extra
    trigger_date = _last(timeline, clock.trigger)
    if trigger_date is None:
        return None, None, extra
    start = anniversary(trigger_date, clock.years) if clock.years else trigger_date
    return trigger_date, start + timedelta(days=clock.days + extra), extra


def _span(clock: Clock) -> str:
    parts = ([f"{clock.years} years"] if clock.years else []) + ([f"{clock.days} days"] if clock.days else [])
    return " and ".join(parts)


def refusal(
    clock: Clock, timeline: Sequence[Occurrence], on: date, *, unrecorded: Collection[str] = frozenset()
) -> str | None:
    """Why `clock.event` may not happen `on` that date, or None when the clock allows it.
    A trigger in `unrecorded` (and not in the timeline) happened on a date the record lacks: the
    clock cannot be checked, so it refuses nothing."""
    if not clock.guards:
        return None
    trigger_date, due, extra = due_date(clock, timeline)
    plus = f", plus {extra} days of extension" if extra else ""
    if clock.closes is not None:
        if due is not None and on <= due:
            return None
        closes = clock.closes + timedelta(days=extra)
        return (
            f"{clock.event} is allowed only before {closes.isoformat()}, when {clock.trigger_text} "
            f"closed{plus} ({clock.legal_basis})"
        )
    if trigger_date is None:
        if clock.trigger in unrecorded:
            return None
        before = f", at least {_span(clock)} before" if clock.days or clock.years else ""
        return f"{clock.event} needs {clock.trigger} first{before}: {clock.description} ({clock.legal_basis})"
    if due is None or on >= due:
        return None
    span = f"{_span(clock)} after" if clock.days or clock.years else "after"
    return (
        f"{clock.event} is allowed from {due.isoformat()}: {span} {clock.trigger_text} "
        f"on {trigger_date.isoformat()}{plus} ({clock.legal_basis})"
    )


def deadline(
    clock: Clock,
    timeline: Sequence[Occurrence],
    *,
    today: date,
    closed: bool,
    unrecorded: Collection[str] = frozenset(),
    exemption: Exemption | None = None,
) -> Deadline:
    """The clock's status on `today`. `closed` means the agreement can no longer act (final state).
    Under `exemption` the clock is waived: its dates are shown, its status is not_applicable."""
    trigger_date, due, extra = due_date(clock, timeline)
    occurred = (
        _first(timeline, clock.event)
        if trigger_date is None
        else next((item.on for item in timeline if item.event == clock.event and item.on >= trigger_date), None)
    )
    if clock.bound == EARLIEST and occurred is None:
        occurred = _first(timeline, clock.event)  # an overridden early event still counts
    started = trigger_date is not None or clock.window
    if exemption is not None:
        status = NOT_APPLICABLE
    elif not started and clock.trigger in unrecorded:
        status = NOT_APPLICABLE if occurred is None and closed else UNRECORDED
    elif not started:
        status = MISSED if occurred is not None and clock.bound == EARLIEST else NOT_APPLICABLE
    elif occurred is not None:
        if clock.bound == EARLIEST:
            status = MET if occurred >= due else MISSED
        else:
            status = MET if occurred <= due else MISSED
    elif clock.event in unrecorded:
        status = UNRECORDED
    elif closed:
        status = NOT_APPLICABLE
    elif clock.bound == LATEST and today > due:
        status = MISSED
    else:
        status = PENDING
    return Deadline(clock, trigger_date, extra, due, status, occurred, exemption)
