"""HTTP routes for the event feed and webhook endpoints: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from service.auth.deps import CurrentPrincipal
from service.deps import DB
from service.errors import LimitReached, NotFound, WebhookUrlRefused, responses
from service.pagination import Cursor, Limit, Page
from service.principal import Scope
from service.routing import JSONRoute
from service.webhooks import service
from service.webhooks.outbox import EVENT_TYPES
from service.webhooks.schemas import (
    DeliveryOut,
    EventOut,
    ReplayRequest,
    ReplayResult,
    RotatedSecret,
    WebhookEndpointCreate,
    WebhookEndpointOut,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)

events_router = APIRouter(prefix="/v1/events", tags=["events"])
router = APIRouter(prefix="/v1/webhook-endpoints", tags=["webhooks"], route_class=JSONRoute)

EndpointId = Annotated[str, Path(max_length=32)]


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


@events_router.get("/{event_id}", response_model=EventOut, responses=responses(NotFound))
async def get_event(event_id: Annotated[str, Path(max_length=32)], db: DB, principal: CurrentPrincipal) -> EventOut:
    """One event (`endpoint.*` events only for keys with the webhooks:manage scope)."""
    return await service.get_event(db, event_id, include_endpoint_events=principal.allows(Scope.WEBHOOKS_MANAGE))


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
