"""The delivery queue: every SQL statement of webhook delivery, as plain functions of a
`Connection`, testable without HTTP. The dispatcher (sending, signing) calls them.

- `fan_out` turns events into `webhook_deliveries` rows, one per endpoint that receives them,
  in event order, in small steps: each step weighs at most FAN_OUT_PAIRS (event, endpoint)
  pairs in its own short transaction. An event with more endpoints than that keeps a cursor
  (`events.fan_out_cursor`) and is finished over several steps, before any later event starts:
  an agreement's later delivery is never created before its earlier one.
- `claim` leases due deliveries to one worker; `record` logs an attempt and moves the delivery
  on (succeeded, retry later, given up), disabling an endpoint that fails too long; `release`
  gives leases back.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection
from ulid import ULID

from service.config import Settings
from service.db import utcnow
from service.webhooks import outbox
from service.webhooks.models import ACTIVE, ERROR_CHARS, EXCERPT_CHARS, FAILED, GIVEN_UP, PENDING, SUCCEEDED
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import endpoints_table as W
from service.webhooks.models import events_table as E

FAN_OUT_PAIRS = 500  # (event, endpoint) pairs weighed in one fan-out transaction
FAN_OUT_LOCK = 0x61636364  # any constant shared by every process
_ENDPOINT_COLUMNS = (W.c.id, W.c.created_at, W.c.event_types, W.c.agreement_ids, W.c.parties)
_EVENT_COLUMNS = (E.c.position, E.c.id, E.c.type, E.c.agreement_id, E.c.data, E.c.created_at, E.c.fan_out_cursor)


def new_delivery_id() -> str:
    return "wdl_" + str(ULID())


def safe_text(value: str | None, limit: int) -> str | None:
    """Text both databases store: PostgreSQL refuses NUL characters, and UTF-8 has no lone
    surrogates. Bounded to the column."""
    if not value:
        return None
    value = value.replace("\x00", "")
    value = value.encode("utf-8", errors="replace").decode("utf-8")
    return value[:limit] or None


def _delivery_row(endpoint_id: str, event: Mapping[str, Any], due: datetime, now: datetime) -> dict[str, Any]:
    return {
        "id": new_delivery_id(), "endpoint_id": endpoint_id, "event_id": event["id"],
        "event_position": event["position"], "agreement_id": event["agreement_id"], "status": PENDING,
        "attempts": 0, "next_attempt_at": due, "created_at": now, "updated_at": now,
    }  # fmt: skip


def enqueue(conn: Connection, endpoint_id: str, events: Sequence[Mapping[str, Any]], now: datetime) -> list[str]:
    """Queue a delivery of each event to one endpoint, due now (redelivery and replay); their ids."""
    rows = [_delivery_row(endpoint_id, e, now, now) for e in events]
    if rows:
        conn.execute(sa.insert(D), rows)
        outbox.notify(conn)
    return [r["id"] for r in rows]


# -- fan-out --------------------------------------------------------------------------------


def _receives(endpoint: RowMapping, event: RowMapping) -> bool:
    return (
        endpoint["created_at"] <= event["created_at"]
        and (event["fan_out_cursor"] is None or endpoint["id"] > event["fan_out_cursor"])
        and outbox.matches(endpoint, event)
    )


UNFANNED = sa.select(E.c.position).where(E.c.fanned_out_at.is_(None)).order_by(E.c.position)


def fan_out(conn: Connection, first_delay: float) -> bool:
    """One bounded step of fan-out; True when there is more to do."""
    # One fanner at a time: two could otherwise create an agreement's later delivery first. When
    # another process holds the lock, its commit wakes everyone.
    if (
        conn.dialect.name == "postgresql"
        and not conn.execute(sa.select(sa.func.pg_try_advisory_xact_lock(FAN_OUT_LOCK))).scalar()
    ):
        return False
    head = conn.execute(UNFANNED.add_columns(E.c.fan_out_cursor).limit(1)).first()
    if head is None:
        return False
    # FOR SHARE: an endpoint being disabled right now is either seen disabled here, or waits and
    # then gives up the deliveries queued here.
    endpoints_query = sa.select(*_ENDPOINT_COLUMNS).where(W.c.enabled).order_by(W.c.id).limit(FAN_OUT_PAIRS + 1)
    if head.fan_out_cursor is not None:
        endpoints_query = endpoints_query.where(W.c.id > head.fan_out_cursor)
    endpoints = conn.execute(endpoints_query.with_for_update(read=True)).mappings().all()
    partial = len(endpoints) > FAN_OUT_PAIRS
    # Usually every endpoint fits in one step: then take as many events as the step allows.
    count = 1 if partial or head.fan_out_cursor is not None else max(1, FAN_OUT_PAIRS // max(1, len(endpoints)))
    events = conn.execute(
        sa.select(*_EVENT_COLUMNS).where(E.c.fanned_out_at.is_(None)).order_by(E.c.position).limit(count)
    ).mappings().all()  # fmt: skip
    if not events:
        return False
    endpoints = endpoints[:FAN_OUT_PAIRS]
    now = utcnow()
    due = now + timedelta(seconds=first_delay)
    rows = [_delivery_row(w["id"], e, due, now) for e in events for w in endpoints if _receives(w, e)]
    if rows:
        conn.execute(sa.insert(D), rows)
        outbox.notify(conn)
    if partial:
        conn.execute(
            sa.update(E).where(E.c.position == events[0]["position"]).values(fan_out_cursor=endpoints[-1]["id"])
        )
        return True
    conn.execute(
        sa.update(E)
        .where(E.c.position.in_([e["position"] for e in events]))
        .values(fanned_out_at=now, fan_out_cursor=None)
    )
    return len(events) == count


# -- claiming -------------------------------------------------------------------------------


def _earlier_active() -> sa.Exists:
    earlier = D.alias("earlier")
    return sa.exists().where(
        (earlier.c.endpoint_id == D.c.endpoint_id)
        & (earlier.c.agreement_id == D.c.agreement_id)
        & (earlier.c.event_position < D.c.event_position)
        & earlier.c.status.in_(ACTIVE)
    )


def _claimable(now: datetime) -> sa.Select:
    return (
        sa.select(D.c.id)
        .join(W, W.c.id == D.c.endpoint_id)
        .where(
            D.c.status.in_(ACTIVE)
            & (D.c.next_attempt_at <= now)
            & (D.c.locked_until.is_(None) | (D.c.locked_until < now))
            & W.c.enabled
            & ~_earlier_active()
        )
    )


async def work_waiting(conn: AsyncConnection) -> tuple[bool, bool]:
    """(events to fan out, deliveries due): two cheap reads, so an idle round writes nothing."""
    unfanned = (await conn.execute(UNFANNED.limit(1))).first()
    due = (await conn.execute(_claimable(utcnow()).limit(1))).first()
    return unfanned is not None, due is not None


async def next_due(conn: AsyncConnection) -> datetime | None:
    """When the soonest delivery waiting for a retry is due."""
    now = utcnow()
    return (
        await conn.execute(
            sa.select(sa.func.min(D.c.next_attempt_at)).where(D.c.status.in_(ACTIVE) & (D.c.next_attempt_at > now))
        )
    ).scalar()


@dataclass
class Job:
    delivery_id: str
    attempts: int
    locked_until: datetime
    endpoint_id: str
    url: str
    secrets: list[str]
    event_id: str
    payload: str
    # The W3C trace context stored with the event (outbox.record): the delivery's parent span.
    trace_context: dict[str, str] | None = None


def claim(conn: Connection, worker: str, limit: int, lease: timedelta) -> list[Job]:
    """Lease up to `limit` due deliveries to `worker`, each with what sending it needs."""
    now = utcnow()
    query = _claimable(now).order_by(D.c.next_attempt_at, D.c.event_position).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(of=D, skip_locked=True)
    ids = conn.execute(query).scalars().all()
    if not ids:
        return []
    locked_until = now + lease
    conn.execute(sa.update(D).where(D.c.id.in_(ids)).values(locked_by=worker, locked_until=locked_until))
    rows = conn.execute(
        sa.select(D.c.id, D.c.attempts, D.c.endpoint_id, W.c.url, W.c.secret, W.c.previous_secret,
                  W.c.previous_secret_expires_at, E.c.id.label("event_id"), E.c.type, E.c.data, E.c.created_at,
                  E.c.trace_context)
        .join(W, W.c.id == D.c.endpoint_id).join(E, E.c.id == D.c.event_id)
        .where(D.c.id.in_(ids))
        .order_by(D.c.event_position)
    ).mappings().all()  # fmt: skip
    jobs = []
    payloads: dict[str, str] = {}  # an event going to several endpoints is encoded once
    for r in rows:
        secrets = [r["secret"]]
        if r["previous_secret"] and r["previous_secret_expires_at"] and r["previous_secret_expires_at"] > now:
            secrets.append(r["previous_secret"])
        payload = payloads.get(r["event_id"])
        if payload is None:
            body = {
                "type": r["type"], "timestamp": r["created_at"].isoformat().replace("+00:00", "Z"), "data": r["data"],
            }  # fmt: skip
            payload = payloads[r["event_id"]] = json.dumps(body, separators=(",", ":"))
        jobs.append(
            Job(
                r["id"], r["attempts"], locked_until, r["endpoint_id"], r["url"], secrets, r["event_id"], payload,
                r["trace_context"],
            )
        )  # fmt: skip
    return jobs


def give_back(conn: Connection, delivery_id: str, worker: str) -> None:
    """Return one lease unsent, for another round or worker to take."""
    conn.execute(
        sa.update(D)
        .where((D.c.id == delivery_id) & (D.c.locked_by == worker))
        .values(locked_by=None, locked_until=None)
    )


def release(conn: Connection, worker: str) -> None:
    """Give back this worker's leases (on a clean stop) so others need not wait them out."""
    conn.execute(
        sa.update(D).where((D.c.locked_by == worker) & D.c.status.in_(ACTIVE)).values(locked_by=None, locked_until=None)
    )


