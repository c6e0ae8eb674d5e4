"""The database: engines, column types, and the write path.

Reads go through an async engine (aiosqlite or asyncpg). Writes are plain functions of a sync
`Connection` written with SQLAlchemy Core, so one body of code serves both databases:
- PostgreSQL: each write runs in its own transaction through `AsyncConnection.run_sync`;
  row locks (`SELECT ... FOR UPDATE`) keep several processes correct.
- SQLite: allows one writer at a time. Pooled connections fighting for its lock pushed p99 past
  one second in a benchmark here, so writes queue to one writer task that commits them in
  groups (one commit for many writes), each inside a savepoint so one failure spoils no other.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel import SQLModel

from service import tracing
from service.config import Settings

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

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 10,
        sqlite_batch_max: int = 256,
        connect_timeout: float = 5,
        statement_timeout: float = 30,
        settings: Settings | None = None,
    ) -> None:
        # The settings the services read (idempotency, limits); from the environment by default.
        self.settings = settings or Settings(database_url=url)
        self.url = make_url(url)
        self.dialect = self.url.get_backend_name()
        self.is_sqlite = self.dialect == "sqlite"
        self._commit_listeners: list[CommitListener] = []
        if self.is_sqlite:
            if self.url.database in (None, "", ":memory:"):
                raise ValueError("SQLite needs a file path: readers and the writer thread share it")
            # hide_parameters: statements logged at debug level, or inside an error, never show
            # their values (key hashes, secrets).
            self.engine: AsyncEngine = create_async_engine(self.url, hide_parameters=True)
            _configure_sqlite(self.engine.sync_engine)
            sync_url = self.url.set(drivername="sqlite")
            self._writer = _SqliteWriter(
                _sqlite_writer_engine(sync_url), sqlite_batch_max, self._notify_commit, checkpoint_engine=self.engine
            )
        else:
            # No pool_pre_ping: it costs a round trip per write (one in eight on the transition
            # path). A connection lost in use is invalidated and its request answered 503
            # (errors.py); the client retries.
            # A database that stops answering must not hold requests for minutes: connecting and
            # each statement are bounded (the request then gets a 503 and retries).
            self.engine = create_async_engine(
                self.url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_recycle=1800,
                pool_timeout=connect_timeout,
                hide_parameters=True,
                connect_args={
                    "timeout": connect_timeout,
                    "command_timeout": statement_timeout,
                    "server_settings": {"statement_timeout": str(int(statement_timeout * 1000))},
                },
            )
            self._writer = None

    @classmethod
    def from_settings(cls, settings: Settings, *, pool_size: int | None = None) -> Database:
        """The one way the service, the worker, the seed and the CLI open the database."""
        return cls(
            settings.database_url,
            pool_size=pool_size or settings.db_pool_size,
            sqlite_batch_max=settings.sqlite_write_batch_max,
            connect_timeout=settings.db_connect_timeout_seconds,
            statement_timeout=settings.db_statement_timeout_seconds,
            settings=settings,
        )

    @property
    def sync_engines(self) -> list[Engine]:
        """Every engine statements run on (to instrument them)."""
        engines = [self.engine.sync_engine]
        if self._writer is not None:
            engines.append(self._writer.engine)
        return engines

    def on_commit(self, listener: CommitListener) -> None:
        """Call `listener` on the event loop's thread after every committed write."""
        self._commit_listeners.append(listener)

    def _notify_commit(self) -> None:
        for listener in self._commit_listeners:
            listener()

    async def write(self, op: WriteOp[T]) -> T:
        """Run `op` in one transaction and return its result once committed."""
        if self._writer is not None:
            return await self._writer.submit(op)
        async with self.engine.begin() as conn:
            result = await conn.run_sync(op)
        self._notify_commit()
        return result

    def read(self) -> Any:
        """`async with db.read() as conn:` a connection for queries."""
        return self.engine.connect()

    async def dispose(self) -> None:
        if self._writer is not None:
            await self._writer.stop()
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
    engine = sa.create_engine(url, poolclass=sa.pool.StaticPool, hide_parameters=True)
    _configure_sqlite(engine)

    # pysqlite's own transaction handling breaks SAVEPOINT; take it over (SQLAlchemy's recipe).
    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        # Checkpoints run in _SqliteWriter._checkpoint, off the event loop.
        dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class _SqliteWriter:
    """One writer for the whole process: a task on the event loop drains queued writes and
    commits each group at once on one sqlite3 connection.

    The writes run on the loop itself. A writer thread was measured here first: it and the loop
    fought over the GIL, which capped throughput near 400 transitions/s with p99 over 200 ms. A
    group of SQLite writes in WAL mode costs well under a millisecond each and never waits on
    the network, so holding the loop for one group is cheaper than handing off to a thread.
    """

    CHECKPOINT_INTERVAL = 1.0

    def __init__(
        self, engine: Engine, batch_max: int, after_commit: Callable[[], None], *, checkpoint_engine: AsyncEngine
    ) -> None:
        self.engine = engine
        self._batch_max = batch_max
        self._after_commit = after_commit
        self._checkpoint_engine = checkpoint_engine
        self._queue: asyncio.Queue[tuple[asyncio.Future, WriteOp, contextvars.Context]] | None = None
        self._task: asyncio.Task | None = None
        self._checkpointer: asyncio.Task | None = None
        self._conn: Connection | None = None

    def submit(self, op: WriteOp[T]) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done():
            self._queue = asyncio.Queue()
            # Not the context of the request that happened to start them: a group serves many.
            self._task = loop.create_task(
                self._run(), name="accord-sqlite-writer", context=tracing.background_context()
            )
            self._checkpointer = loop.create_task(
                self._checkpoint(), name="accord-sqlite-checkpoint", context=tracing.background_context()
            )
        future: asyncio.Future[T] = loop.create_future()
        # Each write runs in its caller's context, so its statements (and the trace context the
        # outbox stores) belong to the request that made it.
        self._queue.put_nowait((future, op, contextvars.copy_context()))
        return future

    async def stop(self) -> None:
        for task in (self._task, self._checkpointer):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if self._conn is not None:
            self._conn.close()
        self.engine.dispose()

    async def _run(self) -> None:
        assert self._queue is not None
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._batch_max and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            self._commit(batch)
            # Let the requests whose writes just committed (and new ones) run before the next group.
            await asyncio.sleep(0)

    async def _checkpoint(self) -> None:
        """Copy the WAL back into the database off the loop. The writer's own automatic
        checkpoints are off: one would fsync on the loop, in the middle of a group."""
        while True:
            await asyncio.sleep(self.CHECKPOINT_INTERVAL)
            try:
                async with self._checkpoint_engine.connect() as conn:
                    await conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:
                log.warning("sqlite checkpoint failed", exc_info=True)

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self.engine.connect()
        return self._conn

    def _commit(self, batch: list[tuple[asyncio.Future, WriteOp, contextvars.Context]]) -> None:
        conn = self._connection()
        outcomes: list[tuple[asyncio.Future, Any, BaseException | None]] = []
        try:
            with conn.begin():
                for index, (future, op, context) in enumerate(batch):
                    if future.done():  # the request was cancelled
                        continue
                    outcomes.append((future, *context.run(_apply, conn, op, f"w{index}")))
        except Exception as exc:
            log.exception("sqlite group commit failed")
            for future, _op, _context in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, result, exc in outcomes:
            if future.done():
                continue
            if exc is None:
                future.set_result(result)
            else:
                future.set_exception(exc)
        self._after_commit()


def _apply(conn: Connection, op: WriteOp[T], savepoint: str) -> tuple[T | None, BaseException | None]:
    """One write of a group, in a savepoint, so its failure spoils no other: (result, error)."""
    # Raw SAVEPOINT statements: SQLAlchemy's begin_nested() cost ~150 us a write here.
    conn.exec_driver_sql(f"SAVEPOINT {savepoint}")
    try:
        outcome: tuple[T | None, BaseException | None] = (op(conn), None)
    except Exception as exc:  # noqa: BLE001 - handed to the waiting request
        conn.exec_driver_sql(f"ROLLBACK TO {savepoint}")
        outcome = (None, exc)
    conn.exec_driver_sql(f"RELEASE {savepoint}")
    return outcome
