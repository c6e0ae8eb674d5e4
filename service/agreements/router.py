"""HTTP routes for agreements: parse, call the service, shape the response."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response
from pydantic import BaseModel, BeforeValidator

from service import idempotency
from service.agreements import service
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransitions,
    DeadlineList,
    Diagram,
    Relation,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
)
from service.db import utcnow
from service.metrics import TRANSITIONS
from service.deps import DB, Writer
from service.errors import (
    Forbidden,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InvalidTransition,
    NotFound,
    PreconditionRequired,
    VersionMismatch,
    responses,
)
from service.idempotency import StoredResponse
from service.pagination import Page
from service.preconditions import etag, expected_version, matches

router = APIRouter(prefix="/v1/agreements", tags=["agreements"])
deadlines_router = APIRouter(prefix="/v1/deadlines", tags=["deadlines"])

IdempotencyHeader = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=255, description="Makes a retried POST safe; kept at least 24 hours"),
]
ETAG_LIST = r'^(\*|(W/)?"[0-9]{1,10}"(, ?(W/)?"[0-9]{1,10}")*)$'
IfMatch = Annotated[str | None, Header(alias="If-Match", pattern=ETAG_LIST, description="The ETag you last read")]
RequiredIfMatch = Annotated[
    str, Header(alias="If-Match", pattern=ETAG_LIST, description="The ETag you last read; missing gives 428")
]
Limit = Annotated[int, Query(ge=1, le=200, description="Page size")]
Cursor = Annotated[
    str | None, Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$", description="next_cursor of the previous page")
]
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


def _json(status: int, model: BaseModel, headers: dict[str, str]) -> StoredResponse:
    return StoredResponse(status, model.model_dump_json(), headers)


def _agreement_headers(agreement: AgreementOut) -> dict[str, str]:
    return {"ETag": etag(agreement.version), "Location": f"/v1/agreements/{agreement.id}"}


@router.post(
    "",
    status_code=201,
    response_model=AgreementOut,
    responses=responses(IdempotencyInProgress, IdempotencyKeyReused, body=True),
)
async def create_agreement(
    body: AgreementCreate, request: Request, context: Writer, idempotency_key: IdempotencyHeader = None
) -> Response:
    """Create an agreement in its workflow's first state, recording its announcement."""

    def op(conn) -> StoredResponse:
        result = service.create(conn, body, actor=context.actor, now=utcnow())
        return _json(201, result.agreement, _agreement_headers(result.agreement))

    return await idempotency.run(context, request, idempotency_key, op)


