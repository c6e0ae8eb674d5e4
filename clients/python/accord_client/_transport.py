"""httpx transports that make requests safe to retry.

`Accord` wraps its transport in these; the generated client takes them too
(`httpx_args={"transport": RetryTransport()}`):

- every POST without an Idempotency-Key gets one (uuid4) before the first attempt, so all its
  attempts share it and the service runs it at most once;
- every attempt without an X-Request-ID gets a fresh one, which the server logs and echoes;
- answers 408, 429, 500, 502, 503 and 504, a 409 `idempotency-in-progress`, and connection
  failures are retried with capped exponential backoff and full jitter, waiting at least what
  Retry-After asks (up to the cap).

Only what is safe to repeat is repeated: GET, HEAD, OPTIONS, PUT and DELETE, and a POST or
PATCH that carries an Idempotency-Key. The exceptions are failures that prove the request was
not acted on: a connection that could not be made, and 429 (refused before any work).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

IDEMPOTENCY_KEY = "Idempotency-Key"
REQUEST_ID = "X-Request-ID"
# A request extension that overrides the policy's max_retries for one request (`with_options`).
MAX_RETRIES_EXTENSION = "accord_max_retries"
# Retried when the request is safe to repeat.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Refused before the server did anything: retried whatever the method.
NOT_ACTED_ON_STATUSES = frozenset({429})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
IN_PROGRESS_TYPE = "https://accord.dev/problems/idempotency-in-progress"
# Raised before any byte of the request left: always safe to retry.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Raised after the request may have been sent: retry only what is safe to repeat.
MAYBE_SENT = (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadTimeout, httpx.WriteTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how long to wait. The wait before retry n (0-based) is drawn uniformly
    from [0, min(max_backoff, backoff * 2**n)] ("full jitter"), and is at least what Retry-After
    asks, capped at max_backoff."""

    max_retries: int = 3
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    max_backoff: float = 30.0  # cap on any one wait, Retry-After included
    statuses: frozenset[int] = RETRY_STATUSES
    jitter: Callable[[float], float] = field(default=lambda cap: random.uniform(0, cap), repr=False)

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number `attempt` (0-based)."""
        wait = self.jitter(min(self.max_backoff, self.backoff * 2**attempt))
        asked = retry_after(response.headers.get("Retry-After")) if response is not None else None
        if asked is not None:
            wait = max(wait, asked)
        return min(wait, self.max_backoff)

    def retries_for(self, request: httpx.Request) -> int:
        """max_retries, or the per-request override `with_options(max_retries=...)` sets."""
        override = request.extensions.get(MAX_RETRIES_EXTENSION)
        return self.max_retries if override is None else int(override)


def retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either delay-seconds or an HTTP-date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def add_idempotency_key(request: httpx.Request) -> None:
    """Give a POST without an Idempotency-Key a fresh one (uuid4), before its first attempt."""
    if request.method == "POST" and IDEMPOTENCY_KEY not in request.headers:
        request.headers[IDEMPOTENCY_KEY] = str(uuid.uuid4())


def new_request_id() -> str:
    """A fresh X-Request-ID: `req_` and 32 hex digits."""
    return f"req_{uuid.uuid4().hex}"


def repeatable(request: httpx.Request) -> bool:
    """Whether sending the request twice has the effect of sending it once."""
    return request.method in IDEMPOTENT_METHODS or IDEMPOTENCY_KEY in request.headers


def _retry_on_error(request: httpx.Request, error: Exception) -> bool:
    return isinstance(error, NOT_SENT) or (isinstance(error, MAYBE_SENT) and repeatable(request))


def _retry_on_status(policy: RetryPolicy, request: httpx.Request, response: httpx.Response) -> bool:
    status = response.status_code
    if status in NOT_ACTED_ON_STATUSES and status in policy.statuses:
        return True
    if status in policy.statuses:
        return repeatable(request)
    return status == 409 and IDEMPOTENCY_KEY in request.headers  # and the body says in progress


def _in_progress(content: bytes) -> bool:
    try:
        body = json.loads(content)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("type") == IN_PROGRESS_TYPE


class _Attempts:
    """The bookkeeping of one request's attempts, shared by both transports."""

    def __init__(self, request: httpx.Request, policy: RetryPolicy) -> None:
        add_idempotency_key(request)
        self.request = request
        self.policy = policy
        self.limit = policy.retries_for(request)
        self.own_request_id = REQUEST_ID not in request.headers
        self.attempt = 0

    def start(self) -> None:
        if self.own_request_id:
            self.request.headers[REQUEST_ID] = new_request_id()

    def retry_error(self, error: Exception) -> float | None:
        """Seconds to wait before retrying after `error`, or None to raise it."""
        if self.attempt >= self.limit or not _retry_on_error(self.request, error):
            return None
        return self.policy.delay(self.attempt, None)

    def retry_status(self, response: httpx.Response) -> bool:
        return self.attempt < self.limit and _retry_on_status(self.policy, self.request, response)


class RetryTransport(httpx.BaseTransport):
    """A synchronous httpx transport that retries what is safe to retry (see the module)."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.transport = transport or httpx.HTTPTransport()
        self.policy = policy or RetryPolicy()
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`, retrying what is safe to retry; the last answer or error stands."""
        attempts = _Attempts(request, self.policy)
        while True:
            attempts.start()
            try:
                response = self.transport.handle_request(request)
            except httpx.TransportError as error:
                wait = attempts.retry_error(error)
                if wait is None:
                    raise
                self._sleep(wait)
            else:
                if not attempts.retry_status(response):
                    return response
                if response.status_code == 409 and not _in_progress(response.read()):
                    return response
                response.close()
                self._sleep(self.policy.delay(attempts.attempt, response))
            attempts.attempt += 1

    def close(self) -> None:
        """Close the wrapped transport."""
        self.transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of RetryTransport."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.transport = transport or httpx.AsyncHTTPTransport()
        self.policy = policy or RetryPolicy()
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`, retrying what is safe to retry; the last answer or error stands."""
        attempts = _Attempts(request, self.policy)
        while True:
            attempts.start()
            try:
                response = await self.transport.handle_async_request(request)
            except httpx.TransportError as error:
                wait = attempts.retry_error(error)
                if wait is None:
                    raise
                await self._sleep(wait)
            else:
                if not attempts.retry_status(response):
                    return response
                if response.status_code == 409 and not _in_progress(await response.aread()):
                    return response
                await response.aclose()
                await self._sleep(self.policy.delay(attempts.attempt, response))
            attempts.attempt += 1

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.transport.aclose()
