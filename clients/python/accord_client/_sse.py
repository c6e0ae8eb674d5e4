"""`accord.events.stream()`: read GET /v1/events/stream (Server-Sent Events) as typed events, and
reconnect where it stopped.

Each message is `id: <cursor>`, `event: <type>`, `data: <the event as in /v1/events>`; comment
lines keep the connection alive. The last id seen is sent back as Last-Event-ID on reconnect, so
no event is lost or repeated across a dropped connection.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from . import errors
from ._core import HTTPX_ERRORS, Call, Options, request_arguments, result, wrap_httpx
from ._transport import RetryPolicy
from .webhooks import WebhookEvent, parse

if TYPE_CHECKING:
    import httpx

    from ._client import Accord, AsyncAccord


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched SSE message."""

    event: str | None
    data: str
    id: str | None
    retry: int | None


class SSEDecoder:
    """The SSE line protocol (https://html.spec.whatwg.org/multipage/server-sent-events.html):
    feed it lines without their ends; a blank line dispatches the message built so far."""

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._retry: int | None = None
        self.last_id: str | None = None  # persists across messages, as the spec's last event ID

    def feed(self, line: str) -> ServerSentEvent | None:
        if not line:
            if not self._data and self._event is None:
                return None
            message = ServerSentEvent(self._event, "\n".join(self._data), self.last_id, self._retry)
            self._event, self._data, self._retry = None, [], None
            return message
        if line.startswith(":"):  # a comment: the server's keep-alive
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self.last_id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None


def _event(message: ServerSentEvent, response: httpx.Response) -> WebhookEvent:
    """The typed event of a message, read from its JSON rather than the generated EventOut, whose
    enum of types would refuse a type newer than this client (which gives UnknownEvent here)."""
    try:
        entry = json.loads(message.data)
        envelope = {"type": entry["type"], "timestamp": entry["created_at"], "data": entry["data"]}
        return parse(envelope, id=entry["id"], cursor=message.id)
    except (ValueError, KeyError, TypeError) as error:
        raise errors.APIResponseValidationError(
            f"event stream message {message.id!r} is not an event of the feed: {error!r}", response=response
        ) from error


class _Reconnects:
    """When to reconnect, and after how long: a failed or ended connection is retried up to the
    client's max_retries times in a row (reset once a connection delivers something, even a
    keep-alive), with its backoff, or the server's `retry:` hint when longer."""

    def __init__(self, policy: RetryPolicy, options: Options, reconnect: bool) -> None:
        self.policy = policy
        self.limit = options.max_retries if options.max_retries is not None else policy.max_retries
        self.reconnect = reconnect
        self.failures = 0
        self.hint: float | None = None

    def connected(self) -> None:
        self.failures = 0

    def next_wait(self) -> float | None:
        """Seconds to wait before reconnecting, or None to stop."""
        if not self.reconnect or self.failures >= self.limit:
            return None
        wait = self.policy.delay(self.failures, None)
        self.failures += 1
        return max(wait, self.hint or 0.0)


def _at(call: Call[Any], last_id: str | None) -> dict[str, Any]:
    return {**call.kwargs, "last_event_id": last_id} if last_id else dict(call.kwargs)


def _arguments(call: Call[Any], last_id: str | None, options: Options) -> dict[str, Any]:
    arguments = request_arguments(replace(call, kwargs=_at(call, last_id)), options)
    arguments["headers"] = {**arguments.get("headers", {}), "Accept": "text/event-stream"}
    return arguments


def stream(client: Accord, call: Call[Any], *, reconnect: bool) -> Iterator[WebhookEvent]:
    """Typed events from the stream, reconnecting with Last-Event-ID (see the module)."""
    http = client.client.get_httpx_client()
    state = _Reconnects(client._retry_policy, client._options, reconnect)
    last_id: str | None = None
    while True:
        try:
            with http.stream(**_arguments(call, last_id, client._options)) as response:
                if not response.is_success:
                    response.read()
                    result(call, response, client.client)  # raises the typed error
                decoder = SSEDecoder()
                for line in response.iter_lines():
                    state.connected()
                    message = decoder.feed(line)
                    if message is None:
                        continue
                    state.hint = message.retry / 1000 if message.retry is not None else state.hint
                    last_id = message.id or last_id
                    if message.data:
                        yield _event(message, response)
            error: Exception | None = None
        except HTTPX_ERRORS as failure:
            error = failure
        wait = state.next_wait()
        if wait is None:
            if error is not None:
                raise wrap_httpx(error) from error
            return
        time.sleep(wait)


async def astream(client: AsyncAccord, call: Call[Any], *, reconnect: bool) -> AsyncIterator[WebhookEvent]:
    """The asyncio twin of `stream`."""
    http = client.client.get_async_httpx_client()
    state = _Reconnects(client._retry_policy, client._options, reconnect)
    last_id: str | None = None
    while True:
        try:
            async with http.stream(**_arguments(call, last_id, client._options)) as response:
                if not response.is_success:
                    await response.aread()
                    result(call, response, client.client)
                decoder = SSEDecoder()
                async for line in response.aiter_lines():
                    state.connected()
                    message = decoder.feed(line)
                    if message is None:
                        continue
                    state.hint = message.retry / 1000 if message.retry is not None else state.hint
                    last_id = message.id or last_id
                    if message.data:
                        yield _event(message, response)
            error: Exception | None = None
        except HTTPX_ERRORS as failure:
            error = failure
        wait = state.next_wait()
        if wait is None:
            if error is not None:
                raise wrap_httpx(error) from error
            return
        await asyncio.sleep(wait)
