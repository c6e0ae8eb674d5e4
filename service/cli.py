"""The `accord` command: serve, worker, migrate, seed, keys, upgrade-workflow, CSV and openapi export.

A command that cannot go on (a bad or unreachable database, a schema not migrated, a refused
request) says why in one line on stderr and exits with status 1; no traceback."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from service import __version__
from service.config import Settings, get_settings
from service.errors import AccordError
from service.health import ROOT, alembic_config
from service.logs import configure_logging

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from service.db import Database

T = TypeVar("T")
DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
SCOPES = ["agreements:read", "agreements:write", "webhooks:manage", "admin"]


class Failure(Exception):
    """Why a command cannot go on, in one line: main() prints it and exits with status 1."""


# -- settings and the database --------------------------------------------------------------


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "ACCORD_" + "_".join(str(part) for part in first["loc"]).upper()
        raise Failure(f"{name}: {first['msg']}") from None


def _database_url(database_url: str) -> URL:
    """ACCORD_DATABASE_URL, checked before anything connects: a URL with a driver Accord uses,
    and for SQLite a file that can be opened."""
    try:
        url = make_url(database_url)
    except sa_exc.ArgumentError:
        raise Failure(
            "ACCORD_DATABASE_URL is not a database URL; use sqlite+aiosqlite:///path.db or "
            "postgresql+asyncpg://user@host/db"
        ) from None
    if url.drivername not in DRIVERS:
        raise Failure(f"ACCORD_DATABASE_URL names the driver {url.drivername!r}; Accord uses {' or '.join(DRIVERS)}")
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise Failure("ACCORD_DATABASE_URL: SQLite needs a file path (sqlite+aiosqlite:///path.db)")
        # Opened here, synchronously: aiosqlite reports a failed open from its thread with a traceback.
        try:
            sqlite3.connect(url.database).close()
        except sqlite3.Error as error:
            raise Failure(f"cannot open the SQLite database {url.database}: {error}") from None
    return url


def _database_failure(url: URL, error: BaseException, timeout: float) -> Failure:
    if isinstance(error, sa_exc.DBAPIError) and error.orig is not None:
        cause = str(error.orig)
    elif isinstance(error, TimeoutError | sa_exc.TimeoutError):
        cause = f"no answer within {timeout:g} s (ACCORD_DB_CONNECT_TIMEOUT_SECONDS)"
    else:
        cause = str(error) or type(error).__name__
    where = url.render_as_string(hide_password=True)
    return Failure(f"cannot use the database {where}: {cause.strip().splitlines()[0]}")


# What an unreachable or failing database raises: connection refused, unknown host, timeouts,
# and the driver's own errors (a missing database, a wrong password).
DATABASE_ERRORS = (OSError, sa_exc.DBAPIError, sa_exc.TimeoutError)


def _run_on_database(action: Callable[[Database], Awaitable[T]]) -> T:
    """Open the configured database, check its schema is migrated, run `action`, close."""
    from service.db import Database

    settings = _settings()
    url = _database_url(settings.database_url)

    async def run() -> T:
        db = Database.from_settings(settings, pool_size=1)
        try:
            await _require_schema(db)
            return await action(db)
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    except DATABASE_ERRORS as error:
        raise _database_failure(url, error, settings.db_connect_timeout_seconds) from None


async def _require_schema(db: Database) -> None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from service.health import migration_head

    async with db.read() as conn:
        current = await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    head = migration_head()
    if current is None:
        raise Failure("the database has no schema yet; run `accord migrate` first")
    if current != head:
        try:
            ScriptDirectory.from_config(alembic_config()).get_revision(current)
        except Exception:  # noqa: BLE001 - any lookup failure means this code does not know it
            raise Failure(f"the database schema is at {current}, a migration this Accord does not know") from None
        raise Failure(f"the database schema is at {current}, not at the latest migration {head}; run `accord migrate`")


def migrate(database_url: str, *, connect_timeout: float = 5) -> None:
    """`alembic upgrade head`, on a connection made here: its connect timeout applies. Then the
    derived deadlines table is rebuilt if this code computes it from other clock definitions
    than it was built from (migration 0015 leaves it empty)."""
    url = _database_url(database_url)
    try:
        asyncio.run(_upgrade(url, connect_timeout))
        asyncio.run(_rebuild_derived(url, connect_timeout))
    except DATABASE_ERRORS as error:
        raise _database_failure(url, error, connect_timeout) from None


async def _rebuild_derived(url: URL, connect_timeout: float) -> None:
    from service.db import Database
    from service.deadlines.service import rebuild_if_stale

    db = Database(url.render_as_string(hide_password=False), pool_size=1, connect_timeout=connect_timeout)
    try:
        await rebuild_if_stale(db)
    finally:
        await db.dispose()


async def _upgrade(url: URL, connect_timeout: float) -> None:
    from sqlalchemy import pool
    from sqlalchemy.ext.asyncio import create_async_engine

    connect_args = {"timeout": connect_timeout} if url.get_backend_name() == "postgresql" else {}
    engine = create_async_engine(url, poolclass=pool.NullPool, connect_args=connect_args)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_upgrade_on, url)
    finally:
        await engine.dispose()


def _upgrade_on(connection: Connection, url: URL) -> None:
    from alembic import command

    config = alembic_config(url.render_as_string(hide_password=False))
    config.attributes["connection"] = connection  # alembic/env.py migrates on it
    command.upgrade(config, "head")


# -- commands -------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> None:
    from service.server import serve

    settings = _settings()
    if args.workers > 1 and settings.database_url.startswith("sqlite"):
        # Each process would run its own single writer against one file; scale out on PostgreSQL.
        raise Failure("SQLite takes one process (--workers 1); use PostgreSQL for more")
    _database_url(settings.database_url)
    configure_logging(settings.log_level, log_format=settings.effective_log_format)
    if settings.migrate_on_start and not args.no_migrate:
        migrate(settings.database_url, connect_timeout=settings.db_connect_timeout_seconds)
    if args.seed:
        _seed(args)
    serve(settings, host=args.host or settings.host, port=args.port or settings.port, workers=args.workers)


def _worker(args: argparse.Namespace) -> None:
    from service.webhooks.dispatcher import run_worker

    settings = _settings()
    _database_url(settings.database_url)
    configure_logging(settings.log_level, log_format=settings.effective_log_format)
    if settings.migrate_on_start and not args.no_migrate:
        migrate(settings.database_url, connect_timeout=settings.db_connect_timeout_seconds)
    asyncio.run(run_worker(settings))


def _migrate(_args: argparse.Namespace) -> None:
    settings = _settings()
    migrate(settings.database_url, connect_timeout=settings.db_connect_timeout_seconds)
    print("migrated to head")


def _seed(_args: argparse.Namespace) -> None:
    from service.seed import load_seed_into

    created, skipped = _run_on_database(load_seed_into)
    print(f"seed: {created} agreements created, {skipped} already present")


def _keys_create(args: argparse.Namespace) -> None:
    from service.auth import service as keys
    from service.auth.schemas import ApiKeyCreate
    from service.principal import Principal

    try:
        data = ApiKeyCreate(name=args.name, scopes=args.scope, expires_at=args.expires_at)
    except ValidationError as error:
        first = error.errors()[0]
        option = {"scopes": "scope", "expires_at": "expires-at"}.get(str(first["loc"][0]), first["loc"][0])
        raise Failure(f"--{option}: {first['msg']}") from None
    created = _run_on_database(lambda db: keys.create_key(db, Principal.system("cli"), data))
    print(f"created {created.id} for {created.name} with {', '.join(created.scopes)}")
    print(created.key)


def _keys_list(_args: argparse.Namespace) -> None:
    from service.auth import service as keys
    from service.auth.schemas import ApiKeyOut

    async def every_key(db: Database) -> list[ApiKeyOut]:
        found, cursor = [], None
        while True:
            page = await keys.list_keys(db, limit=200, cursor=cursor)
            found += page.data
            if page.next_cursor is None:
                return found
            cursor = page.next_cursor

    rows = [
        [
            key.id,
            key.name,
            ",".join(key.scopes),
            _minute(key.created_at),
            _minute(key.expires_at) if key.expires_at else "never",
            "yes" if key.revoked else "no",
        ]
        for key in _run_on_database(every_key)
    ]
    if not rows:
        print("no API keys; make one with `accord keys create`")
        return
    print(_table(["id", "name", "scopes", "created (UTC)", "expires (UTC)", "revoked"], rows))


def _keys_revoke(args: argparse.Namespace) -> None:
    from service.auth import service as keys
    from service.principal import Principal

    revoked = _run_on_database(lambda db: keys.revoke(db, Principal.system("cli"), args.key_id))
    print(f"revoked {revoked.id} ({revoked.name})")


def _minute(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%M")


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]
    )


def _upgrade_workflow(args: argparse.Namespace) -> None:
    from service.agreements import service
    from service.principal import Principal

    agreement = _run_on_database(
        lambda db: service.upgrade_workflow(db, Principal.system("cli"), args.agreement_id, authority=args.authority)
    )
    print(
        f"{agreement.id}: {agreement.workflow.name} v{agreement.workflow.version}, authority {agreement.authority}, state {agreement.state}"
    )


def _export(args: argparse.Namespace) -> None:
    """Write the CSV of the API's .csv route, chunk by chunk, from the same generator."""
    from service.exports import csv_export

    async def write(db: Database) -> int:
        if args.export_command == "transitions":
            await csv_export.check_agreement(db, args.agreement_id)
            chunks = csv_export.transitions_csv(db, args.agreement_id)
        else:
            chunks = csv_export.agreements_csv(db, state=args.state, party=args.party, q=args.q, as_of=args.as_of)
        out = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")
        written = 0
        try:
            async for chunk in chunks:
                written += out.write(chunk.encode("utf-8"))
        finally:
            if out is sys.stdout.buffer:
                out.flush()
            else:
                out.close()
        return written

    written = _run_on_database(write)
    if args.output != "-":
        print(f"wrote {args.output} ({written} bytes)", file=sys.stderr)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def export_openapi() -> str:
    from service.main import create_app

    return yaml.safe_dump(create_app().openapi(), sort_keys=False, allow_unicode=True, width=120)