# -- recording ------------------------------------------------------------------------------


@dataclass
class Outcome:
    succeeded: bool
    status: int | None = None
    duration_ms: int = 0
    excerpt: str | None = None
    error: str | None = None
    retry_after: float | None = None


def disable(conn: Connection, endpoint_id: str, reason: str, now: datetime) -> bool:
    """Disable the endpoint and give up its active deliveries; False if it already was."""
    done = conn.execute(
        sa.update(W)
        .where((W.c.id == endpoint_id) & W.c.enabled)
        .values(enabled=False, disabled_reason=reason, updated_at=now)
    )
    if done.rowcount != 1:
        return False
    conn.execute(
        sa.update(D)
        .where((D.c.endpoint_id == endpoint_id) & D.c.status.in_(ACTIVE))
        .values(status=GIVEN_UP, locked_by=None, locked_until=None, updated_at=now)
    )
    # The id, never the URL: URLs can hold tokens (issue 9, item 6).
    outbox.record(
        conn, type=outbox.ENDPOINT_DISABLED, agreement_id=None, data={"endpoint_id": endpoint_id, "reason": reason}
    )
    return True


def _attempt_row(job: Job, outcome: Outcome, now: datetime) -> dict[str, Any]:
    return {
        "delivery_id": job.delivery_id, "attempted_at": now, "succeeded": outcome.succeeded,
        "response_status": outcome.status, "duration_ms": outcome.duration_ms,
        "response_excerpt": safe_text(outcome.excerpt, EXCERPT_CHARS), "error": safe_text(outcome.error, ERROR_CHARS),
    }  # fmt: skip


