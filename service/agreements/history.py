"""Changes to the history itself: correcting an entry in place and on the record, voiding the
latest state change, and checking every clock over a timeline that changed.

Nothing is deleted. A correction updates the entry and adds a row to `transition_corrections`
with each field's old and new value, who made it and why; a void marks the entry (voided_at,
voided_by, void_reason) and returns the agreement to the state before it. Both lock the
agreement's row first, as a transition does, so a correction and a transition of one agreement
run one after the other, never on the same stale reading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from service.agreements import events
from service.agreements.models import STATE_CHANGE
from service.agreements.models import agreements_table as A
from service.agreements.models import corrections_table as C
from service.agreements.models import transitions_table as T
from service.agreements.records import (
    check_version,
    clock_refusals,
    definition_of,
    event_time,
    lock,
    no_entry,
    state_after,
    to_agreement,
    to_transition,
)
from service.agreements.schemas import (
    AgreementOut,
    CorrectionCreate,
    CorrectionOut,
    CorrectionResult,
    FieldChange,
    TransitionOut,
    TransitionResult,
    VoidCreate,
)
from service.agreements.timeline import Entry, as_entry, clock_date, full_clock_timeline, history_dates
from service.db import utcnow
from service.deadlines import rows as deadline_rows
from service.errors import HistoryConflict, InvalidTransition, ValidationFailed
from service.webhooks import outbox
from workflows import Subject, WorkflowDefinition

# -- every clock over a changed timeline ------------------------------------------------------


def _refusals_by_entry(
    definition: WorkflowDefinition, agreement: RowMapping, timeline: list[Entry]
) -> dict[int, list[str]]:
    """Each entry's clock refusals, given the entries before it in the timeline."""
    bounded = {c.event for c in definition.clocks_for(agreement["authority"])}
    occurrences = [e.occurrence for e in timeline]
    found: dict[int, list[str]] = {}
    for index, item in enumerate(timeline):
        event = item.occurrence.event
        if event in bounded:
            reasons = clock_refusals(definition, agreement, event, item.occurrence.on, occurrences[:index])
            if reasons:
                found[item.sequence] = reasons
    return found


def broken_clocks(
    definition: WorkflowDefinition, agreement: RowMapping, before: list[Entry], after: list[Entry], *, changed: int
) -> list[str]:
    """What changing the timeline from `before` to `after` breaks: any clock refusal of the changed
    entry, and every refusal of another entry that it did not have before. An entry recorded
    with an override stands; so does one that already stood against a clock (a history moved
    from workflow v1, say), as long as its reasons do not change."""
    had = _refusals_by_entry(definition, agreement, before)
    broken: list[str] = []
    by_sequence = {e.sequence: e for e in after}
    for sequence, reasons in _refusals_by_entry(definition, agreement, after).items():
        item = by_sequence[sequence]
        if sequence == changed:
            broken += reasons
        elif not item.overridden:
            where = f"{item.occurrence.event} on {item.occurrence.on.isoformat()} (entry {sequence})"
            broken += [f"{where}: {r}" for r in reasons if r not in had.get(sequence, [])]
    return broken


def check_whole_timeline(
    conn: Connection,
    agreement: RowMapping,
    definition: WorkflowDefinition,
    changed: Entry,
    *,
    what: str,
    event: str,
    override_reason: str | None,
) -> None:
    """Refuse a change to the timeline (`changed` added, or put in place of the entry of its
    sequence) that breaks a statutory clock, unless an admin gave an override reason."""
    if override_reason or not definition.clocks_for(agreement["authority"]):
        return
    before = full_clock_timeline(conn, agreement["id"], definition)
    after = sorted([e for e in before if e.sequence != changed.sequence] + [changed], key=lambda e: e.key)
    broken = broken_clocks(definition, agreement, before, after, changed=changed.sequence)
    if broken:
        raise InvalidTransition(
            f"{what} would break a statutory clock: {'; '.join(broken)}",
            current_state=agreement["state"],
            event=event,
            reasons=broken,
        )


