"""What-if: every clock of an agreement once assumed events have happened. Nothing is written.

The assumed events join the recorded timeline by date (after recorded entries of the same
instant) and go through the same clock functions a transition does (`records.clock_refusals`,
`records.clock_deadlines`), so a projected earliest date is the first date on which the real
event would be accepted, as far as the clocks go.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.engine import RowMapping

from service.agreements.records import SUSPENDED, clock_deadlines, clock_refusals, subject_of
from service.agreements.schemas import (
    AssumedEvent,
    AssumedOutcome,
    ProjectedClock,
    ProjectedEvent,
    Projection,
    ProjectionCreate,
)
from service.agreements.timeline import Entry, clock_date
from service.errors import InvalidTransition, ValidationFailed
from service.schemas import as_utc
from workflows import Deadline, Occurrence, Subject, WorkflowDefinition
from workflows.clocks import EARLIEST, EXTEND_DEADLINE


def _check_extension(definition: WorkflowDefinition, authority: str | None, index: int, event: AssumedEvent) -> None:
    names = [c.name for c in definition.clocks_for(authority)]
    wrong = (
        (event.clock is not None or event.days is not None)
        if event.event != EXTEND_DEADLINE
        else (event.clock not in names or event.days is None)
    )
    if wrong:
        raise ValidationFailed(
            f"events[{index}]: clock and days go with extend_deadline only, which needs both "
            f"(clocks: {', '.join(names) or 'none'})",
            errors=[{"loc": ["body", "events", index, "clock"], "msg": "extend_deadline only", "type": "extension"}],
        )


def project(
    row: RowMapping, definition: WorkflowDefinition, recorded: list[Entry], command: ProjectionCreate, *, today: date
) -> Projection:
    authority = row["authority"]
    subject = subject_of(row)
    # (when, 0 for recorded / 1 for assumed, order) sorts the two together by date.
    timeline: list[tuple[tuple[datetime, int, int], Occurrence]] = [
        ((e.occurred_at, 0, e.sequence), e.occurrence) for e in recorded
    ]
    assumed = sorted(enumerate(command.events), key=lambda pair: (as_utc(pair[1].occurred_at), pair[0]))
    outcomes: list[AssumedOutcome] = []
    for index, event in assumed:
        _check_extension(definition, authority, index, event)
        at = as_utc(event.occurred_at)
        assert at is not None
        day = clock_date(at)
        decision = definition.decide(subject, event.event)
        if not decision.allowed:
            raise InvalidTransition(
                f"The assumed {event.event} on {day.isoformat()} is not allowed from {subject.state}: "
                f"{'; '.join(decision.reasons)}",
                current_state=row["state"],
                event=event.event,
                reasons=list(decision.reasons),
            )
        before = [o for key, o in sorted(timeline, key=lambda item: item[0]) if key < (at, 1, index)]
        reasons = clock_refusals(definition, row, event.event, day, before)
        outcomes.append(AssumedOutcome(event=event.event, on=day, allowed=not reasons, reasons=reasons))
        days = event.days if event.event == EXTEND_DEADLINE else None
        timeline.append(((at, 1, index), Occurrence(event.event, day, event.clock, days)))
        if decision.to_state != subject.state:
            suspended_from = subject.state if decision.to_state == SUSPENDED else None
            subject = Subject(decision.to_state or subject.state, suspended_from, authority)
    occurrences = [o for _key, o in sorted(timeline, key=lambda item: item[0])]
    last = max((o.on for o in occurrences), default=today)
    closed = subject.state in definition.final_states
    deadlines = clock_deadlines(definition, row, occurrences, today=max(today, last), closed=closed)
    clocks = [
        ProjectedClock(
            clock=d.clock.name,
            event=d.clock.event,
            trigger=d.clock.trigger,
            bound=d.clock.bound,
            trigger_date=d.trigger_date,
            extension_days=d.extension_days,
            earliest=d.due if d.clock.bound == EARLIEST else None,
            latest=d.due if d.clock.bound != EARLIEST else None,
            status=d.status,
            legal_basis=d.clock.legal_basis,
            description=d.clock.description,
        )
        for d in deadlines
    ]
    return Projection(
        agreement_id=row["id"],
        state=subject.state,
        assumed=outcomes,
        clocks=clocks,
        events=_earliest(definition, row, deadlines, occurrences, last),
    )


def _earliest(
    definition: WorkflowDefinition,
    row: RowMapping,
    deadlines: list[Deadline],
    occurrences: list[Occurrence],
    start: date,
) -> list[ProjectedEvent]:
    """For each event a clock guards: the first date from `start` on when no clock refuses it.
    Only `start` and the clocks' due dates can be that date, so only they are tried."""
    guarded = list(dict.fromkeys(d.clock.event for d in deadlines if d.clock.guards))
    found = []
    for event in guarded:
        candidates = sorted(
            {start} | {d.due for d in deadlines if d.clock.event == event and d.due is not None and d.due > start}
        )
        refusals = clock_refusals(definition, row, event, start, occurrences)
        earliest = next((c for c in candidates if not clock_refusals(definition, row, event, c, occurrences)), None)
        found.append(ProjectedEvent(event=event, earliest=earliest, reasons=refusals))
    return found
