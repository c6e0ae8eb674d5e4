"""What every write and read of agreements shares: rows into response bodies, the row lock, and
the checks on versions and event dates. Kept apart from service.py so the history's own module
(history.py) and service.py both build on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from service.agreements.models import agreements_table as A
from service.agreements.schemas import AgreementOut, CorrectionOut, TransitionOut, WorkflowRef
from service.agreements.timeline import history_dates
from service.errors import NotFound, ValidationFailed, VersionMismatch
from service.schemas import as_utc
from workflows import Deadline, Decision, Occurrence, Subject, WorkflowDefinition, get_definition

# The state a suspended agreement is in; the entry that led there remembers where it stood.
SUSPENDED = "suspended"
# Clients' clocks drift; an event "now" from a slightly fast clock is not in the future.
FUTURE_TOLERANCE = timedelta(minutes=1)


def to_agreement(row: RowMapping | dict[str, Any]) -> AgreementOut:
    definition = get_definition(row["workflow_name"], row["workflow_version"])
    return AgreementOut(
        id=row["id"],
        title=row["title"],
        parties=row["parties"],
        sectors=row["sectors"],
        metadata=row["metadata"],
        workflow=WorkflowRef(name=row["workflow_name"], version=row["workflow_version"]),
        authority=row["authority"],
        state=row["state"],
        rta_status=definition.rta_status(row["state"], row["suspended_from"]) if definition else None,
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        as_of=row.get("as_of"),
        exemptions=row.get("exemptions") or [],
        unrecorded=row.get("unrecorded") or [],
        provisions=row.get("provisions") or [],
        rta_type=row.get("rta_type"),
        coverage=row.get("coverage"),
        wto_notifications=row.get("wto_notifications") or [],
        rta_is_id=row.get("rta_is_id"),
        desta_id=row.get("desta_id"),
        signed_on=row.get("signed_on"),
        entered_into_force_on=row.get("entered_into_force_on"),
    )


def to_transition(row: RowMapping | dict[str, Any], corrections: list[CorrectionOut] | None = None) -> TransitionOut:
    return TransitionOut.model_validate({**row, "corrections": corrections or []})


def state_after(entry: RowMapping | dict[str, Any]) -> tuple[str, str | None]:
    """(state, suspended_from) once a state-changing entry has happened."""
    return entry["to_state"], entry["from_state"] if entry["to_state"] == SUSPENDED else None


def definition_of(row: RowMapping) -> WorkflowDefinition:
    definition = get_definition(row["workflow_name"], row["workflow_version"])
    if definition is None:  # only if a definition was removed from the code while in use
        raise RuntimeError(f"workflow {row['workflow_name']} v{row['workflow_version']} is not installed")
    return definition


_MILESTONES: dict[tuple[str, int], frozenset[str]] = {}


def milestones(definition: WorkflowDefinition) -> frozenset[str]:
    """The events of the workflow that leave the state as it is."""
    key = (definition.name, definition.version)
    found = _MILESTONES.get(key)
    if found is None:
        found = _MILESTONES[key] = frozenset(t.event for t in definition.transitions if t.milestone)
    return found


# -- the clocks, asked in one place: what an agreement brings to them is read here ------------


def subject_of(agreement: RowMapping | dict[str, Any]) -> Subject:
    return Subject(agreement["state"], agreement["suspended_from"], agreement["authority"])


def exemptions_of(agreement: RowMapping | dict[str, Any]) -> frozenset[str]:
    return frozenset(agreement.get("exemptions") or ())


def provisions_of(agreement: RowMapping | dict[str, Any]) -> frozenset[str]:
    return frozenset(agreement.get("provisions") or ())


def unrecorded_of(agreement: RowMapping | dict[str, Any]) -> frozenset[str]:
    return frozenset(u["event"] for u in agreement.get("unrecorded") or ())


def clock_refusals(
    definition: WorkflowDefinition,
    agreement: RowMapping | dict[str, Any],
    event: str,
    day: date,
    timeline: list[Occurrence],
) -> list[str]:
    """Why the agreement's statutory clocks forbid `event` on `day`, given `timeline` before it."""
    return definition.clock_refusals(
        agreement["authority"], event, day, timeline,
        exemptions=exemptions_of(agreement), unrecorded=unrecorded_of(agreement),
        provisions=provisions_of(agreement),
    )  # fmt: skip