# -- corrections ----------------------------------------------------------------------------


def _shown(value: Any) -> str | None:
    """A value as the API shows it (and a correction keeps it)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return None if value is None else str(value)


def to_correction(row: RowMapping) -> CorrectionOut:
    return CorrectionOut(
        number=row["number"],
        changes=[FieldChange(**change) for change in row["changes"]],
        reason=row["reason"],
        override_reason=row["override_reason"],
        actor=row["actor"],
        recorded_at=row["recorded_at"],
    )


def corrections_between(agreement_id: str, first: int, last: int) -> sa.Select:
    """The corrections of entries `first` to `last`, each entry's oldest first."""
    return (
        sa.select(C)
        .where((C.c.agreement_id == agreement_id) & C.c.sequence.between(first, last))
        .order_by(C.c.sequence, C.c.number)
    )


def by_entry(rows: Iterable[RowMapping]) -> dict[int, list[CorrectionOut]]:
    grouped: dict[int, list[CorrectionOut]] = defaultdict(list)
    for row in rows:
        grouped[row["sequence"]].append(to_correction(row))
    return grouped


def _entry_row(conn: Connection, agreement_id: str, sequence: int) -> RowMapping:
    row = (
        conn.execute(sa.select(T).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence)))
        .mappings()
        .first()
    )
    if row is None:
        raise no_entry(agreement_id, sequence)
    return row


def _neighbour_state_changes(
    conn: Connection, agreement_id: str, sequence: int
) -> tuple[RowMapping | None, RowMapping | None]:
    """The live state changes just before and just after entry `sequence`, by sequence."""
    around = sa.select(T.c.sequence, T.c.occurred_at).where((T.c.agreement_id == agreement_id) & STATE_CHANGE)
    previous = (
        conn.execute(around.where(T.c.sequence < sequence).order_by(T.c.sequence.desc()).limit(1)).mappings().first()
    )
    following = conn.execute(around.where(T.c.sequence > sequence).order_by(T.c.sequence).limit(1)).mappings().first()
    return previous, following


