"""The event catalog: every event type with its meaning, the schema of its `data` and an example.

Each resource declares the events it writes (service/agreements/events.py, service/deadlines/events.py,
and `endpoint.*` below): webhooks learn of agreements only through the outbox, so this module
holds the register, never the agreement schemas. Names come from `outbox.EVENT_TYPES`;
`check_complete` (called when the app is built) fails if one has no declaration.

What a receiver gets is the envelope `{"type", "timestamp", "data"}` (service/webhooks/queue.py);
`EventSpec.envelope` is its model, named after the type (`agreement.transitioned` →
`AgreementTransitionedEvent`), which openapi.yaml's `webhooks` section and /v1/event-types publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from service.webhooks.outbox import ENDPOINT_DISABLED, EVENT_TYPES


@dataclass(frozen=True)
class EventSpec:
    type: str
    description: str
    data: type[BaseModel]
    example: dict[str, Any]
    envelope: type[BaseModel] = field(init=False)

    def __post_init__(self) -> None:
        name = "".join(part.title() for part in self.type.replace(".", "_").split("_")) + "Event"
        envelope = create_model(
            name,
            __config__=ConfigDict(json_schema_extra={"description": self.description}),
            type=(Literal[self.type], Field(description="The event type")),  # type: ignore[valid-type]
            timestamp=(datetime, Field(description="When the event was recorded (the feed's created_at)")),
            data=(self.data, ...),
        )
        object.__setattr__(self, "envelope", envelope)

    def example_envelope(self) -> dict[str, Any]:
        return {"type": self.type, "timestamp": EXAMPLE_TIMESTAMP, "data": self.example}


EXAMPLE_TIMESTAMP = "2026-11-24T12:21:02.374Z"
CATALOG: dict[str, EventSpec] = {}


def declare(type: str, description: str, data: type[BaseModel], example: dict[str, Any]) -> None:
    """Register one event type. The example is checked against `data` here, so a stale example
    fails at import rather than in a receiver's parser."""
    if type not in EVENT_TYPES:
        raise ValueError(f"{type!r} is not in outbox.EVENT_TYPES")
    if type in CATALOG:
        raise ValueError(f"{type!r} is declared twice")
    data.model_validate(example)
    CATALOG[type] = EventSpec(type, description, data, example)


def check_complete() -> None:
    missing = [t for t in EVENT_TYPES if t not in CATALOG]
    if missing:
        raise RuntimeError(f"event types without a declaration in the catalog: {missing}")


def specs() -> list[EventSpec]:
    """Every declared type, in the order of EVENT_TYPES."""
    return [CATALOG[t] for t in EVENT_TYPES if t in CATALOG]


class EndpointDisabled(BaseModel):
    endpoint_id: str = Field(description="The endpoint the dispatcher disabled")
    reason: str = Field(description="Why, in words")


declare(
    ENDPOINT_DISABLED,
    "The dispatcher disabled an endpoint after its deliveries kept failing. Sent only to that "
    "endpoint (if it is still reachable) and listed in the feed only for webhooks:manage keys.",
    EndpointDisabled,
    {
        "endpoint_id": "we_01JD2Y4Q7N8ZK5X1T3V6R9B0CE",
        "reason": "Every delivery failed for 120 hours",
    },
)
