"""Board sessions, and what each page shows, assembled from the API's own service calls.

A session: a random id whose SHA-256 is the row's key, the signed id in an HttpOnly cookie, and the
hash of the API key signed in with. Every request authenticates that key again through
`auth.service.authenticate_hash`, the API's own path (and cache), so revoking the key ends the
session within ACCORD_AUTH_CACHE_SECONDS.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from itsdangerous import BadSignature, TimestampSigner

from service.agreements import service as agreements
from service.agreements.schemas import AgreementOut, AvailableTransitions, Relation
from service.agreements.timeline import clock_date
from service.auth.service import authenticate, authenticate_hash, hash_key
from service.board import diagram as drawing
from service.board.models import board_sessions_table as S
from service.config import Settings
from service.db import Database, utcnow
from service.deadlines import service as deadlines
from service.deadlines.schemas import Deadline
from service.documents import service as documents
from service.documents.schemas import DocumentOut, TimelineEntry
from service.errors import BoardNotConfigured, NotFound
from service.principal import Principal, Scope
from service.rounds import service as rounds
from service.rounds.schemas import RoundOut
from service.webhooks import service as webhooks
from service.webhooks.schemas import DeliveryOut, WebhookEndpointOut
from workflows import get_definition, list_definitions

SESSION_SALT = "accord.board.session"
SIGN_IN_SALT = "accord.board.sign-in"
SIGN_IN_SECONDS = 3600  # a sign-in form older than this is refused: open it again


@dataclass(frozen=True)
class Session:
    principal: Principal
    csrf_token: str
    id_hash: str

    def may(self, scope: Scope) -> bool:
        return self.principal.allows(scope)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def signer(settings: Settings, salt: str) -> TimestampSigner:
    if settings.board_session_secret is None:
        raise BoardNotConfigured(
            "Set ACCORD_BOARD_SESSION_SECRET (the same long random value in every process) to use the board; "
            "the API works without it"
        )
    return TimestampSigner(settings.board_session_secret.get_secret_value(), salt=salt)


def unsign(settings: Settings, salt: str, value: str | None, max_age: float) -> str | None:
    if not value:
        return None
    try:
        return signer(settings, salt).unsign(value, max_age=max_age).decode()
    except (BadSignature, UnicodeDecodeError):
        return None


def new_sign_in_token(settings: Settings) -> tuple[str, str]:
    """The sign-in form's CSRF token and its signed cookie (double submit: no session exists yet)."""
    token = secrets.token_urlsafe(24)
    return token, signer(settings, SIGN_IN_SALT).sign(token).decode()


def sign_in_token_ok(settings: Settings, cookie: str | None, sent: str | None) -> bool:
    expected = unsign(settings, SIGN_IN_SALT, cookie, SIGN_IN_SECONDS)
    return expected is not None and sent is not None and hmac.compare_digest(expected, sent)


async def sign_in(db: Database, settings: Settings, key: str) -> tuple[str, datetime] | None:
    """A new session for `key` (its signed cookie value and expiry), or None if the key does not work."""
    principal = await authenticate(db, key, cache_seconds=settings.auth_cache_seconds)
    if principal is None:
        return None
    session_id = secrets.token_urlsafe(32)
    now = utcnow()
    expires_at = now + timedelta(hours=settings.board_session_hours)
    row = {
        "id_hash": _hash(session_id),
        "key_id": principal.key_id,
        "key_hash": hash_key(key),
        "csrf_token": secrets.token_urlsafe(32),
        "created_at": now,
        "expires_at": expires_at,
    }

    def op(conn) -> None:
        conn.execute(sa.delete(S).where(S.c.expires_at <= now))  # ix_board_sessions_expires_at
        conn.execute(sa.insert(S), row)

    await db.write(op)
    return signer(settings, SESSION_SALT).sign(session_id).decode(), expires_at


async def session_of(db: Database, settings: Settings, cookie: str | None) -> Session | None:
    """The session a cookie names, with its key authenticated again; None once either is over."""
    session_id = unsign(settings, SESSION_SALT, cookie, settings.board_session_hours * 3600)
    if session_id is None:
        return None
    id_hash = _hash(session_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(S).where(S.c.id_hash == id_hash))).mappings().first()
    if row is None or row["expires_at"] <= utcnow():
        return None
    principal = await authenticate_hash(db, row["key_hash"], cache_seconds=settings.auth_cache_seconds)
    if principal is None:  # revoked or expired: the session ends with it
        await sign_out(db, id_hash)
        return None
    return Session(principal, row["csrf_token"], id_hash)


async def sign_out(db: Database, id_hash: str) -> None:
    await db.write(lambda conn: conn.execute(sa.delete(S).where(S.c.id_hash == id_hash)))


async def still_signed_in(db: Database, settings: Settings, id_hash: str) -> bool:
    """For the live stream: the session row is there and its key still works."""
    async with db.read() as conn:
        row = (await conn.execute(sa.select(S.c.key_hash).where(S.c.id_hash == id_hash))).first()
    return (
        row is not None
        and await authenticate_hash(db, row.key_hash, cache_seconds=settings.auth_cache_seconds) is not None
    )


# -- what the pages show ----------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    agreement: AgreementOut
    deadline: Deadline | None
    days_left: int | None


