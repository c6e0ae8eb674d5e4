"""The events a round's changes write to the outbox, declared in the webhook catalog.

`data` is the round (as GET .../rounds/{number} returns it; a deleted one as it was), the
agreement as it stands (its id and parties select webhook endpoints: webhooks/outbox.matches),
and the actor. The examples in event_examples.json were captured from this service recording
the seed's NAFTA renegotiation rounds (tests/rounds/test_api.py checks they still match).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from service.agreements.schemas import AgreementOut
from service.rounds.schemas import RoundOut
from service.webhooks import catalog, outbox


class RoundChanged(BaseModel):
    round: RoundOut
    agreement: AgreementOut = Field(description="The agreement the round belongs to, as it stands")
    actor: str = Field(description="The API key (or system) that made the change")


class RoundUpdated(RoundChanged):
    changed: list[str] = Field(description="The fields that changed")


def payload(
    round: RoundOut, agreement: AgreementOut, actor: str, *, changed: list[str] | None = None
) -> dict[str, Any]:
    if changed is None:
        return RoundChanged(round=round, agreement=agreement, actor=actor).model_dump(mode="json")
    return RoundUpdated(round=round, agreement=agreement, actor=actor, changed=changed).model_dump(mode="json")


EXAMPLES: dict[str, dict[str, Any]] = json.loads((Path(__file__).parent / "event_examples.json").read_text())

catalog.declare(
    outbox.ROUND_CREATED,
    "A negotiating round of an agreement was recorded: its number (the next one), dates, place and chapters.",
    RoundChanged,
    EXAMPLES[outbox.ROUND_CREATED],
)
catalog.declare(
    outbox.ROUND_UPDATED,
    "A round was corrected; `changed` names the fields, `round` is the round as it now reads.",
    RoundUpdated,
    EXAMPLES[outbox.ROUND_UPDATED],
)
catalog.declare(
    outbox.ROUND_DELETED,
    "An agreement's last round was deleted; `round` is the round as it was.",
    RoundChanged,
    EXAMPLES[outbox.ROUND_DELETED],
)
