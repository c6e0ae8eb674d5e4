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
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection
from ulid import ULID

from service import idempotency
from service.agreements import events, projection, search
from service.agreements.history import (
    by_entry,
    check_whole_timeline,
    corrections_between,
    record_correction,
    record_void,
    to_correction,
)
from service.agreements.models import STATE_CHANGE
from service.agreements.models import agreement_parties_table as P
from service.agreements.models import agreements_table as A
from service.agreements.models import relations_table as R
from service.agreements.models import transitions_table as T
from service.agreements.records import (
    check_version,
    clock_refusals,
    decide_on,
    definition_of,
    event_time,
    lock,
    milestones,
    missing,
    no_entry,
    state_after,
    subject_of,
    to_agreement,
    to_transition,
    unstorable,
)
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransition,
    AvailableTransitions,
    CorrectionCreate,
    CorrectionResult,
    Diagram,
    Projection,
    ProjectionCreate,
    Relation,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    VoidCreate,
    WorkflowRef,
    notification_problems,
)
from service.agreements.timeline import (
    DATED_EVENTS,
    NO_DATES,
    as_entry,
    clock_date,
    dated_entries,
    day_end,
    full_clock_timeline,
    in_state_on,
    read_clock_timeline,
    reduced_clock_timeline,
    state_entry_at,
    state_entry_before,
    to_dates,
)
from service.db import Database, utcnow
from service.deadlines import rows as deadline_rows
from service.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from service.idempotency import Once
from service.metrics import TRANSITIONS
from service.pagination import Page, decode_cursor, encode_cursor, keyset_page
from service.principal import Principal
from service.webhooks import outbox
from workflows import DEFAULT_WORKFLOW, Decision, Occurrence, Subject, WorkflowDefinition, latest_definition
from workflows.clocks import EXTEND_DEADLINE

ID_PREFIX = "agr_"
CREATE_EVENT = "announce"
# The agreement's columns its clocks read (besides the history): a write that changes one
# rewrites its rows of the deadlines table.
CLOCK_INPUTS = frozenset(
    {"state", "workflow_name", "workflow_version", "authority", "exemptions", "provisions", "unrecorded"}
)


def new_id() -> str:
    return ID_PREFIX + str(ULID())


# -- writes ---------------------------------------------------------------------------------


def _check_exemptions(definition: WorkflowDefinition, authority: str | None, exemptions: list[str]) -> None:
    known = {e.name: e for e in definition.exemptions}
    for index, name in enumerate(exemptions):
        exemption = known.get(name)
        if exemption is None or authority not in exemption.authorities:
            allowed = [e.name for e in definition.exemptions if authority in e.authorities]
            raise ValidationFailed(
                f"exemptions[{index}]: {name!r} does not apply to {definition.name} v{definition.version} under "
                f"authority {authority}; it knows {allowed or 'none'}",
                errors=[{"loc": ["body", "exemptions", index], "msg": "unknown exemption", "type": "exemption"}],
            )


def _check_provisions(definition: WorkflowDefinition, provisions: list[str]) -> None:
    for index, name in enumerate(provisions):
        if name not in definition.provision_names:
            known = list(definition.provision_names)
            raise ValidationFailed(
                f"provisions[{index}]: {name!r} is not a provision of {definition.name} v{definition.version}; "
                f"it knows {known or 'none'}",
                errors=[{"loc": ["body", "provisions", index], "msg": "unknown provision", "type": "provision"}],
            )


def identity_values(data: AgreementCreate) -> dict[str, Any]:
    """The RTA-IS identity columns of a new agreement."""
    return {
        "rta_type": data.rta_type,
        "coverage": data.coverage,
        "wto_notifications": [n.model_dump(mode="json") for n in data.wto_notifications or []],
        "rta_is_id": data.rta_is_id,
        "desta_id": data.desta_id,
    }


