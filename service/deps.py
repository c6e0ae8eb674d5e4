"""Request dependencies shared by the routers."""

from typing import Annotated

from fastapi import Depends, Request

from service.config import Settings
from service.db import Database


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def current_actor(request: Request) -> str:
    """Who is making the change. Until access control exists every caller is `anonymous`."""
    return getattr(request.state, "actor", "anonymous")


DB = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
Actor = Annotated[str, Depends(current_actor)]
