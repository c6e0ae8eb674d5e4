"""Consultations: recording, changing and removing an agreement's public comment dockets, and
reading them back.

The write rule of every package: each public write is one coroutine, `verb(db, principal, ...)`,
running one transaction through `Database.write`, its outbox event in the same transaction and
the key's name as its actor. The work is a plain function of a sync `Connection`
(`record_consultation`), which the seed composes into the transaction that loads an agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError
from ulid import ULID

from service import idempotency
from service.agreements.models import agreements_table as A
from service.agreements.records import missing, unstorable
from service.consultations import events
from service.consultations.models import consultations_table as C
from service.consultations.schemas import INFERABLE, ConsultationCreate, ConsultationOut, ConsultationUpdate
from service.db import Database, utcnow
from service.errors import AlreadyExists, NotFound, ValidationFailed
from service.idempotency import Once
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal
from service.webhooks import outbox

ID_PREFIX = "con_"
CURSOR_KIND = "consultations"
# (later, earlier): each date may not precede the other. A post-hearing date without a hearing
# still follows the opening.
_ORDER = (
    ("comments_due", "opens_on"),
    ("hearing_on", "opens_on"),
    ("post_hearing_comments_due", "hearing_on"),
    ("post_hearing_comments_due", "opens_on"),
)


def new_id() -> str:
    return ID_PREFIX + str(ULID())


def to_consultation(row: RowMapping | Mapping[str, Any]) -> ConsultationOut:
    return ConsultationOut.model_validate(dict(row))


def _agreement(conn: Connection, agreement_id: str) -> RowMapping:
    if unstorable(agreement_id):
        raise missing(agreement_id)
    row = conn.execute(sa.select(A.c.id, A.c.title, A.c.parties).where(A.c.id == agreement_id)).mappings().first()
    if row is None:
        raise missing(agreement_id)
    return row


def _no_consultation(agreement_id: str, consultation_id: str) -> NotFound:
    return NotFound(f"Agreement {agreement_id!r} has no consultation {consultation_id!r}")


def _unstorable(consultation_id: str) -> bool:
    """An id no consultation can have; PostgreSQL would refuse to even compare some (NUL)."""
    return len(consultation_id) > C.c.id.type.length or not consultation_id.isprintable()


def _check_order(values: Mapping[str, Any], sent: set[str]) -> None:
    """The dates in their order; the problem names the field the request sent (the later one when
    it sent both), so a PATCH that moves `opens_on` past `comments_due` points at `opens_on`."""
    for later, earlier in _ORDER:
        if later == "post_hearing_comments_due" and earlier == "opens_on" and values["hearing_on"] is not None:
            continue  # checked against the hearing, which follows the opening
        if values[later] is None or values[earlier] is None or values[later] >= values[earlier]:
            continue
        field = later if later in sent or earlier not in sent else earlier
        raise ValidationFailed(
            f"{later} {values[later].isoformat()} is before {earlier} {values[earlier].isoformat()}: "
            f"{later} must be on or after {earlier}",
            errors=[{"loc": ["body", field], "msg": f"{later} must be on or after {earlier}", "type": "date_order"}],
        )


def _duplicate(conn: Connection, agreement_id: str, docket_id: str) -> AlreadyExists:
    existing = conn.execute(
        sa.select(C.c.id).where((C.c.agreement_id == agreement_id) & (C.c.docket_id == docket_id))
    ).scalar()
    return AlreadyExists(
        f"Agreement {agreement_id!r} already has a consultation with docket {docket_id}", existing_id=existing
    )


def _unique(
    conn: Connection, statement: sa.Executable, params: dict[str, Any], *, agreement_id: str, docket_id: str
) -> None:
    """Run an INSERT or UPDATE that may take a docket the agreement already has: a 409, not a 500.
    In a savepoint, so the transaction (the seed's, SQLite's group) goes on after the refusal."""
    try:
        with conn.begin_nested():
            conn.execute(statement, params)
    except IntegrityError:
        raise _duplicate(conn, agreement_id, docket_id) from None


def _inferred(fields: list[str]) -> list[str]:
    return sorted(set(fields), key=INFERABLE.index)


def _values(command: ConsultationCreate | ConsultationUpdate, *, exclude_unset: bool) -> dict[str, Any]:
    values = command.model_dump(exclude_unset=exclude_unset)
    if values.get("url") is not None:
        values["url"] = str(values["url"])
    if values.get("inferred") is not None:
        values["inferred"] = _inferred(values["inferred"])
    return values


def record_consultation(
    conn: Connection, agreement_id: str, command: ConsultationCreate, *, actor: str, now: datetime
) -> ConsultationOut:
    """Record a public comment docket of the agreement, with its consultation.created event, in
    `conn`'s transaction."""
    agreement = _agreement(conn, agreement_id)
    values = {
        "id": new_id(),
        "agreement_id": agreement_id,
        **_values(command, exclude_unset=False),
        "actor": actor,
        "created_at": now,
        "updated_at": now,
    }
    _check_order(values, set(command.model_fields_set))
    _unique(conn, sa.insert(C), values, agreement_id=agreement_id, docket_id=values["docket_id"])
    consultation = to_consultation(values)
    outbox.record(
        conn,
        type=outbox.CONSULTATION_CREATED,
        agreement_id=agreement_id,
        data=events.payload(consultation, agreement, actor),
    )
    return consultation