def _openapi(args: argparse.Namespace) -> None:
    text = export_openapi()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text)
        print(f"wrote {args.output}")


# -- the parser -----------------------------------------------------------------------------


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's default in its help; flags (off unless given) and options whose help
    names their default themselves show none."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.default is False or action.default is argparse.SUPPRESS:
            return action.help
        return super()._get_help_string(action)


def _version() -> str:
    try:
        return metadata.version("accord")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return __version__


def _command(
    commands: Any, name: str, help: str, func: Callable[[argparse.Namespace], None]
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".", formatter_class=_HelpFormatter
    )
    parser.set_defaults(func=func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    defaults = Settings.model_fields
    parser = argparse.ArgumentParser(
        prog="accord",
        description="Accord: trade agreements as auditable state machines. Settings come from ACCORD_* "
        "environment variables (README.md, Configuration).",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"accord {_version()}", help="print the version and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = _command(commands, "serve", "run the HTTP API and the webhook dispatcher (migrates first)", _serve)
    serve.add_argument("--host", help=f"address to listen on (default: ACCORD_HOST, else {defaults['host'].default})")
    serve.add_argument(
        "--port", type=int, help=f"port to listen on (default: ACCORD_PORT, else {defaults['port'].default})"
    )
    serve.add_argument("--workers", type=int, default=1, help="processes; above 1 needs PostgreSQL")
    serve.add_argument(
        "--no-migrate", action="store_true", help="do not migrate at start (also ACCORD_MIGRATE_ON_START=false)"
    )
    serve.add_argument("--seed", action="store_true", help="load the seed agreements before serving")

    worker = _command(commands, "worker", "run only the webhook dispatcher (several may share one PostgreSQL)", _worker)
    worker.add_argument(
        "--no-migrate", action="store_true", help="do not migrate at start (also ACCORD_MIGRATE_ON_START=false)"
    )

    _command(commands, "migrate", "upgrade the database (ACCORD_DATABASE_URL) to the latest migration", _migrate)
    _command(commands, "seed", "load the seed agreements; loading twice changes nothing", _seed)

    keys = commands.add_parser(
        "keys", help="manage API keys", description="Manage API keys.", formatter_class=_HelpFormatter
    ).add_subparsers(dest="keys_command", required=True, metavar="KEYS_COMMAND")
    create = _command(keys, "create", "create an API key and print it (shown only once)", _keys_create)
    create.add_argument("--name", required=True, help="who holds it; recorded as the actor of their changes")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=SCOPES,
        metavar="SCOPE",
        help=f"a scope the key grants, one of {', '.join(SCOPES)}; repeat for more",
    )
    create.add_argument(
        "--expires-at",
        help="when the key stops working, an RFC 3339 date-time such as 2027-01-01T00:00:00Z (default: never)",
    )
    _command(keys, "list", "list API keys, revoked ones too (never the keys themselves)", _keys_list)
    revoke = _command(
        keys,
        "revoke",
        "revoke an API key; running servers refuse it within ACCORD_AUTH_CACHE_SECONDS",
        _keys_revoke,
    )
    revoke.add_argument("key_id", metavar="KEY_ID", help="the key's id (key_..., from `accord keys list`)")

    upgrade = _command(
        commands,
        "upgrade-workflow",
        "move an agreement to the latest version of its workflow (its state must exist there)",
        _upgrade_workflow,
    )
    upgrade.add_argument("agreement_id", metavar="AGREEMENT_ID", help="the agreement's id (agr_...)")
    upgrade.add_argument(
        "--authority",
        choices=["tpa", "section_103a", "existing_fta", "other"],
        help="the negotiating authority, when moving from workflow v2 (default: tpa)",
    )

    export = commands.add_parser(
        "export", help="export CSV, as the API's .csv routes do", description="Export CSV.",
        formatter_class=_HelpFormatter,
    ).add_subparsers(dest="export_command", required=True, metavar="EXPORT_COMMAND")  # fmt: skip
    listed = _command(export, "agreements", "the agreements as CSV (GET /v1/agreements.csv)", _export)
    listed.add_argument("--state", help="only agreements in this state (as of --as-of when given)")
    listed.add_argument("--party", help="only agreements with this party (ISO 3166-1 alpha-2, or EU)")
    listed.add_argument("--q", help="only agreements with these words in the title")
    listed.add_argument("--as-of", type=_iso_date, help="the agreements as they stood at the end of this date")
    listed.add_argument("--output", "-o", default="-", help="a path, or - for stdout (default)")
    history = _command(
        export, "transitions", "an agreement's history as CSV (GET /v1/agreements/ID/transitions.csv)", _export
    )
    history.add_argument("agreement_id", metavar="AGREEMENT_ID", help="the agreement's id (agr_...)")
    history.add_argument("--output", "-o", default="-", help="a path, or - for stdout (default)")

    openapi = _command(commands, "openapi", "export the OpenAPI document as YAML", _openapi)
    openapi.add_argument("--output", "-o", default=str(ROOT / "openapi.yaml"), help="a path, or - for stdout")
    return parser


def main(argv: list[str] | None = None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    sub = getattr(args, "keys_command", None) or getattr(args, "export_command", None)
    command = " ".join(filter(None, ["accord", args.command, sub]))
    try:
        args.func(args)
    except Failure as failure:
        sys.exit(f"{command}: {failure}")
    except AccordError as error:  # refused by a service (no such agreement, a past expiry date)
        sys.exit(f"{command}: {error.detail or error.title}")


if __name__ == "__main__":
    main()
