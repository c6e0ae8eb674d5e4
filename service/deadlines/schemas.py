"""Bodies of the deadlines API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from workflows.clocks import DEADLINE_STATUSES


class Deadline(BaseModel):
    agreement_id: str
    clock: str
    event: str = Field(description="The event the clock bounds")
    trigger: str = Field(description="The event that starts the clock")
    trigger_date: date | None
    days: int
    extension_days: int = 0
    bound: Literal["earliest", "latest"] = Field(
        description="earliest: the event may not come before the due date; latest: it must come by it"
    )
    due_date: date | None
    status: Annotated[str, Field(json_schema_extra={"enum": list(DEADLINE_STATUSES)})] = Field(
        description="pending: started, not yet due or met; met; missed (also an earliest clock overridden); "
        "not_applicable: the trigger has not happened, the agreement ended first, or an exemption waives it; "
        "unrecorded: the record lacks a date for the trigger (or the event), so neither met nor missed"
    )
    occurred_on: date | None = Field(None, description="When the bounded event happened")
    closes: date | None = Field(
        None, description="A window's closing date: the bounded event must come before it (trigger is then empty)"
    )
    exemption: str | None = Field(
        None, description="The exemption that waives this clock for the agreement (the status is then not_applicable)"
    )
    legal_basis: str
    description: str


class DeadlineList(BaseModel):
    data: list[Deadline]
