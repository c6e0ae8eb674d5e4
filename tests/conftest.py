"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ACCORD_TEST_POSTGRES_URL (an admin connection; each test session creates
and drops its own database). When that variable is empty the PostgreSQL cases are reported as
skipped; when it is set and the server is unreachable they fail.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager

from service.config import Settings
from service.main import create_app
from service.tables import metadata

# Re-exported: older test modules and helpers' users import these from tests.conftest.
from tests.helpers import (  # noqa: F401
    ADMIN_KEY,
    AUTH,
    BACKENDS,
    JAPAN,
    POSTGRES_URL,
    ServerProcess,
    asyncpg_dsn,
    create_agreement,
    create_postgres_database,
    drop_postgres_database,
    fire,
    free_port,
    migrate,
    run_async,
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "accord.db"
    migrate(f"sqlite+aiosqlite:///{path}")
    return path


async def _truncate_all(url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        await conn.execute(f"TRUNCATE {tables} CASCADE")
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_session_url() -> Iterator[str]:
    url = run_async(create_postgres_database())
    migrate(url)
    yield url
    run_async(drop_postgres_database(url))


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    """A migrated, empty database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "accord.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = request.getfixturevalue("postgres_session_url")
    run_async(_truncate_all(url))
    yield url


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY)


@pytest.fixture
async def app(settings):
    application = create_app(settings)
    async with LifespanManager(application):
        yield application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://accord.test", headers=AUTH
    ) as c:
        yield c


@pytest.fixture
def db(app):
    return app.state.db


@pytest.fixture
def server(database_url) -> Iterator[ServerProcess]:
    proc = ServerProcess(database_url).start()
    yield proc
    proc.stop()
