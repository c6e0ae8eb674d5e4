"""Receive Accord webhooks: verify the Standard Webhooks signature, get a typed event.

    event = accord_client.webhooks.verify(request_body, request_headers, secret)
    match event:
        case webhooks.AgreementTransitioned():
            print(event.transition.event, event.agreement.state)
        case webhooks.UnknownEvent():
            pass  # a type newer than this client: event.type and event.data still hold it

The body is JSON `{"type", "timestamp", "data"}`, signed as Standard Webhooks prescribe
(headers webhook-id, webhook-timestamp, webhook-signature). Pass the raw body bytes exactly as
received: re-serialized JSON will not match the signature.

Every event has `id` (the webhook-id: the same on every retry, so use it to deduplicate), `type`,
`timestamp`, `data` (the payload as a dict) and `raw` (the whole body). Each known type is a
class with the payload as the generated models (AgreementOut, TransitionOut, CorrectionOut,
Deadline); a type this client does not know, or a payload it cannot read, gives UnknownEvent,
so a newer server never breaks an older receiver. The same classes come from the event feed
(`from_feed`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from dateutil.parser import isoparse
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError as _StandardVerificationError

from ._generated.models import (
    AgreementChanged,
    AgreementOut,
    ConsultationAgreement,
    ConsultationChanged,
    ConsultationOut,
    CorrectionOut,
    CorrectionResult,
    Deadline,
    DeadlineAlert,
    DocumentChanged,
    DocumentOut,
    EventOut,
    RoundChanged,
    RoundOut,
    TransitionOut,
    TransitionResult,
)
from ._generated.models import DocumentUpdated as DocumentUpdatedData
from ._generated.models import EndpointDisabled as EndpointDisabledData
from ._generated.models import RoundUpdated as RoundUpdatedData
from ._generated.types import Unset

__all__ = [
    "EVENT_TYPES",
    "AgreementCorrected",
    "AgreementCreated",
    "AgreementDeadlineApproaching",
    "AgreementDeadlineMissed",
    "AgreementTransitioned",
    "AgreementUpdated",
    "AgreementVoided",
    "ConsultationCreated",
    "ConsultationDeleted",
    "ConsultationUpdated",
    "DocumentCreated",
    "DocumentDeleted",
    "DocumentUpdated",
    "EndpointDisabled",
    "RoundCreated",
    "RoundDeleted",
    "RoundUpdated",
    "UnknownEvent",
    "WebhookEvent",
    "WebhookVerificationError",
    "from_feed",
    "parse",
    "verify",
]

log = logging.getLogger("accord_client.webhooks")


class WebhookVerificationError(_StandardVerificationError):
    """The signature, timestamp or body of a webhook is not valid: reject it (answer 400)."""


@dataclass(frozen=True)
class WebhookEvent:
    """The base of every event: what any type carries. `cursor` is set on events from the feed
    (`accord.events.stream()`): pass it as `after=` to resume after this event; None on webhooks."""

    type_name: ClassVar[str | None] = None  # the `type` of the class's events

    id: str  # webhook-id: the same for every retry of one message, so use it to deduplicate
    type: str
    timestamp: datetime
    data: dict[str, Any]
    raw: dict[str, Any] = field(repr=False, compare=False)
    cursor: str | None = field(default=None, repr=False, compare=False, kw_only=True)

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        """The typed fields of this class from the payload (KeyError etc. if it does not fit)."""
        return {}


@dataclass(frozen=True, kw_only=True)
class UnknownEvent(WebhookEvent):
    """An event of a type this client does not know (a newer server), or whose payload it could
    not read (`error` says why). `type` and `data` hold what was sent."""

    error: str | None = None


def _with_whole_entry(data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
    """The payload with `transition` complete. Servers before the event catalog sent
    agreement.transitioned with only sequence, event, from/to state, occurred_at and actor: note
    and reference are then None and recorded_at is the event's timestamp (recorded in the same
    transaction)."""
    entry = dict(data["transition"])
    entry.setdefault("note", None)
    entry.setdefault("reference", None)
    entry.setdefault("recorded_at", timestamp.isoformat())
    return {**data, "transition": entry}


@dataclass(frozen=True, kw_only=True)
class _AgreementEvent(WebhookEvent):
    agreement: AgreementOut = field(repr=False)

    @property
    def agreement_id(self) -> str:
        """The id of the agreement the event is about."""
        return self.agreement.id


@dataclass(frozen=True, kw_only=True)
class _EntryEvent(_AgreementEvent):
    """Events whose payload is a TransitionResult: the history entry and the agreement after it."""

    transition: TransitionOut = field(repr=False)

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        result = TransitionResult.from_dict(_with_whole_entry(data, timestamp))
        return {"agreement": result.agreement, "transition": result.transition}


@dataclass(frozen=True, kw_only=True)
class AgreementCreated(_EntryEvent):
    """agreement.created: the new `agreement` and its first history entry (`transition`,
    sequence 1, the `create` event)."""

    type_name = "agreement.created"


@dataclass(frozen=True, kw_only=True)
class AgreementUpdated(_AgreementEvent):
    """agreement.updated: the `agreement` as it now stands, the names of the `changed` fields
    and the `actor` (the API key's name, or the system)."""

    type_name = "agreement.updated"
    changed: list[str]
    actor: str

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = AgreementChanged.from_dict(data)
        return {"agreement": change.agreement, "changed": list(change.changed), "actor": change.actor}


@dataclass(frozen=True, kw_only=True)
class AgreementTransitioned(_EntryEvent):
    """agreement.transitioned: the new history entry (`transition`, as GET
    /v1/agreements/{id}/transitions/{sequence} returns it) and the `agreement` after it."""

    type_name = "agreement.transitioned"


@dataclass(frozen=True, kw_only=True)
class AgreementCorrected(_EntryEvent):
    """agreement.corrected: the entry as it now reads (`transition`), the `correction` (old and
    new values, reason, actor) and the `agreement`."""

    type_name = "agreement.corrected"
    correction: CorrectionOut = field(repr=False)

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        result = CorrectionResult.from_dict(_with_whole_entry(data, timestamp))
        return {"agreement": result.agreement, "transition": result.transition, "correction": result.correction}


@dataclass(frozen=True, kw_only=True)
class AgreementVoided(_EntryEvent):
    """agreement.voided: the voided entry (`transition`, with voided_at, voided_by and
    void_reason) and the `agreement`, in the state the rest of the history gives it."""

    type_name = "agreement.voided"


@dataclass(frozen=True, kw_only=True)
class _DeadlineEvent(WebhookEvent):
    deadline: Deadline = field(repr=False)

    @property
    def agreement_id(self) -> str:
        """The id of the agreement whose clock it is."""
        return self.deadline.agreement_id

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        return {"deadline": DeadlineAlert.from_dict(data).deadline}


@dataclass(frozen=True, kw_only=True)
class AgreementDeadlineApproaching(_DeadlineEvent):
    """agreement.deadline_approaching: a statutory `deadline` falls due within the configured
    days (ACCORD_DEADLINE_APPROACHING_DAYS); sent once per deadline."""

    type_name = "agreement.deadline_approaching"


@dataclass(frozen=True, kw_only=True)
class AgreementDeadlineMissed(_DeadlineEvent):
    """agreement.deadline_missed: a statutory `deadline` passed without its event; sent once."""

    type_name = "agreement.deadline_missed"


@dataclass(frozen=True, kw_only=True)
class EndpointDisabled(WebhookEvent):
    """endpoint.disabled: the dispatcher disabled the endpoint `endpoint_id` (never its URL),
    for `reason`. Sent only to that endpoint."""

    type_name = "endpoint.disabled"
    endpoint_id: str
    reason: str

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        disabled = EndpointDisabledData.from_dict(data)
        return {"endpoint_id": disabled.endpoint_id, "reason": disabled.reason}


@dataclass(frozen=True, kw_only=True)
class _DocumentEvent(_AgreementEvent):
    """document.*: the `document`, the `agreement` it belongs to and the `actor`."""

    document: DocumentOut = field(repr=False)
    actor: str

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = DocumentChanged.from_dict(data)
        return {"document": change.document, "agreement": change.agreement, "actor": change.actor}


@dataclass(frozen=True, kw_only=True)
class DocumentCreated(_DocumentEvent):
    """document.created: a `document` was recorded on the `agreement`, by `actor`."""

    type_name = "document.created"


@dataclass(frozen=True, kw_only=True)
class DocumentUpdated(_DocumentEvent):
    """document.updated: the `document` as it now stands, the names of the `changed` fields,
    the `agreement` and the `actor`."""

    type_name = "document.updated"
    changed: list[str]

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = DocumentUpdatedData.from_dict(data)
        return {
            "document": change.document,
            "agreement": change.agreement,
            "actor": change.actor,
            "changed": list(change.changed),
        }


@dataclass(frozen=True, kw_only=True)
class DocumentDeleted(_DocumentEvent):
    """document.deleted: the `document` as it was when deleted, the `agreement` and the `actor`."""

    type_name = "document.deleted"


@dataclass(frozen=True, kw_only=True)
class _RoundEvent(_AgreementEvent):
    """round.*: the `round`, the `agreement` it belongs to and the `actor`."""

    round: RoundOut = field(repr=False)
    actor: str

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = RoundChanged.from_dict(data)
        return {"round": change.round_, "agreement": change.agreement, "actor": change.actor}


@dataclass(frozen=True, kw_only=True)
class RoundCreated(_RoundEvent):
    """round.created: a negotiating `round` was recorded on the `agreement`, by `actor`."""

    type_name = "round.created"


@dataclass(frozen=True, kw_only=True)
class RoundUpdated(_RoundEvent):
    """round.updated: the `round` as it now stands, the names of the `changed` fields, the
    `agreement` and the `actor`."""

    type_name = "round.updated"
    changed: list[str]

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = RoundUpdatedData.from_dict(data)
        return {
            "round": change.round_,
            "agreement": change.agreement,
            "actor": change.actor,
            "changed": list(change.changed),
        }


@dataclass(frozen=True, kw_only=True)
class RoundDeleted(_RoundEvent):
    """round.deleted: the agreement's last `round` was deleted (as it was), by `actor`."""

    type_name = "round.deleted"


@dataclass(frozen=True, kw_only=True)
class _ConsultationEvent(WebhookEvent):
    """consultation.*: the `consultation`, its `agreement` (id, title and parties), the
    `changed` fields (consultation.updated; empty otherwise) and the `actor`."""

    consultation: ConsultationOut = field(repr=False)
    agreement: ConsultationAgreement = field(repr=False)
    changed: list[str]
    actor: str

    @property
    def agreement_id(self) -> str:
        """The id of the agreement the consultation belongs to."""
        return self.agreement.id

    @classmethod
    def _fields(cls, data: dict[str, Any], timestamp: datetime) -> dict[str, Any]:
        change = ConsultationChanged.from_dict(data)
        changed = [] if isinstance(change.changed, Unset) else list(change.changed)
        return {
            "consultation": change.consultation,
            "agreement": change.agreement,
            "changed": changed,
            "actor": change.actor,
        }


@dataclass(frozen=True, kw_only=True)
class ConsultationCreated(_ConsultationEvent):
    """consultation.created: a public `consultation` was recorded on the `agreement`."""

    type_name = "consultation.created"


@dataclass(frozen=True, kw_only=True)
class ConsultationUpdated(_ConsultationEvent):
    """consultation.updated: the `consultation` as it now stands and the `changed` fields."""

    type_name = "consultation.updated"


@dataclass(frozen=True, kw_only=True)
class ConsultationDeleted(_ConsultationEvent):
    """consultation.deleted: the `consultation` as it was when deleted."""

    type_name = "consultation.deleted"


# Every event type this client knows, with its class. tests/sdk/test_webhooks.py fails when the
# server records a type missing here.
EVENT_TYPES: dict[str, type[WebhookEvent]] = {
    cls.type_name: cls  # type: ignore[misc]
    for cls in (
        AgreementCreated,
        AgreementUpdated,
        AgreementTransitioned,
        AgreementCorrected,
        AgreementVoided,
        AgreementDeadlineApproaching,
        AgreementDeadlineMissed,
        EndpointDisabled,
        DocumentCreated,
        DocumentUpdated,
        DocumentDeleted,
        RoundCreated,
        RoundUpdated,
        RoundDeleted,
        ConsultationCreated,
        ConsultationUpdated,
        ConsultationDeleted,
    )
}


def parse(envelope: Mapping[str, Any], *, id: str, cursor: str | None = None) -> WebhookEvent:
    """The typed event of an envelope `{"type", "timestamp", "data"}` that is already trusted
    (verify() checks the signature first). Raises ValueError if it is not an envelope."""
    if not isinstance(envelope, Mapping) or not isinstance(envelope.get("type"), str) or "timestamp" not in envelope:
        raise ValueError('the body is not a {"type", "timestamp", "data"} object')
    stamp = envelope["timestamp"]
    try:
        timestamp = stamp if isinstance(stamp, datetime) else isoparse(stamp)
    except (TypeError, ValueError) as error:
        raise ValueError(f"timestamp {stamp!r} is not ISO 8601") from error
    value = envelope.get("data")
    data = value if isinstance(value, dict) else {"value": value} if value is not None else {}
    common = {
        "id": id,
        "type": envelope["type"],
        "timestamp": timestamp,
        "data": data,
        "raw": dict(envelope),
        "cursor": cursor,
    }
    cls = EVENT_TYPES.get(envelope["type"])
    if cls is None:
        return UnknownEvent(**common)
    try:
        return cls(**common, **cls._fields(data, timestamp))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        log.warning("%s %s: payload not readable as %s: %r", envelope["type"], id, cls.__name__, error)
        return UnknownEvent(**common, error=f"{type(error).__name__}: {error}")


def from_feed(event: EventOut, *, cursor: str | None = None) -> WebhookEvent:
    """The typed event of an entry of the event feed (`accord.events.list()`): the same classes
    a webhook gives, `id` being the event's id (the webhook-id of its deliveries)."""
    envelope = {"type": str(event.type_), "timestamp": event.created_at, "data": event.data.to_dict()}
    return parse(envelope, id=event.id, cursor=cursor)


def verify(payload: bytes | str, headers: Mapping[str, str], secret: str | bytes) -> WebhookEvent:
    """Check the signature and the timestamp (at most five minutes off) and parse the event.

    `secret` is the endpoint's signing secret (`whsec_...`). Returns the typed event (one class
    per type; UnknownEvent for a type this client does not know). Raises WebhookVerificationError.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        body = Webhook(secret).verify(payload, lowered)
    except _StandardVerificationError as error:
        raise WebhookVerificationError(str(error)) from error
    except (ValueError, json.JSONDecodeError) as error:
        raise WebhookVerificationError(f"malformed webhook: {error}") from error
    try:
        return parse(body, id=lowered["webhook-id"])
    except ValueError as error:
        raise WebhookVerificationError(str(error)) from error
