"""Webhook endpoints, the event feed and the delivery log: the queries behind the routes."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from ulid import ULID

from service.db import Database, utcnow
from service.errors import LimitReached, NotFound
from service.pagination import Page, decode_cursor, encode_cursor, keyset_page
from service.principal import Principal
from service.webhooks import catalog, outbox, queue, ssrf
from service.webhooks.models import ACTIVE
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import endpoints_table as W
from service.webhooks.models import events_table as E
from service.webhooks.schemas import (
    AttemptOut,
    DeliveryOut,
    EventOut,
    ReplayRequest,
    ReplayResult,
    RotatedSecret,
    TestEventRequest,
    TestEventResult,
    WebhookEndpointCreate,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)

REPLAY_MAX_EVENTS = 10_000
REPLAY_BATCH = 500  # events weighed per replay transaction
ENDPOINTS_LOCK = 0x61636365  # serialises endpoint creation on PostgreSQL, for the cap
ENDPOINT_EVENT_TYPES = [t for t in outbox.EVENT_TYPES if outbox.is_endpoint_event(t)]


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_endpoint_id() -> str:
    return "we_" + str(ULID())


def to_event(row: RowMapping) -> EventOut:
    return EventOut(
        id=row["id"],
        type=row["type"],
        agreement_id=row["agreement_id"],
        position=row["position"],
        created_at=row["created_at"],
        data=row["data"],
    )


def to_endpoint(row: RowMapping | dict[str, Any]) -> WebhookEndpointOut:
    return WebhookEndpointOut.model_validate({k: row[k] for k in WebhookEndpointOut.model_fields})


def _missing_endpoint(endpoint_id: str) -> NotFound:
    return NotFound(f"No webhook endpoint {endpoint_id!r}")


def _short(value: str, length: int = 32) -> bool:
    return len(value) <= length and value.isprintable()


# -- endpoints ------------------------------------------------------------------------------


async def create_endpoint(db: Database, principal: Principal, data: WebhookEndpointCreate) -> WebhookEndpointWithSecret:
    """Subscribe a URL to events; the signing secret is returned only here."""
    settings = db.settings
    url = str(data.url)
    await ssrf.check_url(url, allow_private=settings.webhook_allow_private_networks)

    def op(conn: Connection) -> WebhookEndpointWithSecret:
        _check_endpoint_cap(conn, settings.webhook_max_endpoints)
        now = utcnow()
        values = {
            "id": new_endpoint_id(),
            "url": url,
            "description": data.description,
            "event_types": data.event_types,
            "agreement_ids": data.agreement_ids,
            "parties": data.parties,
            "enabled": data.enabled,
            "disabled_reason": None,
            "secret": new_secret(),
            "previous_secret": None,
            "previous_secret_expires_at": None,
            "failing_since": None,
            "created_at": now,
            "updated_at": now,
        }
        conn.execute(sa.insert(W), values)
        return WebhookEndpointWithSecret(**to_endpoint(values).model_dump(), secret=values["secret"])

    return await db.write(op)


def _check_endpoint_cap(conn: Connection, cap: int) -> None:
    """Every event is weighed against every endpoint: the cap bounds that work."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(ENDPOINTS_LOCK)))  # two creates may not both pass
    if conn.execute(sa.select(sa.func.count()).select_from(W)).scalar_one() >= cap:
        raise LimitReached(
            f"This installation already has {cap} webhook endpoints, its limit (ACCORD_WEBHOOK_MAX_ENDPOINTS); "
            "delete one first",
            limit=cap,
        )


def _lock_endpoint(conn: Connection, endpoint_id: str) -> RowMapping:
    if not _short(endpoint_id):
        raise _missing_endpoint(endpoint_id)
    row = conn.execute(sa.select(W).where(W.c.id == endpoint_id).with_for_update()).mappings().first()
    if row is None:
        raise _missing_endpoint(endpoint_id)
    return row


