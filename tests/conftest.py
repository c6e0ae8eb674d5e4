"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL is chosen once per session by tests/postgres.py: ACCORD_TEST_POSTGRES_URL (an admin
connection, default postgresql+asyncpg://postgres@127.0.0.1:5432/test; each test session creates
and drops its own database) when it answers, else a throwaway server from the pgserver wheel,
except under CI, where an unreachable server stops the session. Set empty, the PostgreSQL cases
are reported as skipped. The "postgresql:" line of pytest's header says which one is used.
"""

from __future__ import annotations

import os
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
from tests import helpers, postgres

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

_POSTGRES = pytest.StashKey[postgres.TestPostgres]()


def pytest_configure(config: pytest.Config) -> None:
    """Choose the session's PostgreSQL (tests/postgres.py) before anything connects to it.

    Under pytest-xdist the controller chooses (and starts a throwaway server if need be) before
    its workers exist; they inherit the choice through ACCORD_TEST_POSTGRES_URL, which answers."""
    global POSTGRES_URL
    try:
        chosen = postgres.resolve(os.environ)
    except postgres.PostgresUnavailable as exc:
        raise pytest.UsageError(f"PostgreSQL for the tests: {exc}") from exc
    config.stash[_POSTGRES] = chosen
    POSTGRES_URL = helpers.POSTGRES_URL = chosen.url
    os.environ[postgres.ENV] = chosen.url  # for xdist workers, subprocesses and tests/sdk/conftest.py


def pytest_unconfigure(config: pytest.Config) -> None:
    chosen = config.stash.get(_POSTGRES, None)
    if chosen is not None:
        chosen.stop()  # a throwaway server this process started; nothing otherwise


def pytest_report_header(config: pytest.Config) -> str | None:
    chosen = config.stash.get(_POSTGRES, None)
    return f"postgresql: {chosen.description}" if chosen is not None else None


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    # The header is not printed under -q (as `make test` runs); say it here instead.
    chosen = config.stash.get(_POSTGRES, None)
    if chosen is not None and (config.get_verbosity() < 0 or config.option.no_header):
        terminalreporter.write_line(f"postgresql: {chosen.description}")


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
