"""HTTP routes for deadlines: one agreement's, and across agreements."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from service.agreements.schemas import QueryDate
from service.deadlines import service
from service.deadlines.schemas import DeadlineList
from service.deps import DB
from service.errors import NotFound, ValidationFailed, responses
from service.pagination import Cursor

router = APIRouter(prefix="/v1/deadlines", tags=["deadlines"])
agreement_router = APIRouter(prefix="/v1/agreements", tags=["agreements"])


@router.get("", response_model=DeadlineList, responses=responses(ValidationFailed))
async def list_deadlines(
    db: DB,
    due_before: Annotated[
        QueryDate | None, Query(description="Only deadlines due strictly before this date (YYYY-MM-DD)")
    ] = None,
    status: Annotated[
        Literal["pending", "met", "missed", "not_applicable", "passed"] | None,
        Query(description="passed: a consultation's date that is over (statutory clocks are met or missed)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size")] = 200,
    cursor: Cursor = None,
) -> DeadlineList:
    """Deadlines across agreements, soonest due first: statutory clocks, and the dates of public comment
    dockets (`source: consultation`: comments due, hearings; pending through their day, then passed).
    Pages by `next_cursor`, each page read from the deadlines table's and the consultations' indexes."""
    return await service.page_across(db, due_before=due_before, status=status, limit=limit, cursor=cursor)


@agreement_router.get("/{agreement_id}/deadlines", response_model=DeadlineList, responses=responses(NotFound))
async def list_agreement_deadlines(
    agreement_id: str,
    db: DB,
    on: Annotated[
        QueryDate | None,
        Query(description="Answer as on this date (YYYY-MM-DD), from the entries that happened by its end"),
    ] = None,
) -> DeadlineList:
    """Every statutory clock of the agreement: trigger and its date, due date, and status as of today
    (or `on` a date). Calendar days only; clocks counted in congressional session days are not modelled.
    Then the dates of its public comment dockets (`source: consultation`), of those open by that date."""
    return DeadlineList(data=await service.of_agreement(db, agreement_id, on=on))
