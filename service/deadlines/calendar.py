"""A calendar feed's deadlines and hearings as iCalendar (RFC 5545), and the feed's URL.

The events are the deadlines as GET /v1/deadlines assembles them (service.py): statutory clocks and
consultations' dates, of the feed's agreement or of every agreement. Each dated deadline is one
all-day VEVENT whose UID is derived from what it is (agreement, clock, consultation), never from
its date, so a changed date replaces the entry; SEQUENCE grows with every change. The token that
opens the feed is the exports package's (service/exports/calendar.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Path, Response
from fastapi.responses import StreamingResponse
from icalendar import Calendar, Event
from sqlalchemy.engine import RowMapping

from service.agreements.models import agreements_table as A
from service.agreements.timeline import clock_date
from service.consultations.models import consultations_table as C
from service.db import Database, utcnow
from service.deadlines import rows
from service.deadlines import service as deadlines
from service.deadlines.models import deadlines_table as D
from service.deadlines.schemas import CONSULTATION, Deadline
from service.deps import DB
from service.errors import NotFound, responses
from service.exports.calendar import feed_of
from workflows.clocks import NOT_APPLICABLE

PRODID = "-//Accord//Trade agreement deadlines//EN"
UID_DOMAIN = "accord"
ICS = "text/calendar; charset=utf-8"
# Events rendered between two yields to the event loop: a feed of every agreement is long.
_RENDER_BATCH = 200

# No API key: the token in the path is the feed's own read-only secret.
router = APIRouter(prefix="/v1/calendar", tags=["exports"])


def uid(deadline: Deadline) -> str:
    """Stable across changes of the date: what the deadline is, not when."""
    if deadline.source == CONSULTATION:
        return f"{deadline.agreement_id}-{deadline.consultation_id}-{deadline.clock}@{UID_DOMAIN}"
    return f"{deadline.agreement_id}-{deadline.clock}@{UID_DOMAIN}"


_END = b"END:VCALENDAR\r\n"


async def stream(db: Database, feed: RowMapping) -> AsyncIterator[bytes]:
    """The feed as an iCalendar document, a page of deadlines at a time: a feed of every agreement
    reads the deadlines table in index order (no cap, and never the whole list in memory), then the
    consultations' dates; one agreement's feed is one page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Accord: {feed['name']}")
    head = calendar.to_ical()
    yield head[: -len(_END)]  # the calendar's properties; its events follow, then its end
    now = utcnow()
    if feed["agreement_id"] is not None:
        yield await _events(db, await deadlines.of_agreement(db, feed["agreement_id"]), now)
    else:
        today = clock_date(now)
        applies = D.c.due_date.is_not(None) & (D.c.resolution != NOT_APPLICABLE)
        async for page in deadlines.pages(db, applies):
            yield await _events(db, [rows.to_deadline(row, today) for row in page], now)
        yield await _events(db, await deadlines.consultation_deadlines_across(db, today=today), now)
    yield _END


async def render(db: Database, feed: RowMapping) -> bytes:
    """The whole feed in memory (for one agreement's, or tests)."""
    return b"".join([chunk async for chunk in stream(db, feed)])


async def _events(db: Database, found: list[Deadline], now: datetime) -> bytes:
    """The VEVENTs of a page of deadlines, with their agreements and consultations read in one go."""
    # A clock that does not apply (an exemption, an ended agreement) is not a date to keep.
    dated = [d for d in found if d.due_date is not None and d.status != NOT_APPLICABLE]
    if not dated:
        return b""
    async with db.read() as conn:
        agreements = {
            r.id: r
            for r in await conn.execute(
                sa.select(A.c.id, A.c.title, A.c.version, A.c.updated_at).where(
                    A.c.id.in_({d.agreement_id for d in dated})
                )
            )
        }
        consultations = {
            r.id: r
            for r in await conn.execute(
                sa.select(C.c.id, C.c.created_at, C.c.updated_at).where(
                    C.c.id.in_({d.consultation_id for d in dated if d.consultation_id})
                )
            )
        }
    chunks = []
    for index, deadline in enumerate(dated):
        agreement = agreements.get(deadline.agreement_id)
        if agreement is None:
            continue
        chunks.append(_event(deadline, agreement, consultations.get(deadline.consultation_id), now).to_ical())
        if index % _RENDER_BATCH == _RENDER_BATCH - 1:
            await asyncio.sleep(0)  # let other requests run between batches
    return b"".join(chunks)


def _event(deadline: Deadline, agreement, consultation, now: datetime) -> Event:
    event = Event()
    event.add("uid", uid(deadline))
    event.add("dtstamp", now)
    event.add("dtstart", deadline.due_date)
    event.add("dtend", deadline.due_date + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if consultation is not None:  # its own changes: seconds since it was recorded only grow
        changed = consultation.updated_at
        event.add("sequence", int((consultation.updated_at - consultation.created_at).total_seconds()))
        what = f"{deadline.clock.replace('_', ' ')} (docket {deadline.docket_id})"
    else:  # the agreement's version grows by one on every change of its history
        changed = agreement.updated_at
        event.add("sequence", agreement.version)
        what = (
            f"{deadline.event.replace('_', ' ')} {'no earlier than' if deadline.bound == 'earliest' else 'by'} this day"
        )
    event.add("last-modified", changed)
    event.add("summary", f"{agreement.title}: {what}")
    lines = [deadline.description, f"Legal basis: {deadline.legal_basis}", f"Status: {deadline.status}"]
    if deadline.trigger_date is not None:
        lines.append(f"Starts from {deadline.trigger} on {deadline.trigger_date.isoformat()}")
    lines.append(f"Agreement: {agreement.id} ({deadline.source} {deadline.clock})")
    event.add("description", "\n".join(lines))
    event.add("categories", [deadline.source])
    return event


@router.get(
    "/{token}.ics",
    response_class=Response,
    responses={
        200: {"content": {ICS: {"schema": {"type": "string"}}}, "description": "An iCalendar (RFC 5545) document"},
        **responses(NotFound),
    },
)
async def get_calendar(token: Annotated[str, Path(max_length=100)], db: DB) -> Response:
    """A feed's deadlines and hearings as iCalendar, one all-day event per dated deadline: statutory
    clocks and consultations' dates (as GET /v1/deadlines lists them). Each event's UID names the
    agreement and the clock (`<agreement_id>-<clock>@accord`; a consultation's dates add its id),
    so a changed date replaces the event, with a higher SEQUENCE. No API key: the token opens this
    feed only; an unknown or revoked token gets 404."""
    feed = await feed_of(db, token)
    return StreamingResponse(
        stream(db, feed),
        media_type=ICS,
        headers={"Content-Disposition": 'inline; filename="accord.ics"', "Cache-Control": "no-store"},
    )
