"""Calendar feed tokens: made, listed, revoked, and looked up when a feed's URL is read.

A feed's token works like an API key reduced to one read: random, shown once, stored as its
SHA-256, revocable; it opens only its feed, so calendar applications that cannot send headers
can poll the URL. What the feed shows is assembled by the deadlines (service/deadlines/calendar.py),
which know the clocks; this package knows only the tokens."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service.agreements.models import agreements_table as A
from service.agreements.records import unstorable
from service.db import Database, utcnow
from service.errors import NotFound, ValidationFailed
from service.exports.models import calendar_feeds_table as F
from service.exports.schemas import CalendarFeedCreate, CalendarFeedCreated, CalendarFeedOut
from service.pagination import Page, decode_cursor, keyset_page
from service.principal import Principal

TOKEN_PREFIX = "cal_"
ID_PREFIX = "feed_"

# Everything about a feed but its hash: what is never selected is never shown.
_PUBLIC_COLUMNS = [c for c in F.c if c.name != "token_hash"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(token: str) -> str:
    return f"/v1/calendar/{token}.ics"


def _out(row: RowMapping | dict) -> CalendarFeedOut:
    return CalendarFeedOut.model_validate({k: row[k] for k in CalendarFeedOut.model_fields})


def _no_feed(feed_id: str) -> NotFound:
    return NotFound(f"No calendar feed {feed_id!r}")


# -- managing feeds -----------------------------------------------------------------------------


def record_feed(conn: Connection, principal: Principal, data: CalendarFeedCreate) -> CalendarFeedCreated:
    if data.agreement_id is not None and (
        unstorable(data.agreement_id)
        or conn.execute(sa.select(A.c.id).where(A.c.id == data.agreement_id)).first() is None
    ):
        raise ValidationFailed(
            f"agreement_id: no agreement {data.agreement_id!r}",
            errors=[{"loc": ["body", "agreement_id"], "msg": "no such agreement", "type": "unknown_agreement"}],
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = {
        "id": ID_PREFIX + str(ULID()),
        "name": data.name,
        "token_hash": hash_token(token),
        "agreement_id": data.agreement_id,
        "created_by": principal.name,
        "created_at": utcnow(),
        "revoked_at": None,
    }
    conn.execute(sa.insert(F), row)
    return CalendarFeedCreated(**_out(row).model_dump(), token=token, url=feed_url(token))


async def create(db: Database, principal: Principal, data: CalendarFeedCreate) -> CalendarFeedCreated:
    """A new feed for the calling key; its token is returned here only."""
    return await db.write(lambda conn: record_feed(conn, principal, data))


def _visible(principal: Principal) -> sa.ColumnElement[bool]:
    """A key sees the feeds it made; an admin key sees all."""
    return sa.true() if principal.admin else F.c.created_by == principal.name


async def list_feeds(db: Database, principal: Principal, *, limit: int, cursor: str | None) -> Page[CalendarFeedOut]:
    after = decode_cursor("calendar_feeds", cursor, str)
    query = sa.select(*_PUBLIC_COLUMNS).where(_visible(principal)).order_by(F.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(F.c.id > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "calendar_feeds", _out, key=lambda f: f.id)


async def revoke(db: Database, principal: Principal, feed_id: str) -> CalendarFeedOut:
    """Revoke a feed: its URL answers 404 from now on. Revoking twice changes nothing."""

    def op(conn: Connection) -> CalendarFeedOut:
        row = (
            conn.execute(sa.select(*_PUBLIC_COLUMNS).where((F.c.id == feed_id) & _visible(principal)))
            .mappings()
            .first()
            if len(feed_id) <= 32 and feed_id.isprintable()
            else None
        )
        if row is None:
            raise _no_feed(feed_id)
        revoked_at = row["revoked_at"] or utcnow()
        conn.execute(sa.update(F).where(F.c.id == feed_id), {"revoked_at": revoked_at})
        return _out({**row, "revoked_at": revoked_at})

    return await db.write(op)


# -- serving a feed ---------------------------------------------------------------------------


async def feed_of(db: Database, token: str) -> RowMapping:
    """The live feed the token opens; NotFound for an unknown or revoked token (never which)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise NotFound("No such calendar feed")
    async with db.read() as conn:
        row = (
            (await conn.execute(sa.select(*_PUBLIC_COLUMNS).where(F.c.token_hash == hash_token(token))))
            .mappings()
            .first()
        )
    if row is None or row["revoked_at"] is not None:
        raise NotFound("No such calendar feed")
    return row
