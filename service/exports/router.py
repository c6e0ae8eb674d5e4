"""HTTP routes of the exports: CSV of the agreements list and of one agreement's history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import StreamingResponse

from service.agreements.router import PRINTABLE, AsOf
from service.auth.deps import CurrentPrincipal
from service.deps import DB
from service.errors import NotFound, responses
from service.exports import calendar, csv_export
from service.exports.csv_export import AGREEMENT_COLUMNS, TRANSITION_COLUMNS, describe
from service.exports.schemas import CalendarFeedCreate, CalendarFeedCreated, CalendarFeedOut
from service.pagination import Cursor, Limit, Page
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/agreements", tags=["exports"])
feeds_router = APIRouter(prefix="/v1/calendar-feeds", tags=["exports"], route_class=JSONRoute)
CSV = "text/csv; charset=utf-8"


def _csv_response(chunks: AsyncIterator[str], filename: str) -> StreamingResponse:
    async def encoded() -> AsyncIterator[bytes]:
        async for chunk in chunks:
            yield chunk.encode("utf-8")

    return StreamingResponse(
        encoded(),
        media_type=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


_COMMON = (
    "UTF-8 with a byte order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends, one header row. "
    "Dates and times are ISO 8601 (times in UTC), as in the JSON API. A cell that starts with =, +, -, @, a tab "
    "or a carriage return is prefixed with a single quote, so a spreadsheet shows it rather than running it "
    "(OWASP, CSV injection). Streamed a page at a time.\n\nColumns:\n\n"
)


@router.get(
    ".csv",
    response_class=StreamingResponse,
    responses={200: {"content": {CSV: {"schema": {"type": "string"}}}, "description": "The CSV"}, **responses()},
    description="GET /v1/agreements as CSV: the same filters, the same order (oldest first), every page. "
    + _COMMON
    + describe(AGREEMENT_COLUMNS),
)
async def export_agreements(
    db: DB,
    state: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
    party: Annotated[
        str | None, Query(max_length=2, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, or EU")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, pattern=PRINTABLE, description="Words in the title")] = None,
    as_of: AsOf = None,
) -> StreamingResponse:
    """The agreements as CSV."""
    rows = csv_export.agreements_csv(db, state=state, party=party, q=q, as_of=as_of)
    return _csv_response(rows, "agreements.csv")


@router.get(
    "/{agreement_id}/transitions.csv",
    response_class=StreamingResponse,
    responses={
        200: {"content": {CSV: {"schema": {"type": "string"}}}, "description": "The CSV"},
        **responses(NotFound),
    },
    description="The agreement's history as CSV, oldest first: one row per entry, void entries included, "
    "with the documents that name it. " + _COMMON + describe(TRANSITION_COLUMNS),
)
async def export_transitions(agreement_id: str, db: DB) -> StreamingResponse:
    """An agreement's history as CSV."""
    await csv_export.check_agreement(db, agreement_id)
    rows = csv_export.transitions_csv(db, agreement_id)
    return _csv_response(rows, f"{agreement_id}-transitions.csv")


# -- calendar feeds -----------------------------------------------------------------------------


@feeds_router.post("", status_code=201, response_model=CalendarFeedCreated, responses=responses(body=True))
async def create_calendar_feed(body: CalendarFeedCreate, db: DB, principal: CurrentPrincipal) -> CalendarFeedCreated:
    """A calendar feed of deadlines and hearings (one agreement's, or every agreement's). The
    token and the feed URL are in this response only; the URL needs no API key."""
    return await calendar.create(db, principal, body)


@feeds_router.get("", response_model=Page[CalendarFeedOut], responses=responses())
async def list_calendar_feeds(
    db: DB, principal: CurrentPrincipal, limit: Limit = 50, cursor: Cursor = None
) -> Page[CalendarFeedOut]:
    """The feeds this key made (every feed, for an admin key); never their tokens."""
    return await calendar.list_feeds(db, principal, limit=limit, cursor=cursor)


@feeds_router.delete("/{feed_id}", status_code=204, response_class=Response, responses=responses(NotFound))
async def revoke_calendar_feed(
    feed_id: Annotated[str, Path(max_length=32)], db: DB, principal: CurrentPrincipal
) -> Response:
    """Revoke a feed: its URL answers 404 from now on."""
    await calendar.revoke(db, principal, feed_id)
    return Response(status_code=204)