def _check_identity(values: dict[str, Any]) -> None:
    """A patch may change the coverage or the notifications alone: they must still fit together."""
    problems = notification_problems(values["coverage"], values["wto_notifications"] or [])
    if problems:
        raise ValidationFailed(
            f"wto_notifications: {'; '.join(problems)}",
            errors=[{"loc": ["body", "wto_notifications"], "msg": p, "type": "notification"} for p in problems],
        )


def record_creation(
    conn: Connection,
    data: AgreementCreate,
    *,
    actor: str,
    now: datetime,
    unrecorded: list[dict[str, Any]] | None = None,
) -> TransitionResult:
    """Create an agreement in its workflow's first state, with its announcement, in `conn`'s
    transaction. `unrecorded` marks clock triggers no source dates; only the seed loader sets it:
    an API caller without a trigger is refused by its clock."""
    workflow = data.workflow or DEFAULT_WORKFLOW
    definition = latest_definition(workflow)
    if definition is None:
        raise ValidationFailed(
            f"No workflow named {workflow!r}",
            errors=[{"loc": ["body", "workflow"], "msg": "unknown workflow", "type": "unknown_workflow"}],
        )
    announced_at = event_time(data.announced_at, now, not_before=None, field="announced_at")
    if data.authority is not None and not definition.authorities:
        raise ValidationFailed(
            f"Workflow {definition.name} v{definition.version} has no negotiating authorities",
            errors=[{"loc": ["body", "authority"], "msg": "not used by this workflow", "type": "no_authority"}],
        )
    authority = data.authority or definition.default_authority
    _check_exemptions(definition, authority, data.exemptions)
    _check_provisions(definition, data.provisions)
    values: dict[str, Any] = {
        "id": new_id(),
        "title": data.title,
        "parties": data.parties,
        "sectors": data.sectors,
        "metadata": data.metadata,
        "workflow_name": definition.name,
        "workflow_version": definition.version,
        "authority": authority,
        "state": definition.initial,
        "suspended_from": None,
        "exemptions": sorted(set(data.exemptions)),
        "unrecorded": unrecorded or [],
        "provisions": sorted(set(data.provisions)),
        **identity_values(data),
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
    deadline_rows.refresh(conn, values, new=True)
    _relate(conn, values["id"], data.relations, now=now)
    result = TransitionResult(transition=to_transition(entry), agreement=to_agreement({**values, **NO_DATES}))
    outbox.record(conn, type=outbox.AGREEMENT_CREATED, agreement_id=values["id"], data=events.payload(result))
    return result


def _update(
    conn: Connection, agreement_id: str, patch: AgreementUpdate, *, expected_version: int | None, actor: str
) -> AgreementOut:
    row = lock(conn, agreement_id)
    check_version(row, expected_version)
    # A field sent as null, or with the value it already has, is no change.
    sent = patch.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    changes = {k: v for k, v in sent.items() if row[k] != v}
    _check_identity({**row, **changes})
    if not changes:
        return to_agreement(row)
    now = utcnow()
    values = {**row, **changes, "version": row["version"] + 1, "updated_at": now}
    conn.execute(
        sa.update(A).where(A.c.id == agreement_id), {k: values[k] for k in (*changes, "version", "updated_at")}
    )
    if changes.keys() & CLOCK_INPUTS:  # none a patch can send today; kept right if one is added
        deadline_rows.refresh(conn, values)
    agreement = to_agreement(values)
    outbox.record(
        conn,
        type=outbox.AGREEMENT_UPDATED,
        agreement_id=agreement_id,
        data=events.changed(agreement, sorted(changes), actor),
    )
    return agreement


# Built once. The history's head is read after the agreement's row lock is held: in one
# joined statement PostgreSQL would re-check only the locked row after waiting for it, and the
# joined head would be the one from before the wait.
_LOCK_AGREEMENT = sa.select(A).where(A.c.id == sa.bindparam("agreement_id")).with_for_update()
# The last sequence, and when the latest live state change happened (ix_transitions_state_changes).
_HISTORY_HEAD = sa.select(
    sa.select(sa.func.max(T.c.sequence))
    .where(T.c.agreement_id == sa.bindparam("agreement_id"))
    .scalar_subquery()
    .label("sequence"),
    sa.select(T.c.occurred_at)
    .where((T.c.agreement_id == sa.bindparam("agreement_id")) & STATE_CHANGE)
    .order_by(T.c.sequence.desc())
    .limit(1)
    .scalar_subquery()
    .label("state_since"),
    # The latest live sign and implement entries date the agreement (ix_transitions_clock_events),
    # read in the same round trip.
    *(
        sa.select(T.c.occurred_at)
        .where((T.c.agreement_id == sa.bindparam("agreement_id")) & (T.c.event == event) & T.c.voided_at.is_(None))
        .order_by(T.c.sequence.desc())
        .limit(1)
        .scalar_subquery()
        .label(field)
        for event, field in DATED_EVENTS.items()
    ),
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
# The columns of a history entry `record_transition` writes (its `entry`).
_ENTRY = (
    "agreement_id", "sequence", "event", "from_state", "to_state", "occurred_at", "recorded_at", "actor", "note",
    "reference", "override_reason", "clock", "days",
)  # fmt: skip
# PostgreSQL: the state, the history entry and the event in one statement (outbox.joined). The
# round trips of a transition went from 8 to 5 (BEGIN, lock, head, this, COMMIT):
# tests/agreements/test_round_trips.py. The lock and the head stay apart: read in one statement,
# the head would come from the snapshot taken before the lock was granted.
_WRITE_TRANSITION_PG = outbox.joined(
    _UPDATE_STATE.cte("agreement_state"),
    sa.insert(T).values({k: sa.bindparam(f"t_{k}", type_=T.c[k].type) for k in _ENTRY}).cte("history_entry"),
)


def _refused(
    definition: WorkflowDefinition,
    row: RowMapping,
    subject: Subject,
    event: str,
    decision: Decision,
    on: date | None = None,
) -> InvalidTransition:
    where = f" on {on.isoformat()}" if on is not None else ""
    return InvalidTransition(
        f"{event} is not allowed from {subject.state}{where}: {'; '.join(decision.reasons)}",
        current_state=row["state"],
        event=event,
        allowed_events=definition.allowed_events(subject_of(row)),
        reasons=list(decision.reasons),
    )


def record_transition(
    conn: Connection,
    agreement_id: str,
    command: TransitionCreate,
    *,
    expected_version: int | None,
    actor: str,
    now: datetime | None = None,
) -> TransitionResult:
    """Fire a workflow event on the agreement in `conn`'s transaction.

    An event that changes the state needs the current state and may not predate the latest
    state change. A milestone may carry its true, earlier date: it needs the state it happened
    in, takes its place in the clocks' timeline by that date, and keeps its own sequence."""
    if unstorable(agreement_id):
        raise missing(agreement_id)
    row = conn.execute(_LOCK_AGREEMENT, {"agreement_id": agreement_id}).mappings().first()
    if row is None:
        raise missing(agreement_id)
    # "Now" is read once the lock is held: read before it, a request that waited for the lock
    # would date its event earlier than the entry of the request it waited for.
    now = now or utcnow()
    head = conn.execute(_HISTORY_HEAD, {"agreement_id": agreement_id}).mappings().one()
    row = {**row, **{f: clock_date(head[f]) if head[f] else None for f in DATED_EVENTS.values()}}
    check_version(row, expected_version)
    definition = definition_of(row)
    subject = subject_of(row)
    milestone = command.event in milestones(definition)
    if milestone:
        occurred_at = event_time(command.occurred_at, now, not_before=None, field="occurred_at")
        backdated = head["state_since"] is not None and occurred_at < head["state_since"]
        if backdated:  # the state it happened in, not today's
            then = state_entry_at(conn, agreement_id, occurred_at)
            if then is None:
                raise ValidationFailed(
                    f"occurred_at {occurred_at.isoformat()} is earlier than the agreement's announcement",
                    errors=[
                        {"loc": ["body", "occurred_at"], "msg": "is before the announcement", "type": "out_of_order"}
                    ],
                )
            subject = Subject(*state_after(then), row["authority"])
        decision = definition.decide(subject, command.event)
        if not decision.allowed:
            raise _refused(
                definition, row, subject, command.event, decision, clock_date(occurred_at) if backdated else None
            )
    else:
        decision = definition.decide(subject, command.event)
        if not decision.allowed:
            raise _refused(definition, row, subject, command.event, decision)
        occurred_at = event_time(
            command.occurred_at,
            now,
            not_before=head["state_since"],
            field="occurred_at",
            not_before_what="the agreement's latest entry that changed its state",
        )
    _check_extension(definition, subject, command)
    entry = {
        "agreement_id": agreement_id,
        "sequence": head["sequence"] + 1,
        "event": command.event,
        "from_state": subject.state if milestone else row["state"],
        "to_state": decision.to_state,
        "occurred_at": occurred_at,
        "recorded_at": now,
        "actor": actor,
        "note": command.note,
        "reference": str(command.reference) if command.reference else None,
        "override_reason": command.override_reason,
        "clock": command.clock,
        "days": command.days,
    }
    # Only clock events touch the clocks; v1 and `other` have none: no extra query.
    if command.event in definition.clock_events and definition.clocks_for(row["authority"]):
        timeline, latest = reduced_clock_timeline(conn, agreement_id, definition, row["authority"])
        if latest is None or occurred_at >= latest:
            _check_clocks(timeline, definition, row, command, occurred_at)
        else:  # among the clock events, it comes before others: each of them may read differently now
            check_whole_timeline(
                conn,
                row,
                definition,
                as_entry(entry),
                what=f"Recording {command.event} on {clock_date(occurred_at).isoformat()}",
                event=command.event,
                override_reason=command.override_reason,
            )
    # A milestone leaves the state, and the state a suspended agreement remembers, as they are.
    state, suspended_from = (row["state"], row["suspended_from"]) if milestone else state_after(entry)
    version = row["version"] + 1
    dates = {DATED_EVENTS[command.event]: clock_date(occurred_at)} if command.event in DATED_EVENTS else {}
    agreement = to_agreement(
        {**row, "state": state, "suspended_from": suspended_from, "version": version, "updated_at": now, **dates}
    )
    result = TransitionResult(transition=to_transition(entry), agreement=agreement)
    event = outbox.row(type=outbox.AGREEMENT_TRANSITIONED, agreement_id=agreement_id, data=events.payload(result))
    update = {
        "b_id": agreement_id,
        "b_state": state,
        "b_suspended_from": suspended_from,
        "b_version": version,
        "b_updated_at": now,
    }
    if conn.dialect.name == "postgresql":  # the three writes and the wake-up in one round trip
        conn.execute(_WRITE_TRANSITION_PG, {**update, **{f"t_{k}": entry[k] for k in _ENTRY}, **outbox.prefixed(event)})
    else:  # SQLite: statements cost no round trip
        conn.execute(_UPDATE_STATE, update)
        conn.execute(_INSERT_TRANSITION, entry)
        outbox.append(conn, event)
    # Its deadlines' rows move only with a clock event, or as the agreement ends or reopens.
    ends = definition.final_states
    if (command.event in definition.clock_events or (row["state"] in ends) != (state in ends)) and (
        deadline_rows.has_clocks(row)
    ):
        deadline_rows.refresh(conn, {**row, "state": state, "suspended_from": suspended_from})
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
    row: RowMapping,
    command: TransitionCreate,
    occurred_at: datetime,
) -> None:
    day = clock_date(occurred_at)
    reasons = clock_refusals(definition, row, command.event, day, timeline)
    if reasons and not command.override_reason:
        subject = subject_of(row)
        raise InvalidTransition(
            f"{command.event} is not allowed on {day.isoformat()}: {'; '.join(reasons)}",
            current_state=subject.state,
            event=command.event,
            allowed_events=[
                e for e in definition.allowed_events(subject) if not clock_refusals(definition, row, e, day, timeline)
            ],
            reasons=reasons,
        )


def _relate(conn: Connection, agreement_id: str, relations: list, *, now: datetime) -> None:
    for index, relation in enumerate(relations):
        related = relation.agreement_id
        if (
            related == agreement_id
            or unstorable(related)
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
    row = lock(conn, agreement_id)
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
    deadline_rows.refresh(conn, values)
    agreement = to_agreement(values)
    outbox.record(
        conn,
        type=outbox.AGREEMENT_UPDATED,
        agreement_id=agreement_id,
        data=events.changed(agreement, ["authority", "workflow"], actor),
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


async def correct(
    db: Database,
    principal: Principal,
    agreement_id: str,
    sequence: int,
    command: CorrectionCreate,
    *,
    expected_version: int | None,
    idempotency_key: str | None = None,
) -> Once[CorrectionResult]:
    """Correct a history entry in place; the old values stay on the record with who and why."""
    if command.override_reason and not principal.admin:
        raise Forbidden("Only a key with the admin scope may correct an entry against a statutory clock")
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_correction",
        command={
            "agreement_id": agreement_id,
            "sequence": sequence,
            "expected_version": expected_version,
            # A field sent as null (cleared) differs from one left out (kept).
            **command.model_dump(mode="json", exclude_unset=True),
        },
        result=CorrectionResult,
        op=lambda conn: record_correction(
            conn, agreement_id, sequence, command, expected_version=expected_version, actor=principal.name
        ),
    )


async def void(
    db: Database,
    principal: Principal,
    agreement_id: str,
    sequence: int,
    command: VoidCreate,
    *,
    expected_version: int | None,
    idempotency_key: str | None = None,
) -> Once[TransitionResult]:
    """Void the latest state change: the agreement returns to the state before it."""
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="void_transition",
        command={
            "agreement_id": agreement_id,
            "sequence": sequence,
            "expected_version": expected_version,
            **command.model_dump(mode="json"),
        },
        result=TransitionResult,
        op=lambda conn: record_void(
            conn, agreement_id, sequence, command, expected_version=expected_version, actor=principal.name
        ),
    )


async def upgrade_workflow(
    db: Database, principal: Principal, agreement_id: str, *, authority: str | None
) -> AgreementOut:
    """Move an agreement to the latest version of its workflow, when its state exists there."""
    return await db.write(lambda conn: _upgrade_workflow(conn, agreement_id, authority=authority, actor=principal.name))


# -- reads ----------------------------------------------------------------------------------


async def fetch_row(db: Database, agreement_id: str) -> RowMapping:
    """The agreement's row, or NotFound."""
    if unstorable(agreement_id):
        raise missing(agreement_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(A).where(A.c.id == agreement_id))).mappings().first()
    if row is None:
        raise missing(agreement_id)
    return row


