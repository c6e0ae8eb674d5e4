"""Request dependencies shared by the routers.

All `async def`: FastAPI runs plain `def` dependencies in a thread pool, a round trip each.
Who is asking is `service.auth.deps.CurrentPrincipal`.
"""

from typing import Annotated

from fastapi import Depends, Header, Request

from service.config import Settings
from service.db import Database
from service.preconditions import ETAG_LIST


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


DB = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=255, description="Makes a retried POST safe; kept at least 24 hours"),
]
IfMatch = Annotated[str | None, Header(alias="If-Match", pattern=ETAG_LIST, description="The ETag you last read")]
RequiredIfMatch = Annotated[
    str, Header(alias="If-Match", pattern=ETAG_LIST, description="The ETag you last read; missing gives 428")
]
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match")]
