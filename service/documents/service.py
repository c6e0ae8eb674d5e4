"""Documents of an agreement, and the timeline that shows each history entry with its documents.

The write rule, as in service/agreements/service.py: each public write is one coroutine,
`async def verb(db, principal, ...)`, running one transaction through `Database.write`, with
its outbox event in that transaction. Its work is a plain function of a sync `Connection`
(`record_document`, which the seed loader composes into an agreement's transaction too). Every
write holds the agreement's row lock (`records.lock`), so it is serial with the agreement's own
changes, and 404s for an unknown agreement.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service import idempotency
from service.agreements import service as agreements
from service.agreements.models import transitions_table as T
from service.agreements.records import lock, to_agreement
from service.agreements.timeline import clock_date
from service.db import Database, utcnow
from service.documents import events
from service.documents.models import documents_table as D
from service.documents.schemas import DocumentCreate, DocumentOut, DocumentUpdate, Timeline, TimelineEntry
from service.errors import NotFound, ValidationFailed
from service.idempotency import Once
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal
from service.webhooks import outbox

ID_PREFIX = "doc_"
CURSOR_KIND = "documents"


def new_id() -> str:
    return ID_PREFIX + str(ULID())


def to_document(row: RowMapping | dict[str, Any]) -> DocumentOut:
    return DocumentOut.model_validate(dict(row))


def _no_document(agreement_id: str, document_id: str) -> NotFound:
    return NotFound(f"Agreement {agreement_id!r} has no document {document_id!r}")


def _storable_id(document_id: str) -> bool:
    return len(document_id) <= D.c.id.type.length and document_id.isprintable()


def _invalid(field: str, detail: str, msg: str, kind: str) -> ValidationFailed:
    return ValidationFailed(detail, errors=[{"loc": ["body", field], "msg": msg, "type": kind}])


def _check(conn: Connection, agreement_id: str, values: dict[str, Any], now: datetime) -> None:
    """A document is not published in the future (Washington's today), and the entry it names is
    in this agreement's history (void entries included: they stay in the history)."""
    published_on: date = values["published_on"]
    today = clock_date(now)
    if published_on > today:
        raise _invalid(
            "published_on",
            f"published_on {published_on.isoformat()} is in the future (today is {today.isoformat()} in Washington); "
            "record documents once they are published",
            "is in the future",
            "future_date",
        )
    sequence = values["sequence"]
    if sequence is not None:
        found = conn.execute(
            sa.select(T.c.sequence).where((T.c.agreement_id == agreement_id) & (T.c.sequence == sequence))
        ).first()
        if found is None:
            raise _invalid(
                "sequence",
                f"sequence {sequence}: agreement {agreement_id!r} has no history entry {sequence}; a document names "
                "an entry of its agreement's history (GET /v1/agreements/{id}/transitions)",
                "no such history entry",
                "unknown_sequence",
            )


def _locked_document(conn: Connection, agreement_id: str, document_id: str) -> tuple[RowMapping, RowMapping]:
    """The agreement's row (locked) and the document's, or NotFound."""
    agreement = lock(conn, agreement_id)
    if not _storable_id(document_id):
        raise _no_document(agreement_id, document_id)
    row = (
        conn.execute(sa.select(D).where((D.c.agreement_id == agreement_id) & (D.c.id == document_id)))
        .mappings()
        .first()
    )
    if row is None:
        raise _no_document(agreement_id, document_id)
    return agreement, row


# -- writes ---------------------------------------------------------------------------------


def record_document(
    conn: Connection, agreement_id: str, command: DocumentCreate, *, actor: str, now: datetime
) -> DocumentOut:
    """Record a document of the agreement, with its document.created event, in `conn`'s transaction."""
    agreement = lock(conn, agreement_id)
    values: dict[str, Any] = {
        "id": new_id(),
        "agreement_id": agreement_id,
        "type": command.type,
        "title": command.title,
        "url": str(command.url),
        "published_on": command.published_on,
        "sequence": command.sequence,
        "fr_citation": command.fr_citation,
        "note": command.note,
        "inferred": list(command.inferred),
        "actor": actor,
        "created_at": now,
        "updated_at": now,
    }
    _check(conn, agreement_id, values, now)
    conn.execute(sa.insert(D), values)
    document = to_document(values)
    outbox.record(
        conn,
        type=outbox.DOCUMENT_CREATED,
        agreement_id=agreement_id,
        data=events.payload(document, to_agreement(agreement), actor),
    )
    return document


def _update(
    conn: Connection, agreement_id: str, document_id: str, patch: DocumentUpdate, *, actor: str, now: datetime
) -> DocumentOut:
    agreement, row = _locked_document(conn, agreement_id, document_id)
    sent = patch.model_dump(exclude_unset=True)
    if "url" in sent:
        sent["url"] = str(patch.url)
    changes = {k: v for k, v in sent.items() if row[k] != v}
    if not changes:
        return to_document(row)
    values = {**row, **changes, "actor": actor, "updated_at": now}
    _check(conn, agreement_id, values, now)
    conn.execute(sa.update(D).where(D.c.id == document_id), {k: values[k] for k in (*changes, "actor", "updated_at")})
    document = to_document(values)
    outbox.record(
        conn,
        type=outbox.DOCUMENT_UPDATED,
        agreement_id=agreement_id,
        data=events.payload(document, to_agreement(agreement), actor, changed=sorted(changes)),
    )
    return document


def _delete(conn: Connection, agreement_id: str, document_id: str, *, actor: str) -> None:
    agreement, row = _locked_document(conn, agreement_id, document_id)
    conn.execute(sa.delete(D).where(D.c.id == document_id))
    outbox.record(
        conn,
        type=outbox.DOCUMENT_DELETED,
        agreement_id=agreement_id,
        data=events.payload(to_document(row), to_agreement(agreement), actor),
    )


async def create(
    db: Database,
    principal: Principal,
    agreement_id: str,
    command: DocumentCreate,
    *,
    idempotency_key: str | None = None,
) -> Once[DocumentOut]:
    """Record a document of the agreement."""
    return await idempotency.once(
        db,
        principal.key_id,
        idempotency_key,
        operation="create_document",
        command={"agreement_id": agreement_id, **command.model_dump(mode="json")},
        result=DocumentOut,
        op=lambda conn: record_document(conn, agreement_id, command, actor=principal.name, now=utcnow()),
    )


async def update(
    db: Database, principal: Principal, agreement_id: str, document_id: str, patch: DocumentUpdate
) -> DocumentOut:
    """Change a document's fields; a patch that changes nothing writes nothing."""
    return await db.write(
        lambda conn: _update(conn, agreement_id, document_id, patch, actor=principal.name, now=utcnow())
    )


async def delete(db: Database, principal: Principal, agreement_id: str, document_id: str) -> None:
    await db.write(lambda conn: _delete(conn, agreement_id, document_id, actor=principal.name))


# -- reads ----------------------------------------------------------------------------------


async def get(db: Database, agreement_id: str, document_id: str) -> DocumentOut:
    await agreements.fetch_row(db, agreement_id)
    if not _storable_id(document_id):
        raise _no_document(agreement_id, document_id)
    async with db.read() as conn:
        row = (
            (await conn.execute(sa.select(D).where((D.c.agreement_id == agreement_id) & (D.c.id == document_id))))
            .mappings()
            .first()
        )
    if row is None:
        raise _no_document(agreement_id, document_id)
    return to_document(row)


def _position(document: DocumentOut) -> str:
    return f"{document.published_on.isoformat()}|{document.id}"


def _after(cursor: str | None) -> tuple[date, str] | None:
    """The (published_on, id) a documents cursor continues after."""
    key = decode_cursor(CURSOR_KIND, cursor, str)
    if key is None:
        return None
    day, _, document_id = key.partition("|")
    try:
        return date.fromisoformat(day), document_id
    except ValueError:
        raise ValidationFailed(
            "cursor is not one this service issued",
            errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "cursor"}],
        ) from None