@dataclass
class BoardPage:
    columns: list[tuple[str, list[Card]]]
    next_cursor: str | None
    count: int
    states: list[str] = field(default_factory=list)


def days_until(day: date | None, today: date) -> int | None:
    return None if day is None else (day - today).days


async def board(
    db: Database,
    *,
    state: str | None,
    party: str | None,
    authority: str | None,
    q: str | None,
    cursor: str | None,
    limit: int,
) -> BoardPage:
    """One page of agreements (the API's list, oldest first), as cards in a column per state."""
    page = await agreements.list_agreements(
        db, state=state, party=party, q=q, limit=limit, cursor=cursor, authority=authority
    )
    due = await deadlines.next_pending(db, [a.id for a in page.data])
    today = clock_date(utcnow())
    order = _state_order()
    columns: dict[str, list[Card]] = {}
    for agreement in page.data:
        deadline = due.get(agreement.id)
        card = Card(agreement, deadline, days_until(deadline.due_date if deadline else None, today))
        columns.setdefault(agreement.state, []).append(card)
    ordered = sorted(columns.items(), key=lambda item: order.get(item[0], len(order)))
    return BoardPage(columns=ordered, next_cursor=page.next_cursor, count=len(page.data), states=list(order))


async def card(db: Database, agreement_id: str) -> Card:
    agreement = await agreements.get(db, agreement_id)
    deadline = (await deadlines.next_pending(db, [agreement_id])).get(agreement_id)
    return Card(agreement, deadline, days_until(deadline.due_date if deadline else None, clock_date(utcnow())))


def _state_order() -> dict[str, int]:
    order: dict[str, int] = {}
    for definition in list_definitions():
        for state in definition.states:
            order.setdefault(state, len(order))
    return order


@dataclass
class AgreementPage:
    agreement: AgreementOut
    drawing: drawing.Drawing
    timeline: list[TimelineEntry]
    unattached: list[DocumentOut]
    next_cursor: str | None
    deadlines: list[tuple[Deadline, int | None]]
    available: AvailableTransitions
    relations: list[Relation]
    rounds: list[RoundOut]


async def agreement_page(db: Database, agreement_id: str, *, cursor: str | None, limit: int) -> AgreementPage:
    """Everything the page shows, from the API's own calls. After the agreement itself (a 404
    stops there), the reads are independent: run together, the page waits for the slowest
    rather than their sum (docs/performance.md, Board)."""
    agreement = await agreements.get(db, agreement_id)
    definition = get_definition(agreement.workflow.name, agreement.workflow.version)
    if definition is None:
        raise NotFound(f"Workflow {agreement.workflow.name} v{agreement.workflow.version} is not installed")
    diagram, timeline, found, available, relations, rounds_page = await asyncio.gather(
        agreements.diagram(db, agreement_id),
        documents.timeline(db, agreement_id, limit=limit, cursor=cursor),
        deadlines.of_agreement(db, agreement_id),
        agreements.available_transitions(db, agreement_id),
        agreements.relations(db, agreement_id),
        rounds.list_rounds(db, agreement_id, limit=50, cursor=None),
    )
    today = clock_date(utcnow())
    return AgreementPage(
        agreement=agreement,
        drawing=drawing.draw(definition, diagram, agreement.authority),
        timeline=timeline.data,
        unattached=timeline.unattached,
        next_cursor=timeline.next_cursor,
        deadlines=[(d, days_until(d.due_date, today)) for d in found],
        available=available,
        relations=relations,
        rounds=rounds_page.data,
    )


@dataclass
class DeadlinesPage:
    upcoming: list[tuple[Deadline, int | None]]
    missed: list[Deadline]
    titles: dict[str, str]


async def deadlines_page(db: Database, *, limit: int) -> DeadlinesPage:
    """Upcoming (pending, due today or later) and missed deadlines: GET /v1/deadlines' own call."""
    today = clock_date(utcnow())
    upcoming = await deadlines.across_agreements(
        db, due_before=None, status="pending", limit=limit, due_on_or_after=today
    )
    missed = await deadlines.across_agreements(db, due_before=None, status="missed", limit=limit)
    titles = await agreements.titles(db, [d.agreement_id for d in (*upcoming, *missed)])
    # Nearest first: upcoming soonest due, missed most recently due.
    return DeadlinesPage([(d, days_until(d.due_date, today)) for d in upcoming], missed[::-1], titles)


@dataclass
class EndpointHealth:
    endpoint: WebhookEndpointOut
    deliveries: list[DeliveryOut]
    last_success: datetime | None
    failures: int


async def webhooks_page(db: Database, *, limit: int = 20) -> list[EndpointHealth]:
    """Each endpoint with its recent deliveries (the API's own lists) and their health."""
    endpoints = await webhooks.list_endpoints(db, limit=100, cursor=None)
    found = []
    for endpoint in endpoints.data:
        deliveries = (await webhooks.list_deliveries(db, endpoint.id, limit=limit, cursor=None)).data
        successes = [a.attempted_at for d in deliveries for a in d.attempt_log if a.succeeded]
        failures = sum(1 for d in deliveries for a in d.attempt_log if not a.succeeded)
        found.append(EndpointHealth(endpoint, deliveries, max(successes, default=None), failures))
    return found
