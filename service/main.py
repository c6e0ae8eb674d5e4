"""create_app(): routers, error handlers, middleware and the lifespan that owns the database."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from opentelemetry.trace import TracerProvider

from service import __version__, api_docs, idempotency, secrets_box
from service.agreements.router import projection_router
from service.agreements.router import router as agreements_router
from service.auth import service as keys
from service.auth.deps import authorize
from service.auth.router import router as api_keys_router
from service.auth.schemas import Scope
from service.board import router as board
from service.config import Settings, get_settings
from service.consultations.router import router as consultations_router
from service.db import Database
from service.deadlines import alerts
from service.deadlines.calendar import router as calendar_router
from service.deadlines.router import agreement_router as agreement_deadlines_router
from service.deadlines.router import router as deadlines_router
from service.definitions.router import router as workflows_router
from service.documents.router import router as documents_router
from service.errors import PROBLEM_JSON, Forbidden, Unauthorized, example_of, install_handlers
from service.exports.router import feeds_router
from service.exports.router import router as exports_router
from service.health import router as health_router
from service.metrics import router as metrics_router
from service.middleware import BodyLimit, KeyBeforeBody, RequestLog
from service.rounds.router import router as rounds_router
from service.tracing import configure_tracing
from service.webhooks import catalog, retention
from service.webhooks.dispatcher import Dispatcher, new_http_client
from service.webhooks.metrics import refresh_outbox_gauges
from service.webhooks.router import event_types_router, events_router
from service.webhooks.router import router as webhooks_router
from service.webhooks.service import FeedSignal

log = logging.getLogger("accord")
PURGE_INTERVAL_SECONDS = 600


async def _purge(db: Database, settings: Settings) -> None:
    """Housekeeping every PURGE_INTERVAL_SECONDS: expired idempotency keys, then what retention
    allows to go (service/webhooks/retention.py), each in small transactions."""
    while True:
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
        try:
            purged = await db.write(idempotency.purge_expired)
            if purged:
                log.info("purged expired idempotency keys", extra={"count": purged})
            await retention.purge(db, settings)
        except Exception:  # a database hiccup: the next round tries again
            log.exception("purge failed")


def create_app(settings: Settings | None = None, *, tracer_provider: TracerProvider | None = None) -> FastAPI:
    """The app. Traced when the OTEL_* variables say so, or into `tracer_provider` (tests)."""
    settings = settings or get_settings()
    tracing = configure_tracing(tracer_provider)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database.from_settings(settings)
        app.state.db = db
        if tracing is not None:
            tracing.instrument_database(db)
        secrets_box.configure(settings.secret_key.get_secret_value() if settings.secret_key else None)
        keys.KEY_CACHE.invalidate()
        if settings.bootstrap_admin_key:
            bootstrap = settings.bootstrap_admin_key.get_secret_value()
            if await db.write(lambda conn: keys.ensure_bootstrap(conn, bootstrap)):
                log.info("bootstrap admin API key added", extra={"key_name": keys.BOOTSTRAP_NAME})

        background = [asyncio.create_task(_purge(db, settings))]
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
        signal = app.state.feed_signal = FeedSignal()
        signal.bind(asyncio.get_running_loop())
        if db.is_sqlite:
            db.on_commit(signal.wake_threadsafe)
        # Built in every process: test sends (POST /v1/webhook-endpoints/{id}/test) use its sending path.
        dispatcher = app.state.dispatcher = Dispatcher(
            db, settings, http, tracer=tracing.tracer if tracing is not None else None
        )
        dispatcher.on_notify.append(signal.wake)
        if settings.dispatcher_enabled:
            await dispatcher.start()
        try:
            yield
        finally:
            for task in background:
                task.cancel()
            if settings.dispatcher_enabled:
                await dispatcher.stop()
            await http.aclose()
            await db.dispose()

    app = FastAPI(
        title="Accord",
        version=__version__,
        summary="Trade agreements through their negotiation lifecycle, as auditable state machines.",
        description=api_docs.DESCRIPTION,
        lifespan=lifespan,
        # api_docs serves /docs and /redoc with vendored assets; FastAPI's own pages load them from a CDN.
        docs_url=None,
        redoc_url=None,
        # Starlette's slash redirect builds its Location from the Host header; a wrong slash is a 404.
        redirect_slashes=False,
        generate_unique_id_function=lambda route: route.name,
        openapi_tags=[
            {"name": "agreements", "description": "Agreements, their transitions and history"},
            {"name": "documents", "description": "An agreement's documents, and its timeline with them"},
            {"name": "rounds", "description": "An agreement's negotiating rounds"},
            {"name": "consultations", "description": "An agreement's public comment dockets and hearings"},
            {"name": "deadlines", "description": "Statutory clocks and public comment dates across agreements"},
            {"name": "exports", "description": "CSV exports, and calendar feeds of deadlines and hearings"},
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
    api_docs.install(app)
    # Who may do what: reads and writes of each resource, by scope (an admin key may do all).
    read, write = authorize(Scope.AGREEMENTS_READ), authorize(Scope.AGREEMENTS_READ, Scope.AGREEMENTS_WRITE)
    # Before the agreements' routes: /v1/agreements.csv and .../transitions.csv are read-only.
    app.include_router(exports_router, dependencies=[read])
    app.include_router(agreements_router, dependencies=[write])
    # A read key may make feeds for itself; the feed's URL needs only its own token.
    app.include_router(feeds_router, dependencies=[authorize(Scope.AGREEMENTS_READ)])
    app.include_router(calendar_router)
    app.include_router(projection_router, dependencies=[authorize(Scope.AGREEMENTS_READ)])
    app.include_router(agreement_deadlines_router, dependencies=[read])
    app.include_router(documents_router, dependencies=[write])
    app.include_router(rounds_router, dependencies=[write])
    app.include_router(consultations_router, dependencies=[write])
    app.include_router(deadlines_router, dependencies=[read])
    app.include_router(workflows_router, dependencies=[read])
    app.include_router(events_router, dependencies=[read])
    app.include_router(event_types_router, dependencies=[read])
    _declare_webhooks(app)
    app.include_router(webhooks_router, dependencies=[authorize(Scope.WEBHOOKS_MANAGE)])
    app.include_router(api_keys_router, dependencies=[authorize(Scope.ADMIN)])
    app.include_router(metrics_router, dependencies=[] if settings.metrics_public else [authorize(Scope.ADMIN)])
    # The board for people: its own session cookie instead of a bearer key, outside the OpenAPI document.
    board.install(app)
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
    if tracing is not None:
        tracing.instrument_app(app)
    return app


def _declare_webhooks(app: FastAPI) -> None:
    """openapi.yaml's `webhooks`: the body each event type POSTs to a subscriber, from the catalog
    (service/webhooks/catalog.py). The receivers are never called; they carry the schema."""
    catalog.check_complete()
    for spec in catalog.specs():

        def receive(body: Any) -> None:
            """Never called: documentation only."""

        body = inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=spec.envelope)
        receive.__signature__ = inspect.Signature([body])  # type: ignore[attr-defined]
        app.webhooks.post(
            spec.type,
            name=spec.envelope.__name__,
            summary=spec.type,
            description=spec.description
            + "\n\nSigned as Standard Webhooks prescribe (headers webhook-id, webhook-timestamp, "
            "webhook-signature). Answer 2xx within ACCORD_WEBHOOK_TIMEOUT_SECONDS; anything else is retried.",
            status_code=204,
            response_description="Any 2xx acknowledges the delivery",
            generate_unique_id_function=lambda route: route.name,
        )(receive)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with error bodies declared as application/problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        webhooks=app.webhooks.routes,
    )
    # The examples are set here, not through Body(): FastAPI drops every null from the document,
    # and an example without its nulls does not match its own schema.
    components = schema["components"]["schemas"]
    for spec in catalog.specs():
        content = schema["webhooks"][spec.type]["post"]["requestBody"]["content"]["application/json"]
        content["examples"] = {spec.type: {"summary": spec.type, "value": spec.example_envelope()}}
        # The events' data are the API's own results: their examples serve the responses too.
        components[spec.data.__name__].setdefault("examples", [spec.example])
    transitioned = catalog.CATALOG["agreement.transitioned"].example
    components["AgreementOut"]["examples"] = [transitioned["agreement"]]
    components["TransitionOut"]["examples"] = [transitioned["transition"]]
    problem_schema = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for path in schema["paths"].values():
        for operation in path.values():
            if operation.get("security"):
                for error in (Unauthorized, Forbidden):
                    content = {PROBLEM_JSON: {**problem_schema, "examples": {error.slug: example_of(error)}}}
                    operation["responses"].setdefault(
                        str(error.status), {"description": error.title, "content": content}
                    )
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    app.openapi_schema = schema
    return schema
