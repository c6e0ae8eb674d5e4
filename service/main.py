"""create_app(): routers, error handlers, middleware and the lifespan that owns the database."""

from __future__ import annotations

import asyncio
import gc
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI

from service import __version__, idempotency
from service.agreements.router import router as agreements_router
from service.config import Settings, get_settings
from service.db import Database
from service.definitions.router import router as workflows_router
from service.errors import PROBLEM_JSON, install_handlers
from service.health import router as health_router
from service.middleware import BodyLimit, RequestLog
from service.webhooks.dispatcher import Dispatcher, new_http_client
from service.webhooks.router import events_router
from service.webhooks.router import router as webhooks_router

log = logging.getLogger("accord")
PURGE_INTERVAL_SECONDS = 600


async def _purge_idempotency_keys(db: Database) -> None:
    while True:
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
        try:
            purged = await db.write(idempotency.purge_expired)
            if purged:
                log.info("purged expired idempotency keys", extra={"count": purged})
        except Exception:  # noqa: BLE001 - housekeeping must not die; try again next round
            log.exception("idempotency key purge failed")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.database_url, pool_size=settings.db_pool_size, sqlite_batch_max=settings.sqlite_write_batch_max)
        app.state.db = db
        purge = asyncio.create_task(_purge_idempotency_keys(db))
        # Long-lived objects built at start-up (routes, schemas, the Machine) move out of the
        # cyclic GC's generations, so full collections under load do not rescan them.
        gc.collect()
        gc.freeze()
        http = new_http_client(settings)
        dispatcher = Dispatcher(db, settings, http) if settings.dispatcher_enabled else None
        app.state.dispatcher = dispatcher
        if dispatcher is not None:
            await dispatcher.start()
        try:
            yield
        finally:
            purge.cancel()
            if dispatcher is not None:
                await dispatcher.stop()
            await http.aclose()
            await db.dispose()

    app = FastAPI(
        title="Accord",
        version=__version__,
        summary="Trade agreements through their negotiation lifecycle, as auditable state machines.",
        lifespan=lifespan,
        generate_unique_id_function=lambda route: route.name,
        openapi_tags=[
            {"name": "agreements", "description": "Agreements, their transitions and history"},
            {"name": "workflows", "description": "Workflow definitions"},
            {"name": "events", "description": "The ordered feed of every change"},
            {"name": "webhooks", "description": "Webhook endpoints, their deliveries and replays"},
            {"name": "health", "description": "Liveness and readiness"},
        ],
    )
    app.state.settings = settings
    install_handlers(app)
    app.include_router(health_router)
    app.include_router(agreements_router)
    app.include_router(workflows_router)
    app.include_router(events_router)
    app.include_router(webhooks_router)
    # Not FastAPI's max_body_size: its Content-Length check answers 413 in text/plain.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestLog)
    app.openapi = lambda: _openapi(app)
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with error bodies declared as application/problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title, version=app.version, summary=app.summary, routes=app.routes, tags=app.openapi_tags
    )
    for path in schema["paths"].values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    app.openapi_schema = schema
    return schema