@router.get("", response_model=Page[AgreementOut], responses=responses())
async def list_agreements(
    db: DB,
    state: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
    party: Annotated[str | None, Query(max_length=2, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, or EU")] = None,
    q: Annotated[str | None, Query(max_length=200, pattern=PRINTABLE, description="Words in the title")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AgreementOut]:
    """List agreements, oldest first, a page at a time."""
    return await service.list_agreements(db, state=state, party=party, q=q, limit=limit, cursor=cursor)


@router.get(
    "/{agreement_id}",
    response_model=AgreementOut,
    responses={304: {"description": "Not modified since the ETag in If-None-Match"}, **responses(NotFound)},
)
async def get_agreement(
    agreement_id: str,
    db: DB,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
) -> Response:
    """One agreement, with its ETag."""
    agreement = await service.get(db, agreement_id)
    if matches(if_none_match, agreement.version):
        return Response(status_code=304, headers={"ETag": etag(agreement.version)})
    return _json(200, agreement, {"ETag": etag(agreement.version)}).render()


@router.patch(
    "/{agreement_id}",
    response_model=AgreementOut,
    responses=responses(NotFound, VersionMismatch, PreconditionRequired, body=True),
)
async def update_agreement(agreement_id: str, body: AgreementUpdate, db: DB, if_match: RequiredIfMatch) -> Response:
    """Change the title, sectors or metadata. If-Match is required."""
    expected = expected_version(if_match, required=True)
    agreement = await db.write(
        lambda conn: service.update(conn, agreement_id, body, expected_version=expected, now=utcnow())
    )
    return _json(200, agreement, {"ETag": etag(agreement.version)}).render()


@router.post(
    "/{agreement_id}/transitions",
    status_code=201,
    response_model=TransitionResult,
    responses=responses(NotFound, InvalidTransition, IdempotencyInProgress, VersionMismatch, IdempotencyKeyReused, Forbidden, body=True),
)
async def create_transition(
    agreement_id: str, body: TransitionCreate, request: Request, context: Writer,
    if_match: IfMatch = None, idempotency_key: IdempotencyHeader = None,
) -> Response:
    """Fire a workflow event on the agreement and append it to the history."""
    expected = expected_version(if_match, required=False)
    if body.override_reason and not context.admin:
        raise Forbidden("Only a key with the admin scope may record an event against a statutory clock")
    committed: list[TransitionResult] = []

    def op(conn) -> StoredResponse:
        result = service.transition(conn, agreement_id, body, expected_version=expected, actor=context.actor, now=utcnow())
        committed.append(result)
        location = f"/v1/agreements/{agreement_id}/transitions/{result.transition.sequence}"
        return _json(201, result, {"ETag": etag(result.agreement.version), "Location": location})

    response = await idempotency.run(context, request, idempotency_key, op)
    if committed:
        TRANSITIONS.labels(committed[0].agreement.workflow.name, committed[0].transition.event).inc()
    return response


@router.get("/{agreement_id}/transitions", response_model=Page[TransitionOut], responses=responses(NotFound))
async def list_transitions(agreement_id: str, db: DB, limit: Limit = 50, cursor: Cursor = None) -> Page[TransitionOut]:
    """The agreement's history, oldest first."""
    return await service.history(db, agreement_id, limit=limit, cursor=cursor)


@router.get("/{agreement_id}/available-transitions", response_model=AvailableTransitions, responses=responses(NotFound))
async def get_available_transitions(agreement_id: str, db: DB) -> AvailableTransitions:
    """Every event of the workflow: whether it is allowed now and, if not, why."""
    return await service.available_transitions(db, agreement_id)


@router.get("/{agreement_id}/transitions/{sequence}", response_model=TransitionOut, responses=responses(NotFound))
async def get_transition(agreement_id: str, sequence: Annotated[int, Path(ge=1, le=2**31 - 1)], db: DB) -> TransitionOut:
    """One entry of the agreement's history."""
    return await service.get_transition(db, agreement_id, sequence)


class RelationList(BaseModel):
    data: list[Relation]


@router.get("/{agreement_id}/deadlines", response_model=DeadlineList, responses=responses(NotFound))
async def list_agreement_deadlines(agreement_id: str, db: DB) -> DeadlineList:
    """Every statutory clock of the agreement: trigger and its date, due date, and status as of today.
    Calendar days only; clocks counted in congressional session days are not modelled."""
    return DeadlineList(data=await service.deadlines(db, agreement_id))


@router.get("/{agreement_id}/relations", response_model=RelationList, responses=responses(NotFound))
async def list_relations(agreement_id: str, db: DB) -> RelationList:
    """The agreements this one supersedes or amends, and those that supersede or amend it."""
    return RelationList(data=await service.relations(db, agreement_id))


@router.get("/{agreement_id}/diagram", response_model=Diagram, responses=responses(NotFound))
async def get_diagram(agreement_id: str, db: DB) -> Diagram:
    """A Mermaid diagram of the agreement's workflow, with the path it took and its current state marked."""
    return await service.diagram(db, agreement_id)


def _iso_date(value: object) -> object:
    # pydantic would read "0" as a Unix time; a due date is written out.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date (YYYY-MM-DD)")
    return value


@deadlines_router.get("", response_model=DeadlineList, responses=responses())
async def list_deadlines(
    db: DB,
    due_before: Annotated[
        date | None, BeforeValidator(_iso_date), Query(description="Only deadlines due strictly before this date (YYYY-MM-DD)")
    ] = None,
    status: Annotated[Literal["pending", "met", "missed", "not_applicable"] | None, Query()] = None,
    limit: Limit = 200,
) -> DeadlineList:
    """Deadlines across agreements, soonest due first."""
    return DeadlineList(data=await service.all_deadlines(db, due_before=due_before, status=status, limit=limit))