async def list_documents(
    db: Database,
    agreement_id: str,
    *,
    type: str | None,
    attached: bool | None,
    limit: int,
    cursor: str | None,
) -> Page[DocumentOut]:
    """The agreement's documents by publication date, then id (ix_documents_agreement_published)."""
    after = _after(cursor)
    await agreements.fetch_row(db, agreement_id)
    query = sa.select(D).where(D.c.agreement_id == agreement_id)
    if after is not None:
        query = query.where(sa.tuple_(D.c.published_on, D.c.id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
    if type is not None:
        query = query.where(D.c.type == type)
    if attached is not None:
        query = query.where(D.c.sequence.is_not(None) if attached else D.c.sequence.is_(None))
    query = query.order_by(D.c.published_on, D.c.id).limit(limit + 1)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, CURSOR_KIND, to_document, key=_position)


async def timeline(db: Database, agreement_id: str, *, limit: int, cursor: str | None) -> Timeline:
    """A page of the agreement's history (as GET .../transitions pages it), each entry with its
    documents. Only the documents of the page's entries are read, by one range of
    ix_documents_agreement_sequence; the documents that name no entry come on the first page."""
    page = await agreements.history(db, agreement_id, limit=limit, cursor=cursor)
    by_entry: dict[int, list[DocumentOut]] = {}
    unattached: list[DocumentOut] = []
    more = False
    async with db.read() as conn:
        if page.data:
            first, last = page.data[0].sequence, page.data[-1].sequence
            rows = await conn.execute(
                sa.select(D)
                .where((D.c.agreement_id == agreement_id) & D.c.sequence.between(first, last))
                .order_by(D.c.sequence, D.c.published_on, D.c.id)
            )
            for row in rows.mappings():
                by_entry.setdefault(row["sequence"], []).append(to_document(row))
        if cursor is None:
            rows = (
                (
                    await conn.execute(
                        sa.select(D)
                        .where((D.c.agreement_id == agreement_id) & D.c.sequence.is_(None))
                        .order_by(D.c.published_on, D.c.id)
                        .limit(limit + 1)
                    )
                )
                .mappings()
                .all()
            )
            unattached, more = [to_document(r) for r in rows[:limit]], len(rows) > limit
    return Timeline(
        data=[TimelineEntry(**entry.model_dump(), documents=by_entry.get(entry.sequence, [])) for entry in page.data],
        next_cursor=page.next_cursor,
        unattached=unattached,
        unattached_more=more,
    )
