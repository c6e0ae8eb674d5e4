"""API keys, managed by admins."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from service.auth import service
from service.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from service.deps import DB
from service.errors import NotFound, responses
from service.pagination import Page

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"])


@router.post("", status_code=201, response_model=ApiKeyCreated, responses=responses(body=True))
async def create_api_key(body: ApiKeyCreate, db: DB) -> ApiKeyCreated:
    """Create a key. The key itself is in this response only; Accord keeps a hash."""
    return await db.write(lambda conn: service.create(conn, body))


@router.get("", response_model=Page[ApiKeyOut], responses=responses())
async def list_api_keys(
    db: DB,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=512, pattern=r"^[A-Za-z0-9_-]+$")] = None,
) -> Page[ApiKeyOut]:
    """Every key, revoked ones included, without the keys themselves."""
    return await service.list_keys(db, limit=limit, cursor=cursor)


@router.delete("/{key_id}", status_code=204, responses=responses(NotFound))
async def revoke_api_key(key_id: str, db: DB) -> Response:
    """Revoke a key; requests with it are refused from now on."""
    await db.write(lambda conn: service.revoke(conn, key_id))
    return Response(status_code=204)
