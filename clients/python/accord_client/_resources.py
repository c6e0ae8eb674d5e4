"""The resource namespaces, `accord.agreements`, `accord.transitions`... Each operation is one
function returning a Call (its docstring is the method's); the sync and async classes below make
it a method with `sync_method` / `async_method`.

OPERATIONS maps every operationId of openapi.yaml to its method; tests/sdk/test_coverage.py fails
when an operation has no entry, or an entry names no method of Accord and AsyncAccord.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO

from . import _sse, errors
from ._core import (
    HTTPX_ERRORS,
    NO_BODY,
    TEXT,
    Call,
    Day,
    EventDate,
    async_list,
    async_method,
    body,
    build,
    choice,
    choices,
    day,
    if_match,
    instant,
    opt,
    request_arguments,
    result,
    sync_list,
    sync_method,
    when,
    wrap_httpx,
)
from ._generated.api.agreements import (
    create_agreement,
    create_correction,
    create_projection,
    create_transition,
    get_agreement,
    get_available_transitions,
    get_diagram,
    get_transition,
    list_agreement_deadlines,
    list_agreements,
    list_relations,
    list_transitions,
    update_agreement,
    void_transition,
)
from ._generated.api.api_keys import create_api_key, list_api_keys, revoke_api_key
from ._generated.api.consultations import (
    create_consultation,
    delete_consultation,
    get_consultation,
    list_consultations,
    update_consultation,
)
from ._generated.api.deadlines import list_deadlines
from ._generated.api.documents import (
    create_document,
    delete_document,
    get_document,
    get_timeline,
    list_documents,
    update_document,
)
from ._generated.api.events import get_event, list_event_types, list_events, stream_events
from ._generated.api.exports import (
    create_calendar_feed,
    export_agreements,
    export_transitions,
    get_calendar,
    list_calendar_feeds,
    revoke_calendar_feed,
)
from ._generated.api.health import healthz, readyz
from ._generated.api.metrics import get_metrics
from ._generated.api.rounds import create_round, delete_round, get_round, list_rounds, update_round
from ._generated.api.webhooks import (
    create_webhook_endpoint,
    delete_webhook_endpoint,
    get_webhook_endpoint,
    list_webhook_deliveries,
    list_webhook_endpoints,
    redeliver_webhook,
    replay_webhooks,
    rotate_webhook_secret,
    send_test_webhook,
    update_webhook_endpoint,
)
from ._generated.api.workflows import get_workflow, list_workflows
from ._generated.models import (
    AgreementCreate,
    AgreementCreateAuthorityType0,
    AgreementCreateCoverageType0,
    AgreementCreateRtaTypeType0,
    AgreementCreateWorkflowType0,
    AgreementOut,
    AgreementUpdate,
    ApiKeyCreate,
    ApiKeyCreated,
    AssumedEvent,
    AvailableTransitions,
    CalendarFeedCreate,
    CalendarFeedCreated,
    ConsultationCreate,
    ConsultationCreateInferredItem,
    ConsultationOut,
    ConsultationUpdate,
    ConsultationUpdateInferredItem,
    CorrectionCreate,
    CorrectionResult,
    DeadlineList,
    DeliveryOut,
    Diagram,
    DocumentCreate,
    DocumentCreateInferredItem,
    DocumentCreateType,
    DocumentOut,
    DocumentUpdate,
    DocumentUpdateInferredType0Item,
    EventOut,
    EventTypeList,
    Health,
    ListDeadlinesStatusType0,
    ListDocumentsTypeType0,
    ListEventsTypeType0,
    PageAgreementOut,
    PageApiKeyOut,
    PageCalendarFeedOut,
    PageConsultationOut,
    PageDeliveryOut,
    PageDocumentOut,
    PageEventOut,
    PageRoundOut,
    PageTransitionOut,
    PageWebhookEndpointOut,
    Party,
    Projection,
    ProjectionCreate,
    Readiness,
    RelationInKind,
    RelationList,
    ReplayRequest,
    ReplayResult,
    RotatedSecret,
    RoundCreate,
    RoundCreateInferredItem,
    RoundOut,
    RoundUpdate,
    RoundUpdateInferredType0Item,
    Scope,
    StreamEventsTypeType0,
    TestEventRequest,
    TestEventRequestType,
    TestEventResult,
    Timeline,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    VoidCreate,
    WebhookEndpointCreate,
    WebhookEndpointCreateEventTypesItem,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
    Workflow,
    WorkflowList,
)
from .webhooks import WebhookEvent

if TYPE_CHECKING:
    from ._client import Accord, AsyncAccord

# An assumed event of a projection: (event, date), or {"event", "occurred_at", "clock"?, "days"?}.
Assumed = tuple[str, EventDate | str] | Mapping[str, Any]
# A relation of a new agreement: ("supersedes" | "amends", agreement_id), or {"kind", "agreement_id"}.
RelationArg = tuple[str, str] | Mapping[str, str]


def _parties(parties: Iterable[str] | None, name: str = "parties") -> list[str] | None:
    members = choices(Party, parties, name)
    return None if members is None else [m.value for m in members]


def _event_types(values: Iterable[str] | None) -> list[str] | None:
    members = choices(WebhookEndpointCreateEventTypesItem, values, "event_types")
    return None if members is None else [m.value for m in members]


def _relation(relation: RelationArg) -> dict[str, str]:
    kind, agreement_id = (relation["kind"], relation["agreement_id"]) if isinstance(relation, Mapping) else relation
    return {"kind": choice(RelationInKind, kind, "relations kind").value, "agreement_id": agreement_id}


def _assumed(event: Assumed) -> AssumedEvent:
    if isinstance(event, Mapping):
        fields = dict(event)
        occurred_at = when(fields["occurred_at"], "occurred_at")
        return AssumedEvent(
            event=fields["event"], occurred_at=occurred_at, clock=opt(fields.get("clock")), days=opt(fields.get("days"))
        )
    name, occurred_at = event
    return AssumedEvent(event=name, occurred_at=when(occurred_at, "occurred_at"))


def _value(member: Any) -> Any:
    return None if member is None else member.value


def _identity(
    rta_type: str | None,
    coverage: str | None,
    wto_notifications: list[Mapping[str, Any]] | None,
    rta_is_id: int | None,
    desta_id: int | None,
) -> dict[str, Any]:
    """The RTA-IS identity fields of a create or update body, as JSON the generated models read."""
    notifications = None
    if wto_notifications is not None:
        notifications = [
            {**n, "date": n["date"].isoformat() if isinstance(n.get("date"), datetime.date) else n.get("date")}
            for n in wto_notifications
        ]
    return {
        "rta_type": _value(choice(AgreementCreateRtaTypeType0, rta_type, "rta_type")),
        "coverage": _value(choice(AgreementCreateCoverageType0, coverage, "coverage")),
        "wto_notifications": notifications,
        "rta_is_id": rta_is_id,
        "desta_id": desta_id,
    }


# == agreements =================================================================================


def agreements_create(
    title: str,
    parties: list[str],
    *,
    sectors: list[str] | None = None,
    metadata: dict[str, Any] | None = None,
    workflow: str | None = None,
    announced_at: EventDate | str | None = None,
    authority: str | None = None,
    relations: Iterable[RelationArg] | None = None,
    exemptions: list[str] | None = None,
    provisions: list[str] | None = None,
    note: str | None = None,
    reference: str | None = None,
    rta_type: str | None = None,
    coverage: str | None = None,
    wto_notifications: list[Mapping[str, Any]] | None = None,
    rta_is_id: int | None = None,
    desta_id: int | None = None,
    idempotency_key: str | None = None,
) -> Call[AgreementOut]:
    """Create an agreement in its workflow's first state, recording its announcement.

    `parties` are ISO 3166 codes (and "EU"); `announced_at` a date ("2018-09-26", that day in
    Washington) or an aware date-time, default now; `authority` one of tpa, section_103a,
    existing_fta, other (which statutory clocks apply); `relations` (kind, agreement_id) pairs,
    kind "supersedes" or "amends". Identity in the WTO RTA-IS vocabulary: `rta_type` (FTA, CU,
    EIA, PSA, "FTA & EIA"...), `coverage` (goods, services, both), `wto_notifications` as
    {"coverage", "date", "legal_basis"} mappings, `rta_is_id`, `desta_id`. Retried safely: the
    request carries an Idempotency-Key (yours, or a generated one shared by its retries). Raises
    ValidationError for invalid fields.
    """
    fields = {
        "title": title,
        "parties": _parties(parties),
        "sectors": sectors,
        "metadata": metadata,
        "workflow": _value(choice(AgreementCreateWorkflowType0, workflow, "workflow")),
        "authority": _value(choice(AgreementCreateAuthorityType0, authority, "authority")),
        "relations": None if relations is None else [_relation(r) for r in relations],
        "exemptions": exemptions,
        "provisions": provisions,
        "note": note,
        "reference": reference,
        **_identity(rta_type, coverage, wto_notifications, rta_is_id, desta_id),
    }
    payload = body(AgreementCreate, fields, announced_at=when(announced_at, "announced_at"))
    return Call(create_agreement, {"body": payload, "idempotency_key": opt(idempotency_key)}, AgreementOut)


def agreements_list(
    *,
    state: str | None = None,
    party: str | None = None,
    q: str | None = None,
    as_of: Day | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Call[PageAgreementOut]:
    """Agreements, oldest first, `limit` a page: iterate over the result for every page.

    Filters: `state`, `party` (a code), `q` (words of the title). With `as_of` (a date) each
    agreement shows the state it was in that day, and `state` selects on it. `cursor` starts at
    a page whose next_cursor you kept.
    """
    kwargs = {
        "state": opt(state),
        "party": opt(party),
        "q": opt(q),
        "limit": limit,
        "cursor": opt(cursor),
        "as_of": day(as_of, "as_of"),
    }
    return Call(list_agreements, kwargs, PageAgreementOut, cursor="cursor")


def agreements_get(agreement_id: str, *, as_of: Day | None = None) -> Call[AgreementOut]:
    """One agreement; with `as_of` (a date), in the state it was in that day. Raises NotFound."""
    return Call(get_agreement, {"agreement_id": agreement_id, "as_of": day(as_of, "as_of")}, AgreementOut)


def agreements_update(
    agreement_id: str,
    version: int,
    *,
    title: str | None = None,
    sectors: list[str] | None = None,
    metadata: dict[str, Any] | None = None,
    rta_type: str | None = None,
    coverage: str | None = None,
    wto_notifications: list[Mapping[str, Any]] | None = None,
    rta_is_id: int | None = None,
    desta_id: int | None = None,
) -> Call[AgreementOut]:
    """Change the title, sectors, metadata or RTA-IS identity (as in `create`) of an agreement
    you read at `version` (sent as If-Match); raises VersionMismatch if it has changed since. Not
    retried after it may have reached the server (a PATCH without an Idempotency-Key)."""
    fields = {"title": title, "sectors": sectors, "metadata": metadata}
    payload = body(AgreementUpdate, {**fields, **_identity(rta_type, coverage, wto_notifications, rta_is_id, desta_id)})
    return Call(
        update_agreement, {"agreement_id": agreement_id, "body": payload, "if_match": if_match(version)}, AgreementOut
    )


def agreements_relations(agreement_id: str) -> Call[RelationList]:
    """The agreements this one supersedes or amends, and those that supersede or amend it."""
    return Call(list_relations, {"agreement_id": agreement_id}, RelationList)


def agreements_diagram(agreement_id: str) -> Call[Diagram]:
    """A Mermaid diagram of the agreement's workflow, with the path it took and its state marked."""
    return Call(get_diagram, {"agreement_id": agreement_id}, Diagram)


