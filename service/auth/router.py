"""API keys, managed by admins."""

from fastapi import APIRouter, Response

from service.auth import service
from service.auth.deps import CurrentPrincipal
from service.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from service.deps import DB
from service.errors import NotFound, responses
from service.pagination import Cursor, Limit, Page
from service.routing import JSONRoute

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"], route_class=JSONRoute)


@router.post("", status_code=201, response_model=ApiKeyCreated, responses=responses(body=True))
async def create_api_key(body: ApiKeyCreate, db: DB, principal: CurrentPrincipal) -> ApiKeyCreated:
    """Create a key. The key itself is in this response only; Accord keeps a hash."""
    return await service.create_key(db, principal, body)


@router.get("", response_model=Page[ApiKeyOut], responses=responses())
async def list_api_keys(db: DB, limit: Limit = 50, cursor: Cursor = None) -> Page[ApiKeyOut]:
    """Every key, revoked ones included, without the keys themselves."""
    return await service.list_keys(db, limit=limit, cursor=cursor)


@router.delete("/{key_id}", status_code=204, responses=responses(NotFound))
async def revoke_api_key(key_id: str, db: DB, principal: CurrentPrincipal) -> Response:
    """Revoke a key; requests with it are refused from now on."""
    await service.revoke(db, principal, key_id)
    return Response(status_code=204)
