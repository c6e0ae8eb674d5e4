"""What tests share besides fixtures: the admin key, sample data, request helpers, PostgreSQL
databases of their own, and `accord serve` as a real process. Fixtures live in conftest.py."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import httpx
import pytest
from alembic import command
from sqlalchemy.engine import make_url

from service.health import ROOT, alembic_config
from tests.postgres import configured_url

# The PostgreSQL admin URL: ACCORD_TEST_POSTGRES_URL or its default here; tests/conftest.py then
# replaces it with the server the session actually uses (tests/postgres.py), maybe a throwaway one.
POSTGRES_URL = configured_url(os.environ)
# Every database test runs on each; PostgreSQL is skipped (reported) when the URL is set empty.
BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=pytest.mark.skipif(not POSTGRES_URL, reason="ACCORD_TEST_POSTGRES_URL is empty")),
]

# The admin key every test client and test server uses (set as ACCORD_BOOTSTRAP_ADMIN_KEY).
ADMIN_KEY = "acc_test_admin_0123456789abcdefghijklmnopqrstuv"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def create_postgres_database(prefix: str = "accord_test") -> str:
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def migrate(url: str) -> None:
    # Alembic's env.py runs its own event loop; keep it off the test's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(command.upgrade, alembic_config(url), "head").result()


def run_async(coro):
    """Run a coroutine to completion on its own loop, from sync code inside a running loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


# -- real server processes --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`accord serve` as a subprocess on a free port of 127.0.0.1."""

    def __init__(
        self, database_url: str, env: dict[str, str] | None = None, args: tuple[str, ...] = (), log: Path | None = None
    ) -> None:
        self.log = log  # where its stdout and stderr go, if not to the test's
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "ACCORD_DATABASE_URL": database_url,
            "ACCORD_LOG_LEVEL": "warning",
            "ACCORD_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
            **(env or {}),
        }
        self.args = args
        self.process: subprocess.Popen | None = None

    def start(self) -> ServerProcess:
        accord = Path(sys.executable).with_name("accord")
        output = self.log.open("ab") if self.log else None
        self.process = subprocess.Popen(
            [str(accord), "serve", "--host", "127.0.0.1", "--port", str(self.port), *self.args],
            env=self.env,
            cwd=ROOT,
            stdout=output,
            stderr=output,
        )
        if output:
            output.close()  # the child holds its own copy
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


# -- helpers ----------------------------------------------------------------------------------

# Authority `other` has no statutory clocks: these tests exercise the API's mechanics with "now"
# dates; tests/test_trade_policy.py covers the authorities and clocks.
JAPAN = {
    "title": "United States-Japan Trade Agreement",
    "parties": ["US", "JP"],
    "sectors": ["agriculture", "autos"],
    "announced_at": "2018-09-26",
    "authority": "other",
}


async def create_agreement(client: httpx.AsyncClient, **overrides) -> dict:
    response = await client.post("/v1/agreements", json={**JAPAN, **overrides})
    assert response.status_code == 201, response.text
    return response.json()


async def fire(client: httpx.AsyncClient, agreement_id: str, event: str, **body) -> httpx.Response:
    return await client.post(f"/v1/agreements/{agreement_id}/transitions", json={"event": event, **body})


# A tpa agreement's dates from ../shared/DOMAIN.md: the US-EU talks announced 2018-07-25.
US_EU = {"title": "US-EU toward zero tariffs", "parties": ["US", "EU"], "announced_at": "2018-07-25"}


async def fire_all(client: httpx.AsyncClient, agreement_id: str, *steps) -> list[dict]:
    """Fire (event, date[, extra body]) steps in order, each expected to succeed; their results."""
    results = []
    for event, day, *extra in steps:
        response = await fire(client, agreement_id, event, occurred_at=day, **(extra[0] if extra else {}))
        assert response.status_code == 201, response.text
        results.append(response.json())
    return results
