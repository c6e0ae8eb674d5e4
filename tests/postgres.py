"""Which PostgreSQL the tests use, decided once per test session (tests/conftest.py).

ACCORD_TEST_POSTGRES_URL names an admin connection (default DEFAULT_URL); each session creates
and drops its own databases on it.

- Set empty: no PostgreSQL; its cases are reported as skipped.
- It answers: it is used.
- It does not answer: under CI (CI=true, as .ci/run runs) the session stops with an error, since
  CI tests against the machine's own server; anywhere else a throwaway PostgreSQL from the
  `pgserver` wheel is started in a temporary directory, used, and stopped and deleted at the end.

The choice is printed as the "postgresql:" line of pytest's header (and of its summary under -q).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sqlalchemy.engine import URL, make_url

ENV = "ACCORD_TEST_POSTGRES_URL"
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
PROBE_TIMEOUT = 2.0
_PREFIX = "accord-pgserver-"  # of a throwaway server's temporary directory


class PostgresUnavailable(Exception):
    """No PostgreSQL for the tests, and none may be started: the session cannot run its PostgreSQL half."""


@dataclass
class Throwaway:
    """A PostgreSQL this session started; stop() ends it and deletes its data directory."""

    url: str
    version: str
    datadir: Path
    stop: Callable[[], None]


@dataclass
class TestPostgres:
    __test__ = False  # not a test class, whatever pytest's name rules say

    url: str  # the admin URL the tests use; "" when PostgreSQL is skipped
    source: str  # "env", "pgserver" or "skipped"
    description: str  # what the "postgresql:" line says
    throwaway: Throwaway | None = None

    def stop(self) -> None:
        if self.throwaway is not None:
            self.throwaway.stop()
            self.throwaway = None


def configured_url(environ: Mapping[str, str]) -> str:
    """ACCORD_TEST_POSTGRES_URL, or the default when it is unset; set empty, it stays empty."""
    return environ.get(ENV, DEFAULT_URL)


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def public(url: str) -> str:
    """The URL without its password, for printing."""
    parsed = make_url(url)
    return parsed._replace(password=None).render_as_string(hide_password=False)


def is_throwaway(url: str) -> bool:
    """Whether the URL is a server start_pgserver started (in this process or, under xdist, the controller)."""
    return bool(url) and _PREFIX in str(make_url(url).query.get("host", ""))


def is_ci(environ: Mapping[str, str]) -> bool:
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _in_own_loop(coro):
    # Callers may be inside a running event loop (pytest-asyncio's); use a loop of our own.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _server_version(url: str, timeout: float) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(url), timeout=timeout)
    try:
        return (await conn.fetchval("SHOW server_version")).split()[0]
    finally:
        await conn.close()


def probe(url: str, timeout: float = PROBE_TIMEOUT) -> tuple[str | None, str | None]:
    """(server version, None) when the URL answers within `timeout`, else (None, why not)."""
    try:
        return _in_own_loop(asyncio.wait_for(_server_version(url, timeout), timeout + 1)), None
    except TimeoutError:
        return None, f"no answer within {timeout:g} s"
    except Exception as exc:  # noqa: BLE001 - refused, timed out, unknown host, auth or database errors alike
        return None, f"{type(exc).__name__}: {exc}".rstrip(": ")


def import_pgserver():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
            import pgserver
    except ImportError as exc:
        raise PostgresUnavailable(f"pgserver is not installed ({exc}); pip install -e '.[dev]'") from exc
    return pgserver


def start_pgserver() -> Throwaway:
    """PostgreSQL from the pgserver wheel in a new temporary directory, on a unix socket only."""
    pgserver = import_pgserver()
    datadir = Path(tempfile.mkdtemp(prefix=_PREFIX))
    server = None

    def stop() -> None:
        if server is not None:
            server.cleanup()  # pg_ctl stop, then deletes the data directory (cleanup_mode="delete")
        shutil.rmtree(datadir, ignore_errors=True)

    try:
        # As root, pgserver runs PostgreSQL as a system user `pgserver` it creates (PostgreSQL
        # refuses to run as root).
        server = pgserver.get_server(datadir, cleanup_mode="delete")
        info = server.get_postmaster_info()
        if info.socket_dir is not None:  # a unix socket, named after the port; asyncpg takes it as ?host=
            where = {"query": {"host": str(info.socket_dir), "port": str(info.port)}}
        else:  # Windows: TCP on a free port
            where = {"host": info.hostname, "port": info.port}
        url = URL.create("postgresql+asyncpg", username="postgres", database="postgres", **where)
        url_text = url.render_as_string(hide_password=False)
        version, failure = probe(url_text, timeout=10)
        if version is None:
            raise PostgresUnavailable(f"pgserver started but does not answer at {url_text}: {failure}")
    except PostgresUnavailable:
        stop()
        raise
    except Exception as exc:
        stop()
        raise PostgresUnavailable(f"pgserver could not start PostgreSQL: {type(exc).__name__}: {exc}") from exc
    return Throwaway(url_text, version, datadir, stop)


def resolve(
    environ: Mapping[str, str],
    *,
    start: Callable[[], Throwaway] = start_pgserver,
    timeout: float = PROBE_TIMEOUT,
) -> TestPostgres:
    """The PostgreSQL this session uses; raises PostgresUnavailable when there is none to use."""
    url = configured_url(environ)
    if not url:
        return TestPostgres("", "skipped", f"none; its cases are skipped ({ENV} is empty)")
    version, failure = probe(url, timeout)
    if version is not None:
        named = ENV if ENV in environ else f"the default of {ENV}"
        return TestPostgres(url, "env", f"{public(url)} ({named}), PostgreSQL {version}")
    if is_ci(environ):
        raise PostgresUnavailable(
            f"{ENV} {public(url)} does not answer ({failure}). CI={environ.get('CI')}: CI tests against "
            "the machine's own PostgreSQL and starts no throwaway server; start it, or set the variable "
            "empty to skip the PostgreSQL cases"
        )
    try:
        throwaway = start()
    except PostgresUnavailable as exc:
        raise PostgresUnavailable(
            f"{ENV} {public(url)} does not answer ({failure}), and no throwaway server could be had: {exc}. "
            "Point the variable at a PostgreSQL, or set it empty to skip the PostgreSQL cases"
        ) from exc
    return TestPostgres(
        throwaway.url,
        "pgserver",
        f"throwaway pgserver {throwaway.version} at {throwaway.datadir} "
        f"({ENV} {public(url)} does not answer: {failure})",
        throwaway,
    )