def _state_before_entry(conn: Connection, agreement_id: str, at: datetime, sequence: int) -> RowMapping | None:
    """The state change in force where an entry at (`at`, `sequence`) stands in the timeline."""
    earlier = (T.c.occurred_at < at) | ((T.c.occurred_at == at) & (T.c.sequence < sequence))
    return (
        conn.execute(
            sa.select(T.c.from_state, T.c.to_state)
            .where((T.c.agreement_id == agreement_id) & STATE_CHANGE & earlier)
            .order_by(T.c.sequence.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )


def _corrected_time(
    conn: Connection, agreement: RowMapping, old: RowMapping, requested: Any, now: datetime
) -> datetime:
    """The corrected occurred_at, within the bounds the rest of the history sets."""
    agreement_id, sequence = agreement["id"], old["sequence"]
    if old["from_state"] == old["to_state"]:  # a milestone: anywhere from the announcement on
        return event_time(requested, now, not_before=None, field="occurred_at")
    previous, following = _neighbour_state_changes(conn, agreement_id, sequence)
    not_after, not_after_what = (
        (following["occurred_at"], "the next entry that changed the state") if following else (None, "")
    )
    if previous is None:  # the announcement comes before every other entry
        first_other = conn.execute(
            sa.select(sa.func.min(T.c.occurred_at)).where(
                (T.c.agreement_id == agreement_id) & (T.c.sequence != sequence) & T.c.voided_at.is_(None)
            )
        ).scalar()
        not_after, not_after_what = (first_other, "the agreement's earliest other entry") if first_other else (None, "")
    return event_time(
        requested,
        now,
        not_before=previous["occurred_at"] if previous else None,
        field="occurred_at",
        not_before_what="the entry before it that changed the state",
        not_after=not_after,
        not_after_what=not_after_what,
    )


def _milestone_state(
    conn: Connection, agreement: RowMapping, definition: WorkflowDefinition, event: str, at: datetime, sequence: int
) -> str:
    """The state a milestone at (`at`, `sequence`) happened in, once the workflow allows it there."""
    then = _state_before_entry(conn, agreement["id"], at, sequence)
    if then is None:
        raise ValidationFailed(
            f"occurred_at {at.isoformat()} is earlier than the agreement's announcement",
            errors=[{"loc": ["body", "occurred_at"], "msg": "is before the announcement", "type": "out_of_order"}],
        )
    state, suspended_from = state_after(then)
    decision = definition.decide(Subject(state, suspended_from, agreement["authority"]), event)
    if not decision.allowed:
        raise InvalidTransition(
            f"{event} cannot have happened on {clock_date(at).isoformat()}: {'; '.join(decision.reasons)}",
            current_state=agreement["state"],
            event=event,
            reasons=list(decision.reasons),
        )
    return state


def record_correction(
    conn: Connection,
    agreement_id: str,
    sequence: int,
    command: CorrectionCreate,
    *,
    expected_version: int | None,
    actor: str,
) -> CorrectionResult:
    """Correct one history entry in `conn`'s transaction, keeping the old values on the record."""
    agreement = lock(conn, agreement_id)
    now = utcnow()
    check_version(agreement, expected_version)
    old = _entry_row(conn, agreement_id, sequence)
    if old["voided_at"] is not None:
        raise HistoryConflict(f"Entry {sequence} is void; a void entry is not corrected", sequence=sequence)
    sent = command.model_fields_set
    new: dict[str, Any] = {}
    definition = definition_of(agreement)
    if "occurred_at" in sent:
        if command.occurred_at is None:
            raise ValidationFailed(
                "occurred_at cannot be cleared; send the true date",
                errors=[{"loc": ["body", "occurred_at"], "msg": "may not be null", "type": "none_not_allowed"}],
            )
        new["occurred_at"] = _corrected_time(conn, agreement, old, command.occurred_at, now)
        if old["from_state"] == old["to_state"] and new["occurred_at"] != old["occurred_at"]:
            state = _milestone_state(conn, agreement, definition, old["event"], new["occurred_at"], sequence)
            new["from_state"] = new["to_state"] = state
    if "note" in sent:
        new["note"] = command.note
    if "reference" in sent:
        new["reference"] = str(command.reference) if command.reference is not None else None
    changes = [
        {"field": field, "old": _shown(old[field]), "new": _shown(value)}
        for field, value in new.items()
        if value != old[field]
    ]
    if not changes:
        raise ValidationFailed(
            f"The correction changes nothing: entry {sequence} already has these values",
            errors=[{"loc": ["body"], "msg": "changes nothing", "type": "no_change"}],
        )
    changed = {c["field"]: new[c["field"]] for c in changes}
    if "occurred_at" in changed and old["event"] in definition.clock_events:
        check_whole_timeline(
            conn,
            agreement,
            definition,
            as_entry({**old, **changed}),
            what=f"Correcting entry {sequence} ({old['event']}) to {_shown(changed['occurred_at'])}",
            event=old["event"],
            override_reason=command.override_reason,
        )
    conn.execute(sa.update(T).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence)), changed)
    number = conn.execute(
        sa.select(sa.func.coalesce(sa.func.max(C.c.number), 0) + 1).where(
            (C.c.agreement_id == agreement_id) & (C.c.sequence == sequence)
        )
    ).scalar_one()
    correction = {
        "agreement_id": agreement_id,
        "sequence": sequence,
        "number": number,
        "changes": changes,
        "reason": command.reason,
        "override_reason": command.override_reason,
        "actor": actor,
        "recorded_at": now,
    }
    conn.execute(sa.insert(C), correction)
    if "occurred_at" in changed and old["event"] in definition.clock_events:  # the clocks' timeline moved
        deadline_rows.refresh(conn, agreement)
    agreement_out = _touch(conn, agreement, now=now)
    trail = [to_correction(r) for r in conn.execute(corrections_between(agreement_id, sequence, sequence)).mappings()]
    result = CorrectionResult(
        correction=to_correction(correction),
        transition=to_transition({**old, **changed}, trail),
        agreement=agreement_out,
    )
    outbox.record(
        conn,
        type=outbox.AGREEMENT_CORRECTED,
        agreement_id=agreement_id,
        data=events.payload(result),
    )
    return result


