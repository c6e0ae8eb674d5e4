"""`Authorization: Bearer <key>` on every route but health, metrics (when public) and the docs."""

from __future__ import annotations

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.auth.schemas import Scope
from service.auth.service import Principal, authenticate
from service.errors import Forbidden, Unauthorized

bearer = HTTPBearer(auto_error=False, scheme_name="ApiKey", description="An Accord API key: `Authorization: Bearer acc_...`")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def authorize(read: Scope, write: Scope | None = None):
    """A dependency that admits keys holding `read` for reads and `write` for other methods."""
    write = write or read

    async def check(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Principal:
        if credentials is None:
            raise Unauthorized("Send Authorization: Bearer <API key>")
        app = request.app
        principal = await authenticate(app.state.db, credentials.credentials, cache_seconds=app.state.settings.auth_cache_seconds)
        if principal is None:
            raise Unauthorized("The API key is unknown, revoked or expired")
        scope = read if request.method in READ_METHODS else write
        if not principal.allows(scope):
            raise Forbidden(f"This key ({principal.name}) lacks the {scope.value} scope")
        request.state.actor = principal.name
        request.state.principal = principal
        return principal

    return Security(check, scopes=sorted({read.value, write.value}))