async def update_endpoint(
    db: Database, principal: Principal, endpoint_id: str, patch: WebhookEndpointUpdate
) -> WebhookEndpointOut:
    settings = db.settings
    changes = patch.model_dump(exclude_unset=True)
    for key in ("url", "event_types", "agreement_ids", "parties", "enabled"):
        if key in changes and changes[key] is None:
            del changes[key]
    if "url" in changes:
        changes["url"] = str(patch.url)
        await ssrf.check_url(changes["url"], allow_private=settings.webhook_allow_private_networks)

    def op(conn: Connection) -> WebhookEndpointOut:
        row = _lock_endpoint(conn, endpoint_id)
        values = {**changes, "updated_at": utcnow()}
        if changes.get("enabled") and not row["enabled"]:
            values.update(disabled_reason=None, failing_since=None)
            outbox.notify(conn)
        conn.execute(sa.update(W).where(W.c.id == endpoint_id), values)
        return to_endpoint({**row, **values})

    return await db.write(op)


async def delete_endpoint(db: Database, principal: Principal, endpoint_id: str) -> None:
    def op(conn: Connection) -> None:
        _lock_endpoint(conn, endpoint_id)
        deliveries = sa.select(D.c.id).where(D.c.endpoint_id == endpoint_id).scalar_subquery()
        conn.execute(sa.delete(AT).where(AT.c.delivery_id.in_(deliveries)))
        conn.execute(sa.delete(D).where(D.c.endpoint_id == endpoint_id))
        conn.execute(sa.delete(W).where(W.c.id == endpoint_id))

    await db.write(op)


async def rotate_secret(db: Database, principal: Principal, endpoint_id: str) -> RotatedSecret:
    settings = db.settings

    def op(conn: Connection) -> RotatedSecret:
        row = _lock_endpoint(conn, endpoint_id)
        now = utcnow()
        expires = now + timedelta(hours=settings.webhook_secret_overlap_hours)
        secret = new_secret()
        conn.execute(
            sa.update(W).where(W.c.id == endpoint_id),
            {
                "secret": secret,
                "previous_secret": row["secret"],
                "previous_secret_expires_at": expires,
                "updated_at": now,
            },
        )
        return RotatedSecret(secret=secret, previous_secret_expires_at=expires)

    return await db.write(op)


async def get_endpoint(db: Database, endpoint_id: str) -> WebhookEndpointOut:
    if not _short(endpoint_id):
        raise _missing_endpoint(endpoint_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(W).where(W.c.id == endpoint_id))).mappings().first()
    if row is None:
        raise _missing_endpoint(endpoint_id)
    return to_endpoint(row)


async def list_endpoints(db: Database, *, limit: int, cursor: str | None) -> Page[WebhookEndpointOut]:
    after = decode_cursor("webhook-endpoints", cursor, str)
    query = sa.select(W).order_by(W.c.id).limit(limit + 1)
    if after is not None:
        query = query.where(W.c.id > after)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "webhook-endpoints", to_endpoint, lambda e: e.id)


# -- the event feed -------------------------------------------------------------------------


_OLDEST_RUNNING_TRANSACTION = sa.cast(
    sa.cast(sa.func.pg_snapshot_xmin(sa.func.pg_current_snapshot()), sa.Text), sa.BigInteger
)


async def list_events(
    db: Database,
    *,
    after: str | None,
    type: str | None,
    agreement_id: str | None,
    limit: int,
    include_endpoint_events: bool,
) -> Page[EventOut]:
    """Events in position order. Cursors are positions, so a consumer resumes where it stopped.
    `endpoint.*` events are left out unless `include_endpoint_events` (webhooks:manage keys)."""
    position = decode_cursor("events", after, int)
    query = sa.select(E).order_by(E.c.position).limit(limit + 1)
    if not include_endpoint_events:
        query = query.where(E.c.type.not_in(ENDPOINT_EVENT_TYPES))
    if position is not None:
        query = query.where(E.c.position > position)
    if type:
        query = query.where(E.c.type == type)
    if agreement_id:
        query = query.where(E.c.agreement_id == agreement_id)
    if not db.is_sqlite:
        # Only events of transactions older than every running one: a later position may commit
        # before an earlier one, and a reader must never pass over an event still to appear.
        query = query.where(E.c.tx.is_(None) | (E.c.tx < _OLDEST_RUNNING_TRANSACTION))
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()
    return keyset_page(rows, limit, "events", to_event, lambda e: e.position)


async def feed_end(db: Database) -> str | None:
    """A cursor after the feed's latest event (None when it is empty): a live view that has just
    read the current state streams from here, not from the start (ix on events.position)."""
    async with db.read() as conn:
        position = (await conn.execute(sa.select(sa.func.max(E.c.position)))).scalar()
    return None if position is None else encode_cursor("events", position)