# One statement for every succeeded delivery of a round (executemany): only while this worker
# still holds the lease; a lease that ran out belongs to another worker now.
_SUCCEEDED = (
    sa.update(D)
    .where((D.c.id == sa.bindparam("b_id")) & (D.c.locked_by == sa.bindparam("b_worker")))
    .values(
        status=SUCCEEDED,
        attempts=sa.bindparam("b_attempts"),
        locked_by=None,
        locked_until=None,
        updated_at=sa.bindparam("b_now"),
        last_status_code=sa.bindparam("b_status"),
        last_error=None,
    )
)


def record(conn: Connection, job: Job, outcome: Outcome, worker: str, settings: Settings) -> str | None:
    """Log the attempt and move the delivery on: succeeded, retry later, or given up. Returns
    the reason when this disabled the endpoint."""
    return record_many(conn, [(job, outcome)], worker, settings)[0]


def record_many(
    conn: Connection, results: Sequence[tuple[Job, Outcome]], worker: str, settings: Settings
) -> list[str | None]:
    """`record` for a round's finished sends in one transaction: the attempts in one insert, the
    succeeded deliveries in one update, the failed ones each on their own (retry schedule,
    disabling). For each, the reason when it disabled its endpoint."""
    if not results:
        return []
    now = utcnow()
    conn.execute(sa.insert(AT), [_attempt_row(job, outcome, now) for job, outcome in results])
    succeeded = [job for job, outcome in results if outcome.succeeded]
    if succeeded:
        rows = [
            {
                "b_id": job.delivery_id,
                "b_worker": worker,
                "b_attempts": job.attempts + 1,
                "b_now": now,
                "b_status": outcome.status,
            }
            for job, outcome in results
            if outcome.succeeded
        ]
        conn.execute(_SUCCEEDED, rows)
        endpoints = sorted({job.endpoint_id for job in succeeded})
        conn.execute(
            sa.update(W).where(W.c.id.in_(endpoints) & W.c.failing_since.is_not(None)).values(failing_since=None)
        )
    return [
        None if outcome.succeeded else _failed(conn, job, outcome, worker, settings, now) for job, outcome in results
    ]


