"""Agreements: creating, changing and transitioning them, and reading them back.

The write rule, the same in every package: each public write is one coroutine,
`async def verb(db, principal, ...)`, that runs one transaction through `Database.write` (with
`idempotency.once` beneath it where a retry must be safe). Inside it, the work is a plain
function of a sync `Connection` (`record_creation`, `record_transition`), which the seed also
composes into one transaction per agreement. Reads are coroutines on the async engine. Core
statements keep the hot path cheap: an ORM session per write measured about twice the cost here.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service import idempotency
from service.agreements.models import agreements_table as A
from service.agreements.models import relations_table as R
from service.agreements.models import transitions_table as T
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransition,
    AvailableTransitions,
    Diagram,
    Relation,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    WorkflowRef,
)
from service.agreements.timeline import clock_timeline, read_clock_timeline
from service.db import Database, utcnow
from service.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed, VersionMismatch
from service.idempotency import Once
from service.metrics import TRANSITIONS
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal
from service.schemas import as_utc
from service.webhooks import outbox
from workflows import DEFAULT_WORKFLOW, Occurrence, Subject, WorkflowDefinition, get_definition, latest_definition
from workflows.clocks import EXTEND_DEADLINE

ID_PREFIX = "agr_"
CREATE_EVENT = "announce"
# Clients' clocks drift; an event "now" from a slightly fast clock is not in the future.
FUTURE_TOLERANCE = timedelta(minutes=1)


def new_id() -> str:
    return ID_PREFIX + str(ULID())


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


def record_creation(conn: Connection, data: AgreementCreate, *, actor: str, now: datetime) -> TransitionResult:
    """Create an agreement in its workflow's first state, with its announcement, in `conn`'s
    transaction."""
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


def _update(
    conn: Connection, agreement_id: str, patch: AgreementUpdate, *, expected_version: int | None, actor: str
) -> AgreementOut:
    row = _lock(conn, agreement_id)
    _check_version(row, expected_version)
    # A field sent as null, or with the value it already has, is no change.
    changes = {k: v for k, v in patch.model_dump(exclude_unset=True, exclude_none=True).items() if row[k] != v}
    if not changes:
        return to_agreement(row)
    now = utcnow()
    values = {**row, **changes, "version": row["version"] + 1, "updated_at": now}
    conn.execute(
        sa.update(A).where(A.c.id == agreement_id), {k: values[k] for k in (*changes, "version", "updated_at")}
    )
    agreement = to_agreement(values)
    outbox.record(
        conn,
        type=outbox.AGREEMENT_UPDATED,
        agreement_id=agreement_id,
        data={"agreement": agreement.model_dump(mode="json"), "changed": sorted(changes), "actor": actor},
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


def record_transition(
    conn: Connection,
    agreement_id: str,
    command: TransitionCreate,
    *,
    expected_version: int | None,
    actor: str,
    now: datetime | None = None,
) -> TransitionResult:
    """Fire a workflow event on the agreement in `conn`'s transaction."""
    if _unstorable(agreement_id):
        raise _missing(agreement_id)
    row = conn.execute(_LOCK_AGREEMENT, {"agreement_id": agreement_id}).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    # "Now" is read once the lock is held: read before it, a request that waited for the lock
    # would date its event earlier than the entry of the request it waited for.
    now = now or utcnow()
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
        timeline = clock_timeline(conn, agreement_id, definition, subject.authority)
        _check_clocks(timeline, definition, subject, command, occurred_at)
    to_state = decision.to_state
    suspended_from = row["state"] if to_state == "suspended" else None
    version = row["version"] + 1
    conn.execute(
        _UPDATE_STATE,
        {
            "b_id": agreement_id,
            "b_state": to_state,
            "b_suspended_from": suspended_from,
            "b_version": version,
            "b_updated_at": now,
        },
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


def _check_extension(definition: WorkflowDefinition, subject: Subject, command: TransitionCreate) -> None:
    if command.event != EXTEND_DEADLINE:
        if command.clock is not None or command.days is not None:
            raise ValidationFailed(
                "clock and days are for extend_deadline only",
                errors=[
                    {
                        "loc": ["body", "clock" if command.clock is not None else "days"],
                        "msg": "extend_deadline only",
                        "type": "unexpected",
                    }
                ],
            )
        return
    names = [c.name for c in definition.clocks_for(subject.authority)]
    if command.clock not in names or command.days is None:
        raise ValidationFailed(
            f"extend_deadline needs a clock ({', '.join(names) or 'this agreement has none'}) and a number of days",
            errors=[
                {
                    "loc": ["body", "clock" if command.clock not in names else "days"],
                    "msg": "required for extend_deadline",
                    "type": "missing",
                }
            ],
        )


def _check_clocks(
    timeline: list[Occurrence],
    definition: WorkflowDefinition,
    subject: Subject,
    command: TransitionCreate,
    occurred_at: datetime,
) -> None:
    day = occurred_at.date()
    reasons = definition.clock_refusals(subject.authority, command.event, day, timeline)
    if reasons and not command.override_reason:
        raise InvalidTransition(
            f"{command.event} is not allowed on {day.isoformat()}: {'; '.join(reasons)}",
            current_state=subject.state,
            event=command.event,
            allowed_events=[
                e
                for e in definition.allowed_events(subject)
                if not definition.clock_refusals(subject.authority, e, day, timeline)
            ],
            reasons=reasons,
        )


def _relate(conn: Connection, agreement_id: str, relations: list, *, now: datetime) -> None:
    for index, relation in enumerate(relations):
        related = relation.agreement_id
        if (
            related == agreement_id
            or _unstorable(related)
            or conn.execute(sa.select(A.c.id).where(A.c.id == related)).first() is None
        ):
            raise ValidationFailed(
                f"relations[{index}]: no agreement {related!r} to {relation.kind}",
                errors=[
                    {
                        "loc": ["body", "relations", index, "agreement_id"],
                        "msg": "no such agreement",
                        "type": "unknown_agreement",
                    }
                ],
            )
    rows = {(r.kind, r.agreement_id) for r in relations}
    if rows:
        conn.execute(
            sa.insert(R),
            [
                {"agreement_id": agreement_id, "kind": kind, "related_id": related, "created_at": now}
                for kind, related in sorted(rows)
            ],
        )


def _upgrade_workflow(conn: Connection, agreement_id: str, *, authority: str | None, actor: str) -> AgreementOut:
    now = utcnow()
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
        conn,
        type=outbox.AGREEMENT_UPDATED,
        agreement_id=agreement_id,
        data={"agreement": agreement.model_dump(mode="json"), "changed": ["authority", "workflow"], "actor": actor},
    )
    return agreement


