"""`Accord` and `AsyncAccord`: resource namespaces over the generated client, with retries,
idempotency keys, typed errors, pagination and per-call options.

    accord = Accord()                                   # ACCORD_API_KEY, ACCORD_BASE_URL
    agreement = accord.agreements.create("US-Japan", ["US", "JP"])
    accord.transitions.create(agreement.id, "start_domestic_procedures")
    for entry in accord.transitions.list(agreement.id): ...
    accord.with_options(timeout=5).agreements.get(agreement.id)

Every generated operation stays reachable through `.client` (the generated AuthenticatedClient).
"""

from __future__ import annotations

import copy
import os
from typing import Any, Self

import httpx

from . import errors
from ._core import (
    HTTPX_ERRORS,
    Call,
    Options,
    as_timeout,
    async_iter,
    async_list,
    async_method,
    async_page,
    request_arguments,
    result,
    sync_iter,
    sync_list,
    sync_method,
    sync_page,
    wrap_httpx,
)
from ._generated.client import AuthenticatedClient
from ._resources import (
    Agreements,
    ApiKeys,
    AsyncAgreements,
    AsyncApiKeys,
    AsyncCalendarFeeds,
    AsyncConsultations,
    AsyncDeadlines,
    AsyncDocuments,
    AsyncEvents,
    AsyncExports,
    AsyncHealthChecks,
    AsyncMetrics,
    AsyncRounds,
    AsyncTransitions,
    AsyncWebhookEndpoints,
    AsyncWorkflows,
    CalendarFeeds,
    Consultations,
    Deadlines,
    Documents,
    Events,
    Exports,
    HealthChecks,
    Metrics,
    Rounds,
    Transitions,
    WebhookEndpoints,
    Workflows,
    agreements_create,
    agreements_get,
    agreements_list,
    agreements_project,
    agreements_update,
    health_ready,
    transitions_available,
    transitions_correct,
    transitions_create,
    transitions_get,
    transitions_list,
    transitions_void,
    workflows_get,
    workflows_list,
)
from ._transport import AsyncRetryTransport, RetryPolicy, RetryTransport
from ._version import __version__

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT = 30.0
API_KEY_ENV = "ACCORD_API_KEY"
BASE_URL_ENV = "ACCORD_BASE_URL"
USER_AGENT = f"accord-client/{__version__}"


def _settings(base_url: str | None, api_key: str | None) -> tuple[str, str]:
    base_url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    api_key = api_key or os.environ.get(API_KEY_ENV)
    if not api_key:
        raise errors.ConfigurationError(
            f"No API key: pass Accord(api_key='acc_...') or set {API_KEY_ENV}. "
            "Create one with `accord keys create --name NAME --scope SCOPE` (`make run` prints a local admin key)."
        )
    return base_url.rstrip("/"), api_key


def _generated_client(
    base_url: str, api_key: str, timeout: float | httpx.Timeout | None, headers: dict[str, str] | None, httpx_args: Any
) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        timeout=as_timeout(timeout),
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        httpx_args=httpx_args,
    )


def _alias(method: Any, target: str) -> Any:
    method.__doc__ = f"The same as `accord.{target}` (kept from version 0.1).\n\n{method.__doc__}"
    return method


