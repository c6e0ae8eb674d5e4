"""The database: engines, column types, and the write path.

Reads go through an async engine (aiosqlite or asyncpg). Writes are plain functions of a sync
`Connection` written with SQLAlchemy Core, so one body of code serves both databases:
- PostgreSQL: each write runs in its own transaction through `AsyncConnection.run_sync`;
  row locks (`SELECT ... FOR UPDATE`) keep several processes correct.
- SQLite: allows one writer at a time. Pooled connections fighting for its lock pushed p99 past
  one second in a benchmark here, so writes queue to one writer thread that commits them in
  groups (one fsync for many writes), each inside a savepoint so one failure spoils no other.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlmodel import SQLModel

log = logging.getLogger("accord.db")
T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(sa.TypeDecorator):
    """Timezone-aware UTC datetimes on both databases (SQLite keeps no offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused; store UTC-aware values")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


WriteOp = Callable[[Connection], T]
CommitListener = Callable[[], None]


class Database:
    """One per process: owns the engines and the write path."""

    def __init__(self, url: str, *, pool_size: int = 10, sqlite_batch_max: int = 256) -> None:
        self.url = make_url(url)
        self.dialect = self.url.get_backend_name()
        self.is_sqlite = self.dialect == "sqlite"
        self._commit_listeners: list[CommitListener] = []
        if self.is_sqlite:
            if self.url.database in (None, "", ":memory:"):
                raise ValueError("SQLite needs a file path: readers and the writer thread share it")
            self.engine: AsyncEngine = create_async_engine(self.url)
            _configure_sqlite(self.engine.sync_engine)
            sync_url = self.url.set(drivername="sqlite")
            self._writer = _SqliteWriter(_sqlite_writer_engine(sync_url), sqlite_batch_max, self._notify_commit)
        else:
            self.engine = create_async_engine(self.url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
            self._writer = None

    def on_commit(self, listener: CommitListener) -> None:
        """Call `listener` (from any thread) after every committed write."""
        self._commit_listeners.append(listener)

    def _notify_commit(self) -> None:
        for listener in self._commit_listeners:
            listener()

    async def write(self, op: WriteOp[T]) -> T:
        """Run `op` in one transaction and return its result once committed."""
        if self._writer is not None:
            return await asyncio.wrap_future(self._writer.submit(op))
        async with self.engine.begin() as conn:
            result = await conn.run_sync(op)
        self._notify_commit()
        return result

    def read(self) -> Any:
        """`async with db.read() as conn:` a connection for queries."""
        return self.engine.connect()

    async def dispose(self) -> None:
        if self._writer is not None:
            self._writer.stop()
        await self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def _sqlite_writer_engine(url: sa.URL) -> Engine:
    engine = sa.create_engine(url, poolclass=sa.pool.StaticPool, connect_args={"check_same_thread": False})
    _configure_sqlite(engine)

    # pysqlite's own transaction handling breaks SAVEPOINT; take it over (SQLAlchemy's recipe).
    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


_STOP = object()


class _SqliteWriter:
    """One thread, one connection: drains queued writes and commits each group at once."""

    def __init__(self, engine: Engine, batch_max: int, after_commit: Callable[[], None]) -> None:
        self._engine = engine
        self._batch_max = batch_max
        self._after_commit = after_commit
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="accord-sqlite-writer", daemon=True)
        self._thread.start()

    def submit(self, op: WriteOp[T]) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._queue.put((future, op))
        return future

    def stop(self) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout=10)
        self._engine.dispose()

    def _run(self) -> None:
        with self._engine.connect() as conn:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                batch = [item]
                stopping = False
                while len(batch) < self._batch_max:
                    try:
                        nxt = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if nxt is _STOP:
                        stopping = True
                        break
                    batch.append(nxt)
                self._commit(conn, batch)
                if stopping:
                    return

    def _commit(self, conn: Connection, batch: list) -> None:
        outcomes: list[tuple[concurrent.futures.Future, Any, BaseException | None]] = []
        try:
            with conn.begin():
                for future, op in batch:
                    if not future.set_running_or_notify_cancel():
                        continue
                    savepoint = conn.begin_nested()
                    try:
                        result = op(conn)
                    except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                        savepoint.rollback()
                        outcomes.append((future, None, exc))
                    else:
                        savepoint.commit()
                        outcomes.append((future, result, None))
        except BaseException as exc:  # noqa: BLE001 - the commit failed: every write in it failed
            log.exception("sqlite group commit failed")
            for future, _op in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, result, exc in outcomes:
            if exc is None:
                future.set_result(result)
            else:
                future.set_exception(exc)
        self._after_commit()
