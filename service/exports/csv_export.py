"""CSV exports: the agreements list and one agreement's history, streamed a keyset page at a time.

Each export is an async generator of text chunks: the header, then one chunk per page of the
service's own list function, so the filters and the order are the API's and memory stays flat
however many rows there are. The API streams the chunks (router.py); `accord export` writes the
same chunks to a file. A cell that a spreadsheet would read as a formula is prefixed with a single
quote (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterable
from datetime import date
from typing import Any

from service.agreements import service as agreements
from service.agreements.schemas import AgreementOut
from service.db import Database
from service.documents import service as documents
from service.documents.schemas import TimelineEntry

# Rows per page read from the database; each page is one chunk of the response.
BATCH = 500
# The history is paged by the timeline, whose pages hold their documents too.
HISTORY_BATCH = 200
# Excel opens a UTF-8 file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
LIST_SEPARATOR = ";"
DOCUMENT_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

AGREEMENT_COLUMNS: dict[str, str] = {
    "id": "The agreement's id (agr_...)",
    "title": "Its title",
    "parties": "ISO 3166-1 alpha-2 codes (or EU), separated by ;",
    "sectors": "Sectors, separated by ;",
    "state": "The state (as of `as_of` when asked)",
    "rta_status": "The state in the WTO RTA-IS vocabulary",
    "workflow": "Workflow name and version, as trade-agreement v3",
    "authority": "The negotiating authority",
    "rta_type": "RTA-IS type: FTA, CU, EIA, PSA or a combination",
    "coverage": "goods, services or both",
    "wto_notifications": "Each notification as coverage:date:legal basis, separated by ;",
    "rta_is_id": "RTA ID in the WTO RTA-IS database",
    "desta_id": "Number in the DESTA database",
    "signed_on": "Date of signature, from the history (YYYY-MM-DD)",
    "entered_into_force_on": "Date of entry into force, from the history (YYYY-MM-DD)",
    "version": "The version (ETag)",
    "created_at": "When it was recorded in Accord (ISO 8601, UTC)",
    "updated_at": "When it last changed (ISO 8601, UTC)",
    "as_of": "The date asked with `as_of`, if any",
}
TRANSITION_COLUMNS: dict[str, str] = {
    "sequence": "The entry's place in the history",
    "event": "The workflow event",
    "from_state": "The state before (empty for the announcement)",
    "to_state": "The state after",
    "occurred_at": "When it happened (ISO 8601, UTC)",
    "recorded_at": "When it was recorded (ISO 8601, UTC)",
    "actor": "Who recorded it",
    "note": "Its note",
    "reference": "Its source URL",
    "override_reason": "An admin's reason for recording it against a statutory clock",
    "clock": "extend_deadline: the clock extended",
    "days": "extend_deadline: the days added",
    "voided_at": "Set when the entry is void (ISO 8601, UTC)",
    "void_reason": "Why it is void",
    "corrections": "How many times the entry was corrected",
    "documents": "How many documents name the entry",
    "document_titles": "Their titles, separated by ' | '",
    "document_urls": "Their URLs, in the same order, separated by ' | '",
}


def describe(columns: dict[str, str]) -> str:
    """The columns as a Markdown list, for a route's description."""
    return "\n".join(f"- `{name}`: {meaning}" for name, meaning in columns.items())


def safe_cell(value: Any) -> str:
    """The cell's text; one a spreadsheet would run as a formula starts with a quote instead."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _chunk(rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def agreement_row(agreement: AgreementOut) -> list[Any]:
    shown = agreement.model_dump(mode="json")
    return [
        shown["id"],
        shown["title"],
        LIST_SEPARATOR.join(shown["parties"]),
        LIST_SEPARATOR.join(shown["sectors"]),
        shown["state"],
        shown["rta_status"],
        f"{shown['workflow']['name']} v{shown['workflow']['version']}",
        shown["authority"],
        shown["rta_type"],
        shown["coverage"],
        LIST_SEPARATOR.join(f"{n['coverage']}:{n['date']}:{n['legal_basis']}" for n in shown["wto_notifications"]),
        shown["rta_is_id"],
        shown["desta_id"],
        shown["signed_on"],
        shown["entered_into_force_on"],
        shown["version"],
        shown["created_at"],
        shown["updated_at"],
        shown["as_of"],
    ]


def transition_row(entry: TimelineEntry) -> list[Any]:
    shown = entry.model_dump(mode="json")
    docs = shown["documents"]
    return [
        *(shown[c] for c in list(TRANSITION_COLUMNS)[:14]),
        len(shown["corrections"]),
        len(docs),
        DOCUMENT_SEPARATOR.join(d["title"] for d in docs),
        DOCUMENT_SEPARATOR.join(d["url"] for d in docs),
    ]


async def agreements_csv(
    db: Database,
    *,
    state: str | None = None,
    party: str | None = None,
    q: str | None = None,
    as_of: date | None = None,
    batch: int | None = None,
) -> AsyncIterator[str]:
    """GET /v1/agreements as CSV, with the same filters and order, a page per chunk."""
    yield BOM + _chunk([AGREEMENT_COLUMNS])
    cursor = None
    while True:
        page = await agreements.list_agreements(
            db, state=state, party=party, q=q, limit=batch or BATCH, cursor=cursor, as_of=as_of
        )
        if page.data:
            yield _chunk(agreement_row(a) for a in page.data)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


async def check_agreement(db: Database, agreement_id: str) -> None:
    """NotFound before a response starts: once streaming, a status can no longer change."""
    await agreements.fetch_row(db, agreement_id)


async def transitions_csv(db: Database, agreement_id: str, *, batch: int | None = None) -> AsyncIterator[str]:
    """The agreement's history as CSV, oldest first, each entry with its documents."""
    yield BOM + _chunk([TRANSITION_COLUMNS])
    cursor = None
    while True:
        page = await documents.timeline(db, agreement_id, limit=batch or HISTORY_BATCH, cursor=cursor)
        if page.data:
            yield _chunk(transition_row(e) for e in page.data)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor
