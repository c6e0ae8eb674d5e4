"""Alembic environment: migrates ACCORD_DATABASE_URL (or the URL the caller set) to SQLModel.metadata."""

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from service.agreements.models import TITLE_SEARCH_TABLE, TITLE_TRIGRAM_INDEX
from service.config import get_settings
from service.tables import metadata

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

url = config.get_main_option("sqlalchemy.url") or get_settings().database_url


def render_item(type_, obj, autogen_context):
    """Render Accord's column types by their import path."""
    module = obj.__class__.__module__
    if type_ == "type" and module.startswith("service."):
        autogen_context.imports.add(f"import {module}")
        return f"{module}.{obj!r}"
    return False


# Made by migration 0016 where autogenerate cannot see them: SQLite's FTS5 table of titles (a
# virtual table, with its shadow tables agreement_titles_data, _idx, ...) and PostgreSQL's pg_trgm
# index (an operator class). Left out of the comparison so `alembic check` reports no false drift.
_UNMODELLED_TABLES = (TITLE_SEARCH_TABLE,)
_UNMODELLED_INDEXES = (TITLE_TRIGRAM_INDEX,)


def include_name(name, type_, parent_names) -> bool:
    if type_ == "table":
        return not any(name == t or name.startswith(f"{t}_") for t in _UNMODELLED_TABLES)
    if type_ == "index":
        return name not in _UNMODELLED_INDEXES
    return True


def _configure(connection: Connection | None = None) -> None:
    context.configure(
        connection=connection,
        url=None if connection is not None else url,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )


def run_migrations_offline() -> None:
    _configure()
    with context.begin_transaction():
        context.run_migrations()


def _run_sync(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run_sync)
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_sync(connection)
    else:
        asyncio.run(run_migrations_online())
