"""Agreements: creating, changing and transitioning them, and reading them back.

Each write is a plain function of a sync `Connection` that `Database.write` runs as one
transaction; each read is a coroutine on the async engine. Core statements keep the hot path
cheap: an ORM session per write measured about twice the cost here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service.agreements.models import agreements_table as A
from service.agreements.models import transitions_table as T
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransition,
    AvailableTransitions,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    WorkflowRef,
    as_utc,
)
from service.db import Database
from service.errors import InvalidTransition, NotFound, ValidationFailed, VersionMismatch
from service.pagination import Page, decode_cursor, encode_cursor
from service.webhooks import outbox
from workflows import DEFAULT_WORKFLOW, Subject, WorkflowDefinition, get_definition, latest_definition

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
        state=row["state"],
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
    values: dict[str, Any] = {
        "id": new_id(),
        "title": data.title,
        "parties": data.parties,
        "sectors": data.sectors,
        "metadata": data.metadata,
        "workflow_name": definition.name,
        "workflow_version": definition.version,
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
    }
    conn.execute(sa.insert(T), entry)
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


_LAST = T.alias("last")
# Built once: the agreement, locked, with its latest history entry (one round trip).
_SELECT_FOR_TRANSITION = (
    sa.select(A, _LAST.c.sequence.label("last_sequence"), _LAST.c.occurred_at.label("last_occurred_at"))
    .join(_LAST, _LAST.c.agreement_id == A.c.id)
    .where(A.c.id == sa.bindparam("agreement_id"))
    .order_by(_LAST.c.sequence.desc())
    .limit(1)
    .with_for_update(of=A)
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
    row = conn.execute(_SELECT_FOR_TRANSITION, {"agreement_id": agreement_id}).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    _check_version(row, expected_version)
    definition = definition_of(row)
    subject = Subject(row["state"], row["suspended_from"])
    decision = definition.decide(subject, command.event)
    if not decision.allowed:
        raise InvalidTransition(
            f"{command.event} is not allowed from {row['state']}: {'; '.join(decision.reasons)}",
            current_state=row["state"],
            event=command.event,
            allowed_events=definition.allowed_events(subject),
            reasons=list(decision.reasons),
        )
    occurred_at = _event_time(command.occurred_at, now, not_before=row["last_occurred_at"], field="occurred_at")
    to_state = decision.to_state
    suspended_from = row["state"] if to_state == "suspended" else None
    version = row["version"] + 1
    conn.execute(
        _UPDATE_STATE,
        {"b_id": agreement_id, "b_state": to_state, "b_suspended_from": suspended_from, "b_version": version, "b_updated_at": now},
    )
    entry = {
        "agreement_id": agreement_id,
        "sequence": row["last_sequence"] + 1,
        "event": command.event,
        "from_state": row["state"],
        "to_state": to_state,
        "occurred_at": occurred_at,
        "recorded_at": now,
        "actor": actor,
        "note": command.note,
        "reference": str(command.reference) if command.reference else None,
    }
    conn.execute(_INSERT_TRANSITION, entry)
    agreement = to_agreement({**row, "state": to_state, "version": version, "updated_at": now})
    result = TransitionResult(transition=to_transition(entry), agreement=agreement)
    outbox.record(conn, type=outbox.AGREEMENT_TRANSITIONED, agreement_id=agreement_id, data=outbox.transitioned(result))
    return result


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


async def available_transitions(db: Database, agreement_id: str) -> AvailableTransitions:
    row = await _row(db, agreement_id)
    definition = definition_of(row)
    decisions = definition.available(Subject(row["state"], row["suspended_from"]))
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
