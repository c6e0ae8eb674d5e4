"""httpx transports that make the generated client safe to retry.

The generated client takes `httpx_args={"transport": ...}`; these wrap the default transport:

- every POST without an Idempotency-Key gets one (uuid4) before the first attempt, so all
  attempts of that request share it and the service runs it at most once;
- 429 and 503 answers, and connection failures, are retried with capped exponential backoff
  and full jitter, waiting at least what Retry-After asks.

A failure after the request may have reached the server (a read error or timeout) is retried
only when the request is safe to repeat: an idempotent method, or a request with an
Idempotency-Key.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

IDEMPOTENCY_KEY = "Idempotency-Key"
RETRY_STATUSES = frozenset({429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Raised before any byte of the request left: always safe to retry.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Raised after the request may have been sent: retry only what is safe to repeat.
MAYBE_SENT = (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadTimeout, httpx.WriteTimeout)


@dataclass(frozen=True)
class RetryPolicy:
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
    if request.method == "POST" and IDEMPOTENCY_KEY not in request.headers:
        request.headers[IDEMPOTENCY_KEY] = str(uuid.uuid4())


def _repeatable(request: httpx.Request) -> bool:
    return request.method in IDEMPOTENT_METHODS or IDEMPOTENCY_KEY in request.headers


def _retry_on_error(request: httpx.Request, error: Exception) -> bool:
    return isinstance(error, NOT_SENT) or (isinstance(error, MAYBE_SENT) and _repeatable(request))


class RetryTransport(httpx.BaseTransport):
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
        add_idempotency_key(request)
        attempt = 0
        while True:
            try:
                response = self.transport.handle_request(request)
            except httpx.TransportError as error:
                if attempt >= self.policy.max_retries or not _retry_on_error(request, error):
                    raise
                self._sleep(self.policy.delay(attempt, None))
            else:
                if attempt >= self.policy.max_retries or response.status_code not in self.policy.statuses:
                    return response
                response.close()
                self._sleep(self.policy.delay(attempt, response))
            attempt += 1

    def close(self) -> None:
        self.transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
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
        add_idempotency_key(request)
        attempt = 0
        while True:
            try:
                response = await self.transport.handle_async_request(request)
            except httpx.TransportError as error:
                if attempt >= self.policy.max_retries or not _retry_on_error(request, error):
                    raise
                await self._sleep(self.policy.delay(attempt, None))
            else:
                if attempt >= self.policy.max_retries or response.status_code not in self.policy.statuses:
                    return response
                await response.aclose()
                await self._sleep(self.policy.delay(attempt, response))
            attempt += 1

    async def aclose(self) -> None:
        await self.transport.aclose()
