"""The database layer: bounded waits on a database that stops answering, and no secrets in logs."""

import asyncio
import contextlib
import logging

import httpx
from asgi_lifespan import LifespanManager

from service.auth.service import hash_key
from service.config import Settings
from service.main import create_app
from tests.helpers import ADMIN_KEY, AUTH, create_agreement


@contextlib.asynccontextmanager
async def blackhole():
    """A TCP server that accepts connections and never says a word: a database that hangs."""
    held = []

    async def swallow(reader, writer):
        held.append(writer)
        await asyncio.sleep(3600)

    server = await asyncio.start_server(swallow, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in held:
            writer.close()
        server.close()


async def test_a_database_that_never_answers_gives_503_not_a_hang():
    """Not a database test: a PostgreSQL URL whose server accepts and then stays silent."""
    async with blackhole() as port:
        app = create_app(
            Settings(
                database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{port}/none",
                dispatcher_enabled=False,
                log_json=False,
                db_connect_timeout_seconds=0.5,
            )
        )
        async with LifespanManager(app, startup_timeout=30, shutdown_timeout=30):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://t", headers=AUTH
            ) as client:
                # A guard against a hang, not a speed check: without the timeouts this waited 60 s.
                async with asyncio.timeout(30):
                    response = await client.get("/v1/agreements")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_key_hashes_and_parameters_stay_out_of_debug_logs(client, caplog):
    with caplog.at_level(logging.DEBUG, logger="sqlalchemy"):
        logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
        try:
            from service.auth.service import KEY_CACHE

            KEY_CACHE.invalidate()  # force a lookup by hash
            await create_agreement(client, title="A secret title")
        finally:
            logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert "SELECT" in caplog.text  # the statements were logged...
    assert hash_key(ADMIN_KEY) not in caplog.text  # ...without their parameters
    assert "A secret title" not in caplog.text


async def test_a_failed_statement_names_no_parameters(db):
    import sqlalchemy as sa

    from service.auth.models import api_keys_table

    async with db.read() as conn:
        row = (await conn.execute(sa.select(api_keys_table))).mappings().first()
    try:
        await db.write(lambda conn: conn.execute(sa.insert(api_keys_table), dict(row)))
    except Exception as error:  # noqa: BLE001 - a duplicate key, as a 500 would log it
        assert row["key_hash"] not in str(error)
    else:
        raise AssertionError("a duplicate primary key was stored")


def test_debug_logging_keeps_sqlalchemy_rows_out():
    """ACCORD_LOG_LEVEL=debug must not turn on SQLAlchemy's row logging."""
    from service.logs import configure_logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("debug", log_format="text")
        assert not logging.getLogger("sqlalchemy.engine.Engine").isEnabledFor(logging.INFO)
        assert logging.getLogger("accord").isEnabledFor(logging.DEBUG)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