def decide_on(
    definition: WorkflowDefinition,
    agreement: RowMapping | dict[str, Any],
    subject: Subject,
    event: str,
    day: date,
    timeline: list[Occurrence],
) -> Decision:
    """The path (from `subject`), then the clocks: the full answer for an event on a day."""
    decision = definition.decide(subject, event)
    if not decision.allowed:
        return decision
    reasons = clock_refusals(definition, agreement, event, day, timeline)
    return Decision(event, False, reasons=tuple(reasons)) if reasons else decision


def clock_deadlines(
    definition: WorkflowDefinition,
    agreement: RowMapping | dict[str, Any],
    timeline: list[Occurrence],
    *,
    today: date,
    closed: bool,
) -> list[Deadline]:
    return definition.deadlines(
        agreement["authority"], timeline, today=today, closed=closed,
        exemptions=exemptions_of(agreement), unrecorded=unrecorded_of(agreement),
        provisions=provisions_of(agreement),
    )  # fmt: skip


def missing(agreement_id: str) -> NotFound:
    return NotFound(f"No agreement {agreement_id!r}")


def no_entry(agreement_id: str, sequence: int) -> NotFound:
    return NotFound(f"Agreement {agreement_id!r} has no history entry {sequence}")


def unstorable(agreement_id: str) -> bool:
    """An id no agreement can have; PostgreSQL would refuse to even compare it."""
    return len(agreement_id) > A.c.id.type.length or not agreement_id.isprintable()


def lock(conn: Connection, agreement_id: str) -> dict[str, Any]:
    """The agreement's row, locked until the transaction ends (PostgreSQL; SQLite has one writer),
    with the dates its history gives it (signed_on, entered_into_force_on)."""
    if unstorable(agreement_id):
        raise missing(agreement_id)
    row = conn.execute(sa.select(A).where(A.c.id == agreement_id).with_for_update()).mappings().first()
    if row is None:
        raise missing(agreement_id)
    return {**row, **history_dates(conn, agreement_id)}


def check_version(row: RowMapping, expected: int | None) -> None:
    if expected is not None and row["version"] != expected:
        raise VersionMismatch(
            f"You hold version {expected}; the agreement is at version {row['version']}",
            current_version=row["version"],
        )


def _date_problem(field: str, detail: str, msg: str, kind: str) -> ValidationFailed:
    return ValidationFailed(detail, errors=[{"loc": ["body", field], "msg": msg, "type": kind}])


def event_time(
    requested: datetime | Any | None,
    now: datetime,
    *,
    not_before: datetime | None,
    field: str,
    not_before_what: str = "the agreement's latest entry",
    not_after: datetime | None = None,
    not_after_what: str = "",
) -> datetime:
    """The instant an event happened: as given (a plain date is midnight UTC) or now; never in
    the future, nor outside the bounds the history sets."""
    occurred_at = as_utc(requested) or now
    if occurred_at > now + FUTURE_TOLERANCE:
        raise _date_problem(
            field,
            f"{field} {occurred_at.isoformat()} is in the future; record events once they have happened",
            "is in the future",
            "future_date",
        )
    if not_before is not None and occurred_at < not_before:
        raise _date_problem(
            field,
            f"{field} {occurred_at.isoformat()} is earlier than {not_before_what} ({not_before.isoformat()}); "
            "states change in the order events happened",
            "is before the latest entry",
            "out_of_order",
        )
    if not_after is not None and occurred_at > not_after:
        raise _date_problem(
            field,
            f"{field} {occurred_at.isoformat()} is later than {not_after_what} ({not_after.isoformat()}); "
            "states change in the order events happened",
            "is after the next entry",
            "out_of_order",
        )
    return occurred_at
