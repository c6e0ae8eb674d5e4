"""HTTP routes for an agreement's negotiating rounds: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from service.auth.deps import CurrentPrincipal
from service.deps import DB, IdempotencyKey
from service.errors import (
    IdempotencyInProgress,
    IdempotencyKeyReused,
    NotFound,
    RoundConflict,
    RoundOutsideNegotiation,
    responses,
)
from service.pagination import Cursor, Limit, Page
from service.rounds import service
from service.rounds.schemas import RoundCreate, RoundOut, RoundUpdate
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/agreements", tags=["rounds"], route_class=JSONRoute)
RoundNumberPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="The round's number")]


@router.post(
    "/{agreement_id}/rounds",
    status_code=201,
    response_model=RoundOut,
    responses=responses(
        NotFound, RoundOutsideNegotiation, RoundConflict, IdempotencyInProgress, IdempotencyKeyReused, body=True
    ),
)
async def create_round(
    agreement_id: str,
    body: RoundCreate,
    db: DB,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record the agreement's next negotiating round, held on days it was negotiating."""
    done = await service.create(db, principal, agreement_id, body, idempotency_key=idempotency_key)
    headers = {"Location": f"/v1/agreements/{agreement_id}/rounds/{done.value.number}"}
    if done.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(done.value.model_dump_json(), status_code=201, headers=headers, media_type="application/json")


@router.get("/{agreement_id}/rounds", response_model=Page[RoundOut], responses=responses(NotFound))
async def list_rounds(agreement_id: str, db: DB, limit: Limit = 50, cursor: Cursor = None) -> Page[RoundOut]:
    """The agreement's rounds in number order, a page at a time."""
    return await service.list_rounds(db, agreement_id, limit=limit, cursor=cursor)


@router.get("/{agreement_id}/rounds/{number}", response_model=RoundOut, responses=responses(NotFound))
async def get_round(agreement_id: str, number: RoundNumberPath, db: DB) -> RoundOut:
    """One round of the agreement."""
    return await service.get(db, agreement_id, number)


@router.patch(
    "/{agreement_id}/rounds/{number}",
    response_model=RoundOut,
    responses=responses(NotFound, RoundOutsideNegotiation, RoundConflict, body=True),
)
async def update_round(
    agreement_id: str, number: RoundNumberPath, body: RoundUpdate, db: DB, principal: CurrentPrincipal
) -> RoundOut:
    """Correct a round; its corrected dates must still be days the agreement was negotiating."""
    return await service.update(db, principal, agreement_id, number, body)


@router.delete("/{agreement_id}/rounds/{number}", status_code=204, responses=responses(NotFound, RoundConflict))
async def delete_round(agreement_id: str, number: RoundNumberPath, db: DB, principal: CurrentPrincipal) -> Response:
    """Delete the agreement's last round (only the last: rounds are numbered without gaps)."""
    await service.delete(db, principal, agreement_id, number)
    return Response(status_code=204)