def _touch(
    conn: Connection, agreement: RowMapping, *, now: datetime, state: tuple[str, str | None] | None = None
) -> AgreementOut:
    """Grow the agreement's version (and set its state); its history changed."""
    values: dict[str, Any] = {"version": agreement["version"] + 1, "updated_at": now}
    if state is not None:
        values["state"], values["suspended_from"] = state
    conn.execute(sa.update(A).where(A.c.id == agreement["id"]), values)
    # A corrected or void sign / implement entry moves the dates the history gives the agreement.
    return to_agreement({**agreement, **values, **history_dates(conn, agreement["id"])})


# -- void -----------------------------------------------------------------------------------


def record_void(
    conn: Connection,
    agreement_id: str,
    sequence: int,
    command: VoidCreate,
    *,
    expected_version: int | None,
    actor: str,
) -> TransitionResult:
    """Void the agreement's latest state change in `conn`'s transaction: the agreement returns to
    the state before it; the entry stays in the history, marked."""
    agreement = lock(conn, agreement_id)
    now = utcnow()
    check_version(agreement, expected_version)
    old = _entry_row(conn, agreement_id, sequence)
    if old["voided_at"] is not None:
        raise HistoryConflict(f"Entry {sequence} is already void", sequence=sequence)
    if old["from_state"] is None:
        raise HistoryConflict(
            f"Entry {sequence} is the announcement; an agreement cannot be unannounced (correct its date instead)",
            sequence=sequence,
        )
    if old["from_state"] == old["to_state"]:
        raise HistoryConflict(
            f"Entry {sequence} ({old['event']}) is a milestone: it changed no state, so there is none to undo. "
            "Correct its date, note or reference instead",
            sequence=sequence,
        )
    previous, following = _neighbour_state_changes(conn, agreement_id, sequence)
    if following is not None or previous is None:
        latest = conn.execute(
            sa.select(sa.func.max(T.c.sequence)).where((T.c.agreement_id == agreement_id) & STATE_CHANGE)
        ).scalar()
        raise HistoryConflict(
            f"Only the latest entry that changed the state may be voided; that is entry {latest}",
            sequence=sequence,
            voidable_sequence=latest,
        )
    before = (
        conn.execute(
            sa.select(T.c.from_state, T.c.to_state).where(
                (T.c.agreement_id == agreement_id) & (T.c.sequence == previous["sequence"])
            )
        )
        .mappings()
        .one()
    )
    void = {"voided_at": now, "voided_by": actor, "void_reason": command.reason}
    conn.execute(sa.update(T).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence)), void)
    state, suspended_from = state_after(before)
    agreement_out = _touch(conn, agreement, now=now, state=(state, suspended_from))
    deadline_rows.refresh(conn, {**agreement, "state": state, "suspended_from": suspended_from})
    trail = [to_correction(r) for r in conn.execute(corrections_between(agreement_id, sequence, sequence)).mappings()]
    transition: TransitionOut = to_transition({**old, **void}, trail)
    result = TransitionResult(transition=transition, agreement=agreement_out)
    outbox.record(
        conn,
        type=outbox.AGREEMENT_VOIDED,
        agreement_id=agreement_id,
        data=events.payload(result),
    )
    return result
