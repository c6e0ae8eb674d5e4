"""Receive Accord webhooks: verify the Standard Webhooks signature, get a typed event.

    event = accord_client.webhooks.verify(request_body, request_headers, secret)
    if event.type == "agreement.transitioned": ...

The body is JSON `{"type", "timestamp", "data"}`, signed as Standard Webhooks prescribe
(headers webhook-id, webhook-timestamp, webhook-signature). Pass the raw body bytes exactly as
received: re-serialized JSON will not match the signature.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dateutil.parser import isoparse
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError as _StandardVerificationError

__all__ = ["WebhookEvent", "WebhookVerificationError", "verify"]


class WebhookVerificationError(_StandardVerificationError):
    """The signature, timestamp or body of a webhook is not valid: reject it (answer 400)."""


@dataclass(frozen=True)
class WebhookEvent:
    id: str  # webhook-id: the same for every retry of one message, so use it to deduplicate
    type: str
    timestamp: datetime
    data: dict[str, Any]
    raw: dict[str, Any] = field(repr=False, compare=False)


def verify(payload: bytes | str, headers: Mapping[str, str], secret: str | bytes) -> WebhookEvent:
    """Check the signature and the timestamp (at most five minutes off) and parse the event.

    `secret` is the endpoint's signing secret (`whsec_...`). Raises WebhookVerificationError.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        body = Webhook(secret).verify(payload, lowered)
    except _StandardVerificationError as error:
        raise WebhookVerificationError(str(error)) from error
    except (ValueError, json.JSONDecodeError) as error:
        raise WebhookVerificationError(f"malformed webhook: {error}") from error
    if not isinstance(body, dict) or not isinstance(body.get("type"), str) or "timestamp" not in body:
        raise WebhookVerificationError('the body is not a {"type", "timestamp", "data"} object')
    try:
        timestamp = isoparse(body["timestamp"])
    except (TypeError, ValueError) as error:
        raise WebhookVerificationError(f"timestamp {body['timestamp']!r} is not ISO 8601") from error
    data = body.get("data")
    return WebhookEvent(
        id=lowered["webhook-id"],
        type=body["type"],
        timestamp=timestamp,
        data=data if isinstance(data, dict) else {"value": data} if data is not None else {},
        raw=body,
    )
