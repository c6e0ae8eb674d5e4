"""The dispatcher: sends the queue's deliveries as signed webhooks, at least once, in order per
agreement and endpoint. The SQL lives in `queue.py`; this module holds the process side: the
loop, the HTTP client, signing and sending.

One loop per process, woken at once by new events (PostgreSQL LISTEN, or Database.on_commit on
SQLite) and by its own finished deliveries, with a slow poll as the fallback. Each round runs
one small fan-out step, then claims due deliveries and sends each on the shared HTTP client
(bounded per endpoint). Every send ends as a recorded attempt, whatever went wrong, so a
delivery always moves on: succeeded, retried on the schedule, or given up.

Every read that finds nothing costs no write, so wake-ups caused by the dispatcher's own commits
end after one cheap round.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import logging
import os
import random
import signal
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import aiohttp
import asyncpg
import httpx
from aiohttp.abc import AbstractResolver
from httpx_aiohttp import AiohttpTransport
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode
from standardwebhooks import Webhook

from service import __version__, tracing
from service.config import Settings
from service.db import Database, utcnow
from service.errors import WebhookUrlRefused
from service.webhooks import outbox, queue, ssrf
from service.webhooks.metrics import WEBHOOK_DELIVERIES
from service.webhooks.models import EXCERPT_CHARS
from service.webhooks.queue import Job, Outcome

log = logging.getLogger("accord.webhooks")
CLAIM_BATCH = 100
# Rounds are at least this far apart when woken: a wake-up comes with every commit (every
# NOTIFY, in every process), so under load a round per transition cost more statements than
# the transition itself. Events committed meanwhile join the next round; an idle service still
# starts a round at once.
MIN_ROUND_INTERVAL = 0.01
MAX_RETRY_AFTER = timedelta(hours=24)
KEEPALIVE_SECONDS = 5.0
USER_AGENT = f"Accord-Webhooks/{__version__}"


def new_http_client(settings: Settings, *, resolver: AbstractResolver | None = None) -> httpx.AsyncClient:
    """The process's one client for deliveries: aiohttp underneath (measured 2-3x httpx's own
    transport here), no redirects, no proxies from the environment, and a DNS resolver that
    refuses non-public addresses (`resolver` wraps another, for tests)."""
    ssl_context = httpx.create_ssl_context(trust_env=False)

    def session() -> aiohttp.ClientSession:
        # Built on the first request, inside the running loop, as aiohttp requires.
        connector = aiohttp.TCPConnector(
            limit=settings.webhook_max_in_flight,
            keepalive_timeout=KEEPALIVE_SECONDS,
            ssl=ssl_context,
            resolver=ssrf.PublicResolver(settings, resolver),
        )
        return aiohttp.ClientSession(connector=connector, trust_env=False)

    return httpx.AsyncClient(
        transport=AiohttpTransport(client=session),
        timeout=httpx.Timeout(settings.webhook_timeout_seconds),
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": USER_AGENT, "content-type": "application/json"},
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


def describe(exc: BaseException) -> str:
    """The error of a failed send, for the attempt log: the SSRF refusal when that was the cause
    (aiohttp and httpx wrap it twice), else the exception's type and text."""
    cause: BaseException | None = exc
    for _ in range(8):
        if cause is None:
            break
        if isinstance(cause, ssrf.AddressRefused):
            return f"Not sent: {cause.refusal.detail}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, aiohttp.ClientResponseError):  # its status is aiohttp's, not the receiver's
        return "The response is not valid HTTP: " + " ".join(exc.message.split())
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Dispatcher:
    """One per process. `await start()`, then `await stop()`."""

    def __init__(
        self, db: Database, settings: Settings, http: httpx.AsyncClient, *, tracer: trace.Tracer | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.http = http
        self.tracer = tracer  # None: tracing is off
        self.worker = f"{socket.gethostname()[:30]}:{os.getpid()}:{random.getrandbits(32):08x}"
        self._wake = asyncio.Event()
        # Also told of every NOTIFY this process hears (the live event streams).
        self.on_notify: list[Callable[[], None]] = []
        self._jobs: set[asyncio.Task] = set()
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._signers: dict[str, Webhook] = {}  # one per secret: its key is decoded once
        # Finished sends waiting for the next batch write, and the batch writes under way (_record_batch).
        self._outcomes: list[tuple[Job, Outcome, asyncio.Future[str | None]]] = []
        self._recorders: set[asyncio.Task] = set()
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
        # Polling, fan-out and claiming serve every delivery: untraced. Each delivery joins its event's trace.
        self._tasks.append(
            asyncio.create_task(self._run(), name="accord-webhooks-dispatch", context=tracing.background_context())
        )
        log.info("webhook dispatcher started", extra={"worker": self.worker})

    async def stop(self) -> None:
        self._loop = None
        self._stopping = True
        for task in [*self._tasks, *self._jobs, *self._recorders]:
            task.cancel()
        await asyncio.gather(*self._tasks, *self._jobs, *self._recorders, return_exceptions=True)
        try:
            await self.db.write(lambda conn: queue.release(conn, self.worker))
        except Exception:  # the leases expire on their own
            log.exception("could not release webhook leases")

    def _notified(self) -> None:
        self._wake.set()
        for listener in self.on_notify:
            listener()

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
                conn = await asyncpg.connect(dsn, timeout=self.settings.db_connect_timeout_seconds)
                lost = asyncio.Event()
                conn.add_termination_listener(lambda _c, lost=lost: lost.set())
                await conn.add_listener(outbox.CHANNEL, lambda *_args: self._notified())
                self._wake.set()
                await lost.wait()
            except asyncio.CancelledError:
                raise
            except Exception:  # the poll covers the gap; try again shortly
                log.exception("LISTEN %s failed", outbox.CHANNEL)
            finally:
                if conn is not None and not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(conn.close(), 2)
            await asyncio.sleep(1)

    async def _run(self) -> None:
        poll = self.settings.webhook_poll_interval_seconds
        loop = asyncio.get_running_loop()
        last = -MIN_ROUND_INTERVAL
        while not self._stopping:
            since = loop.time() - last
            if since < MIN_ROUND_INTERVAL:
                await asyncio.sleep(MIN_ROUND_INTERVAL - since)
            self._wake.clear()
            last = loop.time()
            delay = poll
            try:
                busy = await self._round()
                delay = 0 if busy else await self._next_due(poll)
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup must not stop deliveries
                log.exception("webhook dispatch round failed")
            if delay > 0:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):  # not wait_for: on 3.11 it can swallow a cancel
                        await self._wake.wait()
            else:
                await asyncio.sleep(0)  # a backlog is worked in small steps; requests run between them

    async def _round(self) -> bool:
        """One fan-out step and one claim; True when there is probably more to do at once."""
        async with self.db.read() as conn:
            unfanned, due = await queue.work_waiting(conn)
        busy = False
        if unfanned:
            first = self.settings.webhook_retry_schedule[0]
            busy = await self.db.write(lambda c: queue.fan_out(c, first))
            due = True  # the fan-out may have queued some
        capacity = self.settings.webhook_max_in_flight - len(self._jobs)
        if due and capacity > 0:
            limit = min(capacity, CLAIM_BATCH)
            jobs = await self.db.write(lambda c: queue.claim(c, self.worker, limit, self._lease))
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
        async with self.db.read() as conn:
            soonest = await queue.next_due(conn)
        if soonest is None:
            return poll
        return min(poll, max((soonest - utcnow()).total_seconds(), 0.001))

    async def _deliver(self, job: Job) -> None:
        if self.tracer is not None:
            # In this task's own context: its statements and its delivery span join the trace of
            # the change that made the event (a new trace if none was stored).
            otel_context.attach(tracing.stored_context(job.trace_context))
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
                    await self.db.write(lambda c: queue.give_back(c, job.delivery_id, self.worker))
                    return
                outcome = await self.send(job)
            await self._record(job, outcome)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database failed; the lease expires and it is tried again
            log.exception("webhook delivery %s failed to complete", job.delivery_id)

    async def _record(self, job: Job, outcome: Outcome) -> None:
        """Record the attempt with the others that finish in the same turn of the loop, in one
        write (`_record_batch`); once it is committed the agreement's next delivery may go."""
        done = asyncio.get_running_loop().create_future()
        self._outcomes.append((job, outcome, done))
        if len(self._outcomes) == 1:  # the first of this batch: start the write that takes them
            task = asyncio.create_task(self._record_batch(), name="accord-webhooks-record")
            self._recorders.add(task)
            task.add_done_callback(self._recorders.discard)
        disabled = await done
        if disabled:
            log.warning("webhook endpoint disabled", extra={"endpoint_id": job.endpoint_id, "reason": disabled})
        WEBHOOK_DELIVERIES.labels("succeeded" if outcome.succeeded else "failed").inc()

    async def _record_batch(self) -> None:
        """Write the sends that finished in this turn of the loop in one transaction
        (queue.record_many). Batches do not wait for each other: on SQLite they join the writer's
        next group commit like any write. A send waits for its batch's commit, so nothing is
        acknowledged before it is stored; a crash before the commit leaves the leases to expire
        and the deliveries to be sent again (at least once)."""
        batch: list[tuple[Job, Outcome, asyncio.Future[str | None]]] = []
        try:
            try:
                await asyncio.sleep(0)  # let the other sends finishing in this turn join
            finally:  # taken even when cancelled, so the next send starts a batch of its own
                batch, self._outcomes = self._outcomes, []
            results = [(job, outcome) for job, outcome, _ in batch]
            try:
                disabled = await self.db.write(lambda c: queue.record_many(c, results, self.worker, self.settings))
            except Exception:  # one bad row spoils the batch: record each on its own
                log.exception("could not record a batch of %d webhook attempts; recording each", len(batch))
                disabled = []
                for job, outcome, done in batch:
                    try:
                        reason = await self._record_one(job, outcome)
                    except Exception as exc:  # noqa: BLE001 - the sender's task logs it
                        if not done.done():
                            done.set_exception(exc)
                    else:
                        if not done.done():
                            done.set_result(reason)
            for (_, _, done), reason in zip(batch, disabled, strict=False):
                if not done.done():  # its sender may have been cancelled meanwhile
                    done.set_result(reason)
        finally:
            # Cancelled (the dispatcher stops): the sends still waiting end unrecorded; their
            # leases expire and the deliveries are sent again.
            for _, _, done in batch:
                if not done.done():
                    done.cancel()

    async def _record_one(self, job: Job, outcome: Outcome) -> str | None:
        """Record one attempt; if that fails, record it again without the receiver's text, so
        the delivery still moves on."""
        try:
            return await self.db.write(lambda c: queue.record(c, job, outcome, self.worker, self.settings))
        except Exception:  # the fallback below
            log.exception("could not record webhook attempt of %s; recording it without the response", job.delivery_id)
            bare = Outcome(
                outcome.succeeded, status=outcome.status, duration_ms=outcome.duration_ms,
                error=None if outcome.succeeded else "The attempt failed; its error could not be stored (see the logs)",
                retry_after=outcome.retry_after,
            )  # fmt: skip
            return await self.db.write(lambda c: queue.record(c, job, bare, self.worker, self.settings))

    def _sign(self, job: Job, at: datetime) -> str:
        signatures = []
        for secret in job.secrets:
            signer = self._signers.get(secret)
            if signer is None:
                signer = self._signers[secret] = Webhook(secret)
            signatures.append(signer.sign(job.event_id, at, job.payload))
        return " ".join(signatures)

    async def send(self, job: Job) -> Outcome:
        """POST the job; any failure at all becomes a failed Outcome with its error. Traced, in a
        client span whose context the request carries as `traceparent`."""
        if self.tracer is None:
            return await self._send(job)
        attributes = {
            "accord.webhook.event_id": job.event_id,
            "accord.webhook.endpoint_id": job.endpoint_id,
            "accord.webhook.delivery_id": job.delivery_id,
            "accord.webhook.attempt": job.attempts + 1,
            "http.request.method": "POST",
            "server.address": httpx.URL(job.url).host,  # not the URL: its path or query can hold a token
        }
        with self.tracer.start_as_current_span("webhook deliver", kind=SpanKind.CLIENT, attributes=attributes) as span:
            outcome = await self._send(job, traced=True)
            if outcome.status is not None:
                span.set_attribute("http.response.status_code", outcome.status)
            if not outcome.succeeded:
                span.set_status(StatusCode.ERROR, outcome.error)
        return outcome

    async def _send(self, job: Job, *, traced: bool = False) -> Outcome:
        """The POST itself; `traced`: with the current span's `traceparent`."""
        started = time.perf_counter()

        def took() -> int:
            return int((time.perf_counter() - started) * 1000)

        timeout = self.settings.webhook_timeout_seconds
        try:
            ssrf.check_target(job.url, allow_private=self.settings.webhook_allow_private_networks)
            at = utcnow()
            headers = {
                "webhook-id": job.event_id,
                "webhook-timestamp": str(int(at.timestamp())),
                "webhook-signature": self._sign(job, at),
            }
            if traced:
                tracing.inject(headers)
            async with asyncio.timeout(timeout):
                async with self.http.stream("POST", job.url, content=job.payload.encode(), headers=headers) as response:
                    excerpt = b""
                    async for chunk in response.aiter_raw():
                        excerpt += chunk
                        if len(excerpt) >= EXCERPT_CHARS:
                            break
        except WebhookUrlRefused as refused:
            return Outcome(False, error=f"Not sent: {refused.detail}", duration_ms=took())
        except TimeoutError:
            return Outcome(False, error=f"No response within {timeout:g} s", duration_ms=took())
        except Exception as exc:  # noqa: BLE001 - aiohttp raises more than httpx.HTTPError; each is a failed attempt
            return Outcome(False, error=describe(exc), duration_ms=took())
        status = response.status_code
        succeeded = 200 <= status < 300
        retry_after = _retry_after(response.headers.get("retry-after")) if status in (429, 503) else None
        error = None
        if not succeeded:
            error = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
        return Outcome(
            succeeded, status=status, duration_ms=took(),
            excerpt=excerpt[:EXCERPT_CHARS].decode(errors="replace") or None, error=error, retry_after=retry_after,
        )  # fmt: skip


async def run_worker(settings: Settings) -> None:
    """`accord worker`: the dispatcher alone, until SIGTERM or SIGINT."""
    db = Database.from_settings(settings)
    traced = tracing.configure_tracing()
    if traced is not None:
        traced.instrument_database(db)
    http = new_http_client(settings)
    dispatcher = Dispatcher(db, settings, http, tracer=traced.tracer if traced is not None else None)
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