def _as_of(row: RowMapping, state_entry: RowMapping | None, day: date) -> dict[str, Any]:
    """The agreement's row as it stood at the end of `day`; NotFound before its announcement."""
    if state_entry is None:
        raise NotFound(f"Agreement {row['id']!r} had not been announced on {day.isoformat()}")
    state, suspended_from = state_after(state_entry)
    return {**row, "state": state, "suspended_from": suspended_from, "as_of": day}


async def row_on(db: Database, agreement_id: str, day: date | None) -> RowMapping | dict[str, Any]:
    """The agreement's row, its state as it stood at the end of `day` when one is given."""
    row = await fetch_row(db, agreement_id)
    if day is None:
        return row
    async with db.read() as conn:
        found = await conn.run_sync(lambda sync: state_entry_before(sync, agreement_id, day_end(day)))
    return _as_of(row, found, day)


async def dated(
    conn: AsyncConnection, rows: Sequence[RowMapping | dict[str, Any]], *, as_of: date | None = None
) -> list[dict[str, Any]]:
    """The agreement rows with the dates their histories give them (as they stood at the end of
    `as_of`): one query for all of them, on ix_transitions_clock_events."""
    if not rows:
        return []
    before = day_end(as_of) if as_of else None
    found = to_dates(await conn.execute(dated_entries([r["id"] for r in rows], before)))
    return [{**r, **found.get(r["id"], NO_DATES)} for r in rows]


