"""The dispatcher: turns outbox events into signed webhook deliveries, at least once, in order
per agreement and endpoint.

One loop per process, woken at once by new events (PostgreSQL LISTEN, or Database.on_commit on
SQLite) and by its own finished deliveries, with a slow poll as the fallback. Each round:

1. Fan-out: events not yet fanned out become one `webhook_deliveries` row per matching endpoint
   and are marked. On PostgreSQL one process fans out at a time (a transaction advisory lock):
   two fanners could otherwise create an agreement's later delivery before its earlier one.
2. Claim: due deliveries whose endpoint is enabled and that have no earlier active delivery of
   the same agreement to the same endpoint, locked `FOR UPDATE SKIP LOCKED` (PostgreSQL) and
   leased to this process. A worker that dies leaves leases that expire, and the deliveries are
   claimed again: at least once.
3. Send each on the shared HTTP client (bounded per endpoint), then record the attempt and the
   outcome: succeeded, a retry at the next step of the schedule, or given up.

Every read that finds nothing costs no write, so wake-ups caused by the dispatcher's own commits
end after one cheap round.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import logging
import os
import random
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import asyncpg
import httpx
import sqlalchemy as sa
from httpx_aiohttp import AiohttpTransport
from sqlalchemy.engine import Connection
from standardwebhooks import Webhook

from service import __version__
from service.config import Settings
from service.db import Database, utcnow
from service.errors import WebhookUrlRefused
from service.metrics import WEBHOOK_DELIVERIES
from service.webhooks import outbox, ssrf
from service.webhooks.models import attempts_table as AT
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import endpoints_table as W
from service.webhooks.models import events_table as E
from service.webhooks.service import ACTIVE, FAILED, GIVEN_UP, PENDING, SUCCEEDED, new_delivery_id, to_endpoint

log = logging.getLogger("accord.webhooks")
FAN_OUT_BATCH = 500
CLAIM_BATCH = 100
FAN_OUT_LOCK = 0x61636364  # any constant shared by every process
EXCERPT_BYTES = 1024
MAX_RETRY_AFTER = timedelta(hours=24)
USER_AGENT = f"Accord-Webhooks/{__version__}"


def matches(endpoint: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """Whether the endpoint's filters select the event. Agreement and party filters apply to
    agreement events only."""
    if endpoint["event_types"] and event["type"] not in endpoint["event_types"]:
        return False
    if event["agreement_id"] is None:
        return True
    if endpoint["agreement_ids"] and event["agreement_id"] not in endpoint["agreement_ids"]:
        return False
    if endpoint["parties"]:
        parties = (event["data"].get("agreement") or {}).get("parties") or []
        if not set(parties) & set(endpoint["parties"]):
            return False
    return True


def new_http_client(settings: Settings) -> httpx.AsyncClient:
    """The process's one client for deliveries: aiohttp underneath (measured 2-3x httpx's own
    transport here), no redirects, no proxies from the environment."""
    limits = httpx.Limits(max_connections=settings.webhook_max_in_flight, max_keepalive_connections=64)
    return httpx.AsyncClient(
        transport=AiohttpTransport(limits=limits, trust_env=False),
        timeout=httpx.Timeout(settings.webhook_timeout_seconds),
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": USER_AGENT, "content-type": "application/json"},
    )


# -- the database side: plain functions of a Connection -------------------------------------


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


def fan_out(conn: Connection, schedule_first: float) -> int:
    """Queue deliveries of events not yet fanned out; returns how many events it handled."""
    if conn.dialect.name == "postgresql":
        if not conn.execute(sa.select(sa.func.pg_try_advisory_xact_lock(FAN_OUT_LOCK))).scalar():
            return 0  # another process is fanning out; its commit wakes everyone
    events = conn.execute(
        sa.select(E).where(E.c.fanned_out_at.is_(None)).order_by(E.c.position).limit(FAN_OUT_BATCH)
    ).mappings().all()
    if not events:
        return 0
    now = utcnow()
    due = now + timedelta(seconds=schedule_first)
    # FOR SHARE: an endpoint being disabled right now is either seen disabled here, or waits and
    # then gives up the deliveries queued here.
    endpoints = conn.execute(sa.select(W).where(W.c.enabled).with_for_update(read=True)).mappings().all()
    rows = [
        {"id": new_delivery_id(), "endpoint_id": w["id"], "event_id": e["id"], "event_position": e["position"],
         "agreement_id": e["agreement_id"], "status": PENDING, "attempts": 0, "next_attempt_at": due,
         "created_at": now, "updated_at": now}
        for e in events
        for w in endpoints
        if e["created_at"] >= w["created_at"] and matches(w, e)
    ]
    if rows:
        conn.execute(sa.insert(D), rows)
        outbox.notify(conn)
    conn.execute(
        sa.update(E).where(E.c.position.in_([e["position"] for e in events])).values(fanned_out_at=now)
    )
    return len(events)


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


def claim(conn: Connection, worker: str, limit: int, lease: timedelta) -> list[Job]:
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
                  W.c.previous_secret_expires_at, E.c.id.label("event_id"), E.c.type, E.c.data, E.c.created_at)
        .join(W, W.c.id == D.c.endpoint_id).join(E, E.c.id == D.c.event_id)
        .where(D.c.id.in_(ids))
        .order_by(D.c.event_position)
    ).mappings().all()
    jobs = []
    for r in rows:
        secrets = [r["secret"]]
        if r["previous_secret"] and r["previous_secret_expires_at"] and r["previous_secret_expires_at"] > now:
            secrets.append(r["previous_secret"])
        body = {"type": r["type"], "timestamp": r["created_at"].isoformat().replace("+00:00", "Z"), "data": r["data"]}
        jobs.append(Job(r["id"], r["attempts"], locked_until, r["endpoint_id"], r["url"], secrets, r["event_id"],
                        json.dumps(body, separators=(",", ":"))))
    return jobs


@dataclass
class Outcome:
    succeeded: bool
    status: int | None = None
    duration_ms: int = 0
    excerpt: str | None = None
    error: str | None = None
    retry_after: float | None = None
    sent: bool = True


def _disable(conn: Connection, endpoint_id: str, reason: str, now: datetime) -> None:
    done = conn.execute(
        sa.update(W).where((W.c.id == endpoint_id) & W.c.enabled)
        .values(enabled=False, disabled_reason=reason, updated_at=now)
    )
    if done.rowcount != 1:
        return
    conn.execute(
        sa.update(D).where((D.c.endpoint_id == endpoint_id) & D.c.status.in_(ACTIVE))
        .values(status=GIVEN_UP, locked_by=None, locked_until=None, updated_at=now)
    )
    endpoint = conn.execute(sa.select(W).where(W.c.id == endpoint_id)).mappings().one()
    outbox.record(
        conn, type=outbox.ENDPOINT_DISABLED, agreement_id=None,
        data={"endpoint": to_endpoint(endpoint).model_dump(mode="json"), "reason": reason},
    )
    log.warning("webhook endpoint disabled", extra={"endpoint_id": endpoint_id, "reason": reason})


def record(conn: Connection, job: Job, outcome: Outcome, worker: str, settings: Settings) -> None:
    """Log the attempt and move the delivery on: succeeded, retry later, or given up."""
    now = utcnow()
    conn.execute(sa.insert(AT), {
        "delivery_id": job.delivery_id, "attempted_at": now, "succeeded": outcome.succeeded,
        "response_status": outcome.status, "duration_ms": outcome.duration_ms,
        "response_excerpt": outcome.excerpt, "error": (outcome.error or None) and outcome.error[:1000],
    })
    mine = (D.c.id == job.delivery_id) & (D.c.locked_by == worker)
    attempts = job.attempts + 1
    common = {"attempts": attempts, "locked_by": None, "locked_until": None, "updated_at": now,
              "last_status_code": outcome.status, "last_error": (outcome.error or None) and outcome.error[:1000]}
    if outcome.succeeded:
        conn.execute(sa.update(D).where(mine).values(status=SUCCEEDED, **common))
        conn.execute(
            sa.update(W).where((W.c.id == job.endpoint_id) & W.c.failing_since.is_not(None)).values(failing_since=None)
        )
        return
    if conn.execute(sa.update(D).where(mine).values(status=FAILED, **common)).rowcount != 1:
        return  # the lease expired and another worker owns it now
    if outcome.status == 410:
        _disable(conn, job.endpoint_id, "The endpoint answered 410 Gone", now)
        return
    conn.execute(
        sa.update(W).where((W.c.id == job.endpoint_id) & W.c.failing_since.is_(None)).values(failing_since=now)
    )
    failing_since = conn.execute(sa.select(W.c.failing_since).where(W.c.id == job.endpoint_id)).scalar()
    if failing_since is not None and now - failing_since >= timedelta(hours=settings.webhook_disable_after_hours):
        _disable(conn, job.endpoint_id, f"Every delivery failed for {settings.webhook_disable_after_hours:g} hours", now)
        return
    schedule = settings.webhook_retry_schedule
    if attempts >= len(schedule):
        conn.execute(sa.update(D).where(D.c.id == job.delivery_id).values(status=GIVEN_UP))
        return
    jitter = settings.webhook_retry_jitter
    delay = schedule[attempts] * (1 + random.uniform(-jitter, jitter))
    if outcome.retry_after is not None:
        delay = max(delay, outcome.retry_after)
    conn.execute(sa.update(D).where(D.c.id == job.delivery_id).values(next_attempt_at=now + timedelta(seconds=delay)))


def release(conn: Connection, worker: str) -> None:
    """Give back this worker's leases (on a clean stop) so others need not wait them out."""
    conn.execute(
        sa.update(D).where((D.c.locked_by == worker) & D.c.status.in_(ACTIVE)).values(locked_by=None, locked_until=None)
    )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (email.utils.parsedate_to_datetime(value) - utcnow()).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER.total_seconds())


