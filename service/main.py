"""create_app(): routers, error handlers, middleware and the lifespan that owns the database."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from service import __version__, idempotency, secrets_box
from service.agreements.router import projection_router
from service.agreements.router import router as agreements_router
from service.auth import service as keys
from service.auth.deps import authorize
from service.auth.router import router as api_keys_router
from service.auth.schemas import Scope
from service.config import Settings, get_settings
from service.db import Database
from service.deadlines import alerts
from service.deadlines.router import agreement_router as agreement_deadlines_router
from service.deadlines.router import router as deadlines_router
from service.definitions.router import router as workflows_router
from service.errors import PROBLEM_JSON, Forbidden, Unauthorized, install_handlers
from service.health import router as health_router
from service.metrics import router as metrics_router
from service.middleware import BodyLimit, KeyBeforeBody, RequestLog
from service.webhooks.dispatcher import Dispatcher, new_http_client
from service.webhooks.metrics import refresh_outbox_gauges
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
        except Exception:
            log.exception("idempotency key purge failed")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database.from_settings(settings)
        app.state.db = db
        secrets_box.configure(settings.secret_key.get_secret_value() if settings.secret_key else None)
        keys.KEY_CACHE.invalidate()
        if settings.bootstrap_admin_key:
            bootstrap = settings.bootstrap_admin_key.get_secret_value()
            if await db.write(lambda conn: keys.ensure_bootstrap(conn, bootstrap)):
                log.info("bootstrap admin API key added", extra={"key_name": keys.BOOTSTRAP_NAME})

        background = [asyncio.create_task(_purge_idempotency_keys(db))]
        if settings.deadline_scan_enabled:
            background.append(
                asyncio.create_task(
                    alerts.run_periodically(
                        db,
                        approaching_days=settings.deadline_approaching_days,
                        interval_seconds=settings.deadline_scan_interval_seconds,
                    )
                )
            )
        # Long-lived objects built at start-up (routes, schemas, the Machine) move out of the
        # cyclic GC's generations, so full collections under load do not rescan them.
        gc.collect()
        gc.freeze()
        http = new_http_client(settings)
        dispatcher = Dispatcher(db, settings, http) if settings.dispatcher_enabled else None
        if dispatcher is not None:
            await dispatcher.start()
        try:
            yield
        finally:
            for task in background:
                task.cancel()
            if dispatcher is not None:
                await dispatcher.stop()
            await http.aclose()
            await db.dispose()

    app = FastAPI(
        title="Accord",
        version=__version__,
        summary="Trade agreements through their negotiation lifecycle, as auditable state machines.",
        lifespan=lifespan,
        # Starlette's slash redirect builds its Location from the Host header; a wrong slash is a 404.
        redirect_slashes=False,
        generate_unique_id_function=lambda route: route.name,
        openapi_tags=[
            {"name": "agreements", "description": "Agreements, their transitions and history"},
            {"name": "deadlines", "description": "Statutory clocks across agreements"},
            {"name": "workflows", "description": "Workflow definitions"},
            {"name": "events", "description": "The ordered feed of every change"},
            {"name": "webhooks", "description": "Webhook endpoints, their deliveries and replays"},
            {"name": "api-keys", "description": "API keys and their scopes (admin)"},
            {"name": "health", "description": "Liveness and readiness"},
            {"name": "metrics", "description": "Prometheus metrics"},
        ],
    )
    app.state.settings = settings
    app.state.metric_refreshers = [refresh_outbox_gauges]
    install_handlers(app)
    app.include_router(health_router)
    # Who may do what: reads and writes of each resource, by scope (an admin key may do all).
    read, write = authorize(Scope.AGREEMENTS_READ), authorize(Scope.AGREEMENTS_READ, Scope.AGREEMENTS_WRITE)
    app.include_router(agreements_router, dependencies=[write])
    app.include_router(projection_router, dependencies=[authorize(Scope.AGREEMENTS_READ)])
    app.include_router(agreement_deadlines_router, dependencies=[read])
    app.include_router(deadlines_router, dependencies=[read])
    app.include_router(workflows_router, dependencies=[read])
    app.include_router(events_router, dependencies=[read])
    app.include_router(webhooks_router, dependencies=[authorize(Scope.WEBHOOKS_MANAGE)])
    app.include_router(api_keys_router, dependencies=[authorize(Scope.ADMIN)])
    app.include_router(metrics_router, dependencies=[] if settings.metrics_public else [authorize(Scope.ADMIN)])
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "If-None-Match"],
            expose_headers=["ETag", "Location", "X-Request-ID", "Idempotent-Replayed", "Retry-After"],
        )
    # Not FastAPI's max_body_size: its Content-Length check answers 413 in text/plain.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(KeyBeforeBody)
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
    problem = {"content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for path in schema["paths"].values():
        for operation in path.values():
            if operation.get("security"):
                operation["responses"].setdefault("401", {"description": Unauthorized.title, **problem})
                operation["responses"].setdefault("403", {"description": Forbidden.title, **problem})
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    app.openapi_schema = schema
    return schema
