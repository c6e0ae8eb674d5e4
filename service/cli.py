"""The `accord` command: serve, worker-free migrate, seed and openapi export."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import yaml

from service.config import get_settings
from service.health import ROOT, alembic_config
from service.logs import configure_logging


def migrate(database_url: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(database_url), "head")


def _serve(args: argparse.Namespace) -> None:
    from service.server import serve

    settings = get_settings()
    if args.workers > 1 and settings.database_url.startswith("sqlite"):
        # Each process would run its own single writer against one file; scale out on PostgreSQL.
        raise SystemExit("accord serve: SQLite takes one process (--workers 1); use PostgreSQL for more")
    configure_logging(settings.log_level, json_lines=settings.log_json)
    if settings.migrate_on_start and not args.no_migrate:
        migrate(settings.database_url)
    if args.seed:
        _seed(args)
    serve(settings, host=args.host or settings.host, port=args.port or settings.port, workers=args.workers)


def _worker(args: argparse.Namespace) -> None:
    from service.webhooks.dispatcher import run_worker

    settings = get_settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    if settings.migrate_on_start and not args.no_migrate:
        migrate(settings.database_url)
    asyncio.run(run_worker(settings))


def _migrate(_args: argparse.Namespace) -> None:
    migrate(get_settings().database_url)
    print("migrated to head")


def _seed(_args: argparse.Namespace) -> None:
    from service.seed import load_seed

    created, skipped = asyncio.run(load_seed(get_settings()))
    print(f"seed: {created} agreements created, {skipped} already present")


def _keys_create(args: argparse.Namespace) -> None:
    from service.auth import service as keys
    from service.auth.schemas import ApiKeyCreate
    from service.principal import Principal

    data = ApiKeyCreate(name=args.name, scopes=args.scope, expires_at=args.expires_at)
    created = asyncio.run(_with_database(lambda db: keys.create_key(db, Principal.system("cli"), data)))
    print(f"created {created.id} for {created.name} with {', '.join(created.scopes)}")
    print(created.key)


async def _with_database(action):
    from service.db import Database

    db = Database.from_settings(get_settings(), pool_size=1)
    try:
        return await action(db)
    finally:
        await db.dispose()


def _upgrade_workflow(args: argparse.Namespace) -> None:
    from service.agreements import service
    from service.errors import AccordError
    from service.principal import Principal

    try:
        agreement = asyncio.run(
            _with_database(
                lambda db: service.upgrade_workflow(
                    db, Principal.system("cli"), args.agreement_id, authority=args.authority
                )
            )
        )
    except AccordError as error:
        sys.exit(f"accord upgrade-workflow: {error.detail}")
    print(
        f"{agreement.id}: {agreement.workflow.name} v{agreement.workflow.version}, authority {agreement.authority}, state {agreement.state}"
    )


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="accord", description="Accord: trade agreements as auditable state machines")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API (migrates first unless told not to)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1, help="processes; use 1 with SQLite")
    serve.add_argument("--no-migrate", action="store_true", help="do not run migrations at start")
    serve.add_argument("--seed", action="store_true", help="load the seed agreements before serving")
    serve.set_defaults(func=_serve)

    worker = commands.add_parser("worker", help="run only the webhook dispatcher (several may share one PostgreSQL)")
    worker.add_argument("--no-migrate", action="store_true", help="do not run migrations at start")
    worker.set_defaults(func=_worker)

    commands.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(func=_migrate)
    commands.add_parser("seed", help="load the seed agreements (idempotent)").set_defaults(func=_seed)

    keys = commands.add_parser("keys", help="manage API keys").add_subparsers(dest="keys_command", required=True)
    create = keys.add_parser("create", help="create an API key and print it (shown once)")
    create.add_argument("--name", required=True, help="who holds it; recorded as the actor of their changes")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        choices=["agreements:read", "agreements:write", "webhooks:manage", "admin"],
        help="repeatable",
    )
    create.add_argument("--expires-at", help="RFC 3339 date-time; never expires if omitted")
    create.set_defaults(func=_keys_create)

    upgrade = commands.add_parser(
        "upgrade-workflow", help="move an agreement to the latest version of its workflow (its state must exist there)"
    )
    upgrade.add_argument("agreement_id")
    upgrade.add_argument(
        "--authority",
        choices=["tpa", "section_103a", "existing_fta", "other"],
        help="the negotiating authority on workflow v2; defaults to tpa",
    )
    upgrade.set_defaults(func=_upgrade_workflow)

    openapi = commands.add_parser("openapi", help="export the OpenAPI document")
    openapi.add_argument("--output", "-o", default=str(ROOT / "openapi.yaml"), help="a path, or - for stdout")
    openapi.set_defaults(func=_openapi)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