def agreements_project(agreement_id: str, events: Iterable[Assumed]) -> Call[Projection]:
    """What-if: every clock once `events` have happened on their dates ((event, date) pairs, or
    dicts with "event", "occurred_at" and optionally "clock" and "days"). Writes nothing. Raises
    InvalidTransition when the path does not allow an assumed event."""
    payload = ProjectionCreate(events=[_assumed(e) for e in events])
    return Call(create_projection, {"agreement_id": agreement_id, "body": payload}, Projection)


# == transitions (an agreement's history) =======================================================


def transitions_create(
    agreement_id: str,
    event: str,
    *,
    occurred_at: EventDate | str | None = None,
    note: str | None = None,
    reference: str | None = None,
    clock: str | None = None,
    days: int | None = None,
    override_reason: str | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
) -> Call[TransitionResult]:
    """Fire `event` on the agreement: the new history entry and the agreement as it now stands.

    `occurred_at` is when it really happened (a date means that day in Washington; default now).
    `clock` and `days` extend a deadline (event extend_deadline); `override_reason` (admin keys)
    overrides a statutory clock. With `expected_version` it is sent with If-Match and raises
    VersionMismatch if the agreement has moved on. Raises InvalidTransition (`allowed_events`,
    `reasons`) when the event cannot fire now. Retried safely with an Idempotency-Key.
    """
    fields = {
        "event": event,
        "note": note,
        "reference": reference,
        "clock": clock,
        "days": days,
        "override_reason": override_reason,
    }
    payload = body(TransitionCreate, fields, occurred_at=when(occurred_at, "occurred_at"))
    kwargs = {
        "agreement_id": agreement_id,
        "body": payload,
        "if_match": if_match(expected_version),
        "idempotency_key": opt(idempotency_key),
    }
    return Call(create_transition, kwargs, TransitionResult)


def transitions_list(agreement_id: str, *, limit: int = 50, cursor: str | None = None) -> Call[PageTransitionOut]:
    """The agreement's history, oldest first, `limit` entries a page: iterate for every page."""
    kwargs = {"agreement_id": agreement_id, "limit": limit, "cursor": opt(cursor)}
    return Call(list_transitions, kwargs, PageTransitionOut, cursor="cursor")


def transitions_get(agreement_id: str, sequence: int) -> Call[TransitionOut]:
    """History entry `sequence` (1 is the announcement), with its corrections and whether it is void."""
    return Call(get_transition, {"agreement_id": agreement_id, "sequence": sequence}, TransitionOut)


def transitions_available(agreement_id: str, *, on: Day | None = None) -> Call[AvailableTransitions]:
    """Every event and whether it is allowed today, or `on` a date as the history stood then, and why not."""
    return Call(get_available_transitions, {"agreement_id": agreement_id, "on": day(on, "on")}, AvailableTransitions)


def transitions_correct(
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
) -> Call[CorrectionResult]:
    """Correct history entry `sequence` in place, with a `reason`; the old values stay in its
    trail. `clear` names fields to empty ("note", "reference"). Raises InvalidTransition when
    the corrected timeline breaks a statutory clock (an admin key may pass `override_reason`),
    HistoryConflict for a void entry."""
    fields = {"reason": reason, "note": note, "reference": reference, "override_reason": override_reason}
    payload = body(CorrectionCreate, fields, occurred_at=when(occurred_at, "occurred_at"))
    for name in clear:
        if name not in ("note", "reference"):
            raise errors.InvalidArgument(
                f"clear: only note and reference can be cleared, not {name!r}", name="clear", value=name
            )
        setattr(payload, name, None)
    kwargs = {
        "agreement_id": agreement_id,
        "sequence": sequence,
        "body": payload,
        "if_match": if_match(expected_version),
        "idempotency_key": opt(idempotency_key),
    }
    return Call(create_correction, kwargs, CorrectionResult)


