"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ACCORD_TEST_POSTGRES_URL (an admin connection; each test session creates
and drops its own database). When that variable is empty the PostgreSQL cases are reported as
skipped; when it is set and the server is unreachable they fail.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import httpx
import pytest
from alembic import command
from asgi_lifespan import LifespanManager
from sqlalchemy.engine import make_url

from service.config import Settings
from service.health import ROOT, alembic_config
from service.main import create_app
from service.tables import metadata

POSTGRES_URL = os.environ.get("ACCORD_TEST_POSTGRES_URL", "")
BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(not POSTGRES_URL, reason="ACCORD_TEST_POSTGRES_URL is not set")),
]


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_postgres_database(prefix: str = "accord_test") -> str:
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(_asyncpg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def migrate(url: str) -> None:
    # Alembic's env.py runs its own event loop; keep it off the test's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(command.upgrade, alembic_config(url), "head").result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "accord.db"
    migrate(f"sqlite+aiosqlite:///{path}")
    return path


def run_async(coro):
    """Run a coroutine to completion on its own loop, from sync code inside a running loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _truncate_all(url: str) -> None:
    conn = await asyncpg.connect(_asyncpg_dsn(url))
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


# The admin key every test client and test server uses (set as ACCORD_BOOTSTRAP_ADMIN_KEY).
ADMIN_KEY = "acc_test_admin_0123456789abcdefghijklmnopqrstuv"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


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
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test", headers=AUTH) as c:
        yield c


@pytest.fixture
def db(app):
    return app.state.db


# -- real server processes --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`accord serve` as a subprocess on a free port of 127.0.0.1."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "ACCORD_DATABASE_URL": database_url, "ACCORD_LOG_LEVEL": "warning",
                    "ACCORD_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY, **(env or {})}
        self.args = args
        self.process: subprocess.Popen | None = None

    def start(self) -> ServerProcess:
        accord = Path(sys.executable).with_name("accord")
        self.process = subprocess.Popen(
            [str(accord), "serve", "--host", "127.0.0.1", "--port", str(self.port), *self.args],
            env=self.env, cwd=ROOT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"accord serve exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.base_url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("accord serve did not become ready in 30 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(database_url) -> Iterator[ServerProcess]:
    proc = ServerProcess(database_url).start()
    yield proc
    proc.stop()


# -- helpers ----------------------------------------------------------------------------------

# Authority `other` has no statutory clocks: these tests exercise the API's mechanics with "now"
# dates; tests/test_trade_policy.py covers the authorities and clocks.
JAPAN = {"title": "United States-Japan Trade Agreement", "parties": ["US", "JP"], "sectors": ["agriculture", "autos"],
         "announced_at": "2018-09-26", "authority": "other"}


async def create_agreement(client: httpx.AsyncClient, **overrides) -> dict:
    response = await client.post("/v1/agreements", json={**JAPAN, **overrides})
    assert response.status_code == 201, response.text
    return response.json()


async def fire(client: httpx.AsyncClient, agreement_id: str, event: str, **body) -> httpx.Response:
    return await client.post(f"/v1/agreements/{agreement_id}/transitions", json={"event": event, **body})