STREAM_BATCH = 200


class FeedSignal:
    """Wakes the event streams of this process when events may have been written: at each
    commit on SQLite, at each NOTIFY the dispatcher hears on PostgreSQL. A stream also looks
    on its own every few seconds, for the writes of other processes when nothing here listens,
    and for events that became visible later than they were announced (see list_events)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def wake(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    def wake_threadsafe(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed
                self._loop.call_soon_threadsafe(self.wake)

    async def wait(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._event.wait()


def stream_events(
    db: Database,
    signal: FeedSignal,
    *,
    after: str | None,
    type: str | None,
    agreement_id: str | None,
    include_endpoint_events: bool,
    poll_seconds: float,
    still_allowed: Callable[[], Awaitable[bool]],
) -> AsyncIterator[tuple[str, EventOut]]:
    """The feed from `after` on, then each event as it becomes visible, forever: (cursor, event)
    pairs in the order of /v1/events, with its guarantee (never past an event still to commit).
    Ends when `still_allowed` says the caller's key no longer is (revoked, expired).

    Not itself a generator: a forged cursor is a 422 here, before the response starts."""
    decode_cursor("events", after, int)
    return _stream(db, signal, after, type, agreement_id, include_endpoint_events, poll_seconds, still_allowed)


async def _stream(
    db: Database,
    signal: FeedSignal,
    cursor: str | None,
    type: str | None,
    agreement_id: str | None,
    include_endpoint_events: bool,
    poll_seconds: float,
    still_allowed: Callable[[], Awaitable[bool]],
) -> AsyncIterator[tuple[str, EventOut]]:
    while True:
        page = await list_events(
            db, after=cursor, type=type, agreement_id=agreement_id, limit=STREAM_BATCH,
            include_endpoint_events=include_endpoint_events,
        )  # fmt: skip
        for event in page.data:
            cursor = encode_cursor("events", event.position)
            yield cursor, event
        if page.next_cursor is None:
            await signal.wait(poll_seconds)
            if not await still_allowed():
                return


async def get_event(db: Database, event_id: str, *, include_endpoint_events: bool) -> EventOut:
    row = None
    if _short(event_id):
        async with db.read() as conn:
            row = (await conn.execute(sa.select(E).where(E.c.id == event_id))).mappings().first()
    if row is None or (outbox.is_endpoint_event(row["type"]) and not include_endpoint_events):
        raise NotFound(f"No event {event_id!r}")
    return to_event(row)


# -- the delivery log and recovery ----------------------------------------------------------


def _delivery(row: RowMapping, attempts: list[AttemptOut]) -> DeliveryOut:
    active = row["status"] in ACTIVE
    return DeliveryOut(
        id=row["id"],
        event_id=row["event_id"],
        event_type=row["event_type"],
        agreement_id=row["agreement_id"],
        status=row["status"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"] if active else None,
        created_at=row["created_at"],
        attempt_log=attempts,
    )


_DELIVERY_COLUMNS = (D, E.c.type.label("event_type"))


async def list_deliveries(db: Database, endpoint_id: str, *, limit: int, cursor: str | None) -> Page[DeliveryOut]:
    """Newest first, each with its attempts (newest first)."""
    before = decode_cursor("deliveries", cursor, str)
    await get_endpoint(db, endpoint_id)
    query = (
        sa.select(*_DELIVERY_COLUMNS)
        .join(E, E.c.id == D.c.event_id)
        .where(D.c.endpoint_id == endpoint_id)
        .order_by(D.c.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        query = query.where(D.c.id < before)
    async with db.read() as conn:
        rows = (await conn.execute(query)).mappings().all()[: limit + 1]
        ids = [r["id"] for r in rows[:limit]]
        attempt_rows = (
            (await conn.execute(sa.select(AT).where(AT.c.delivery_id.in_(ids)).order_by(AT.c.id.desc())))
            .mappings()
            .all()
            if ids
            else []
        )
    by_delivery: dict[str, list[AttemptOut]] = {}
    for a in attempt_rows:
        by_delivery.setdefault(a["delivery_id"], []).append(AttemptOut.model_validate(dict(a)))
    return keyset_page(rows, limit, "deliveries", lambda r: _delivery(r, by_delivery.get(r["id"], [])), lambda d: d.id)


async def send_test(
    db: Database,
    principal: Principal,
    endpoint_id: str,
    command: TestEventRequest,
    send: Callable[[queue.Job], Awaitable[queue.Outcome]],
) -> TestEventResult:
    """Send the catalog's example of one event type to the endpoint, signed with its secrets,
    and report how it answered. Disabled endpoints are sent to as well (to check a fix before
    enabling them again). Nothing is written: the test is in neither the feed nor the delivery log."""
    if not _short(endpoint_id):
        raise _missing_endpoint(endpoint_id)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(W).where(W.c.id == endpoint_id))).mappings().first()
    if row is None:
        raise _missing_endpoint(endpoint_id)
    now = utcnow()
    data = catalog.CATALOG[command.type].example
    if outbox.is_endpoint_event(command.type):
        data = {**data, "endpoint_id": endpoint_id}
    body = {"type": command.type, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": data}
    signing_secrets = [row["secret"]]
    if row["previous_secret"] and row["previous_secret_expires_at"] and row["previous_secret_expires_at"] > now:
        signing_secrets.append(row["previous_secret"])
    job = queue.Job(
        delivery_id="test",
        attempts=0,
        locked_until=now + timedelta(days=1),
        endpoint_id=endpoint_id,
        url=row["url"],
        secrets=signing_secrets,
        event_id="evt_test_" + str(ULID()),
        payload=json.dumps(body, separators=(",", ":")),
    )
    outcome = await send(job)
    return TestEventResult(
        event_id=job.event_id,
        type=command.type,
        succeeded=outcome.succeeded,
        response_status=outcome.status,
        duration_ms=outcome.duration_ms,
        response_excerpt=outcome.excerpt,
        error=outcome.error,
    )


async def redeliver(db: Database, principal: Principal, endpoint_id: str, delivery_id: str) -> DeliveryOut:
    """Send a delivery's event again, as a new delivery with the same webhook-id."""

    def op(conn: Connection) -> str:
        _lock_endpoint(conn, endpoint_id)
        event = None
        if _short(delivery_id):
            event = (
                conn.execute(
                    sa.select(E)
                    .join(D, D.c.event_id == E.c.id)
                    .where((D.c.id == delivery_id) & (D.c.endpoint_id == endpoint_id))
                )
                .mappings()
                .first()
            )
        if event is None:
            raise NotFound(f"Endpoint {endpoint_id!r} has no delivery {delivery_id!r}")
        [new_id] = queue.enqueue(conn, endpoint_id, [event], utcnow())
        return (
            conn.execute(sa.select(*_DELIVERY_COLUMNS).join(E, E.c.id == D.c.event_id).where(D.c.id == new_id))
            .mappings()
            .one()
        )

    return _delivery(await db.write(op), [])


