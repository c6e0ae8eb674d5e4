"""HTTP routes for the event feed and webhook endpoints: parse, call the service, return."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from service.auth.deps import CurrentPrincipal
from service.auth.service import authenticate
from service.deps import DB, AppSettings
from service.errors import LimitReached, NotFound, WebhookUrlRefused, responses
from service.pagination import Cursor, Limit, Page
from service.principal import Scope
from service.routing import JSONRoute
from service.webhooks import catalog, service
from service.webhooks.outbox import EVENT_TYPES
from service.webhooks.queue import Job, Outcome
from service.webhooks.schemas import (
    DeliveryOut,
    EventOut,
    EventTypeList,
    EventTypeOut,
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

events_router = APIRouter(prefix="/v1/events", tags=["events"])
event_types_router = APIRouter(prefix="/v1/event-types", tags=["events"])
router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhooks"], route_class=JSONRoute)

EndpointId = Annotated[str, Path(max_length=32)]


async def _sender(request: Request) -> Callable[[Job], Awaitable[Outcome]]:
    """How this process sends a delivery: the dispatcher's own path (signing, SSRF checks, timeouts)."""
    return request.app.state.dispatcher.send


Sender = Annotated[Callable[[Job], Awaitable[Outcome]], Depends(_sender)]


@events_router.get("", response_model=Page[EventOut], responses=responses())
async def list_events(
    db: DB,
    principal: CurrentPrincipal,
    after: Annotated[
        str | None,
        Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$", description="next_cursor of the previous page"),
    ] = None,
    type: Annotated[Literal[EVENT_TYPES] | None, Query(description="Only events of this type")] = None,
    agreement_id: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z0-9_]+$")] = None,
    limit: Limit = 50,
) -> Page[EventOut]:
    """The durable feed of every event in order: catch up from your last cursor without webhooks.
    `endpoint.*` events are listed only for keys with the webhooks:manage scope."""
    return await service.list_events(
        db, after=after, type=type, agreement_id=agreement_id, limit=limit,
        include_endpoint_events=principal.allows(Scope.WEBHOOKS_MANAGE),
    )  # fmt: skip


_STREAM_DESCRIPTION = """Server-Sent Events: each event of the feed as `id: <cursor>`, `event: <type>`,
`data: <the event as in /v1/events>`, from `after` (or the Last-Event-ID header, which wins:
browsers send it when they reconnect) to now, then each new one as it commits. The order and
the guarantee are the feed's. A comment line every 15 seconds keeps proxies from closing it.
The stream ends if the key is revoked."""


@events_router.get(
    "/stream",
    response_class=EventSourceResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}, "description": _STREAM_DESCRIPTION},
        **responses(),
    },
)
async def stream_events(
    request: Request,
    db: DB,
    settings: AppSettings,
    principal: CurrentPrincipal,
    after: Annotated[
        str | None,
        Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$", description="A cursor: an event's SSE id, or next_cursor"),
    ] = None,
    last_event_id: Annotated[
        str | None, Header(alias="Last-Event-ID", max_length=512, pattern=r"^[A-Za-z0-9_-]+$")
    ] = None,
    type: Annotated[Literal[EVENT_TYPES] | None, Query(description="Only events of this type")] = None,
    agreement_id: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z0-9_]+$")] = None,
) -> EventSourceResponse:
    """The feed, live (Server-Sent Events)."""
    key = request.headers["authorization"].partition(" ")[2].strip()

    async def still_allowed() -> bool:
        return await authenticate(db, key, cache_seconds=settings.auth_cache_seconds) is not None

    events = service.stream_events(
        db, request.app.state.feed_signal, after=last_event_id or after, type=type, agreement_id=agreement_id,
        include_endpoint_events=principal.allows(Scope.WEBHOOKS_MANAGE),
        poll_seconds=settings.event_stream_poll_seconds, still_allowed=still_allowed,
    )  # fmt: skip

    async def messages() -> AsyncIterator[ServerSentEvent]:
        async for cursor, event in events:
            yield ServerSentEvent(id=cursor, event=event.type, data=event.model_dump_json())

    return EventSourceResponse(messages(), ping=15, headers={"Cache-Control": "no-store"})


@events_router.get("/{event_id}", response_model=EventOut, responses=responses(NotFound))
async def get_event(event_id: Annotated[str, Path(max_length=32)], db: DB, principal: CurrentPrincipal) -> EventOut:
    """One event (`endpoint.*` events only for keys with the webhooks:manage scope)."""
    return await service.get_event(db, event_id, include_endpoint_events=principal.allows(Scope.WEBHOOKS_MANAGE))


