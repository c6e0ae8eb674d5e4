"""HTTP routes for agreements: parse, call the service, shape the response. One line each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel

from service.agreements import service
from service.agreements.schemas import (
    AgreementCreate,
    AgreementOut,
    AgreementUpdate,
    AvailableTransitions,
    CorrectionCreate,
    CorrectionResult,
    Diagram,
    Projection,
    ProjectionCreate,
    QueryDate,
    Relation,
    TransitionCreate,
    TransitionOut,
    TransitionResult,
    VoidCreate,
)
from service.auth.deps import CurrentPrincipal
from service.deps import DB, IdempotencyKey, IfMatch, IfNoneMatch, RequiredIfMatch
from service.errors import (
    Forbidden,
    HistoryConflict,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    InvalidTransition,
    NotFound,
    PreconditionRequired,
    VersionMismatch,
    responses,
)
from service.idempotency import Once
from service.pagination import Cursor, Limit, Page
from service.preconditions import etag, expected_version, matches
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/agreements", tags=["agreements"], route_class=JSONRoute)
# Reads that take a body; the app admits them with the read scope.
projection_router = APIRouter(prefix="/v1/agreements", tags=["agreements"], route_class=JSONRoute)
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
SequencePath = Annotated[int, Path(ge=1, le=2**31 - 1, description="The entry's place in the history")]
AsOf = Annotated[
    QueryDate | None,
    Query(description="Answer as of the end of this date (YYYY-MM-DD): the state the history shows then"),
]


def _render(status: int, model: BaseModel, headers: dict[str, str], *, replayed: bool = False) -> Response:
    if replayed:
        headers = {**headers, "Idempotent-Replayed": "true"}
    return Response(model.model_dump_json(), status_code=status, headers=headers, media_type="application/json")


def _created(done: Once[AgreementOut]) -> Response:
    agreement = done.value
    headers = {"ETag": etag(agreement.version), "Location": f"/v1/agreements/{agreement.id}"}
    return _render(201, agreement, headers, replayed=done.replayed)


def _transitioned(done: Once[TransitionResult] | Once[CorrectionResult]) -> Response:
    """201 for a new or corrected history entry: Location names the entry."""
    result = done.value
    location = f"/v1/agreements/{result.agreement.id}/transitions/{result.transition.sequence}"
    return _render(201, result, {"ETag": etag(result.agreement.version), "Location": location}, replayed=done.replayed)


def _voided(done: Once[TransitionResult]) -> Response:
    return _render(200, done.value, {"ETag": etag(done.value.agreement.version)}, replayed=done.replayed)


@router.post(
    "",
    status_code=201,
    response_model=AgreementOut,
    responses=responses(IdempotencyInProgress, IdempotencyKeyReused, body=True),
)
async def create_agreement(
    body: AgreementCreate, db: DB, principal: CurrentPrincipal, idempotency_key: IdempotencyKey = None
) -> Response:
    """Create an agreement in its workflow's first state, recording its announcement."""
    return _created(await service.create(db, principal, body, idempotency_key=idempotency_key))


