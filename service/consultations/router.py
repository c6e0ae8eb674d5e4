"""HTTP routes for an agreement's consultations: parse, call the service, shape the response."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from service.auth.deps import CurrentPrincipal
from service.consultations import service
from service.consultations.schemas import ConsultationCreate, ConsultationOut, ConsultationUpdate
from service.deps import DB, IdempotencyKey
from service.errors import AlreadyExists, IdempotencyInProgress, IdempotencyKeyReused, NotFound, responses
from service.pagination import Cursor, Limit, Page
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/agreements", tags=["consultations"], route_class=JSONRoute)
ConsultationId = Annotated[str, Path(description="The consultation's id, con_...")]


@router.post(
    "/{agreement_id}/consultations",
    status_code=201,
    response_model=ConsultationOut,
    responses=responses(NotFound, AlreadyExists, IdempotencyInProgress, IdempotencyKeyReused, body=True),
)
async def create_consultation(
    agreement_id: str,
    body: ConsultationCreate,
    db: DB,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record a public comment docket of the agreement: its Federal Register notice, when comments
    are due and when the hearing is. Its dates join the agreement's deadlines. One docket once per
    agreement (409 on a second)."""
    done = await service.create(db, principal, agreement_id, body, idempotency_key=idempotency_key)
    headers = {"Location": f"/v1/agreements/{agreement_id}/consultations/{done.value.id}"}
    if done.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(done.value.model_dump_json(), status_code=201, headers=headers, media_type="application/json")


@router.get("/{agreement_id}/consultations", response_model=Page[ConsultationOut], responses=responses(NotFound))
async def list_consultations(
    agreement_id: str, db: DB, limit: Limit = 50, cursor: Cursor = None
) -> Page[ConsultationOut]:
    """The agreement's consultations, by the day each opened, oldest first."""
    return await service.list_consultations(db, agreement_id, limit=limit, cursor=cursor)


@router.get(
    "/{agreement_id}/consultations/{consultation_id}", response_model=ConsultationOut, responses=responses(NotFound)
)
async def get_consultation(agreement_id: str, consultation_id: ConsultationId, db: DB) -> ConsultationOut:
    """One consultation of the agreement."""
    return await service.get(db, agreement_id, consultation_id)


@router.patch(
    "/{agreement_id}/consultations/{consultation_id}",
    response_model=ConsultationOut,
    responses=responses(NotFound, AlreadyExists, body=True),
)
async def update_consultation(
    agreement_id: str, consultation_id: ConsultationId, body: ConsultationUpdate, db: DB, principal: CurrentPrincipal
) -> ConsultationOut:
    """Change the fields sent; `title`, `url`, `hearing_on`, `post_hearing_comments_due` and `note`
    may be sent as null to clear them. The dates are checked again in their order."""
    return await service.update(db, principal, agreement_id, consultation_id, body)


@router.delete("/{agreement_id}/consultations/{consultation_id}", status_code=204, responses=responses(NotFound))
async def delete_consultation(
    agreement_id: str, consultation_id: ConsultationId, db: DB, principal: CurrentPrincipal
) -> Response:
    """Remove a consultation; its dates leave the deadlines."""
    await service.delete(db, principal, agreement_id, consultation_id)
    return Response(status_code=204)