async def get(db: Database, agreement_id: str, *, as_of: date | None = None) -> AgreementOut:
    row = await row_on(db, agreement_id, as_of)
    async with db.read() as conn:
        return to_agreement((await dated(conn, [row], as_of=as_of))[0])


def listing(db: Database, *, state: str | None, as_of: date | None) -> tuple[sa.Select, sa.ColumnElement[str]]:
    """The agreements, with the state each was in at the end of `as_of` when given; and the column
    to page them by (the same id, taken where the index that drives the query has it)."""
    if as_of is None:
        query = sa.select(A)
        return (query.where(A.c.state == state) if state else query), A.c.id
    before = day_end(as_of)
    if state:
        # Driven by ix_transitions_states_entered in agreement order: a page stops the scan.
        entered = in_state_on(state, before).subquery()
        query = sa.select(A, entered.c.from_state.label("as_of_from"), entered.c.to_state.label("as_of_to")).join(
            entered, entered.c.agreement_id == A.c.id
        )
        return query, entered.c.agreement_id
    # Each agreement of the page: its state change in force then (ix_transitions_state_changes).
    then = T.alias("then")
    in_force = (
        sa.select(T.c.sequence)
        .where((T.c.agreement_id == A.c.id) & STATE_CHANGE & (T.c.occurred_at < before))
        .order_by(T.c.sequence.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = sa.select(A, then.c.from_state.label("as_of_from"), then.c.to_state.label("as_of_to")).select_from(
        A.join(then, (then.c.agreement_id == A.c.id) & (then.c.sequence == in_force))
    )
    return query, A.c.id


def _listed(row: RowMapping, as_of: date | None) -> AgreementOut:
    if as_of is None:
        return to_agreement(row)
    return to_agreement(_as_of(row, {"from_state": row["as_of_from"], "to_state": row["as_of_to"]}, as_of))


def list_query(
    db: Database,
    *,
    state: str | None,
    party: str | None,
    q: str | None,
    limit: int,
    after: str | None,
    as_of: date | None = None,
    authority: str | None = None,
    scan: bool = False,
    window_end: str | None = None,
) -> sa.Select:
    """The statement of one page of the list (bench/agreement_list.py explains it). `scan` reads
    the titles for `q` rather than its trigram index; `window_end` bounds the agreements read."""
    query, key = listing(db, state=state, as_of=as_of)
    if party and state is None and not (q and search.indexed(q) and not scan):
        # Driven by ix_agreement_parties_party, in agreement order: a page stops the walk.
        query = query.join(P, (P.c.agreement_id == A.c.id) & (P.c.party == party))
        key = P.c.agreement_id
    elif party:
        # The state's index or the title index drives (in id order); each agreement's party is
        # looked up on the primary key. Driven by the party, SQLite would sort all its agreements.
        query = query.where(sa.exists().where((P.c.agreement_id == A.c.id) & (P.c.party == party)).correlate(A))
    query = query.order_by(key).limit(limit + 1)
    if after is not None:
        query = query.where(key > after)
    if q:
        query = query.where(search.title_contains(db, q, scan=scan))
    if authority:  # the board's filter
        query = query.where(A.c.authority == authority)
    if window_end is not None:
        query = query.where(key <= window_end)
    return query


async def list_agreements(
    db: Database,
    *,
    state: str | None,
    party: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
    as_of: date | None = None,
    authority: str | None = None,
) -> Page[AgreementOut]:
    """A page of agreements in id order. How `q` is read (search.py): a short one in a bounded
    window of titles; on SQLite, a common one from a first window of titles, the index after it."""
    after = decode_cursor("agreements", cursor, str)
    filters = {"state": state, "party": party, "q": q, "as_of": as_of, "authority": authority}
    short_window_end = None  # where a short q's page ends when it is not full
    async with db.read() as conn:

        async def rows_after(key: str | None, size: int, **how: Any) -> list[RowMapping]:
            query = list_query(db, **filters, limit=size, after=key, **how)
            return list((await conn.execute(query)).mappings().all())

        if q and not search.indexed(q):
            short_window_end = await search.window_end(conn, after, search.SHORT_QUERY_WINDOW)
            rows = await rows_after(after, limit, scan=True, window_end=short_window_end)
        elif q and search.scan_first(db, q):
            end = await search.window_end(conn, after, search.COMMON_QUERY_WINDOW)
            rows = await rows_after(after, limit, scan=True, window_end=end)
            if len(rows) <= limit and end is not None:  # not common here: the index for the rest
                rows += await rows_after(end, limit - len(rows))
        else:
            rows = await rows_after(after, limit)
        rows = await dated(conn, rows, as_of=as_of)
    page = keyset_page(rows, limit, "agreements", lambda r: _listed(r, as_of), key=lambda a: a.id)
    if short_window_end is not None and page.next_cursor is None:  # the page ended with the window
        page.next_cursor = encode_cursor("agreements", short_window_end)
    return page


async def history(db: Database, agreement_id: str, *, limit: int, cursor: str | None) -> Page[TransitionOut]:
    after = decode_cursor("transitions", cursor, int)
    await fetch_row(db, agreement_id)
    query = sa.select(T).where(T.c.agreement_id == agreement_id).order_by(T.c.sequence).limit(limit + 1)
    if after is not None:
        query = query.where(T.c.sequence > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
        page = rows[:limit]
        corrections = (
            by_entry(
                (await conn.execute(corrections_between(agreement_id, page[0]["sequence"], page[-1]["sequence"])))
                .mappings()
                .all()
            )
            if page
            else {}
        )
    return keyset_page(
        rows, limit, "transitions", lambda r: to_transition(r, corrections.get(r["sequence"])), key=lambda t: t.sequence
    )


async def available_transitions(db: Database, agreement_id: str, *, on: date | None = None) -> AvailableTransitions:
    """Every event and whether it is allowed on `on` (today when None), as the history stood then."""
    row = await row_on(db, agreement_id, on)
    definition = definition_of(row)
    subject = subject_of(row)
    day = on or clock_date(utcnow())
    if definition.clocks:  # the clocks' answers move with the calendar
        timeline = await read_clock_timeline(db, agreement_id, definition, row["authority"], on=on)
        decisions = [decide_on(definition, row, subject, event, day, timeline) for event in definition.events]
    else:
        decisions = definition.available(subject)
    return AvailableTransitions(
        agreement_id=agreement_id,
        state=subject.state,
        version=row["version"],
        on=day,
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
            raise no_entry(agreement_id, sequence)
        corrections = (await conn.execute(corrections_between(agreement_id, sequence, sequence))).mappings()
        return to_transition(row, [to_correction(c) for c in corrections])


async def project(db: Database, agreement_id: str, command: ProjectionCreate) -> Projection:
    """What the clocks say once the assumed events have happened; writes nothing."""
    row = await fetch_row(db, agreement_id)
    definition = definition_of(row)
    async with db.read() as conn:
        timeline = await conn.run_sync(lambda sync: full_clock_timeline(sync, agreement_id, definition))
    return projection.project(row, definition, timeline, command, today=clock_date(utcnow()))


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


async def titles(db: Database, agreement_ids: Sequence[str]) -> dict[str, str]:
    """The titles of these agreements, by id, in one read by primary key (lists that name
    agreements, such as the board's deadlines page)."""
    wanted = sorted({i for i in agreement_ids if not unstorable(i)})
    if not wanted:
        return {}
    async with db.read() as conn:
        rows = (await conn.execute(sa.select(A.c.id, A.c.title).where(A.c.id.in_(wanted)))).all()
    return {row.id: row.title for row in rows}
