"""The events an agreement's changes write to the outbox: their `data` shapes, built here and
declared in the webhook catalog (service/webhooks/catalog.py) with an example each.

One transition shape everywhere: the `transition` of every event is the whole entry, as
`GET /v1/agreements/{id}/transitions/{sequence}` returns it (note, reference, recorded_at,
actor and its corrections included). The examples in event_examples.json were captured from
this service recording the US–Japan Trade Agreement (tests/agreements/test_events.py checks
that they still match what the service writes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from service.agreements.schemas import AgreementOut, CorrectionResult, TransitionResult
from service.webhooks import catalog, outbox


class AgreementChanged(BaseModel):
    agreement: AgreementOut
    changed: list[str] = Field(description="The fields that changed")
    actor: str = Field(description="The API key (or system) that made the change")


def payload(result: TransitionResult | CorrectionResult) -> dict[str, Any]:
    """The data of agreement.created, .transitioned, .corrected and .voided: the service's own
    result, whole, so a receiver reads the same shape as the API's response."""
    return result.model_dump(mode="json")


def changed(agreement: AgreementOut, fields: list[str], actor: str) -> dict[str, Any]:
    return AgreementChanged(agreement=agreement, changed=fields, actor=actor).model_dump(mode="json")


_EXAMPLES: dict[str, dict[str, Any]] = json.loads((Path(__file__).parent / "event_examples.json").read_text())

catalog.declare(
    outbox.AGREEMENT_CREATED,
    "An agreement was created. `transition` is its first history entry (sequence 1, the `create` event).",
    TransitionResult,
    _EXAMPLES[outbox.AGREEMENT_CREATED],
)
catalog.declare(
    outbox.AGREEMENT_UPDATED,
    "An agreement's descriptive fields changed (title, parties, sectors, metadata), or it moved "
    "to a newer workflow version. `changed` names the fields.",
    AgreementChanged,
    _EXAMPLES[outbox.AGREEMENT_UPDATED],
)
catalog.declare(
    outbox.AGREEMENT_TRANSITIONED,
    "An event was recorded in an agreement's history: a state change, or a dated milestone "
    "that leaves the state as it is. `agreement` is the agreement after it.",
    TransitionResult,
    _EXAMPLES[outbox.AGREEMENT_TRANSITIONED],
)
catalog.declare(
    outbox.AGREEMENT_CORRECTED,
    "A history entry was corrected in place (its date, note or reference); `correction` lists "
    "the changes and the reason, `transition` is the entry as it now reads.",
    CorrectionResult,
    _EXAMPLES[outbox.AGREEMENT_CORRECTED],
)
catalog.declare(
    outbox.AGREEMENT_VOIDED,
    "A history entry was voided: it stays in the history, marked, and clocks and as-of answers "
    "ignore it. `agreement` carries the state that follows from the rest of the history.",
    TransitionResult,
    _EXAMPLES[outbox.AGREEMENT_VOIDED],
)
