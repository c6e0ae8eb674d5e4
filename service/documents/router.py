"""HTTP routes for an agreement's documents and its timeline: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from service.auth.deps import CurrentPrincipal
from service.deps import DB, IdempotencyKey
from service.documents import service
from service.documents.schemas import DocumentCreate, DocumentOut, DocumentType, DocumentUpdate, Timeline
from service.errors import IdempotencyInProgress, IdempotencyKeyReused, NotFound, responses
from service.pagination import Cursor, Limit, Page
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/agreements", tags=["documents"], route_class=JSONRoute)
DocumentId = Annotated[str, Path(max_length=64, description="The document's id (doc_...)")]


@router.post(
    "/{agreement_id}/documents",
    status_code=201,
    response_model=DocumentOut,
    responses=responses(NotFound, IdempotencyInProgress, IdempotencyKeyReused, body=True),
)
async def create_document(
    agreement_id: str,
    body: DocumentCreate,
    db: DB,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record a document of the agreement. `sequence`, if given, must name an entry of its history."""
    done = await service.create(db, principal, agreement_id, body, idempotency_key=idempotency_key)
    headers = {"Location": f"/v1/agreements/{agreement_id}/documents/{done.value.id}"}
    if done.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(done.value.model_dump_json(), status_code=201, headers=headers, media_type="application/json")


@router.get("/{agreement_id}/documents", response_model=Page[DocumentOut], responses=responses(NotFound))
async def list_documents(
    agreement_id: str,
    db: DB,
    type: Annotated[DocumentType | None, Query(description="Only documents of this type")] = None,
    attached: Annotated[
        bool | None, Query(description="true: only documents that name a history entry; false: only those that do not")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[DocumentOut]:
    """The agreement's documents, by publication date, a page at a time."""
    return await service.list_documents(db, agreement_id, type=type, attached=attached, limit=limit, cursor=cursor)


@router.get("/{agreement_id}/documents/{document_id}", response_model=DocumentOut, responses=responses(NotFound))
async def get_document(agreement_id: str, document_id: DocumentId, db: DB) -> DocumentOut:
    """One document of the agreement."""
    return await service.get(db, agreement_id, document_id)


@router.patch(
    "/{agreement_id}/documents/{document_id}", response_model=DocumentOut, responses=responses(NotFound, body=True)
)
async def update_document(
    agreement_id: str, document_id: DocumentId, body: DocumentUpdate, db: DB, principal: CurrentPrincipal
) -> DocumentOut:
    """Correct a document's fields; those left out stay as they are."""
    return await service.update(db, principal, agreement_id, document_id, body)


@router.delete(
    "/{agreement_id}/documents/{document_id}",
    status_code=204,
    responses=responses(NotFound),
)
async def delete_document(agreement_id: str, document_id: DocumentId, db: DB, principal: CurrentPrincipal) -> Response:
    """Delete a document of the agreement."""
    await service.delete(db, principal, agreement_id, document_id)
    return Response(status_code=204)


@router.get("/{agreement_id}/timeline", response_model=Timeline, responses=responses(NotFound))
async def get_timeline(agreement_id: str, db: DB, limit: Limit = 50, cursor: Cursor = None) -> Timeline:
    """The agreement's history, oldest first, a page at a time (the cursors of GET .../transitions), each
    entry with the documents that document it; the first page also lists the documents that name no entry."""
    return await service.timeline(db, agreement_id, limit=limit, cursor=cursor)
