"""Who is asking: `Authorization: Bearer <key>` on every route but health, metrics (when
public) and the docs.

`CurrentPrincipal` is the one way a route learns who calls it. FastAPI resolves it once per
request, so the scope check (`authorize`) and the route share one lookup.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.auth.schemas import Scope
from service.auth.service import authenticate
from service.errors import Forbidden, Unauthorized
from service.principal import Principal

bearer = HTTPBearer(
    auto_error=False, scheme_name="ApiKey", description="An Accord API key: `Authorization: Bearer acc_...`"
)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# The principal found for this request, kept in its ASGI scope: the key-before-body middleware
# and the scope check may have looked it up already (one lookup a request, not three).
SCOPE_KEY = "accord.principal"


async def current_principal(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Principal:
    if credentials is None:
        raise Unauthorized("Send Authorization: Bearer <API key>")
    principal = request.scope.get(SCOPE_KEY)
    if principal is None:
        state = request.app.state
        principal = await authenticate(
            state.db, credentials.credentials, cache_seconds=state.settings.auth_cache_seconds
        )
        if principal is None:
            raise Unauthorized("The API key is unknown, revoked or expired")
        request.scope[SCOPE_KEY] = principal
    # For the access log only; nothing reads identity back from here.
    request.scope.setdefault("state", {})["actor"] = principal.name
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def authorize(read: Scope, write: Scope | None = None):
    """A dependency that admits keys holding `read` for reads and `write` for other methods."""
    write = write or read

    async def check(request: Request, principal: CurrentPrincipal) -> Principal:
        scope = read if request.method in READ_METHODS else write
        if not principal.allows(scope):
            raise Forbidden(f"This key ({principal.name}) lacks the {scope.value} scope")
        return principal

    return Security(check, scopes=sorted({read.value, write.value}))