# -- the process side -----------------------------------------------------------------------


class Dispatcher:
    """One per process. `await start()`, then `await stop()`."""

    def __init__(self, db: Database, settings: Settings, http: httpx.AsyncClient) -> None:
        self.db = db
        self.settings = settings
        self.http = http
        self.worker = f"{socket.gethostname()[:30]}:{os.getpid()}:{random.getrandbits(32):08x}"
        self._wake = asyncio.Event()
        self._jobs: set[asyncio.Task] = set()
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._signers: dict[str, Webhook] = {}
        self._tasks: list[asyncio.Task] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        self._lease = timedelta(seconds=max(settings.webhook_lease_seconds, settings.webhook_timeout_seconds + 1))

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        if self.db.is_sqlite:
            self.db.on_commit(self._wake_threadsafe)
        else:
            self._tasks.append(asyncio.create_task(self._listen(), name="accord-webhooks-listen"))
        self._tasks.append(asyncio.create_task(self._run(), name="accord-webhooks-dispatch"))
        log.info("webhook dispatcher started", extra={"worker": self.worker})

    async def stop(self) -> None:
        self._loop = None
        self._stopping = True
        for task in [*self._tasks, *self._jobs]:
            task.cancel()
        await asyncio.gather(*self._tasks, *self._jobs, return_exceptions=True)
        try:
            await self.db.write(lambda conn: release(conn, self.worker))
        except Exception:  # noqa: BLE001 - the leases expire on their own
            log.exception("could not release webhook leases")

    def wake(self) -> None:
        self._wake.set()

    def _wake_threadsafe(self) -> None:
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed
                loop.call_soon_threadsafe(self._wake.set)

    async def _listen(self) -> None:
        """LISTEN on a connection of its own; reconnects, and catches up after each (re)connect."""
        dsn = self.db.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            conn = None
            try:
                conn = await asyncpg.connect(dsn)
                lost = asyncio.Event()
                conn.add_termination_listener(lambda _c: lost.set())
                await conn.add_listener(outbox.CHANNEL, lambda *_args: self._wake.set())
                self._wake.set()
                await lost.wait()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the poll covers the gap; try again shortly
                log.exception("LISTEN %s failed", outbox.CHANNEL)
            finally:
                if conn is not None and not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(conn.close(), 2)
            await asyncio.sleep(1)

    async def _run(self) -> None:
        poll = self.settings.webhook_poll_interval_seconds
        while not self._stopping:
            self._wake.clear()
            delay = poll
            try:
                busy = await self._round()
                delay = 0 if busy else await self._next_due(poll)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a database hiccup must not stop deliveries
                log.exception("webhook dispatch round failed")
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):  # not wait_for: on 3.11 it can swallow a cancel
                        await self._wake.wait()

    async def _round(self) -> bool:
        """One fan-out and claim; True when there is probably more to do at once."""
        now = utcnow()
        async with self.db.read() as conn:
            unfanned = (await conn.execute(sa.select(E.c.position).where(E.c.fanned_out_at.is_(None)).limit(1))).first()
            due = (await conn.execute(_claimable(now).limit(1))).first()
        busy = False
        if unfanned is not None:
            first = self.settings.webhook_retry_schedule[0]
            busy = await self.db.write(lambda c: fan_out(c, first)) >= FAN_OUT_BATCH
            due = True  # the fan-out may have queued some
        capacity = self.settings.webhook_max_in_flight - len(self._jobs)
        if due is not None and capacity > 0:
            limit = min(capacity, CLAIM_BATCH)
            jobs = await self.db.write(lambda c: claim(c, self.worker, limit, self._lease))
            for job in jobs:
                task = asyncio.create_task(self._deliver(job))
                self._jobs.add(task)
                task.add_done_callback(self._job_done)
            busy = busy or len(jobs) == limit
        return busy

    def _job_done(self, task: asyncio.Task) -> None:
        self._jobs.discard(task)
        self._wake.set()  # the agreement's next delivery may be due now

    async def _next_due(self, poll: float) -> float:
        now = utcnow()
        async with self.db.read() as conn:
            soonest = (await conn.execute(
                sa.select(sa.func.min(D.c.next_attempt_at))
                .where(D.c.status.in_(ACTIVE) & (D.c.next_attempt_at > now))
            )).scalar()
        if soonest is None:
            return poll
        return min(poll, max((soonest - utcnow()).total_seconds(), 0.001))

    async def _deliver(self, job: Job) -> None:
        try:
            semaphore = self._semaphores.get(job.endpoint_id)
            if semaphore is None:
                semaphore = self._semaphores[job.endpoint_id] = asyncio.Semaphore(
                    self.settings.webhook_max_concurrency_per_endpoint
                )
            async with semaphore:
                # Waited too long behind this endpoint's other requests: the lease could run out
                # mid-request and another worker send it too. Give it back instead.
                if utcnow() + timedelta(seconds=self.settings.webhook_timeout_seconds + 1) > job.locked_until:
                    await self.db.write(lambda c: c.execute(
                        sa.update(D).where((D.c.id == job.delivery_id) & (D.c.locked_by == self.worker))
                        .values(locked_by=None, locked_until=None)))
                    return
                outcome = await self._send(job)
            await self.db.write(lambda c: record(c, job, outcome, self.worker, self.settings))
            WEBHOOK_DELIVERIES.labels("succeeded" if outcome.succeeded else "failed").inc()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the lease expires and the delivery is tried again
            log.exception("webhook delivery %s failed to complete", job.delivery_id)

    def _sign(self, job: Job, at: datetime) -> str:
        signatures = []
        for secret in job.secrets:
            signer = self._signers.get(secret)
            if signer is None:
                signer = self._signers[secret] = Webhook(secret)
            signatures.append(signer.sign(job.event_id, at, job.payload))
        return " ".join(signatures)

    async def _send(self, job: Job) -> Outcome:
        started = time.perf_counter()

        def took() -> int:
            return int((time.perf_counter() - started) * 1000)

        try:
            await ssrf.check_url(job.url, allow_private=self.settings.webhook_allow_private_networks)
        except WebhookUrlRefused as refused:
            return Outcome(False, error=f"Not sent: {refused.detail}", sent=False, duration_ms=took())
        at = utcnow()
        headers = {
            "webhook-id": job.event_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": self._sign(job, at),
        }
        try:
            async with asyncio.timeout(self.settings.webhook_timeout_seconds):
                async with self.http.stream("POST", job.url, content=job.payload.encode(), headers=headers) as response:
                    excerpt = b""
                    async for chunk in response.aiter_raw():
                        excerpt += chunk
                        if len(excerpt) >= EXCERPT_BYTES:
                            break
        except TimeoutError:
            return Outcome(False, error=f"No response within {self.settings.webhook_timeout_seconds:g} s", duration_ms=took())
        except httpx.HTTPError as exc:
            return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:1000], duration_ms=took())
        status = response.status_code
        succeeded = 200 <= status < 300
        retry_after = _retry_after(response.headers.get("retry-after")) if status in (429, 503) else None
        return Outcome(
            succeeded, status=status, duration_ms=took(),
            excerpt=excerpt[:EXCERPT_BYTES].decode(errors="replace") or None,
            error=None if succeeded else f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else ""),
            retry_after=retry_after,
        )


async def run_worker(settings: Settings) -> None:
    """`accord worker`: the dispatcher alone, until SIGTERM or SIGINT."""
    import signal

    db = Database(settings.database_url, pool_size=settings.db_pool_size, sqlite_batch_max=settings.sqlite_write_batch_max)
    http = new_http_client(settings)
    dispatcher = Dispatcher(db, settings, http)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await dispatcher.start()
    try:
        await stop.wait()
    finally:
        await dispatcher.stop()
        await http.aclose()
        await db.dispose()
