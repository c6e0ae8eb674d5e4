"""Agreements: creating, changing and transitioning them, and reading them back.

Each write is a plain function of a sync `Connection` that `Database.write` runs as one
transaction; each read is a coroutine on the async engine. Core statements keep the hot path
cheap: an ORM session per write measured about twice the cost here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service.agreements.models import agreements_table as A
from service.agreements.models import relations_table as R
from service.agreements.models import transitions_table as T
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransition,
    AvailableTransitions,
    Deadline,
    Diagram,
    Relation,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    WorkflowRef,
    as_utc,
)
from service.db import Database, utcnow
from service.errors import InvalidTransition, NotFound, ValidationFailed, VersionMismatch
from service.pagination import Page, decode_cursor, encode_cursor
from service.webhooks import outbox
from workflows import DEFAULT_WORKFLOW, Occurrence, Subject, WorkflowDefinition, get_definition, latest_definition
from workflows.clocks import EXTEND_DEADLINE
from workflows.trade_agreement import rta_is_status

ID_PREFIX = "agr_"
CREATE_EVENT = "announce"
# Clients' clocks drift; an event "now" from a slightly fast clock is not in the future.
FUTURE_TOLERANCE = timedelta(minutes=1)


def new_id() -> str:
    return ID_PREFIX + str(ULID())


def to_agreement(row: RowMapping) -> AgreementOut:
    return AgreementOut(
        id=row["id"],
        title=row["title"],
        parties=row["parties"],
        sectors=row["sectors"],
        metadata=row["metadata"],
        workflow=WorkflowRef(name=row["workflow_name"], version=row["workflow_version"]),
        authority=row["authority"],
        state=row["state"],
        rta_status=rta_is_status(row["state"], row["suspended_from"]),
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def to_transition(row: RowMapping | dict[str, Any]) -> TransitionOut:
    return TransitionOut.model_validate(dict(row))


def definition_of(row: RowMapping) -> WorkflowDefinition:
    definition = get_definition(row["workflow_name"], row["workflow_version"])
    if definition is None:  # only if a definition was removed from the code while in use
        raise RuntimeError(f"workflow {row['workflow_name']} v{row['workflow_version']} is not installed")
    return definition


def _missing(agreement_id: str) -> NotFound:
    return NotFound(f"No agreement {agreement_id!r}")


def _event_time(requested: datetime | None, now: datetime, *, not_before: datetime | None, field: str) -> datetime:
    occurred_at = as_utc(requested) or now
    if occurred_at > now + FUTURE_TOLERANCE:
        raise ValidationFailed(
            f"{field} {occurred_at.isoformat()} is in the future; record events once they have happened",
            errors=[{"loc": ["body", field], "msg": "is in the future", "type": "future_date"}],
        )
    if not_before is not None and occurred_at < not_before:
        raise ValidationFailed(
            f"{field} {occurred_at.isoformat()} is earlier than the agreement's latest entry "
            f"({not_before.isoformat()}); history is recorded in the order events happened",
            errors=[{"loc": ["body", field], "msg": "is before the latest entry", "type": "out_of_order"}],
        )
    return occurred_at


# -- writes ---------------------------------------------------------------------------------


def create(conn: Connection, data: AgreementCreate, *, actor: str, now: datetime) -> TransitionResult:
    workflow = data.workflow or DEFAULT_WORKFLOW
    definition = latest_definition(workflow)
    if definition is None:
        raise ValidationFailed(
            f"No workflow named {workflow!r}",
            errors=[{"loc": ["body", "workflow"], "msg": "unknown workflow", "type": "unknown_workflow"}],
        )
    announced_at = _event_time(data.announced_at, now, not_before=None, field="announced_at")
    if data.authority is not None and not definition.authorities:
        raise ValidationFailed(
            f"Workflow {definition.name} v{definition.version} has no negotiating authorities",
            errors=[{"loc": ["body", "authority"], "msg": "not used by this workflow", "type": "no_authority"}],
        )
    values: dict[str, Any] = {
        "id": new_id(),
        "title": data.title,
        "parties": data.parties,
        "sectors": data.sectors,
        "metadata": data.metadata,
        "workflow_name": definition.name,
        "workflow_version": definition.version,
        "authority": data.authority or definition.default_authority,
        "state": definition.initial,
        "suspended_from": None,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    conn.execute(sa.insert(A), values)
    entry = {
        "agreement_id": values["id"],
        "sequence": 1,
        "event": CREATE_EVENT,
        "from_state": None,
        "to_state": definition.initial,
        "occurred_at": announced_at,
        "recorded_at": now,
        "actor": actor,
        "note": data.note,
        "reference": str(data.reference) if data.reference else None,
        "override_reason": None,
        "clock": None,
        "days": None,
    }
    conn.execute(sa.insert(T), entry)
    _relate(conn, values["id"], data.relations, now=now)
    result = TransitionResult(transition=to_transition(entry), agreement=to_agreement(values))
    outbox.record(conn, type=outbox.AGREEMENT_CREATED, agreement_id=values["id"], data=result.model_dump(mode="json"))
    return result


def _unstorable(agreement_id: str) -> bool:
    """An id no agreement can have; PostgreSQL would refuse to even compare it."""
    return len(agreement_id) > A.c.id.type.length or not agreement_id.isprintable()


def _lock(conn: Connection, agreement_id: str) -> RowMapping:
    if _unstorable(agreement_id):
        raise _missing(agreement_id)
    row = conn.execute(sa.select(A).where(A.c.id == agreement_id).with_for_update()).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    return row


def _check_version(row: RowMapping, expected: int | None) -> None:
    if expected is not None and row["version"] != expected:
        raise VersionMismatch(
            f"You hold version {expected}; the agreement is at version {row['version']}",
            current_version=row["version"],
        )


def update(conn: Connection, agreement_id: str, patch: AgreementUpdate, *, expected_version: int | None, now: datetime) -> AgreementOut:
    row = _lock(conn, agreement_id)
    _check_version(row, expected_version)
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    values = {**row, **changes, "version": row["version"] + 1, "updated_at": now}
    conn.execute(
        sa.update(A).where(A.c.id == agreement_id),
        {k: values[k] for k in (*changes, "version", "updated_at")},
    )
    agreement = to_agreement(values)
    outbox.record(
        conn, type=outbox.AGREEMENT_UPDATED, agreement_id=agreement_id,
        data={"agreement": agreement.model_dump(mode="json"), "changed": sorted(changes)},
    )
    return agreement


# Built once. The history's head is read after the agreement's row lock is held: in one
# joined statement PostgreSQL would re-check only the locked row after waiting for it, and the
# joined head would be the one from before the wait.
_LOCK_AGREEMENT = sa.select(A).where(A.c.id == sa.bindparam("agreement_id")).with_for_update()
_HISTORY_HEAD = (
    sa.select(T.c.sequence, T.c.occurred_at)
    .where(T.c.agreement_id == sa.bindparam("agreement_id"))
    .order_by(T.c.sequence.desc())
    .limit(1)
)
_UPDATE_STATE = (
    sa.update(A)
    .where(A.c.id == sa.bindparam("b_id"))
    .values(
        state=sa.bindparam("b_state"),
        suspended_from=sa.bindparam("b_suspended_from"),
        version=sa.bindparam("b_version"),
        updated_at=sa.bindparam("b_updated_at"),
    )
)
_INSERT_TRANSITION = sa.insert(T)


def transition(
    conn: Connection,
    agreement_id: str,
    command: TransitionCreate,
    *,
    expected_version: int | None,
    actor: str,
    now: datetime,
) -> TransitionResult:
    if _unstorable(agreement_id):
        raise _missing(agreement_id)
    row = conn.execute(_LOCK_AGREEMENT, {"agreement_id": agreement_id}).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    head = conn.execute(_HISTORY_HEAD, {"agreement_id": agreement_id}).one()
    _check_version(row, expected_version)
    definition = definition_of(row)
    subject = Subject(row["state"], row["suspended_from"], row["authority"])
    decision = definition.decide(subject, command.event)
    if not decision.allowed:
        raise InvalidTransition(
            f"{command.event} is not allowed from {row['state']}: {'; '.join(decision.reasons)}",
            current_state=row["state"],
            event=command.event,
            allowed_events=definition.allowed_events(subject),
            reasons=list(decision.reasons),
        )
    _check_extension(definition, subject, command)
    occurred_at = _event_time(command.occurred_at, now, not_before=head.occurred_at, field="occurred_at")
    if definition.clocks_for(subject.authority):  # v1 and `other` have none: no extra query
        _check_clocks(conn, agreement_id, definition, subject, command, occurred_at)
    to_state = decision.to_state
    suspended_from = row["state"] if to_state == "suspended" else None
    version = row["version"] + 1
    conn.execute(
        _UPDATE_STATE,
        {"b_id": agreement_id, "b_state": to_state, "b_suspended_from": suspended_from, "b_version": version, "b_updated_at": now},
    )
    entry = {
        "agreement_id": agreement_id,
        "sequence": head.sequence + 1,
        "event": command.event,
        "from_state": row["state"],
        "to_state": to_state,
        "occurred_at": occurred_at,
        "recorded_at": now,
        "actor": actor,
        "note": command.note,
        "reference": str(command.reference) if command.reference else None,
        "override_reason": command.override_reason,
        "clock": command.clock,
        "days": command.days,
    }
    conn.execute(_INSERT_TRANSITION, entry)
    agreement = to_agreement(
        {**row, "state": to_state, "suspended_from": suspended_from, "version": version, "updated_at": now}
    )
    result = TransitionResult(transition=to_transition(entry), agreement=agreement)
    data = outbox.transitioned(result)
    if command.override_reason:
        data["transition"]["override_reason"] = command.override_reason
    outbox.record(conn, type=outbox.AGREEMENT_TRANSITIONED, agreement_id=agreement_id, data=data)
    return result


# Built once: the dated history that statutory clocks read (v2 only; primary-key range scan).
_SELECT_TIMELINE = (
    sa.select(T.c.event, T.c.occurred_at, T.c.clock, T.c.days)
    .where(T.c.agreement_id == sa.bindparam("agreement_id"))
    .order_by(T.c.sequence)
)


def _occurrences(rows) -> list[Occurrence]:
    return [Occurrence(r.event, r.occurred_at.date(), r.clock, r.days) for r in rows]


def _check_extension(definition: WorkflowDefinition, subject: Subject, command: TransitionCreate) -> None:
    if command.event != EXTEND_DEADLINE:
        if command.clock is not None or command.days is not None:
            raise ValidationFailed(
                "clock and days are for extend_deadline only",
                errors=[{"loc": ["body", "clock" if command.clock is not None else "days"], "msg": "extend_deadline only", "type": "unexpected"}],
            )
        return
    names = [c.name for c in definition.clocks_for(subject.authority)]
    if command.clock not in names or command.days is None:
        raise ValidationFailed(
            f"extend_deadline needs a clock ({', '.join(names) or 'this agreement has none'}) and a number of days",
            errors=[{"loc": ["body", "clock" if command.clock not in names else "days"], "msg": "required for extend_deadline", "type": "missing"}],
        )


def _check_clocks(
    conn: Connection, agreement_id: str, definition: WorkflowDefinition, subject: Subject,
    command: TransitionCreate, occurred_at: datetime,
) -> None:
    timeline = _occurrences(conn.execute(_SELECT_TIMELINE, {"agreement_id": agreement_id}))
    day = occurred_at.date()
    reasons = definition.clock_refusals(subject.authority, command.event, day, timeline)
    if reasons and not command.override_reason:
        raise InvalidTransition(
            f"{command.event} is not allowed on {day.isoformat()}: {'; '.join(reasons)}",
            current_state=subject.state,
            event=command.event,
            allowed_events=[
                e for e in definition.allowed_events(subject)
                if not definition.clock_refusals(subject.authority, e, day, timeline)
            ],
            reasons=reasons,
        )


def _relate(conn: Connection, agreement_id: str, relations: list, *, now: datetime) -> None:
    for index, relation in enumerate(relations):
        related = relation.agreement_id
        if related == agreement_id or _unstorable(related) or conn.execute(
            sa.select(A.c.id).where(A.c.id == related)
        ).first() is None:
            raise ValidationFailed(
                f"relations[{index}]: no agreement {related!r} to {relation.kind}",
                errors=[{"loc": ["body", "relations", index, "agreement_id"], "msg": "no such agreement", "type": "unknown_agreement"}],
            )
    rows = {(r.kind, r.agreement_id) for r in relations}
    if rows:
        conn.execute(
            sa.insert(R),
            [{"agreement_id": agreement_id, "kind": kind, "related_id": related, "created_at": now} for kind, related in sorted(rows)],
        )


def upgrade_workflow(conn: Connection, agreement_id: str, *, authority: str | None, now: datetime) -> AgreementOut:
    """Move an agreement to the latest version of its workflow, when its state exists there."""
    row = _lock(conn, agreement_id)
    definition = definition_of(row)
    latest = latest_definition(row["workflow_name"])
    if latest is None or latest.version <= definition.version:
        raise InvalidTransition(
            f"Agreement {agreement_id} is already on {definition.name} v{definition.version}, the latest",
            current_state=row["state"],
        )
    if row["state"] not in latest.states or (row["suspended_from"] and row["suspended_from"] not in latest.states):
        raise InvalidTransition(
            f"State {row['state']} does not exist in {latest.name} v{latest.version}", current_state=row["state"]
        )
    if authority is not None and authority not in latest.authorities:
        raise ValidationFailed(f"authority must be one of {', '.join(latest.authorities)}")
    values = {
        **row,
        "workflow_version": latest.version,
        "authority": authority or row["authority"] or latest.default_authority,
        "version": row["version"] + 1,
        "updated_at": now,
    }
    conn.execute(
        sa.update(A).where(A.c.id == agreement_id),
        {k: values[k] for k in ("workflow_version", "authority", "version", "updated_at")},
    )
    agreement = to_agreement(values)
    outbox.record(
        conn, type=outbox.AGREEMENT_UPDATED, agreement_id=agreement_id,
        data={"agreement": agreement.model_dump(mode="json"), "changed": ["authority", "workflow"]},
    )
    return agreement


# -- reads ----------------------------------------------------------------------------------


async def _row(db: Database, agreement_id: str) -> RowMapping:
    if _unstorable(agreement_id):
        raise _missing(agreement_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(A).where(A.c.id == agreement_id))).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    return row


async def get(db: Database, agreement_id: str) -> AgreementOut:
    return to_agreement(await _row(db, agreement_id))


def _has_party(db: Database, party: str) -> sa.ColumnElement[bool]:
    if db.is_sqlite:
        members = sa.func.json_each(A.c.parties).table_valued("value")
        return sa.exists().select_from(members).where(members.c.value == party)
    return A.c.parties.op("@>")(sa.func.jsonb_build_array(party))


async def list_agreements(
    db: Database, *, state: str | None, party: str | None, q: str | None, limit: int, cursor: str | None
) -> Page[AgreementOut]:
    after = decode_cursor("agreements", cursor)
    query = sa.select(A).order_by(A.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(A.c.id > str(after))
    if state:
        query = query.where(A.c.state == state)
    if party:
        query = query.where(_has_party(db, party))
    if q:
        query = query.where(A.c.title.icontains(q, autoescape=True))
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    page = [to_agreement(r) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(data=page, next_cursor=encode_cursor("agreements", page[-1].id) if more else None)


async def history(db: Database, agreement_id: str, *, limit: int, cursor: str | None) -> Page[TransitionOut]:
    after = decode_cursor("transitions", cursor)
    await _row(db, agreement_id)
    query = sa.select(T).where(T.c.agreement_id == agreement_id).order_by(T.c.sequence).limit(limit + 1)
    if after is not None:
        if not isinstance(after, int):
            raise ValidationFailed("cursor is not one this service issued")
        query = query.where(T.c.sequence > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    page = [to_transition(r) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(data=page, next_cursor=encode_cursor("transitions", page[-1].sequence) if more else None)


async def _timeline(db: Database, agreement_id: str) -> list[Occurrence]:
    async with db.read() as conn:
        return _occurrences(await conn.execute(_SELECT_TIMELINE, {"agreement_id": agreement_id}))


async def available_transitions(db: Database, agreement_id: str) -> AvailableTransitions:
    row = await _row(db, agreement_id)
    definition = definition_of(row)
    subject = Subject(row["state"], row["suspended_from"], row["authority"])
    if definition.clocks:  # as of today: the clocks' answers move with the calendar
        timeline = await _timeline(db, agreement_id)
        today = utcnow().date()
        decisions = [definition.decide_on(subject, event, today, timeline) for event in definition.events]
    else:
        decisions = definition.available(subject)
    return AvailableTransitions(
        agreement_id=agreement_id,
        state=row["state"],
        version=row["version"],
        events=[AvailableTransition(event=d.event, allowed=d.allowed, to_state=d.to_state, reasons=list(d.reasons)) for d in decisions],
    )


async def get_transition(db: Database, agreement_id: str, sequence: int) -> TransitionOut:
    await _row(db, agreement_id)
    async with db.read() as conn:
        row = (
            await conn.execute(sa.select(T).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence)))
        ).mappings().first()
    if row is None:
        raise NotFound(f"Agreement {agreement_id!r} has no history entry {sequence}")
    return to_transition(row)


def _deadlines(row: RowMapping, timeline: list[Occurrence], today: date) -> list[Deadline]:
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
        )
        for d in definition.deadlines(row["authority"], timeline, today=today, closed=closed)
    ]


async def deadlines(db: Database, agreement_id: str) -> list[Deadline]:
    row = await _row(db, agreement_id)
    return _deadlines(row, await _timeline(db, agreement_id), utcnow().date())


async def all_deadlines(db: Database, *, due_before: date | None, status: str | None, limit: int) -> list[Deadline]:
    """Deadlines across agreements (only v2 agreements have clocks), soonest due first."""
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(A).where(A.c.authority.is_not(None)).order_by(A.c.id))).mappings().all()
        history = await conn.execute(
            sa.select(T.c.agreement_id, T.c.event, T.c.occurred_at, T.c.clock, T.c.days)
            .join(A, A.c.id == T.c.agreement_id)
            .where(A.c.authority.is_not(None))
            .order_by(T.c.agreement_id, T.c.sequence)
        )
        timelines: dict[str, list] = {}
        for entry in history:
            timelines.setdefault(entry.agreement_id, []).append(entry)
    today = utcnow().date()
    found = [
        d
        for row in rows
        for d in _deadlines(row, _occurrences(timelines.get(row["id"], [])), today)
        if (status is None or d.status == status) and (due_before is None or (d.due_date is not None and d.due_date < due_before))
    ]
    found.sort(key=lambda d: (d.due_date or date.max, d.agreement_id, d.clock))
    return found[:limit]


async def relations(db: Database, agreement_id: str) -> list[Relation]:
    await _row(db, agreement_id)
    async with db.read() as conn:
        rows = (await conn.execute(
            sa.select(R).where((R.c.agreement_id == agreement_id) | (R.c.related_id == agreement_id)).order_by(R.c.created_at, R.c.kind)
        )).mappings().all()
    return [
        Relation(kind=r["kind"], agreement_id=r["related_id"], direction="outgoing") if r["agreement_id"] == agreement_id
        else Relation(kind=r["kind"], agreement_id=r["agreement_id"], direction="incoming")
        for r in rows
    ]


async def diagram(db: Database, agreement_id: str) -> Diagram:
    row = await _row(db, agreement_id)
    definition = definition_of(row)
    async with db.read() as conn:
        steps = (await conn.execute(
            sa.select(T.c.event, T.c.from_state, T.c.to_state).where(T.c.agreement_id == agreement_id).order_by(T.c.sequence)
        )).all()
    taken = [(s.from_state, s.to_state, s.event) for s in steps if s.from_state != s.to_state]
    path = [to for _, to, _ in taken]
    return Diagram(
        agreement_id=agreement_id,
        workflow=WorkflowRef(name=row["workflow_name"], version=row["workflow_version"]),
        state=row["state"],
        path=path,
        mermaid=definition.mermaid_path(taken, current=row["state"], authority=row["authority"]),
    )