def transitions_void(
    agreement_id: str,
    sequence: int,
    reason: str,
    *,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
) -> Call[TransitionResult]:
    """Void the agreement's latest state change (entry `sequence`): it returns to the state
    before it and the entry stays in the history, marked void. Raises HistoryConflict (with
    `voidable_sequence`) for any other entry."""
    kwargs = {
        "agreement_id": agreement_id,
        "sequence": sequence,
        "body": VoidCreate(reason=reason),
        "if_match": if_match(expected_version),
        "idempotency_key": opt(idempotency_key),
    }
    return Call(void_transition, kwargs, TransitionResult)


# == deadlines ==================================================================================


def deadlines_list(
    *, due_before: Day | None = None, status: str | None = None, limit: int = 200, cursor: str | None = None
) -> Call[DeadlineList]:
    """Deadlines across agreements, soonest due first: optionally those due before a date, or of
    one `status` (pending, met, missed, not_applicable, passed). At most `limit` (up to 200); the
    result's `next_cursor`, passed as `cursor`, gives the next page."""
    kwargs = {
        "due_before": day(due_before, "due_before"),
        "status": opt(choice(ListDeadlinesStatusType0, status, "status")),
        "limit": limit,
        "cursor": opt(cursor),
    }
    return Call(list_deadlines, kwargs, DeadlineList)


def deadlines_for_agreement(agreement_id: str, *, on: Day | None = None) -> Call[DeadlineList]:
    """Every statutory clock of the agreement, with its trigger, due date and status today, or
    as they stood `on` a date."""
    return Call(list_agreement_deadlines, {"agreement_id": agreement_id, "on": day(on, "on")}, DeadlineList)


# == workflows ==================================================================================


def workflows_list() -> Call[WorkflowList]:
    """Every workflow definition, every version, as data."""
    return Call(list_workflows, {}, WorkflowList)


def workflows_get(name: str, version: int | None = None) -> Call[Workflow]:
    """One workflow definition (the latest version unless `version`), with a Mermaid diagram."""
    return Call(get_workflow, {"name": name, "version": opt(version)}, Workflow)


# == events (the feed) ==========================================================================


def events_list(
    *,
    type: str | None = None,
    agreement_id: str | None = None,
    after: str | None = None,
    limit: int = 50,
) -> Call[PageEventOut]:
    """The event feed in order, `limit` a page: iterate for every page. `after` is a next_cursor
    you kept (resume there); `type` and `agreement_id` filter. `endpoint.*` events are listed
    only for keys with the webhooks:manage scope."""
    kwargs = {
        "after": opt(after),
        "type_": opt(choice(ListEventsTypeType0, type, "type")),
        "agreement_id": opt(agreement_id),
        "limit": limit,
    }
    return Call(list_events, kwargs, PageEventOut, cursor="after")


def events_get(event_id: str) -> Call[EventOut]:
    """One event of the feed by id (the webhook-id of its deliveries)."""
    return Call(get_event, {"event_id": event_id}, EventOut)


def events_types() -> Call[EventTypeList]:
    """Every event type: what it means, the JSON Schema of what a webhook receives and an example."""
    return Call(list_event_types, {}, EventTypeList)


def events_stream_call(*, after: str | None, type: str | None, agreement_id: str | None) -> Call[str]:
    kwargs = {
        "after": opt(after),
        "type_": opt(choice(StreamEventsTypeType0, type, "type")),
        "agreement_id": opt(agreement_id),
    }
    return Call(stream_events, kwargs, TEXT)


# == webhook endpoints ==========================================================================


def webhook_endpoints_create(
    url: str,
    *,
    event_types: Iterable[str] | None = None,
    agreement_ids: Iterable[str] | None = None,
    parties: Iterable[str] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
) -> Call[WebhookEndpointWithSecret]:
    """Subscribe `url` to events; the answer holds the signing `secret`, shown only here.

    Filters (empty or None means all): `event_types`, `agreement_ids`, `parties`. Raises
    WebhookUrlRefused for a URL that is not http(s) or resolves to a private address, and
    LimitReached past the installation's endpoint limit.
    """
    fields = {
        "url": url,
        "event_types": _event_types(event_types),
        "agreement_ids": None if agreement_ids is None else list(agreement_ids),
        "parties": _parties(parties),
        "description": description,
        "enabled": enabled,
    }
    return Call(create_webhook_endpoint, {"body": body(WebhookEndpointCreate, fields)}, WebhookEndpointWithSecret)


def webhook_endpoints_list(*, limit: int = 50, cursor: str | None = None) -> Call[PageWebhookEndpointOut]:
    """Every webhook endpoint, oldest first (without secrets): iterate for every page."""
    return Call(
        list_webhook_endpoints, {"limit": limit, "cursor": opt(cursor)}, PageWebhookEndpointOut, cursor="cursor"
    )


def webhook_endpoints_get(endpoint_id: str) -> Call[WebhookEndpointOut]:
    """One webhook endpoint (without its secret)."""
    return Call(get_webhook_endpoint, {"endpoint_id": endpoint_id}, WebhookEndpointOut)


def webhook_endpoints_update(
    endpoint_id: str,
    *,
    url: str | None = None,
    event_types: Iterable[str] | None = None,
    agreement_ids: Iterable[str] | None = None,
    parties: Iterable[str] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
) -> Call[WebhookEndpointOut]:
    """Change an endpoint's URL, filters or description, or enable / disable it; None leaves a
    field as it is (an empty list removes a filter)."""
    fields = {
        "url": url,
        "event_types": _event_types(event_types),
        "agreement_ids": None if agreement_ids is None else list(agreement_ids),
        "parties": _parties(parties),
        "description": description,
        "enabled": enabled,
    }
    payload = body(WebhookEndpointUpdate, fields)
    return Call(update_webhook_endpoint, {"endpoint_id": endpoint_id, "body": payload}, WebhookEndpointOut)


def webhook_endpoints_delete(endpoint_id: str) -> Call[None]:
    """Remove the endpoint with its delivery log."""
    return Call(delete_webhook_endpoint, {"endpoint_id": endpoint_id}, NO_BODY)


def webhook_endpoints_rotate_secret(endpoint_id: str) -> Call[RotatedSecret]:
    """A new signing secret; the previous one also signs deliveries until `previous_secret_expires_at`."""
    return Call(rotate_webhook_secret, {"endpoint_id": endpoint_id}, RotatedSecret)


def webhook_endpoints_test(endpoint_id: str, type: str = "agreement.transitioned") -> Call[TestEventResult]:
    """Send the endpoint a signed example event of `type` now and say how it answered
    (`succeeded`, `response_status`, `error`...). Not retried by the server, and in neither the
    feed nor the delivery log; the webhook-id is `evt_test_...`."""
    payload = TestEventRequest(type_=choice(TestEventRequestType, type, "type"))
    return Call(send_test_webhook, {"endpoint_id": endpoint_id, "body": payload}, TestEventResult)


