"""Request and response bodies of the events feed and the webhook endpoints API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.schemas import UNIQUE, BoundedHttpUrl, Instant, Party, Request, StrictBool, unique
from service.webhooks.outbox import EVENT_TYPES

EventType = Annotated[str, Field(json_schema_extra={"enum": list(EVENT_TYPES)})]


def _known_types(values: list[str]) -> list[str]:
    unknown = sorted(set(values) - set(EVENT_TYPES))
    if unknown:
        raise ValueError(f"unknown event types {unknown}; known: {list(EVENT_TYPES)}")
    return unique(values)


def _http_url(value: AnyHttpUrl) -> AnyHttpUrl:
    if value.scheme not in ("http", "https"):
        raise ValueError("only http and https URLs are allowed")
    # aiohttp refuses to send them beside a signature header; and they would sit in the clear.
    if value.username is not None or value.password is not None:
        raise ValueError("may not carry a user name or password (user:pass@); put a token in the path or query")
    return value


Url = Annotated[
    BoundedHttpUrl,
    StringConstraints(max_length=2048),
    AfterValidator(_http_url),
    Field(description="Where deliveries are POSTed; http or https, without user:pass@"),
]
EventTypes = Annotated[
    list[Annotated[str, StringConstraints(max_length=64)]],
    Field(
        max_length=len(EVENT_TYPES),
        description="Event types to deliver; empty means all",
        json_schema_extra={"items": {"enum": list(EVENT_TYPES)}, "uniqueItems": True},
    ),
    AfterValidator(_known_types),
]
AgreementIds = Annotated[
    list[Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^agr_[0-9A-Za-z]+$")]],
    Field(max_length=100, description="Deliver only events of these agreements; empty means any"),
    AfterValidator(unique),
    UNIQUE,
]
Parties = Annotated[
    list[Party],
    Field(max_length=50, description="Deliver only events of agreements with one of these parties; empty means any"),
    AfterValidator(unique),
    UNIQUE,
]
Description = Annotated[str, StringConstraints(max_length=500)]


class EventOut(BaseModel):
    id: str = Field(description="Also the `webhook-id` of every delivery of this event")
    # A plain string, not an enum: a client built before a new event type must still read the feed.
    type: str = Field(description="One of GET /v1/event-types (more may be added)", examples=["agreement.transitioned"])
    agreement_id: str | None
    position: int = Field(description="Global order of events")
    created_at: datetime
    data: dict[str, Any] = Field(
        description="The event's payload: its schema per type is in GET /v1/event-types and openapi.yaml's `webhooks`"
    )


class EventTypeOut(BaseModel):
    type: EventType
    description: str
    schema_: dict[str, Any] = Field(
        alias="schema",
        serialization_alias="schema",
        description="JSON Schema (2020-12) of the webhook body {type, timestamp, data}",
    )
    example: dict[str, Any] = Field(description="An example webhook body")

    model_config = {"populate_by_name": True}


class EventTypeList(BaseModel):
    data: list[EventTypeOut]


class WebhookEndpointCreate(Request):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"url": "http://127.0.0.1:9000/hook", "event_types": ["agreement.transitioned"]},
                {"url": "https://hooks.example.org/japan", "parties": ["JP"], "description": "Japan desk"},
            ]
        }
    )

    url: Url
    event_types: EventTypes = []
    agreement_ids: AgreementIds = []
    parties: Parties = []
    description: Description | None = None
    enabled: StrictBool = True


class WebhookEndpointUpdate(Request):
    model_config = ConfigDict(json_schema_extra={"examples": [{"enabled": True}, {"event_types": []}]})

    url: Url | None = None
    event_types: EventTypes | None = None
    agreement_ids: AgreementIds | None = None
    parties: Parties | None = None
    description: Description | None = None
    enabled: StrictBool | None = Field(None, description="true re-enables an endpoint the dispatcher disabled")


class WebhookEndpointOut(BaseModel):
    id: str
    url: str
    event_types: list[str]
    agreement_ids: list[str]
    parties: list[str]
    description: str | None
    enabled: bool
    disabled_reason: str | None = Field(None, description="Why the dispatcher disabled it, if it did")
    created_at: datetime
    updated_at: datetime


class WebhookEndpointWithSecret(WebhookEndpointOut):
    secret: str = Field(description="The signing secret (whsec_...); shown only now")


class RotatedSecret(BaseModel):
    secret: str = Field(description="The new signing secret (whsec_...); shown only now")
    previous_secret_expires_at: datetime = Field(description="Until then deliveries carry both signatures")


class AttemptOut(BaseModel):
    attempted_at: datetime
    succeeded: bool
    response_status: int | None
    duration_ms: int
    response_excerpt: str | None = Field(description="The first kilobyte of the response body")
    error: str | None


DeliveryStatus = Literal["pending", "failed", "succeeded", "given_up"]


class DeliveryOut(BaseModel):
    id: str
    event_id: str
    event_type: str
    agreement_id: str | None
    status: DeliveryStatus = Field(description="pending or failed: will be (re)tried; succeeded and given_up are final")
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    attempt_log: list[AttemptOut]


class TestEventRequest(Request):
    model_config = ConfigDict(json_schema_extra={"examples": [{"type": "agreement.transitioned"}]})

    type: Annotated[Literal[EVENT_TYPES], Field(description="Which event type's example to send")] = (  # type: ignore[valid-type]
        "agreement.transitioned"
    )


class TestEventResult(BaseModel):
    event_id: str = Field(description="The webhook-id sent (evt_test_...); test events are not in the feed")
    type: EventType
    succeeded: bool = Field(description="The endpoint answered 2xx")
    response_status: int | None
    duration_ms: int
    response_excerpt: str | None = Field(description="The first kilobyte of the response body")
    error: str | None = Field(description="Why it failed: the status, a timeout, a refused address, a broken response")


class ReplayRequest(Request):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"since": "2026-11-23T00:00:00Z", "until": "2026-11-24T00:00:00Z"}]}
    )

    since: Instant
    until: Instant | None = Field(None, description="Defaults to now")

    @model_validator(mode="after")
    def _ordered(self) -> ReplayRequest:
        if self.until is not None and self.until <= self.since:
            raise ValueError("until must be after since")
        return self


class ReplayResult(BaseModel):
    deliveries: int = Field(description="Deliveries queued")