def _locked(conn: Connection, agreement_id: str, consultation_id: str) -> RowMapping:
    if _unstorable(consultation_id):
        raise _no_consultation(agreement_id, consultation_id)
    row = (
        conn.execute(
            sa.select(C).where((C.c.id == consultation_id) & (C.c.agreement_id == agreement_id)).with_for_update()
        )
        .mappings()
        .first()
    )
    if row is None:
        raise _no_consultation(agreement_id, consultation_id)
    return row


def _update(
    conn: Connection, agreement_id: str, consultation_id: str, patch: ConsultationUpdate, *, actor: str
) -> ConsultationOut:
    agreement = _agreement(conn, agreement_id)
    row = _locked(conn, agreement_id, consultation_id)
    # A field sent with the value it already has is no change.
    changes = {k: v for k, v in _values(patch, exclude_unset=True).items() if row[k] != v}
    if not changes:
        return to_consultation(row)
    values = {**row, **changes, "actor": actor, "updated_at": utcnow()}
    _check_order(values, set(changes))
    _unique(
        conn,
        sa.update(C).where(C.c.id == consultation_id),
        {k: values[k] for k in (*changes, "actor", "updated_at")},
        agreement_id=agreement_id,
        docket_id=values["docket_id"],
    )
    consultation = to_consultation(values)
    outbox.record(
        conn,
        type=outbox.CONSULTATION_UPDATED,
        agreement_id=agreement_id,
        data=events.payload(consultation, agreement, actor, sorted(changes)),
    )
    return consultation


def _delete(conn: Connection, agreement_id: str, consultation_id: str, *, actor: str) -> None:
    agreement = _agreement(conn, agreement_id)
    row = _locked(conn, agreement_id, consultation_id)
    conn.execute(sa.delete(C).where(C.c.id == consultation_id))
    outbox.record(
        conn,
        type=outbox.CONSULTATION_DELETED,
        agreement_id=agreement_id,
        data=events.payload(to_consultation(row), agreement, actor),
    )


# -- the public writes: one call, one transaction -------------------------------------------


async def create(
    db: Database,
    principal: Principal,
    agreement_id: str,
    command: ConsultationCreate,
    *,
    idempotency_key: str | None = None,
) -> Once[ConsultationOut]:
    """Record a public comment docket of the agreement."""
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_consultation",
        command={"agreement_id": agreement_id, **command.model_dump(mode="json")},
        result=ConsultationOut,
        op=lambda conn: record_consultation(conn, agreement_id, command, actor=principal.name, now=utcnow()),
    )


async def update(
    db: Database, principal: Principal, agreement_id: str, consultation_id: str, patch: ConsultationUpdate
) -> ConsultationOut:
    """Change the fields sent; a patch that changes nothing writes nothing and sends no event."""
    return await db.write(lambda conn: _update(conn, agreement_id, consultation_id, patch, actor=principal.name))


async def delete(db: Database, principal: Principal, agreement_id: str, consultation_id: str) -> None:
    """Remove a consultation; its dates leave the deadlines."""
    await db.write(lambda conn: _delete(conn, agreement_id, consultation_id, actor=principal.name))


# -- reads ----------------------------------------------------------------------------------


async def _check_agreement(db: Database, agreement_id: str) -> None:
    if unstorable(agreement_id):
        raise missing(agreement_id)
    async with db.read() as conn:
        found = (await conn.execute(sa.select(A.c.id).where(A.c.id == agreement_id))).first()
    if found is None:
        raise missing(agreement_id)


async def get(db: Database, agreement_id: str, consultation_id: str) -> ConsultationOut:
    await _check_agreement(db, agreement_id)
    if _unstorable(consultation_id):
        raise _no_consultation(agreement_id, consultation_id)
    async with db.read() as conn:
        row = (
            (await conn.execute(sa.select(C).where((C.c.id == consultation_id) & (C.c.agreement_id == agreement_id))))
            .mappings()
            .first()
        )
    if row is None:
        raise _no_consultation(agreement_id, consultation_id)
    return to_consultation(row)


def _position(cursor: str | None) -> tuple[date, str] | None:
    """A page's position: (opens_on, id) of the last consultation it returned."""
    key = decode_cursor(CURSOR_KIND, cursor, str)
    if key is None:
        return None
    day, _, consultation_id = key.partition("/")
    try:
        return date.fromisoformat(day), consultation_id
    except ValueError:
        raise ValidationFailed(
            "cursor is not one this service issued",
            errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}],
        ) from None


def _cursor_key(consultation: ConsultationOut) -> str:
    return f"{consultation.opens_on.isoformat()}/{consultation.id}"


async def list_consultations(
    db: Database, agreement_id: str, *, limit: int, cursor: str | None
) -> Page[ConsultationOut]:
    """The agreement's consultations by the day they opened, oldest first (ix_consultations_agreement_opens)."""
    after = _position(cursor)
    await _check_agreement(db, agreement_id)
    query = sa.select(C).where(C.c.agreement_id == agreement_id).order_by(C.c.opens_on, C.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(sa.tuple_(C.c.opens_on, C.c.id) > sa.tuple_(*after))
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, CURSOR_KIND, to_consultation, key=_cursor_key)