async def replay(db: Database, principal: Principal, endpoint_id: str, window: ReplayRequest) -> ReplayResult:
    """Queue new deliveries of the window's events (the first REPLAY_MAX_EVENTS) that the
    endpoint receives. In batches, each its own short transaction with the event loop free
    between them; a failure part-way leaves the earlier batches queued, which at-least-once
    delivery allows."""
    until = window.until or utcnow()
    window_events = sa.select(E).where((E.c.created_at >= window.since) & (E.c.created_at < until))
    after: int | None = None
    weighed = queued = 0
    while weighed < REPLAY_MAX_EVENTS:
        size = min(REPLAY_BATCH, REPLAY_MAX_EVENTS - weighed)

        def op(conn: Connection, after: int | None = after, size: int = size) -> tuple[list[int], int]:
            endpoint = _lock_endpoint(conn, endpoint_id)
            query = window_events.order_by(E.c.position).limit(size)
            if after is not None:
                query = query.where(E.c.position > after)
            events = conn.execute(query).mappings().all()
            chosen = [e for e in events if outbox.matches(endpoint, e)]
            return [e["position"] for e in events], len(queue.enqueue(conn, endpoint_id, chosen, utcnow()))

        positions, added = await db.write(op)
        weighed += len(positions)
        queued += added
        if len(positions) < size:
            break
        after = positions[-1]
        await asyncio.sleep(0)
    return ReplayResult(deliveries=queued)
