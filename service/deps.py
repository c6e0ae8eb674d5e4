"""Request dependencies shared by the routers.

All `async def`: FastAPI runs plain `def` dependencies in a thread pool, a round trip each.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from service.config import Settings
from service.db import Database


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


@dataclass(frozen=True)
class WriteContext:
    """What a write route needs, resolved as one dependency (each costs the hot path)."""

    db: Database
    settings: Settings
    actor: str
    path: str
    admin: bool


async def write_context(request: Request) -> WriteContext:
    state = request.app.state
    principal = getattr(request.state, "principal", None)
    admin = principal is not None and "admin" in principal.scopes
    return WriteContext(state.db, state.settings, getattr(request.state, "actor", "anonymous"), request.scope["path"], admin)


DB = Annotated[Database, Depends(get_db)]
Writer = Annotated[WriteContext, Depends(write_context)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