class _Base:
    client: AuthenticatedClient
    base_url: str
    _options: Options
    _retry_policy: RetryPolicy

    def _namespaces(self) -> None:
        raise NotImplementedError

    def with_options(self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None) -> Self:
        """A client that sends with other options, sharing this one's connections:
        `accord.with_options(timeout=5).agreements.get(id)`. `timeout` is in seconds (or an
        httpx.Timeout), `max_retries` the retries after the first attempt; None keeps the
        current value. Closing either client closes the shared connections."""
        clone = copy.copy(self)
        clone._options = Options(
            timeout=as_timeout(timeout) if timeout is not None else self._options.timeout,
            max_retries=max_retries if max_retries is not None else self._options.max_retries,
        )
        clone._namespaces()
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class Accord(_Base):
    """A synchronous Accord client.

    >>> accord = Accord()  # reads ACCORD_API_KEY and ACCORD_BASE_URL (default http://127.0.0.1:8000)
    >>> agreement = accord.agreements.create("US-Japan trade talks", ["US", "JP"])
    >>> accord.transitions.create(agreement.id, "start_domestic_procedures")

    Namespaces: agreements, transitions, deadlines, workflows, events, webhook_endpoints,
    api_keys, health, metrics, documents, rounds, consultations, exports, calendar_feeds. Errors raise `accord_client.errors.AccordError` subclasses.
    POSTs carry an Idempotency-Key (one is generated when you give none); failures that are safe
    to retry are retried `max_retries` times with jittered backoff, honouring Retry-After.
    """

    agreements: Agreements
    transitions: Transitions
    deadlines: Deadlines
    workflows: Workflows
    events: Events
    webhook_endpoints: WebhookEndpoints
    api_keys: ApiKeys
    health: HealthChecks
    metrics: Metrics
    documents: Documents
    rounds: Rounds
    consultations: Consultations
    exports: Exports
    calendar_feeds: CalendarFeeds

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        backoff: float = 0.5,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        """`base_url` defaults to $ACCORD_BASE_URL, else http://127.0.0.1:8000; `api_key` to
        $ACCORD_API_KEY, and without one ConfigurationError is raised. `timeout` (seconds, or
        an httpx.Timeout) applies to each attempt; `max_retries` and `backoff` (seconds before
        the first retry, doubled each time) set the retries; `headers` are sent with every
        request; `transport` replaces httpx's (tests: httpx.MockTransport); `httpx_args` go to
        httpx.Client."""
        self.base_url, api_key = _settings(base_url, api_key)
        self._retry_policy = RetryPolicy(max_retries=max_retries, backoff=backoff)
        retry = RetryTransport(transport, self._retry_policy)
        self.client = _generated_client(
            self.base_url, api_key, timeout, headers, {**(httpx_args or {}), "transport": retry}
        )
        self._options = Options()
        self._namespaces()

    def _namespaces(self) -> None:
        self.agreements = Agreements(self)
        self.transitions = Transitions(self)
        self.deadlines = Deadlines(self)
        self.workflows = Workflows(self)
        self.events = Events(self)
        self.webhook_endpoints = WebhookEndpoints(self)
        self.api_keys = ApiKeys(self)
        self.health = HealthChecks(self)
        self.metrics = Metrics(self)
        self.documents = Documents(self)
        self.rounds = Rounds(self)
        self.consultations = Consultations(self)
        self.exports = Exports(self)
        self.calendar_feeds = CalendarFeeds(self)

    def _send(self, call: Call[Any]) -> Any:
        http = self.client.get_httpx_client()
        try:
            response = http.request(**request_arguments(call, self._options))
        except HTTPX_ERRORS as error:
            raise wrap_httpx(error) from error
        return result(call, response, self.client)

    def _send_page(self, call: Call[Any]) -> Any:
        return sync_page(self._send, call)

    # -- the methods of version 0.1, kept as aliases ---------------------------------------

    create_agreement = _alias(sync_method(agreements_create), "agreements.create")
    get_agreement = _alias(sync_method(agreements_get), "agreements.get")
    update_agreement = _alias(sync_method(agreements_update), "agreements.update")
    list_agreements = _alias(sync_list(agreements_list), "agreements.list")
    iter_agreements = _alias(sync_iter(agreements_list), "agreements.list (iterated)")
    project = _alias(sync_method(agreements_project), "agreements.project")
    transition = _alias(sync_method(transitions_create), "transitions.create")
    get_transition = _alias(sync_method(transitions_get), "transitions.get")
    list_transitions = _alias(sync_list(transitions_list), "transitions.list")
    iter_transitions = _alias(sync_iter(transitions_list), "transitions.list (iterated)")
    available_transitions = _alias(sync_method(transitions_available), "transitions.available")
    correct_transition = _alias(sync_method(transitions_correct), "transitions.correct")
    void_transition = _alias(sync_method(transitions_void), "transitions.void")
    list_workflows = _alias(sync_method(workflows_list), "workflows.list")
    get_workflow = _alias(sync_method(workflows_get), "workflows.get")
    ready = _alias(sync_method(health_ready), "health.ready")
    # `accord.deadlines(agreement_id)` of 0.1 still works: the namespace is callable.

    def close(self) -> None:
        """Close the connections (also those of clients made by `with_options`)."""
        self.client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAccord(_Base):
    """The asyncio twin of `Accord`: the same namespaces and methods, awaited. A `list` returns
    an AsyncPager: `await` it for the first page, or `async for` over it for every item."""

    agreements: AsyncAgreements
    transitions: AsyncTransitions
    deadlines: AsyncDeadlines
    workflows: AsyncWorkflows
    events: AsyncEvents
    webhook_endpoints: AsyncWebhookEndpoints
    api_keys: AsyncApiKeys
    health: AsyncHealthChecks
    metrics: AsyncMetrics
    documents: AsyncDocuments
    rounds: AsyncRounds
    consultations: AsyncConsultations
    exports: AsyncExports
    calendar_feeds: AsyncCalendarFeeds

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        backoff: float = 0.5,
        headers: dict[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        httpx_args: dict[str, Any] | None = None,
    ) -> None:
        """The same arguments as `Accord`; `transport` is an httpx.AsyncBaseTransport."""
        self.base_url, api_key = _settings(base_url, api_key)
        self._retry_policy = RetryPolicy(max_retries=max_retries, backoff=backoff)
        retry = AsyncRetryTransport(transport, self._retry_policy)
        self.client = _generated_client(
            self.base_url, api_key, timeout, headers, {**(httpx_args or {}), "transport": retry}
        )
        self._options = Options()
        self._namespaces()

    def _namespaces(self) -> None:
        self.agreements = AsyncAgreements(self)
        self.transitions = AsyncTransitions(self)
        self.deadlines = AsyncDeadlines(self)
        self.workflows = AsyncWorkflows(self)
        self.events = AsyncEvents(self)
        self.webhook_endpoints = AsyncWebhookEndpoints(self)
        self.api_keys = AsyncApiKeys(self)
        self.health = AsyncHealthChecks(self)
        self.metrics = AsyncMetrics(self)
        self.documents = AsyncDocuments(self)
        self.rounds = AsyncRounds(self)
        self.consultations = AsyncConsultations(self)
        self.exports = AsyncExports(self)
        self.calendar_feeds = AsyncCalendarFeeds(self)

    async def _send(self, call: Call[Any]) -> Any:
        http = self.client.get_async_httpx_client()
        try:
            response = await http.request(**request_arguments(call, self._options))
        except HTTPX_ERRORS as error:
            raise wrap_httpx(error) from error
        return result(call, response, self.client)

    async def _send_page(self, call: Call[Any]) -> Any:
        return await async_page(self._send, call)

    # -- the methods of version 0.1, kept as aliases ---------------------------------------

    create_agreement = _alias(async_method(agreements_create), "agreements.create")
    get_agreement = _alias(async_method(agreements_get), "agreements.get")
    update_agreement = _alias(async_method(agreements_update), "agreements.update")
    list_agreements = _alias(async_list(agreements_list), "agreements.list")
    iter_agreements = _alias(async_iter(agreements_list), "agreements.list (iterated)")
    project = _alias(async_method(agreements_project), "agreements.project")
    transition = _alias(async_method(transitions_create), "transitions.create")
    get_transition = _alias(async_method(transitions_get), "transitions.get")
    list_transitions = _alias(async_list(transitions_list), "transitions.list")
    iter_transitions = _alias(async_iter(transitions_list), "transitions.list (iterated)")
    available_transitions = _alias(async_method(transitions_available), "transitions.available")
    correct_transition = _alias(async_method(transitions_correct), "transitions.correct")
    void_transition = _alias(async_method(transitions_void), "transitions.void")
    list_workflows = _alias(async_method(workflows_list), "workflows.list")
    get_workflow = _alias(async_method(workflows_get), "workflows.get")
    ready = _alias(async_method(health_ready), "health.ready")

    async def aclose(self) -> None:
        """Close the connections (also those of clients made by `with_options`)."""
        await self.client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