# -- the public writes: one call, one transaction -------------------------------------------


def _check_metadata(metadata: dict[str, Any] | None, db: Database) -> None:
    if metadata is None:
        return
    limit = db.settings.max_metadata_bytes
    size = len(json.dumps(metadata, separators=(",", ":")).encode())
    if size > limit:
        raise ValidationFailed(
            f"metadata is {size} bytes serialized; the limit is {limit}",
            errors=[{"loc": ["body", "metadata"], "msg": "too large", "type": "too_large"}],
        )


async def create(
    db: Database, principal: Principal, command: AgreementCreate, *, idempotency_key: str | None = None
) -> Once[AgreementOut]:
    """Create an agreement in its workflow's first state, recording its announcement."""
    _check_metadata(command.metadata, db)
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_agreement",
        command=command.model_dump(mode="json"),
        result=AgreementOut,
        op=lambda conn: record_creation(conn, command, actor=principal.name, now=utcnow()).agreement,
    )


async def update(
    db: Database, principal: Principal, agreement_id: str, patch: AgreementUpdate, *, expected_version: int | None
) -> AgreementOut:
    """Change the title, sectors or metadata; a patch that changes nothing changes no version."""
    _check_metadata(patch.metadata, db)
    return await db.write(
        lambda conn: _update(conn, agreement_id, patch, expected_version=expected_version, actor=principal.name)
    )


async def transition(
    db: Database,
    principal: Principal,
    agreement_id: str,
    command: TransitionCreate,
    *,
    expected_version: int | None,
    idempotency_key: str | None = None,
) -> Once[TransitionResult]:
    """Fire a workflow event on the agreement and append it to the history."""
    if command.override_reason and not principal.admin:
        raise Forbidden("Only a key with the admin scope may record an event against a statutory clock")
    done = await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_transition",
        command={"agreement_id": agreement_id, "expected_version": expected_version, **command.model_dump(mode="json")},
        result=TransitionResult,
        op=lambda conn: record_transition(
            conn, agreement_id, command, expected_version=expected_version, actor=principal.name
        ),
    )
    if not done.replayed:
        TRANSITIONS.labels(done.value.agreement.workflow.name, done.value.transition.event).inc()
    return done


async def upgrade_workflow(
    db: Database, principal: Principal, agreement_id: str, *, authority: str | None
) -> AgreementOut:
    """Move an agreement to the latest version of its workflow, when its state exists there."""
    return await db.write(lambda conn: _upgrade_workflow(conn, agreement_id, authority=authority, actor=principal.name))


# -- reads ----------------------------------------------------------------------------------


