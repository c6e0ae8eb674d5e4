"""SDK fixtures: the client package from clients/python, and `accord serve` as a real process on
SQLite (a temporary file) and on PostgreSQL (a scratch database created and dropped here).

PostgreSQL is the session's admin connection, tests.helpers.POSTGRES_URL: ACCORD_TEST_POSTGRES_URL
(default postgresql+asyncpg://postgres@127.0.0.1:5432/test) or a throwaway server, as chosen by
tests/conftest.py (tests/postgres.py); set the variable empty to skip those cases.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from tests import helpers
from tests.helpers import ADMIN_KEY

ROOT = Path(__file__).resolve().parents[2]
CLIENT_DIR = ROOT / "clients" / "python"
# The SDK is tested from its source tree, as committed; test_fresh_install covers the installed package.
sys.path.insert(0, str(CLIENT_DIR))

# Read when used, not here: this module may be imported before tests/conftest.py has chosen the server.
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql", marks=pytest.mark.skipif(not helpers.POSTGRES_URL, reason="ACCORD_TEST_POSTGRES_URL is empty")
    ),
]


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(helpers.POSTGRES_URL))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _run(coro) -> None:
    # Session fixtures may run while pytest-asyncio's loop is running; use a loop of our own.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    backend: str
    base_url: str
    log: Path


def _start(database_url: str, workdir: Path, backend: str) -> tuple[subprocess.Popen, Server]:
    port = _free_port()
    log = workdir / "server.log"
    env = {
        **os.environ,
        "ACCORD_DATABASE_URL": database_url,
        "ACCORD_LOG_LEVEL": "warning",
        "ACCORD_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
        "ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("accord")), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(backend, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"accord serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{server.base_url}/readyz", timeout=1).status_code == 200:
                return process, server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"accord serve did not become ready in 60 s:\n{log.read_text()}")


@pytest.fixture(scope="session", params=BACKENDS)
def accord_server(request, tmp_path_factory) -> Iterator[Server]:
    """A running `accord serve`, one per backend for the whole session."""
    workdir = tmp_path_factory.mktemp(f"accord-{request.param}")
    scratch = None
    if request.param == "sqlite":
        database_url = f"sqlite+aiosqlite:///{workdir / 'accord.db'}"
    else:
        scratch = f"accord_sdk_{uuid.uuid4().hex[:12]}"
        _run(_admin(f'CREATE DATABASE "{scratch}"'))
        database_url = make_url(helpers.POSTGRES_URL).set(database=scratch).render_as_string(hide_password=False)
    process = None
    try:
        process, server = _start(database_url, workdir, request.param)
        yield server
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if scratch is not None:
            _run(_admin(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