@event_types_router.get("", response_model=EventTypeList, responses=responses())
async def list_event_types() -> EventTypeList:
    """Every event type: what it means, the JSON Schema of what a webhook receives
    (`{"type", "timestamp", "data"}`; the feed's `data` is the same) and an example."""
    return EventTypeList(
        data=[
            EventTypeOut(
                type=spec.type,
                description=spec.description,
                schema=spec.envelope.model_json_schema(),
                example=spec.example_envelope(),
            )
            for spec in catalog.specs()
        ]
    )


@router.post(
    "",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    responses=responses(WebhookUrlRefused, LimitReached, body=True),
)
async def create_webhook_endpoint(
    body: WebhookEndpointCreate, db: DB, principal: CurrentPrincipal
) -> WebhookEndpointWithSecret:
    """Subscribe a URL to events. The signing secret is in this response only."""
    return await service.create_endpoint(db, principal, body)


@router.get("", response_model=Page[WebhookEndpointOut], responses=responses())
async def list_webhook_endpoints(db: DB, limit: Limit = 50, cursor: Cursor = None) -> Page[WebhookEndpointOut]:
    """Every webhook endpoint, oldest first."""
    return await service.list_endpoints(db, limit=limit, cursor=cursor)


@router.get("/{endpoint_id}", response_model=WebhookEndpointOut, responses=responses(NotFound))
async def get_webhook_endpoint(endpoint_id: EndpointId, db: DB) -> WebhookEndpointOut:
    """One webhook endpoint (without its secret)."""
    return await service.get_endpoint(db, endpoint_id)


@router.patch(
    "/{endpoint_id}", response_model=WebhookEndpointOut, responses=responses(NotFound, WebhookUrlRefused, body=True)
)
async def update_webhook_endpoint(
    endpoint_id: EndpointId, body: WebhookEndpointUpdate, db: DB, principal: CurrentPrincipal
) -> WebhookEndpointOut:
    """Change the URL, filters, description, or enable and disable it."""
    return await service.update_endpoint(db, principal, endpoint_id, body)


@router.delete("/{endpoint_id}", status_code=204, responses=responses(NotFound))
async def delete_webhook_endpoint(endpoint_id: EndpointId, db: DB, principal: CurrentPrincipal) -> Response:
    """Remove the endpoint with its delivery log."""
    await service.delete_endpoint(db, principal, endpoint_id)
    return Response(status_code=204)


@router.post("/{endpoint_id}/rotate-secret", response_model=RotatedSecret, responses=responses(NotFound))
async def rotate_webhook_secret(endpoint_id: EndpointId, db: DB, principal: CurrentPrincipal) -> RotatedSecret:
    """A new signing secret. The previous one also signs deliveries until `previous_secret_expires_at`."""
    return await service.rotate_secret(db, principal, endpoint_id)


@router.post("/{endpoint_id}/test", response_model=TestEventResult, responses=responses(NotFound, body=True))
async def send_test_webhook(
    endpoint_id: EndpointId, body: TestEventRequest, db: DB, principal: CurrentPrincipal, send: Sender
) -> TestEventResult:
    """Send a signed example event of the chosen type to this endpoint now, and say how it answered.
    The test is not retried and appears in neither the event feed nor the delivery log."""
    return await service.send_test(db, principal, endpoint_id, body, send)


@router.get("/{endpoint_id}/deliveries", response_model=Page[DeliveryOut], responses=responses(NotFound))
async def list_webhook_deliveries(
    endpoint_id: EndpointId, db: DB, limit: Limit = 50, cursor: Cursor = None
) -> Page[DeliveryOut]:
    """Deliveries to the endpoint, newest first, each with its attempts."""
    return await service.list_deliveries(db, endpoint_id, limit=limit, cursor=cursor)


@router.post(
    "/{endpoint_id}/deliveries/{delivery_id}/redeliver",
    status_code=202,
    response_model=DeliveryOut,
    responses=responses(NotFound),
)
async def redeliver_webhook(
    endpoint_id: EndpointId, delivery_id: Annotated[str, Path(max_length=32)], db: DB, principal: CurrentPrincipal
) -> DeliveryOut:
    """Send the delivery's event again, as a new delivery with the same webhook-id."""
    return await service.redeliver(db, principal, endpoint_id, delivery_id)


@router.post(
    "/{endpoint_id}/replay", status_code=202, response_model=ReplayResult, responses=responses(NotFound, body=True)
)
async def replay_webhooks(
    endpoint_id: EndpointId, body: ReplayRequest, db: DB, principal: CurrentPrincipal
) -> ReplayResult:
    """Send again every event of a time window that the endpoint's filters select."""
    return await service.replay(db, principal, endpoint_id, body)