def _failed(conn: Connection, job: Job, outcome: Outcome, worker: str, settings: Settings, now: datetime) -> str | None:
    """Move a failed delivery on (its attempt is logged): retry later or give up, disabling an
    endpoint that answered 410 or failed too long."""
    error = safe_text(outcome.error, ERROR_CHARS)
    mine = (D.c.id == job.delivery_id) & (D.c.locked_by == worker)
    attempts = job.attempts + 1
    common = {"attempts": attempts, "locked_by": None, "locked_until": None, "updated_at": now,
              "last_status_code": outcome.status, "last_error": error}  # fmt: skip
    if conn.execute(sa.update(D).where(mine).values(status=FAILED, **common)).rowcount != 1:
        return None  # the lease expired and another worker owns it now
    if outcome.status == 410:
        reason = "The endpoint answered 410 Gone"
        return reason if disable(conn, job.endpoint_id, reason, now) else None
    conn.execute(
        sa.update(W).where((W.c.id == job.endpoint_id) & W.c.failing_since.is_(None)).values(failing_since=now)
    )
    failing_since = conn.execute(sa.select(W.c.failing_since).where(W.c.id == job.endpoint_id)).scalar()
    if failing_since is not None and now - failing_since >= timedelta(hours=settings.webhook_disable_after_hours):
        reason = f"Every delivery failed for {settings.webhook_disable_after_hours:g} hours"
        return reason if disable(conn, job.endpoint_id, reason, now) else None
    schedule = settings.webhook_retry_schedule
    if attempts >= len(schedule):
        conn.execute(sa.update(D).where(D.c.id == job.delivery_id).values(status=GIVEN_UP))
        return None
    jitter = settings.webhook_retry_jitter
    delay = schedule[attempts] * (1 + random.uniform(-jitter, jitter))
    if outcome.retry_after is not None:
        delay = max(delay, outcome.retry_after)
    conn.execute(sa.update(D).where(D.c.id == job.delivery_id).values(next_attempt_at=now + timedelta(seconds=delay)))
    return None