def webhook_endpoints_deliveries(
    endpoint_id: str, *, limit: int = 50, cursor: str | None = None
) -> Call[PageDeliveryOut]:
    """Deliveries to the endpoint, newest first, each with its attempts: iterate for every page."""
    kwargs = {"endpoint_id": endpoint_id, "limit": limit, "cursor": opt(cursor)}
    return Call(list_webhook_deliveries, kwargs, PageDeliveryOut, cursor="cursor")


def webhook_endpoints_redeliver(endpoint_id: str, delivery_id: str) -> Call[DeliveryOut]:
    """Send a delivery's event again, as a new delivery with the same webhook-id."""
    return Call(redeliver_webhook, {"endpoint_id": endpoint_id, "delivery_id": delivery_id}, DeliveryOut)


def webhook_endpoints_replay(
    endpoint_id: str, since: datetime.datetime | str, until: datetime.datetime | str | None = None
) -> Call[ReplayResult]:
    """Send again every event recorded between `since` and `until` (default now) that the
    endpoint's filters select; the answer counts the new deliveries."""
    payload = ReplayRequest(since=instant(since, "since"), until=opt(instant(until, "until")))  # type: ignore[arg-type]
    return Call(replay_webhooks, {"endpoint_id": endpoint_id, "body": payload}, ReplayResult)


# == API keys ===================================================================================


def api_keys_create(
    name: str, scopes: Iterable[str], *, expires_at: datetime.datetime | str | None = None
) -> Call[ApiKeyCreated]:
    """Create an API key (admin). `scopes` from agreements:read, agreements:write,
    webhooks:manage, admin. The key itself is in this answer only."""
    fields = {"name": name, "scopes": [m.value for m in choices(Scope, scopes, "scopes") or []]}
    payload = body(ApiKeyCreate, fields, expires_at=instant(expires_at, "expires_at"))
    return Call(create_api_key, {"body": payload}, ApiKeyCreated)


def api_keys_list(*, limit: int = 50, cursor: str | None = None) -> Call[PageApiKeyOut]:
    """Every API key, revoked ones included, without the keys themselves: iterate for every page."""
    return Call(list_api_keys, {"limit": limit, "cursor": opt(cursor)}, PageApiKeyOut, cursor="cursor")


def api_keys_revoke(key_id: str) -> Call[None]:
    """Revoke a key: requests with it are refused from now on (within seconds in other processes)."""
    return Call(revoke_api_key, {"key_id": key_id}, NO_BODY)


# == health and metrics =========================================================================


def health_live() -> Call[Health]:
    """Liveness: the process is alive and serving (/healthz)."""
    return Call(healthz, {}, Health)


def health_ready() -> Call[Readiness]:
    """Readiness (/readyz): the database answers and its schema is at the latest migration.
    Raises ServiceUnavailable when it is not (after the client's retries)."""
    return Call(readyz, {}, Readiness)


def metrics_get() -> Call[str]:
    """The Prometheus metrics of the process that answers, as text (admin key, unless public)."""
    return Call(get_metrics, {}, TEXT)


# == documents of an agreement ==================================================================


def _iso(value: Day | None, name: str) -> str | None:
    """A date argument as the YYYY-MM-DD text the generated from_dict reads."""
    parsed = day(value, name)
    return parsed.isoformat() if isinstance(parsed, datetime.date) else None


def _inferred(enum_cls: type[Any], values: Iterable[str] | None) -> list[str] | None:
    members = choices(enum_cls, values, "inferred")
    return None if members is None else [m.value for m in members]


def _clear(payload: Any, clear: Iterable[str], allowed: tuple[str, ...]) -> Any:
    """Set the fields named in `clear` to null (None elsewhere means "leave as it is")."""
    if isinstance(clear, str):
        clear = [clear]
    for name in clear:
        if name not in allowed:
            raise errors.InvalidArgument(
                f"clear: only {', '.join(allowed)} can be cleared, not {name!r}", name="clear", value=name
            )
        setattr(payload, name, None)
    return payload


DOCUMENT_CLEARABLE = ("sequence", "fr_citation", "note")
ROUND_CLEARABLE = ("summary_url", "note")
CONSULTATION_CLEARABLE = ("title", "url", "hearing_on", "post_hearing_comments_due", "note")


def documents_create(
    agreement_id: str,
    type: str,
    title: str,
    url: str,
    published_on: Day,
    *,
    sequence: int | None = None,
    fr_citation: str | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    idempotency_key: str | None = None,
) -> Call[DocumentOut]:
    """Record a document of the agreement: its `type` (text, negotiating_objectives,
    federal_register_notice, itc_report, fact_sheet, press_release,
    statement_of_administrative_action, other), `title`, `url` (http or https) and
    `published_on` (a date, not in the future).

    `sequence` attaches it to a history entry (which must exist); `fr_citation` is a Federal
    Register citation ("83 FR 57526"); `inferred` names the fields not read in a source (say why
    in `note`). Retried safely with an Idempotency-Key. Raises NotFound (no such agreement),
    ValidationError (invalid fields, an entry that does not exist).
    """
    fields = {
        "type": choice(DocumentCreateType, type, "type").value,
        "title": title,
        "url": url,
        "published_on": _iso(published_on, "published_on"),
        "sequence": sequence,
        "fr_citation": fr_citation,
        "note": note,
        "inferred": _inferred(DocumentCreateInferredItem, inferred),
    }
    kwargs = {
        "agreement_id": agreement_id,
        "body": body(DocumentCreate, fields),
        "idempotency_key": opt(idempotency_key),
    }
    return Call(create_document, kwargs, DocumentOut)


