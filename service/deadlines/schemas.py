"""Bodies of the deadlines API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from workflows.clocks import DEADLINE_STATUSES

# A consultation's date (comments due, a hearing) is not a clock: it cannot be missed. Once the
# day is over it reads `passed`.
PASSED = "passed"
STATUSES = (*DEADLINE_STATUSES, PASSED)
STATUTORY, CONSULTATION = "statutory", "consultation"


class Deadline(BaseModel):
    agreement_id: str
    clock: str = Field(
        description="The statutory clock; for a consultation, the date it is: comments_due, hearing_on or "
        "post_hearing_comments_due"
    )
    event: str = Field(description="The event the clock bounds")
    trigger: str = Field(description="The event that starts the clock")
    trigger_date: date | None
    days: int
    extension_days: int = 0
    bound: Literal["earliest", "latest"] = Field(
        description="earliest: the event may not come before the due date; latest: it must come by it"
    )
    due_date: date | None
    status: Annotated[str, Field(json_schema_extra={"enum": list(STATUSES)})] = Field(
        description="pending: started, not yet due or met; met; missed (also an earliest clock overridden); "
        "not_applicable: the trigger has not happened, the agreement ended first, or an exemption waives it; "
        "unrecorded: the record lacks a date for the trigger (or the event), so neither met nor missed; "
        "passed: a consultation's date that is over (a public comment date cannot be missed)"
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
    source: Literal["statutory", "consultation"] = Field(
        STATUTORY,
        description="statutory: a clock of the agreement's workflow; consultation: a date of a public "
        "comment docket (GET /v1/agreements/{id}/consultations)",
    )
    consultation_id: str | None = Field(None, description="source consultation: the consultation")
    docket_id: str | None = Field(None, description="source consultation: its docket, USTR-YYYY-NNNN")


class DeadlineList(BaseModel):
    data: list[Deadline]
    next_cursor: str | None = Field(
        None, description="GET /v1/deadlines: pass as `cursor` for the next page; null on the last page"
    )
