"""Liveness and readiness."""

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter
from pydantic import BaseModel

from service.deps import DB
from service.errors import ServiceUnavailable, responses

router = APIRouter(tags=["health"])
ROOT = Path(__file__).resolve().parent.parent


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    migration: str | None


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logger"] = False  # keep the service's own logging setup
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@cache
def migration_head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive and serving."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses=responses(ServiceUnavailable))
async def readyz(db: DB) -> Readiness:
    """The database answers and its schema is at the latest migration."""
    try:
        async with db.read() as conn:
            current = (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar()
    except Exception as exc:  # noqa: BLE001 - any failure here means "not ready"
        raise ServiceUnavailable(f"The database does not answer: {type(exc).__name__}") from None
    if current != migration_head():
        raise ServiceUnavailable(f"The schema is at {current}, not at the latest migration {migration_head()}")
    return Readiness(status="ok", database=db.dialect, migration=current)