def documents_list(
    agreement_id: str,
    *,
    type: str | None = None,
    attached: bool | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Call[PageDocumentOut]:
    """The agreement's documents, `limit` a page: iterate over the result for every page.
    `type` keeps one type; `attached=True` only those naming a history entry, False only those
    that name none."""
    kwargs = {
        "agreement_id": agreement_id,
        "type_": opt(choice(ListDocumentsTypeType0, type, "type")),
        "attached": opt(attached),
        "limit": limit,
        "cursor": opt(cursor),
    }
    return Call(list_documents, kwargs, PageDocumentOut, cursor="cursor")


def documents_get(agreement_id: str, document_id: str) -> Call[DocumentOut]:
    """One document of the agreement (doc_...). Raises NotFound."""
    return Call(get_document, {"agreement_id": agreement_id, "document_id": document_id}, DocumentOut)


def documents_update(
    agreement_id: str,
    document_id: str,
    *,
    type: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published_on: Day | None = None,
    sequence: int | None = None,
    fr_citation: str | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    clear: Iterable[str] = (),
) -> Call[DocumentOut]:
    """Change fields of a document; None leaves a field as it is, and `clear` names fields to
    empty ("sequence" detaches it from its entry, "fr_citation", "note"). Not retried after it
    may have reached the server (a PATCH). Raises NotFound, ValidationError."""
    fields = {
        "type": None if type is None else choice(DocumentCreateType, type, "type").value,
        "title": title,
        "url": url,
        "published_on": _iso(published_on, "published_on"),
        "sequence": sequence,
        "fr_citation": fr_citation,
        "note": note,
        "inferred": _inferred(DocumentUpdateInferredType0Item, inferred),
    }
    payload = _clear(body(DocumentUpdate, fields), clear, DOCUMENT_CLEARABLE)
    kwargs = {"agreement_id": agreement_id, "document_id": document_id, "body": payload}
    return Call(update_document, kwargs, DocumentOut)


def documents_delete(agreement_id: str, document_id: str) -> Call[None]:
    """Delete a document of the agreement (a document.deleted event records it). Raises NotFound."""
    return Call(delete_document, {"agreement_id": agreement_id, "document_id": document_id}, NO_BODY)


def documents_timeline(agreement_id: str, *, limit: int = 50, cursor: str | None = None) -> Call[Timeline]:
    """The agreement's history, oldest first, each entry (TimelineEntry) with its `documents`:
    iterate over the result for every entry of every page. The first page also has
    `unattached` (documents that name no entry, at most `limit`) and `unattached_more`."""
    kwargs = {"agreement_id": agreement_id, "limit": limit, "cursor": opt(cursor)}
    return Call(get_timeline, kwargs, Timeline, cursor="cursor")


# == negotiating rounds =========================================================================


def rounds_create(
    agreement_id: str,
    starts_on: Day,
    ends_on: Day,
    location: str,
    *,
    number: int | None = None,
    chapters: Iterable[str] | None = None,
    summary_url: str | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    idempotency_key: str | None = None,
) -> Call[RoundOut]:
    """Record the agreement's next negotiating round, held from `starts_on` to `ends_on` (dates)
    at `location` ("city, country"), with the `chapters` discussed and a `summary_url`.

    `number` defaults to the next one; rounds are numbered without gaps, in the order they were
    held. Retried safely with an Idempotency-Key. Raises RoundOutsideNegotiation (`state`, `on`)
    when the agreement was not negotiating on those days, RoundConflict (`expected_number`) for
    a number that is taken or leaves a gap, NotFound, ValidationError.
    """
    fields = {
        "number": number,
        "starts_on": _iso(starts_on, "starts_on"),
        "ends_on": _iso(ends_on, "ends_on"),
        "location": location,
        "chapters": None if chapters is None else list(chapters),
        "summary_url": summary_url,
        "note": note,
        "inferred": _inferred(RoundCreateInferredItem, inferred),
    }
    kwargs = {"agreement_id": agreement_id, "body": body(RoundCreate, fields), "idempotency_key": opt(idempotency_key)}
    return Call(create_round, kwargs, RoundOut)


def rounds_list(agreement_id: str, *, limit: int = 50, cursor: str | None = None) -> Call[PageRoundOut]:
    """The agreement's rounds in number order, `limit` a page: iterate for every page."""
    kwargs = {"agreement_id": agreement_id, "limit": limit, "cursor": opt(cursor)}
    return Call(list_rounds, kwargs, PageRoundOut, cursor="cursor")


def rounds_get(agreement_id: str, number: int) -> Call[RoundOut]:
    """Round `number` (1, 2...) of the agreement. Raises NotFound."""
    return Call(get_round, {"agreement_id": agreement_id, "number": number}, RoundOut)


def rounds_update(
    agreement_id: str,
    number: int,
    *,
    starts_on: Day | None = None,
    ends_on: Day | None = None,
    location: str | None = None,
    chapters: Iterable[str] | None = None,
    summary_url: str | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    clear: Iterable[str] = (),
) -> Call[RoundOut]:
    """Correct a round; None leaves a field as it is, `clear` empties "summary_url" or "note".
    Its dates must still be days the agreement was negotiating (else RoundOutsideNegotiation) and
    keep the rounds in order (else RoundConflict). Not retried after it may have reached the
    server (a PATCH)."""
    fields = {
        "starts_on": _iso(starts_on, "starts_on"),
        "ends_on": _iso(ends_on, "ends_on"),
        "location": location,
        "chapters": None if chapters is None else list(chapters),
        "summary_url": summary_url,
        "note": note,
        "inferred": _inferred(RoundUpdateInferredType0Item, inferred),
    }
    payload = _clear(body(RoundUpdate, fields), clear, ROUND_CLEARABLE)
    return Call(update_round, {"agreement_id": agreement_id, "number": number, "body": payload}, RoundOut)


def rounds_delete(agreement_id: str, number: int) -> Call[None]:
    """Delete the agreement's last round; any other raises RoundConflict (rounds are numbered
    without gaps). Raises NotFound."""
    return Call(delete_round, {"agreement_id": agreement_id, "number": number}, NO_BODY)


# == public consultations =======================================================================


def consultations_create(
    agreement_id: str,
    docket_id: str,
    fr_citation: str,
    opens_on: Day,
    comments_due: Day,
    *,
    title: str | None = None,
    url: str | None = None,
    hearing_on: Day | None = None,
    post_hearing_comments_due: Day | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    idempotency_key: str | None = None,
) -> Call[ConsultationOut]:
    """Record a public consultation on the agreement: its regulations.gov `docket_id`
    ("USTR-2017-0006"), the Federal Register notice (`fr_citation`, "82 FR 23699"), the day it
    `opens_on` and the day written comments are due (`comments_due`), optionally a public
    hearing (`hearing_on`) and post-hearing comments due date.

    Retried safely with an Idempotency-Key. Raises AlreadyExists (`existing_id`) when the
    agreement already has a consultation with this docket, ValidationError for dates out of
    order or invalid fields, NotFound.
    """
    fields = {
        "docket_id": docket_id,
        "fr_citation": fr_citation,
        "opens_on": _iso(opens_on, "opens_on"),
        "comments_due": _iso(comments_due, "comments_due"),
        "title": title,
        "url": url,
        "hearing_on": _iso(hearing_on, "hearing_on"),
        "post_hearing_comments_due": _iso(post_hearing_comments_due, "post_hearing_comments_due"),
        "note": note,
        "inferred": _inferred(ConsultationCreateInferredItem, inferred),
    }
    payload = body(ConsultationCreate, fields)
    kwargs = {"agreement_id": agreement_id, "body": payload, "idempotency_key": opt(idempotency_key)}
    return Call(create_consultation, kwargs, ConsultationOut)


def consultations_list(agreement_id: str, *, limit: int = 50, cursor: str | None = None) -> Call[PageConsultationOut]:
    """The agreement's consultations, `limit` a page: iterate for every page."""
    kwargs = {"agreement_id": agreement_id, "limit": limit, "cursor": opt(cursor)}
    return Call(list_consultations, kwargs, PageConsultationOut, cursor="cursor")


def consultations_get(agreement_id: str, consultation_id: str) -> Call[ConsultationOut]:
    """One consultation of the agreement (con_...). Raises NotFound."""
    kwargs = {"agreement_id": agreement_id, "consultation_id": consultation_id}
    return Call(get_consultation, kwargs, ConsultationOut)


def consultations_update(
    agreement_id: str,
    consultation_id: str,
    *,
    docket_id: str | None = None,
    fr_citation: str | None = None,
    title: str | None = None,
    url: str | None = None,
    opens_on: Day | None = None,
    comments_due: Day | None = None,
    hearing_on: Day | None = None,
    post_hearing_comments_due: Day | None = None,
    note: str | None = None,
    inferred: Iterable[str] | None = None,
    clear: Iterable[str] = (),
) -> Call[ConsultationOut]:
    """Change fields of a consultation; None leaves a field as it is, and `clear` names fields
    to empty ("title", "url", "hearing_on", "post_hearing_comments_due", "note"). Not retried
    after it may have reached the server (a PATCH). Raises AlreadyExists for a docket the
    agreement already has, ValidationError, NotFound."""
    fields = {
        "docket_id": docket_id,
        "fr_citation": fr_citation,
        "title": title,
        "url": url,
        "opens_on": _iso(opens_on, "opens_on"),
        "comments_due": _iso(comments_due, "comments_due"),
        "hearing_on": _iso(hearing_on, "hearing_on"),
        "post_hearing_comments_due": _iso(post_hearing_comments_due, "post_hearing_comments_due"),
        "note": note,
        "inferred": _inferred(ConsultationUpdateInferredItem, inferred),
    }
    payload = _clear(body(ConsultationUpdate, fields), clear, CONSULTATION_CLEARABLE)
    kwargs = {"agreement_id": agreement_id, "consultation_id": consultation_id, "body": payload}
    return Call(update_consultation, kwargs, ConsultationOut)


def consultations_delete(agreement_id: str, consultation_id: str) -> Call[None]:
    """Delete a consultation of the agreement (and its hearing clocks). Raises NotFound."""
    kwargs = {"agreement_id": agreement_id, "consultation_id": consultation_id}
    return Call(delete_consultation, kwargs, NO_BODY)


# == exports (CSV) and calendar feeds ===========================================================

# Where a download goes: a path, or a binary file open for writing.
Destination = str | os.PathLike[str] | BinaryIO
BOM = "\ufeff"


def exports_agreements_call(
    *, state: str | None = None, party: str | None = None, q: str | None = None, as_of: Day | None = None
) -> Call[str]:
    kwargs = {"state": opt(state), "party": opt(party), "q": opt(q), "as_of": day(as_of, "as_of")}
    return Call(export_agreements, kwargs, TEXT)


def exports_transitions_call(agreement_id: str) -> Call[str]:
    return Call(export_transitions, {"agreement_id": agreement_id}, TEXT)


def calendar_feeds_create(name: str, *, agreement_id: str | None = None) -> Call[CalendarFeedCreated]:
    """A calendar feed (iCalendar) of deadlines and hearings: of one agreement, or of every
    agreement without `agreement_id`. The answer's `token` (cal_..., shown only here) and `url`
    (/v1/calendar/{token}.ics) are the feed's read-only secret: give the URL to a calendar
    application, or read it with `calendar_feeds.ics(token)`."""
    payload = body(CalendarFeedCreate, {"name": name, "agreement_id": agreement_id})
    return Call(create_calendar_feed, {"body": payload}, CalendarFeedCreated)


def calendar_feeds_list(*, limit: int = 50, cursor: str | None = None) -> Call[PageCalendarFeedOut]:
    """Every calendar feed, revoked ones included, without their tokens: iterate for every page."""
    return Call(list_calendar_feeds, {"limit": limit, "cursor": opt(cursor)}, PageCalendarFeedOut, cursor="cursor")


def calendar_feeds_delete(feed_id: str) -> Call[None]:
    """Revoke a calendar feed: its URL answers 404 from now on. Raises NotFound."""
    return Call(revoke_calendar_feed, {"feed_id": feed_id}, NO_BODY)


def calendar_feeds_ics(token: str) -> Call[str]:
    """The feed's iCalendar text (text/calendar) from its `token` (cal_...), or its `url` as
    created (/v1/calendar/cal_....ics, absolute or not). Needs no API key: the token is the
    feed's secret. Raises NotFound for an unknown or revoked token."""
    token = token.rsplit("/", 1)[-1].removesuffix(".ics")
    return Call(get_calendar, {"token": token}, TEXT)


def _check_destination(destination: Destination) -> None:
    if not isinstance(destination, (str, os.PathLike)) and not hasattr(destination, "write"):
        raise errors.InvalidArgument(
            f"to: give a path or a binary file open for writing, not {destination!r}", name="to", value=destination
        )


def _writer(destination: Destination) -> tuple[BinaryIO, bool]:
    """The binary file to write to, and whether it is ours to close. A path is opened only
    once the answer is a success, so an error leaves no file behind."""
    if isinstance(destination, (str, os.PathLike)):
        return open(destination, "wb"), True  # closed by the caller
    return destination, False


def download(client: Accord, call: Call[Any], destination: Destination) -> int:
    """Stream the success body of `call` into `destination`, without holding it in memory; the
    number of bytes written. An error answer raises its typed error, and nothing is written."""
    _check_destination(destination)
    http = client.client.get_httpx_client()
    try:
        with http.stream(**request_arguments(call, client._options)) as response:
            if not response.is_success:
                response.read()
                result(call, response, client.client)  # raises the typed error
            out, ours = _writer(destination)
            try:
                written = 0
                for chunk in response.iter_bytes():
                    out.write(chunk)
                    written += len(chunk)
                return written
            finally:
                if ours:
                    out.close()
    except HTTPX_ERRORS as error:
        raise wrap_httpx(error) from error


async def adownload(client: AsyncAccord, call: Call[Any], destination: Destination) -> int:
    """The asyncio twin of `download` (the file is written synchronously, chunk by chunk)."""
    _check_destination(destination)
    http = client.client.get_async_httpx_client()
    try:
        async with http.stream(**request_arguments(call, client._options)) as response:
            if not response.is_success:
                await response.aread()
                result(call, response, client.client)
            out, ours = _writer(destination)
            try:
                written = 0
                async for chunk in response.aiter_bytes():
                    out.write(chunk)
                    written += len(chunk)
                return written
            finally:
                if ours:
                    out.close()
    except HTTPX_ERRORS as error:
        raise wrap_httpx(error) from error


# == the namespaces =============================================================================


class _SyncResource:
    def __init__(self, client: Accord) -> None:
        self._client = client

    def _send(self, call: Call[Any]) -> Any:
        return self._client._send(call)

    def _send_page(self, call: Call[Any]) -> Any:
        return self._client._send_page(call)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class _AsyncResource:
    def __init__(self, client: AsyncAccord) -> None:
        self._client = client

    async def _send(self, call: Call[Any]) -> Any:
        return await self._client._send(call)

    async def _send_page(self, call: Call[Any]) -> Any:
        return await self._client._send_page(call)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class Agreements(_SyncResource):
    """`accord.agreements`: create, list, read and change agreements; relations, diagram, projection."""

    create = sync_method(agreements_create)
    list = sync_list(agreements_list)
    get = sync_method(agreements_get)
    update = sync_method(agreements_update)
    relations = sync_method(agreements_relations)
    diagram = sync_method(agreements_diagram)
    project = sync_method(agreements_project)


class AsyncAgreements(_AsyncResource):
    """`accord.agreements` of AsyncAccord."""

    create = async_method(agreements_create)
    list = async_list(agreements_list)
    get = async_method(agreements_get)
    update = async_method(agreements_update)
    relations = async_method(agreements_relations)
    diagram = async_method(agreements_diagram)
    project = async_method(agreements_project)


class Transitions(_SyncResource):
    """`accord.transitions`: fire events, read the history, correct and void entries."""

    create = sync_method(transitions_create)
    list = sync_list(transitions_list)
    get = sync_method(transitions_get)
    available = sync_method(transitions_available)
    correct = sync_method(transitions_correct)
    void = sync_method(transitions_void)


class AsyncTransitions(_AsyncResource):
    """`accord.transitions` of AsyncAccord."""

    create = async_method(transitions_create)
    list = async_list(transitions_list)
    get = async_method(transitions_get)
    available = async_method(transitions_available)
    correct = async_method(transitions_correct)
    void = async_method(transitions_void)


class Deadlines(_SyncResource):
    """`accord.deadlines`: statutory clocks across agreements or of one agreement."""

    list = sync_method(deadlines_list)
    for_agreement = sync_method(deadlines_for_agreement)

    def __call__(self, agreement_id: str, *, on: Day | None = None) -> DeadlineList:
        """The same as `accord.deadlines.for_agreement(agreement_id, on=...)`: `accord.deadlines(id)`
        was a method in version 0.1."""
        return self.for_agreement(agreement_id, on=on)


class AsyncDeadlines(_AsyncResource):
    """`accord.deadlines` of AsyncAccord."""

    list = async_method(deadlines_list)
    for_agreement = async_method(deadlines_for_agreement)

    async def __call__(self, agreement_id: str, *, on: Day | None = None) -> DeadlineList:
        """The same as `accord.deadlines.for_agreement(agreement_id, on=...)`: `accord.deadlines(id)`
        was a method in version 0.1."""
        return await self.for_agreement(agreement_id, on=on)


class Workflows(_SyncResource):
    """`accord.workflows`: the workflow definitions as data."""

    list = sync_method(workflows_list)
    get = sync_method(workflows_get)


class AsyncWorkflows(_AsyncResource):
    """`accord.workflows` of AsyncAccord."""

    list = async_method(workflows_list)
    get = async_method(workflows_get)


def _feed_window(page: Any, seen: set[str]) -> tuple[list[EventOut], str | None]:
    fresh = [e for e in page.data if e.id not in seen]
    seen.update(e.id for e in fresh)
    return fresh, page.next_cursor if isinstance(page.next_cursor, str) and page.next_cursor else None


class Events(_SyncResource):
    """`accord.events`: the ordered event feed: list (pages), iterate (poll it), stream (live,
    Server-Sent Events), get one, and the catalog of event types."""

    list = sync_list(events_list)
    get = sync_method(events_get)
    types = sync_method(events_types)

    def stream(
        self,
        *,
        after: str | None = None,
        type: str | None = None,
        agreement_id: str | None = None,
        reconnect: bool = True,
    ) -> Iterator[WebhookEvent]:
        """The feed live: every event after `after` (a cursor: an earlier event's `cursor`, or a
        next_cursor; None is the start of the feed), then each new one as it commits, as typed
        events (the classes of `webhooks.verify`, each with its `cursor`). Runs until you break
        out. A dropped connection is reopened with Last-Event-ID, so nothing is lost or repeated;
        after max_retries failures in a row, or at once with reconnect=False, it raises
        APIConnectionError. The connection is idle at most 15 s (keep-alives), so a read timeout
        above that detects a dead one."""
        return _sse.stream(
            self._client,
            build(events_stream_call, (), {"after": after, "type": type, "agreement_id": agreement_id}),
            reconnect=reconnect,
        )

    def iterate(
        self,
        *,
        after: str | None = None,
        type: str | None = None,
        agreement_id: str | None = None,
        limit: int = 50,
        follow: bool = False,
        poll_interval: float = 2.0,
    ) -> Iterator[EventOut]:
        """Every event after `after` (a next_cursor you kept; None starts at the beginning), in
        order, page after page. With `follow=True` it does not stop at the end of the feed but
        asks again every `poll_interval` seconds and yields new events as they are recorded
        (leave the loop with break)."""
        call = events_list(type=type, agreement_id=agreement_id, after=after, limit=limit)
        seen: set[str] = set()
        while True:
            fresh, cursor = _feed_window(self._send(call), seen)
            yield from fresh
            if cursor is not None:
                call, seen = call.at(cursor), set()
            elif not follow:
                return
            else:
                time.sleep(poll_interval)


class AsyncEvents(_AsyncResource):
    """`accord.events` of AsyncAccord."""

    list = async_list(events_list)
    get = async_method(events_get)
    types = async_method(events_types)

    def stream(
        self,
        *,
        after: str | None = None,
        type: str | None = None,
        agreement_id: str | None = None,
        reconnect: bool = True,
    ) -> AsyncIterator[WebhookEvent]:
        """The feed live, as an async iterator of typed events (see `Accord.events.stream`):
        `async for event in accord.events.stream(after=cursor): ...`."""
        return _sse.astream(
            self._client,
            build(events_stream_call, (), {"after": after, "type": type, "agreement_id": agreement_id}),
            reconnect=reconnect,
        )

    async def iterate(
        self,
        *,
        after: str | None = None,
        type: str | None = None,
        agreement_id: str | None = None,
        limit: int = 50,
        follow: bool = False,
        poll_interval: float = 2.0,
    ) -> AsyncIterator[EventOut]:
        """Every event after `after` (a next_cursor you kept; None starts at the beginning), in
        order, page after page. With `follow=True` it does not stop at the end of the feed but
        asks again every `poll_interval` seconds and yields new events as they are recorded."""
        call = events_list(type=type, agreement_id=agreement_id, after=after, limit=limit)
        seen: set[str] = set()
        while True:
            fresh, cursor = _feed_window(await self._send(call), seen)
            for event in fresh:
                yield event
            if cursor is not None:
                call, seen = call.at(cursor), set()
            elif not follow:
                return
            else:
                await asyncio.sleep(poll_interval)


class WebhookEndpoints(_SyncResource):
    """`accord.webhook_endpoints`: subscriptions, secrets, deliveries, redelivery and replay."""

    create = sync_method(webhook_endpoints_create)
    list = sync_list(webhook_endpoints_list)
    get = sync_method(webhook_endpoints_get)
    update = sync_method(webhook_endpoints_update)
    delete = sync_method(webhook_endpoints_delete)
    rotate_secret = sync_method(webhook_endpoints_rotate_secret)
    test = sync_method(webhook_endpoints_test)
    deliveries = sync_list(webhook_endpoints_deliveries)
    redeliver = sync_method(webhook_endpoints_redeliver)
    replay = sync_method(webhook_endpoints_replay)


class AsyncWebhookEndpoints(_AsyncResource):
    """`accord.webhook_endpoints` of AsyncAccord."""

    create = async_method(webhook_endpoints_create)
    list = async_list(webhook_endpoints_list)
    get = async_method(webhook_endpoints_get)
    update = async_method(webhook_endpoints_update)
    delete = async_method(webhook_endpoints_delete)
    rotate_secret = async_method(webhook_endpoints_rotate_secret)
    test = async_method(webhook_endpoints_test)
    deliveries = async_list(webhook_endpoints_deliveries)
    redeliver = async_method(webhook_endpoints_redeliver)
    replay = async_method(webhook_endpoints_replay)


class ApiKeys(_SyncResource):
    """`accord.api_keys` (admin): create, list and revoke API keys."""

    create = sync_method(api_keys_create)
    list = sync_list(api_keys_list)
    revoke = sync_method(api_keys_revoke)


class AsyncApiKeys(_AsyncResource):
    """`accord.api_keys` of AsyncAccord."""

    create = async_method(api_keys_create)
    list = async_list(api_keys_list)
    revoke = async_method(api_keys_revoke)


class HealthChecks(_SyncResource):
    """`accord.health`: liveness and readiness."""

    live = sync_method(health_live)
    ready = sync_method(health_ready)


class AsyncHealthChecks(_AsyncResource):
    """`accord.health` of AsyncAccord."""

    live = async_method(health_live)
    ready = async_method(health_ready)


class Metrics(_SyncResource):
    """`accord.metrics`: the Prometheus text of the process that answers."""

    get = sync_method(metrics_get)


class AsyncMetrics(_AsyncResource):
    """`accord.metrics` of AsyncAccord."""

    get = async_method(metrics_get)


class Documents(_SyncResource):
    """`accord.documents`: the documents of an agreement (texts, notices, reports...) and its
    timeline, the history with each entry's documents."""

    create = sync_method(documents_create)
    list = sync_list(documents_list)
    get = sync_method(documents_get)
    update = sync_method(documents_update)
    delete = sync_method(documents_delete)
    timeline = sync_list(documents_timeline)


class AsyncDocuments(_AsyncResource):
    """`accord.documents` of AsyncAccord."""

    create = async_method(documents_create)
    list = async_list(documents_list)
    get = async_method(documents_get)
    update = async_method(documents_update)
    delete = async_method(documents_delete)
    timeline = async_list(documents_timeline)


class Rounds(_SyncResource):
    """`accord.rounds`: the negotiating rounds of an agreement, numbered without gaps."""

    create = sync_method(rounds_create)
    list = sync_list(rounds_list)
    get = sync_method(rounds_get)
    update = sync_method(rounds_update)
    delete = sync_method(rounds_delete)


class AsyncRounds(_AsyncResource):
    """`accord.rounds` of AsyncAccord."""

    create = async_method(rounds_create)
    list = async_list(rounds_list)
    get = async_method(rounds_get)
    update = async_method(rounds_update)
    delete = async_method(rounds_delete)


class Consultations(_SyncResource):
    """`accord.consultations`: the public consultations (Federal Register notice, docket,
    comment and hearing dates) of an agreement."""

    create = sync_method(consultations_create)
    list = sync_list(consultations_list)
    get = sync_method(consultations_get)
    update = sync_method(consultations_update)
    delete = sync_method(consultations_delete)


class AsyncConsultations(_AsyncResource):
    """`accord.consultations` of AsyncAccord."""

    create = async_method(consultations_create)
    list = async_list(consultations_list)
    get = async_method(consultations_get)
    update = async_method(consultations_update)
    delete = async_method(consultations_delete)


def _csv_text(text: str) -> str:
    return text.removeprefix(BOM)


class Exports(_SyncResource):
    """`accord.exports`: CSV of the agreements list and of an agreement's history, as text or
    streamed to a file."""

    def agreements_csv(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        as_of: Day | None = None,
        to: Destination | None = None,
    ) -> str | int:
        """GET /v1/agreements.csv: every agreement (the filters of `agreements.list`: `state`,
        `party`, `q`, `as_of`), oldest first, as CSV. Without `to`, the text (without the byte
        order mark the server puts first for Excel). With `to` (a path, or a binary file open for
        writing) the bytes are streamed there as sent, BOM included, and the number of bytes
        written is returned."""
        call = build(exports_agreements_call, (), {"state": state, "party": party, "q": q, "as_of": as_of})
        if to is not None:
            return download(self._client, call, to)
        return _csv_text(self._send(call))

    def transitions_csv(self, agreement_id: str, *, to: Destination | None = None) -> str | int:
        """GET /v1/agreements/{id}/transitions.csv: the agreement's history as CSV, oldest first.
        Without `to`, the text (without the byte order mark); with `to` (a path or a binary file)
        streamed there as sent, returning the number of bytes written. Raises NotFound."""
        call = build(exports_transitions_call, (agreement_id,), {})
        if to is not None:
            return download(self._client, call, to)
        return _csv_text(self._send(call))


class AsyncExports(_AsyncResource):
    """`accord.exports` of AsyncAccord."""

    async def agreements_csv(
        self,
        *,
        state: str | None = None,
        party: str | None = None,
        q: str | None = None,
        as_of: Day | None = None,
        to: Destination | None = None,
    ) -> str | int:
        """The agreements as CSV: the text, or with `to` streamed to a path or binary file,
        returning the bytes written (see `Accord.exports.agreements_csv`)."""
        call = build(exports_agreements_call, (), {"state": state, "party": party, "q": q, "as_of": as_of})
        if to is not None:
            return await adownload(self._client, call, to)
        return _csv_text(await self._send(call))

    async def transitions_csv(self, agreement_id: str, *, to: Destination | None = None) -> str | int:
        """An agreement's history as CSV: the text, or with `to` streamed to a path or binary
        file, returning the bytes written (see `Accord.exports.transitions_csv`)."""
        call = build(exports_transitions_call, (agreement_id,), {})
        if to is not None:
            return await adownload(self._client, call, to)
        return _csv_text(await self._send(call))


class CalendarFeeds(_SyncResource):
    """`accord.calendar_feeds`: iCalendar feeds of deadlines and hearings: create, list,
    revoke (delete), and read one by its token (ics)."""

    create = sync_method(calendar_feeds_create)
    list = sync_list(calendar_feeds_list)
    delete = sync_method(calendar_feeds_delete)
    ics = sync_method(calendar_feeds_ics)


class AsyncCalendarFeeds(_AsyncResource):
    """`accord.calendar_feeds` of AsyncAccord."""

    create = async_method(calendar_feeds_create)
    list = async_list(calendar_feeds_list)
    delete = async_method(calendar_feeds_delete)
    ics = async_method(calendar_feeds_ics)


# Every operationId of openapi.yaml -> the method that performs it ("namespace.method").
OPERATIONS: dict[str, str] = {
    # health
    "healthz": "health.live",
    "readyz": "health.ready",
    "get_metrics": "metrics.get",
    # agreements
    "create_agreement": "agreements.create",
    "list_agreements": "agreements.list",
    "get_agreement": "agreements.get",
    "update_agreement": "agreements.update",
    "list_relations": "agreements.relations",
    "get_diagram": "agreements.diagram",
    "create_projection": "agreements.project",
    # transitions
    "create_transition": "transitions.create",
    "list_transitions": "transitions.list",
    "get_transition": "transitions.get",
    "get_available_transitions": "transitions.available",
    "create_correction": "transitions.correct",
    "void_transition": "transitions.void",
    # deadlines
    "list_deadlines": "deadlines.list",
    "list_agreement_deadlines": "deadlines.for_agreement",
    # workflows
    "list_workflows": "workflows.list",
    "get_workflow": "workflows.get",
    # events
    "list_events": "events.list",
    "get_event": "events.get",
    "list_event_types": "events.types",
    "stream_events": "events.stream",
    # webhook endpoints
    "create_webhook_endpoint": "webhook_endpoints.create",
    "list_webhook_endpoints": "webhook_endpoints.list",
    "get_webhook_endpoint": "webhook_endpoints.get",
    "update_webhook_endpoint": "webhook_endpoints.update",
    "delete_webhook_endpoint": "webhook_endpoints.delete",
    "rotate_webhook_secret": "webhook_endpoints.rotate_secret",
    "send_test_webhook": "webhook_endpoints.test",
    "list_webhook_deliveries": "webhook_endpoints.deliveries",
    "redeliver_webhook": "webhook_endpoints.redeliver",
    "replay_webhooks": "webhook_endpoints.replay",
    # API keys
    "create_api_key": "api_keys.create",
    "list_api_keys": "api_keys.list",
    "revoke_api_key": "api_keys.revoke",
    # documents
    "create_document": "documents.create",
    "list_documents": "documents.list",
    "get_document": "documents.get",
    "update_document": "documents.update",
    "delete_document": "documents.delete",
    "get_timeline": "documents.timeline",
    # rounds
    "create_round": "rounds.create",
    "list_rounds": "rounds.list",
    "get_round": "rounds.get",
    "update_round": "rounds.update",
    "delete_round": "rounds.delete",
    # consultations
    "create_consultation": "consultations.create",
    "list_consultations": "consultations.list",
    "get_consultation": "consultations.get",
    "update_consultation": "consultations.update",
    "delete_consultation": "consultations.delete",
    # exports and calendar feeds
    "export_agreements": "exports.agreements_csv",
    "export_transitions": "exports.transitions_csv",
    "create_calendar_feed": "calendar_feeds.create",
    "list_calendar_feeds": "calendar_feeds.list",
    "revoke_calendar_feed": "calendar_feeds.delete",
    "get_calendar": "calendar_feeds.ics",
}