async def fetch_row(db: Database, agreement_id: str) -> RowMapping:
    """The agreement's row, or NotFound."""
    if _unstorable(agreement_id):
        raise _missing(agreement_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(A).where(A.c.id == agreement_id))).mappings().first()
    if row is None:
        raise _missing(agreement_id)
    return row


async def get(db: Database, agreement_id: str) -> AgreementOut:
    return to_agreement(await fetch_row(db, agreement_id))


def _has_party(db: Database, party: str) -> sa.ColumnElement[bool]:
    if db.is_sqlite:
        members = sa.func.json_each(A.c.parties).table_valued("value")
        return sa.exists().select_from(members).where(members.c.value == party)
    return A.c.parties.op("@>")(sa.func.jsonb_build_array(party))


async def list_agreements(
    db: Database, *, state: str | None, party: str | None, q: str | None, limit: int, cursor: str | None
) -> Page[AgreementOut]:
    after = decode_cursor("agreements", cursor, str)
    query = sa.select(A).order_by(A.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(A.c.id > after)
    if state:
        query = query.where(A.c.state == state)
    if party:
        query = query.where(_has_party(db, party))
    if q:
        query = query.where(A.c.title.icontains(q, autoescape=True))
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "agreements", to_agreement, key=lambda a: a.id)


async def history(db: Database, agreement_id: str, *, limit: int, cursor: str | None) -> Page[TransitionOut]:
    after = decode_cursor("transitions", cursor, int)
    await fetch_row(db, agreement_id)
    query = sa.select(T).where(T.c.agreement_id == agreement_id).order_by(T.c.sequence).limit(limit + 1)
    if after is not None:
        query = query.where(T.c.sequence > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "transitions", to_transition, key=lambda t: t.sequence)


async def available_transitions(db: Database, agreement_id: str) -> AvailableTransitions:
    row = await fetch_row(db, agreement_id)
    definition = definition_of(row)
    subject = Subject(row["state"], row["suspended_from"], row["authority"])
    if definition.clocks:  # as of today: the clocks' answers move with the calendar
        timeline = await read_clock_timeline(db, agreement_id, definition, row["authority"])
        today = utcnow().date()
        decisions = [definition.decide_on(subject, event, today, timeline) for event in definition.events]
    else:
        decisions = definition.available(subject)
    return AvailableTransitions(
        agreement_id=agreement_id,
        state=row["state"],
        version=row["version"],
        events=[
            AvailableTransition(event=d.event, allowed=d.allowed, to_state=d.to_state, reasons=list(d.reasons))
            for d in decisions
        ],
    )


async def get_transition(db: Database, agreement_id: str, sequence: int) -> TransitionOut:
    await fetch_row(db, agreement_id)
    async with db.read() as conn:
        row = (
            (await conn.execute(sa.select(T).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence))))
            .mappings()
            .first()
        )
    if row is None:
        raise NotFound(f"Agreement {agreement_id!r} has no history entry {sequence}")
    return to_transition(row)


async def relations(db: Database, agreement_id: str) -> list[Relation]:
    await fetch_row(db, agreement_id)
    async with db.read() as conn:
        rows = (
            (
                await conn.execute(
                    sa.select(R)
                    .where((R.c.agreement_id == agreement_id) | (R.c.related_id == agreement_id))
                    .order_by(R.c.created_at, R.c.kind)
                )
            )
            .mappings()
            .all()
        )
    return [
        Relation(kind=r["kind"], agreement_id=r["related_id"], direction="outgoing")
        if r["agreement_id"] == agreement_id
        else Relation(kind=r["kind"], agreement_id=r["agreement_id"], direction="incoming")
        for r in rows
    ]


async def diagram(db: Database, agreement_id: str) -> Diagram:
    row = await fetch_row(db, agreement_id)
    definition = definition_of(row)
    async with db.read() as conn:
        steps = (
            await conn.execute(
                # Milestones leave the state as it was: the diagram needs only the moves.
                sa.select(T.c.event, T.c.from_state, T.c.to_state)
                .where(
                    (T.c.agreement_id == agreement_id) & (T.c.from_state.is_(None) | (T.c.from_state != T.c.to_state))
                )
                .order_by(T.c.sequence)
            )
        ).all()
    taken = [(s.from_state, s.to_state, s.event) for s in steps if s.from_state != s.to_state]
    path = [to for _, to, _ in taken]
    return Diagram(
        agreement_id=agreement_id,
        workflow=WorkflowRef(name=row["workflow_name"], version=row["workflow_version"]),
        state=row["state"],
        path=path,
        mermaid=definition.mermaid_path(taken, current=row["state"], authority=row["authority"]),
    )
