"""`Accord` and `AsyncAccord`: the generated client with retries, idempotency keys, typed errors
and pagination. Every generated operation stays reachable through `.client`."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Self, TypeVar

import httpx

from . import errors
from ._generated.api.agreements import (
    create_agreement,
    create_correction,
    create_projection,
    create_transition,
    get_agreement,
    get_available_transitions,
    get_transition,
    list_agreement_deadlines,
    list_agreements,
    list_transitions,
    update_agreement,
    void_transition,
)
from ._generated.api.health import readyz
from ._generated.api.workflows import get_workflow, list_workflows
from ._generated.client import AuthenticatedClient, Client
from ._generated.models import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AssumedEvent,
    AvailableTransitions,
    CorrectionCreate,
    CorrectionResult,
    DeadlineList,
    PageAgreementOut,
    PageTransitionOut,
    Projection,
    ProjectionCreate,
    Readiness,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    VoidCreate,
    Workflow,
    WorkflowList,
)
from ._generated.types import UNSET, Response, Unset
from ._transport import AsyncRetryTransport, RetryPolicy, RetryTransport
from .pagination import aiter_items, iter_items

DEFAULT_TIMEOUT = 30.0
EventDate = datetime.datetime | datetime.date
Day = datetime.date | str
# An assumed event of a projection: (event, date), or {"event", "occurred_at", "clock"?, "days"?}.
Assumed = tuple[str, EventDate | str] | Mapping[str, Any]
T = TypeVar("T")


def _opt(value: Any) -> Any:
    return UNSET if value is None else value


def _if_match(version: int | None) -> str | Unset:
    return UNSET if version is None else f'"{version}"'


def _body(model: type[T], fields: dict[str, Any], **event_dates: EventDate | str | None) -> T:
    """A request model from plain values, through the generated from_dict, so enums and nested
    models follow the spec. Dates are set afterwards: from_dict would read "2018-09-26" as a
    naive midnight datetime, which the service refuses."""
    body = model.from_dict({k: v for k, v in fields.items() if v is not None})  # type: ignore[attr-defined]
    for name, value in event_dates.items():
        if value is not None:
            setattr(body, name, value)
    return body


def _day(value: Day | None) -> datetime.date | Unset:
    if value is None:
        return UNSET
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _when(value: EventDate | str) -> EventDate:
    """A date or an aware date-time from its RFC 3339 text ("2027-03-01", "2027-03-01T12:00:00Z")."""
    if not isinstance(value, str):
        return value
    return datetime.date.fromisoformat(value) if len(value) == 10 else datetime.datetime.fromisoformat(value)


def _assumed(event: Assumed) -> AssumedEvent:
    if isinstance(event, Mapping):
        fields = dict(event)
        return AssumedEvent(
            event=fields["event"],
            occurred_at=_when(fields["occurred_at"]),
            clock=_opt(fields.get("clock")),
            days=_opt(fields.get("days")),
        )
    name, occurred_at = event
    return AssumedEvent(event=name, occurred_at=_when(occurred_at))


@dataclass(frozen=True)
class _Call:
    """One generated operation with its arguments and the model a success parses to."""

    endpoint: ModuleType
    kwargs: dict[str, Any]
    returns: type


def _unwrap(call: _Call, response: Response[Any]) -> Any:
    status = int(response.status_code)
    if 200 <= status < 300 and isinstance(response.parsed, call.returns):
        return response.parsed
    raise errors.from_response(status, response.content, httpx.Headers(response.headers), response.parsed)


class _Operations:
    """Builds each call once for both the sync and the async client."""

    client: Client | AuthenticatedClient

    def _make_client(
        self,
        base_url: str,
        api_key: str | None,
        timeout: float | httpx.Timeout | None,
        headers: dict[str, str] | None,
        httpx_args: dict[str, Any],
    ) -> Client | AuthenticatedClient:
        common: dict[str, Any] = {
            "base_url": base_url.rstrip("/"),
            "timeout": timeout if isinstance(timeout, httpx.Timeout) or timeout is None else httpx.Timeout(timeout),
            "headers": dict(headers or {}),
            "httpx_args": httpx_args,
        }
        if api_key is not None:
            return AuthenticatedClient(token=api_key, **common)
        return Client(**common)

    def _create_agreement(
        self,
        title: str,
        parties: list[str],
        *,
        sectors: list[str] | None,
        metadata: dict[str, Any] | None,
        workflow: str | None,
        announced_at: EventDate | str | None,
        note: str | None,
        reference: str | None,
        idempotency_key: str | None,
        authority: str | None = None,
    ) -> _Call:
        fields = {
            "title": title,
            "parties": list(parties),
            "sectors": sectors,
            "metadata": metadata,
            "workflow": workflow,
            "note": note,
            "reference": reference,
            "authority": authority,
        }
        body = _body(AgreementCreate, fields, announced_at=announced_at)
        return _Call(create_agreement, {"body": body, "idempotency_key": _opt(idempotency_key)}, AgreementOut)

    def _update_agreement(
        self,
        agreement_id: str,
        version: int,
        *,
        title: str | None,
        sectors: list[str] | None,
        metadata: dict[str, Any] | None,
    ) -> _Call:
        body = _body(AgreementUpdate, {"title": title, "sectors": sectors, "metadata": metadata})
        return _Call(
            update_agreement, {"agreement_id": agreement_id, "body": body, "if_match": _if_match(version)}, AgreementOut
        )

    def _transition(
        self,
        agreement_id: str,
        event: str,
        *,
        occurred_at: EventDate | str | None,
        note: str | None,
        reference: str | None,
        expected_version: int | None,
        idempotency_key: str | None,
    ) -> _Call:
        body = _body(TransitionCreate, {"event": event, "note": note, "reference": reference}, occurred_at=occurred_at)
        kwargs = {
            "agreement_id": agreement_id,
            "body": body,
            "if_match": _if_match(expected_version),
            "idempotency_key": _opt(idempotency_key),
        }
        return _Call(create_transition, kwargs, TransitionResult)

    def _correct_transition(
        self,
        agreement_id: str,
        sequence: int,
        *,
        reason: str,
        occurred_at: EventDate | str | None,
        note: str | None,
        reference: str | None,
        clear: Iterable[str],
        override_reason: str | None,
        expected_version: int | None,
        idempotency_key: str | None,
    ) -> _Call:
        fields = {"reason": reason, "note": note, "reference": reference, "override_reason": override_reason}
        body = _body(CorrectionCreate, fields, occurred_at=occurred_at)
        for name in clear:
            if name not in ("note", "reference"):
                raise ValueError(f"only note and reference can be cleared, not {name!r}")
            setattr(body, name, None)
        kwargs = {
            "agreement_id": agreement_id,
            "sequence": sequence,
            "body": body,
            "if_match": _if_match(expected_version),
            "idempotency_key": _opt(idempotency_key),
        }
        return _Call(create_correction, kwargs, CorrectionResult)

    def _void_transition(
        self,
        agreement_id: str,
        sequence: int,
        reason: str,
        expected_version: int | None,
        idempotency_key: str | None,
    ) -> _Call:
        kwargs = {
            "agreement_id": agreement_id,
            "sequence": sequence,
            "body": VoidCreate(reason=reason),
            "if_match": _if_match(expected_version),
            "idempotency_key": _opt(idempotency_key),
        }
        return _Call(void_transition, kwargs, TransitionResult)

    def _project(self, agreement_id: str, events: Iterable[Assumed]) -> _Call:
        body = ProjectionCreate(events=[_assumed(e) for e in events])
        return _Call(create_projection, {"agreement_id": agreement_id, "body": body}, Projection)

    def _list_agreements(
        self,
        state: str | None,
        party: str | None,
        q: str | None,
        limit: int,
        cursor: str | None,
        as_of: Day | None = None,
    ) -> _Call:
        kwargs = {
            "state": _opt(state),
            "party": _opt(party),
            "q": _opt(q),
            "limit": limit,
            "cursor": _opt(cursor),
            "as_of": _day(as_of),
        }
        return _Call(list_agreements, kwargs, PageAgreementOut)

    def _list_transitions(self, agreement_id: str, limit: int, cursor: str | None) -> _Call:
        kwargs = {"agreement_id": agreement_id, "limit": limit, "cursor": _opt(cursor)}
        return _Call(list_transitions, kwargs, PageTransitionOut)


class Accord(_Operations):
    """A synchronous Accord client.

    >>> with Accord("http://127.0.0.1:8000") as accord:
    ...     agreement = accord.create_agreement("US-Japan trade talks", ["US", "JP"])
    ...     accord.transition(agreement.id, "start_domestic_procedures")

    Errors raise `accord_client.errors.AccordError` subclasses. POSTs carry an Idempotency-Key
    (one is generated when you give none); 429, 503 and connection failures are retried.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        backoff: float = 0.5,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        retry = RetryTransport(transport, RetryPolicy(max_retries=max_retries, backoff=backoff))
        self.client = self._make_client(base_url, api_key, timeout, headers, {**(httpx_args or {}), "transport": retry})

    def _run(self, call: _Call) -> Any:
        return _unwrap(call, call.endpoint.sync_detailed(client=self.client, **call.kwargs))

    def create_agreement(
        self,
        title: str,
        parties: list[str],
        *,
        sectors: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        workflow: str | None = None,
        announced_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        idempotency_key: str | None = None,
        authority: str | None = None,
    ) -> AgreementOut:
        return self._run(
            self._create_agreement(
                title,
                parties,
                sectors=sectors,
                metadata=metadata,
                workflow=workflow,
                announced_at=announced_at,
                note=note,
                reference=reference,
                idempotency_key=idempotency_key,
                authority=authority,
            )
        )

    def get_agreement(self, agreement_id: str, *, as_of: Day | None = None) -> AgreementOut:
        """The agreement; `as_of` a date, with the state it was in then."""
        return self._run(_Call(get_agreement, {"agreement_id": agreement_id, "as_of": _day(as_of)}, AgreementOut))

    def update_agreement(
        self,
        agreement_id: str,
        version: int,
        *,
        title: str | None = None,
        sectors: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> AgreementOut:
        """Change an agreement you read at `version`; VersionMismatch if it has changed since."""
        return self._run(self._update_agreement(agreement_id, version, title=title, sectors=sectors, metadata=metadata))

    def transition(
        self,
        agreement_id: str,
        event: str,
        *,
        occurred_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TransitionResult:
        """Fire `event`; raises InvalidTransition (with allowed_events) when it cannot fire now."""
        return self._run(
            self._transition(
                agreement_id,
                event,
                occurred_at=occurred_at,
                note=note,
                reference=reference,
                expected_version=expected_version,
                idempotency_key=idempotency_key,
            )
        )

    def available_transitions(self, agreement_id: str, *, on: Day | None = None) -> AvailableTransitions:
        """Every event and whether it is allowed today, or `on` a date as the history stood then."""
        return self._run(
            _Call(get_available_transitions, {"agreement_id": agreement_id, "on": _day(on)}, AvailableTransitions)
        )

    def correct_transition(
        self,
        agreement_id: str,
        sequence: int,
        *,
        reason: str,
        occurred_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        clear: Iterable[str] = (),
        override_reason: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> CorrectionResult:
        """Correct history entry `sequence` in place; the old values stay on the record. `clear`
        names fields to empty ("note", "reference"). Raises InvalidTransition when the corrected
        timeline breaks a statutory clock (an admin key may pass `override_reason`)."""
        return self._run(
            self._correct_transition(
                agreement_id,
                sequence,
                reason=reason,
                occurred_at=occurred_at,
                note=note,
                reference=reference,
                clear=clear,
                override_reason=override_reason,
                expected_version=expected_version,
                idempotency_key=idempotency_key,
            )
        )

    def void_transition(
        self,
        agreement_id: str,
        sequence: int,
        reason: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TransitionResult:
        """Void the agreement's latest state change: it returns to the state before it."""
        return self._run(self._void_transition(agreement_id, sequence, reason, expected_version, idempotency_key))

    def project(self, agreement_id: str, events: Iterable[Assumed]) -> Projection:
        """What the clocks say once `events` ((event, date) pairs, or dicts) have happened; writes nothing."""
        return self._run(self._project(agreement_id, events))

    def deadlines(self, agreement_id: str, *, on: Day | None = None) -> DeadlineList:
        """The agreement's statutory clocks today, or as they stood `on` a date."""
        return self._run(_Call(list_agreement_deadlines, {"agreement_id": agreement_id, "on": _day(on)}, DeadlineList))

    def get_transition(self, agreement_id: str, sequence: int) -> TransitionOut:
        return self._run(_Call(get_transition, {"agreement_id": agreement_id, "sequence": sequence}, TransitionOut))

    def list_agreements(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        as_of: Day | None = None,
    ) -> PageAgreementOut:
        """One page; `iter_agreements` follows the cursors for you. `as_of` a date, each agreement
        shows the state it was in then, and `state` selects on it."""
        return self._run(self._list_agreements(state, party, q, limit, cursor, as_of))

    def iter_agreements(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        limit: int = 50,
        as_of: Day | None = None,
    ) -> Iterator[AgreementOut]:
        return iter_items(
            lambda cursor: self.list_agreements(state=state, party=party, q=q, limit=limit, cursor=cursor, as_of=as_of)
        )

    def list_transitions(self, agreement_id: str, *, limit: int = 50, cursor: str | None = None) -> PageTransitionOut:
        return self._run(self._list_transitions(agreement_id, limit, cursor))

    def iter_transitions(self, agreement_id: str, *, limit: int = 50) -> Iterator[TransitionOut]:
        """The agreement's history, oldest first, fetched `limit` entries at a time."""
        return iter_items(lambda cursor: self.list_transitions(agreement_id, limit=limit, cursor=cursor))

    def list_workflows(self) -> WorkflowList:
        return self._run(_Call(list_workflows, {}, WorkflowList))

    def get_workflow(self, name: str, version: int | None = None) -> Workflow:
        return self._run(_Call(get_workflow, {"name": name, "version": _opt(version)}, Workflow))

    def ready(self) -> Readiness:
        return self._run(_Call(readyz, {}, Readiness))

    def close(self) -> None:
        self.client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAccord(_Operations):
    """The asyncio twin of `Accord`: the same methods, awaited; `iter_*` are async iterators."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        backoff: float = 0.5,
        headers: dict[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        retry = AsyncRetryTransport(transport, RetryPolicy(max_retries=max_retries, backoff=backoff))
        self.client = self._make_client(base_url, api_key, timeout, headers, {**(httpx_args or {}), "transport": retry})

    async def _run(self, call: _Call) -> Any:
        return _unwrap(call, await call.endpoint.asyncio_detailed(client=self.client, **call.kwargs))

    async def create_agreement(
        self,
        title: str,
        parties: list[str],
        *,
        sectors: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        workflow: str | None = None,
        announced_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        idempotency_key: str | None = None,
        authority: str | None = None,
    ) -> AgreementOut:
        return await self._run(
            self._create_agreement(
                title,
                parties,
                sectors=sectors,
                metadata=metadata,
                workflow=workflow,
                announced_at=announced_at,
                note=note,
                reference=reference,
                idempotency_key=idempotency_key,
                authority=authority,
            )
        )

    async def get_agreement(self, agreement_id: str, *, as_of: Day | None = None) -> AgreementOut:
        return await self._run(_Call(get_agreement, {"agreement_id": agreement_id, "as_of": _day(as_of)}, AgreementOut))

    async def update_agreement(
        self,
        agreement_id: str,
        version: int,
        *,
        title: str | None = None,
        sectors: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> AgreementOut:
        return await self._run(
            self._update_agreement(agreement_id, version, title=title, sectors=sectors, metadata=metadata)
        )

    async def transition(
        self,
        agreement_id: str,
        event: str,
        *,
        occurred_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TransitionResult:
        return await self._run(
            self._transition(
                agreement_id,
                event,
                occurred_at=occurred_at,
                note=note,
                reference=reference,
                expected_version=expected_version,
                idempotency_key=idempotency_key,
            )
        )

    async def available_transitions(self, agreement_id: str, *, on: Day | None = None) -> AvailableTransitions:
        return await self._run(
            _Call(get_available_transitions, {"agreement_id": agreement_id, "on": _day(on)}, AvailableTransitions)
        )

    async def correct_transition(
        self,
        agreement_id: str,
        sequence: int,
        *,
        reason: str,
        occurred_at: EventDate | str | None = None,
        note: str | None = None,
        reference: str | None = None,
        clear: Iterable[str] = (),
        override_reason: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> CorrectionResult:
        """Correct history entry `sequence` in place; the old values stay on the record. `clear`
        names fields to empty ("note", "reference"). Raises InvalidTransition when the corrected
        timeline breaks a statutory clock (an admin key may pass `override_reason`)."""
        return await self._run(
            self._correct_transition(
                agreement_id,
                sequence,
                reason=reason,
                occurred_at=occurred_at,
                note=note,
                reference=reference,
                clear=clear,
                override_reason=override_reason,
                expected_version=expected_version,
                idempotency_key=idempotency_key,
            )
        )

    async def void_transition(
        self,
        agreement_id: str,
        sequence: int,
        reason: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TransitionResult:
        """Void the agreement's latest state change: it returns to the state before it."""
        return await self._run(self._void_transition(agreement_id, sequence, reason, expected_version, idempotency_key))

    async def project(self, agreement_id: str, events: Iterable[Assumed]) -> Projection:
        """What the clocks say once `events` ((event, date) pairs, or dicts) have happened; writes nothing."""
        return await self._run(self._project(agreement_id, events))

    async def deadlines(self, agreement_id: str, *, on: Day | None = None) -> DeadlineList:
        """The agreement's statutory clocks today, or as they stood `on` a date."""
        return await self._run(
            _Call(list_agreement_deadlines, {"agreement_id": agreement_id, "on": _day(on)}, DeadlineList)
        )

    async def get_transition(self, agreement_id: str, sequence: int) -> TransitionOut:
        return await self._run(
            _Call(get_transition, {"agreement_id": agreement_id, "sequence": sequence}, TransitionOut)
        )

    async def list_agreements(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
        as_of: Day | None = None,
    ) -> PageAgreementOut:
        return await self._run(self._list_agreements(state, party, q, limit, cursor, as_of))

    def iter_agreements(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        limit: int = 50,
        as_of: Day | None = None,
    ) -> AsyncIterator[AgreementOut]:
        return aiter_items(
            lambda cursor: self.list_agreements(state=state, party=party, q=q, limit=limit, cursor=cursor, as_of=as_of)
        )

    async def list_transitions(
        self, agreement_id: str, *, limit: int = 50, cursor: str | None = None
    ) -> PageTransitionOut:
        return await self._run(self._list_transitions(agreement_id, limit, cursor))

    def iter_transitions(self, agreement_id: str, *, limit: int = 50) -> AsyncIterator[TransitionOut]:
        return aiter_items(lambda cursor: self.list_transitions(agreement_id, limit=limit, cursor=cursor))

    async def list_workflows(self) -> WorkflowList:
        return await self._run(_Call(list_workflows, {}, WorkflowList))

    async def get_workflow(self, name: str, version: int | None = None) -> Workflow:
        return await self._run(_Call(get_workflow, {"name": name, "version": _opt(version)}, Workflow))

    async def ready(self) -> Readiness:
        return await self._run(_Call(readyz, {}, Readiness))

    async def aclose(self) -> None:
        await self.client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