@router.get("", response_model=Page[AgreementOut], responses=responses())
async def list_agreements(
    db: DB,
    state: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
    party: Annotated[
        str | None, Query(max_length=2, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, or EU")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=PRINTABLE,
            description="Text the title contains, in any case (a substring: `%` and `_` are plain characters). "
            "A 1–2 character `q` is looked for in 2,000 agreements a page: a page may then hold fewer "
            "agreements than `limit`, even none, and still have a `next_cursor`",
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    as_of: AsOf = None,
) -> Page[AgreementOut]:
    """List agreements, oldest first, a page at a time. With `as_of`, each shows the state it was in
    at the end of that date, `state` selects on that state, and agreements announced later are left out."""
    return await service.list_agreements(db, state=state, party=party, q=q, limit=limit, cursor=cursor, as_of=as_of)


@router.get(
    "/{agreement_id}",
    response_model=AgreementOut,
    responses={304: {"description": "Not modified since the ETag in If-None-Match"}, **responses(NotFound)},
)
async def get_agreement(agreement_id: str, db: DB, if_none_match: IfNoneMatch = None, as_of: AsOf = None) -> Response:
    """One agreement, with its ETag. With `as_of`, its state on that date (404 if it was not yet announced)."""
    agreement = await service.get(db, agreement_id, as_of=as_of)
    if matches(if_none_match, agreement.version):
        return Response(status_code=304, headers={"ETag": etag(agreement.version)})
    return _render(200, agreement, {"ETag": etag(agreement.version)})


@router.patch(
    "/{agreement_id}",
    response_model=AgreementOut,
    responses=responses(NotFound, VersionMismatch, PreconditionRequired, body=True),
)
async def update_agreement(
    agreement_id: str, body: AgreementUpdate, db: DB, principal: CurrentPrincipal, if_match: RequiredIfMatch
) -> Response:
    """Change the title, sectors or metadata. If-Match is required. A patch that changes nothing
    leaves the version as it is."""
    expected = expected_version(if_match, required=True)
    agreement = await service.update(db, principal, agreement_id, body, expected_version=expected)
    return _render(200, agreement, {"ETag": etag(agreement.version)})


@router.post(
    "/{agreement_id}/transitions",
    status_code=201,
    response_model=TransitionResult,
    responses=responses(
        NotFound, InvalidTransition, IdempotencyInProgress, VersionMismatch, IdempotencyKeyReused, Forbidden, body=True
    ),
)
async def create_transition(
    agreement_id: str,
    body: TransitionCreate,
    db: DB,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Fire a workflow event on the agreement and append it to the history."""
    expected = expected_version(if_match, required=False)
    return _transitioned(
        await service.transition(
            db, principal, agreement_id, body, expected_version=expected, idempotency_key=idempotency_key
        )
    )


@router.get("/{agreement_id}/transitions", response_model=Page[TransitionOut], responses=responses(NotFound))
async def list_transitions(agreement_id: str, db: DB, limit: Limit = 50, cursor: Cursor = None) -> Page[TransitionOut]:
    """The agreement's history, oldest first."""
    return await service.history(db, agreement_id, limit=limit, cursor=cursor)


@router.get("/{agreement_id}/available-transitions", response_model=AvailableTransitions, responses=responses(NotFound))
async def get_available_transitions(
    agreement_id: str,
    db: DB,
    on: Annotated[
        QueryDate | None,
        Query(description="Answer as on this date (YYYY-MM-DD), from the entries that happened by its end"),
    ] = None,
) -> AvailableTransitions:
    """Every event of the workflow: whether it is allowed today (or `on` a date) and, if not, why."""
    return await service.available_transitions(db, agreement_id, on=on)


@router.get("/{agreement_id}/transitions/{sequence}", response_model=TransitionOut, responses=responses(NotFound))
async def get_transition(agreement_id: str, sequence: SequencePath, db: DB) -> TransitionOut:
    """One entry of the agreement's history, with its corrections."""
    return await service.get_transition(db, agreement_id, sequence)


@router.post(
    "/{agreement_id}/transitions/{sequence}/corrections",
    status_code=201,
    response_model=CorrectionResult,
    responses=responses(
        NotFound,
        InvalidTransition,
        HistoryConflict,
        IdempotencyInProgress,
        VersionMismatch,
        IdempotencyKeyReused,
        Forbidden,
        body=True,
    ),
)
async def create_correction(
    agreement_id: str,
    sequence: SequencePath,
    body: CorrectionCreate,
    db: DB,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Correct a history entry's date, note or reference in place. The old values stay on the record;
    the clocks are checked again over the corrected timeline (409 naming the clock, unless an admin
    gives `override_reason`)."""
    expected = expected_version(if_match, required=False)
    return _transitioned(
        await service.correct(
            db, principal, agreement_id, sequence, body, expected_version=expected, idempotency_key=idempotency_key
        )
    )


@router.post(
    "/{agreement_id}/transitions/{sequence}/void",
    response_model=TransitionResult,
    responses=responses(
        NotFound, HistoryConflict, IdempotencyInProgress, VersionMismatch, IdempotencyKeyReused, body=True
    ),
)
async def void_transition(
    agreement_id: str,
    sequence: SequencePath,
    body: VoidCreate,
    db: DB,
    principal: CurrentPrincipal,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Void the agreement's latest state change: the agreement returns to the state before it, and the
    entry stays in the history, marked void."""
    expected = expected_version(if_match, required=False)
    return _voided(
        await service.void(
            db, principal, agreement_id, sequence, body, expected_version=expected, idempotency_key=idempotency_key
        )
    )


@projection_router.post(
    "/{agreement_id}/projection", response_model=Projection, responses=responses(NotFound, InvalidTransition, body=True)
)
async def create_projection(agreement_id: str, body: ProjectionCreate, db: DB) -> Projection:
    """What-if: every clock of the agreement once the assumed events have happened on their dates, the
    earliest or latest date each allows, and the first date each guarded event may happen. Writes nothing,
    so the agreements:read scope is enough (a POST only because the assumptions are a body)."""
    return await service.project(db, agreement_id, body)


class RelationList(BaseModel):
    data: list[Relation]


@router.get("/{agreement_id}/relations", response_model=RelationList, responses=responses(NotFound))
async def list_relations(agreement_id: str, db: DB) -> RelationList:
    """The agreements this one supersedes or amends, and those that supersede or amend it."""
    return RelationList(data=await service.relations(db, agreement_id))


@router.get("/{agreement_id}/diagram", response_model=Diagram, responses=responses(NotFound))
async def get_diagram(agreement_id: str, db: DB) -> Diagram:
    """A Mermaid diagram of the agreement's workflow, with the path it took and its current state marked."""
    return await service.diagram(db, agreement_id)
