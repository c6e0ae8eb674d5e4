"""OpenTelemetry tracing, with an in-memory exporter: a delivery joins the trace of the request
that made the change, through the trace context stored with the outbox event (also across a
restart); with tracing off nothing is instrumented, stored or sent. On SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from service.config import Settings
from service.main import create_app
from service.tracing import enabled_by_environment
from service.webhooks.models import events_table
from tests.helpers import ADMIN_KEY, AUTH, JAPAN, create_agreement, fire
from tests.webhooks.conftest import FAST, Receiver, eventually, subscribe

# Unset for these tests: tracing is off unless a test passes its own provider.
OTEL_VARIABLES = (
    "OTEL_SDK_DISABLED",
    "OTEL_TRACES_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
)


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, log_json=False, bootstrap_admin_key=ADMIN_KEY, **FAST)


@pytest.fixture(autouse=True)
def no_otel_environment(monkeypatch) -> None:
    for name in OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _exporter() -> tuple[TracerProvider, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = await Receiver().start()
    yield r
    await r.stop()


@contextlib.asynccontextmanager
async def _serve(
    settings: Settings, provider: TracerProvider | None
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """An app instance, traced into `provider` (None: as the environment says, which is off here)."""
    app = create_app(settings, tracer_provider=provider)
    async with LifespanManager(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://accord.test", headers=AUTH
        ) as client:
            yield app, client


def _trace_id(traceparent: str) -> str:
    version, trace_id, span_id, _flags = traceparent.split("-")
    assert version == "00" and len(trace_id) == 32 and len(span_id) == 16
    return trace_id


def _hex(trace_id: int) -> str:
    return format(trace_id, "032x")


def _server_span(spans: list[ReadableSpan], name: str) -> ReadableSpan:
    (span,) = [s for s in spans if s.kind == SpanKind.SERVER and s.name == name]
    return span


async def _stored_contexts(app: FastAPI) -> dict[str, dict | None]:
    async with app.state.db.read() as conn:
        rows = await conn.execute(sa.select(events_table.c.type, events_table.c.trace_context))
        return {row.type: row.trace_context for row in rows}


async def test_a_delivery_joins_the_trace_of_the_request_that_made_the_change(settings, receiver):
    provider, exporter = _exporter()
    async with _serve(settings, provider) as (app, client):
        endpoint = await subscribe(client, receiver.url)
        agreement = await create_agreement(client)
        assert (await fire(client, agreement["id"], "start_domestic_procedures")).status_code == 201
        await eventually(lambda: len(receiver.accepted) == 2)
        await eventually(lambda: len([s for s in exporter.get_finished_spans() if s.name == "webhook deliver"]) == 2)
        stored = await _stored_contexts(app)

    spans = exporter.get_finished_spans()
    created = _server_span(spans, "POST /v1/agreements")
    transitioned = _server_span(spans, "POST /v1/agreements/{agreement_id}/transitions")
    assert created.context.trace_id != transitioned.context.trace_id
    by_type = {d.json["type"]: d for d in receiver.accepted}
    deliveries = {s.attributes["accord.webhook.event_id"]: s for s in spans if s.name == "webhook deliver"}
    for event_type, request in (("agreement.created", created), ("agreement.transitioned", transitioned)):
        received = by_type[event_type]
        # The receiver's trace joins the request's: same trace, and the delivery span is its parent.
        assert _trace_id(received.headers["traceparent"]) == _hex(request.context.trace_id)
        delivery = deliveries[received.id]
        assert delivery.kind == SpanKind.CLIENT
        assert delivery.context.trace_id == request.context.trace_id
        assert received.headers["traceparent"].split("-")[2] == format(delivery.context.span_id, "016x")
        assert delivery.attributes["accord.webhook.endpoint_id"] == endpoint["id"]
        assert delivery.attributes["accord.webhook.attempt"] == 1
        assert delivery.attributes["http.response.status_code"] == 200
        assert "baggage" not in received.headers
        # The context is stored with the event.
        assert _trace_id(stored[event_type]["traceparent"]) == _hex(request.context.trace_id)

    # Database statements are spans too, in the request's trace.
    statements = [
        s for s in spans
        if s.kind == SpanKind.CLIENT and s.context.trace_id == created.context.trace_id
        and (s.attributes.get("db.system") or s.attributes.get("db.system.name"))
    ]  # fmt: skip
    assert any("INSERT" in s.name.upper() for s in statements), [s.name for s in statements]
    # Health and metrics are not traced.
    assert {s.name for s in spans if s.kind == SpanKind.SERVER} == {
        "POST /v1/webhook-endpoints",
        "POST /v1/agreements",
        "POST /v1/agreements/{agreement_id}/transitions",
    }


async def test_the_link_survives_a_restart(settings, receiver):
    """The event is written by one app instance and delivered by a fresh one (its own provider,
    dispatcher and database engines): the delivery still joins the original request's trace."""
    first_provider, first_exporter = _exporter()
    async with _serve(settings.model_copy(update={"dispatcher_enabled": False}), first_provider) as (_app, client):
        await subscribe(client, receiver.url, event_types=["agreement.created"])
        await create_agreement(client)
    request = _server_span(first_exporter.get_finished_spans(), "POST /v1/agreements")
    assert not receiver.requests

    provider, exporter = _exporter()
    async with _serve(settings, provider):
        await eventually(lambda: len(receiver.accepted) == 1)
        await eventually(lambda: any(s.name == "webhook deliver" for s in exporter.get_finished_spans()))

    (delivery,) = [s for s in exporter.get_finished_spans() if s.name == "webhook deliver"]
    assert delivery.context.trace_id == request.context.trace_id
    assert _trace_id(receiver.accepted[0].headers["traceparent"]) == _hex(request.context.trace_id)
    # Its parent is the span that was current when the event was written, in the first instance.
    first_ids = {s.context.span_id for s in first_exporter.get_finished_spans()}
    assert delivery.parent is not None and delivery.parent.span_id in first_ids


async def test_off_unless_configured_nothing_is_stored_or_sent(settings, receiver):
    assert not enabled_by_environment()
    async with _serve(settings, None) as (app, client):
        assert not getattr(app, "_is_instrumented_by_opentelemetry", False)
        assert app.state.dispatcher.tracer is None
        await subscribe(client, receiver.url)
        agreement = await create_agreement(client)
        await fire(client, agreement["id"], "suspend")
        await eventually(lambda: len(receiver.accepted) == 2)
        stored = await _stored_contexts(app)
    assert stored == {"agreement.created": None, "agreement.transitioned": None}
    assert not any("traceparent" in d.headers for d in receiver.requests)


async def test_a_request_traceparent_is_continued(settings, receiver):
    """A caller's own trace continues through Accord to the receiver."""
    provider, _spans = _exporter()
    caller = "4bf92f3577b34da6a3ce929d0e0e4736"
    async with _serve(settings, provider) as (_app, client):
        await subscribe(client, receiver.url)
        response = await client.post(
            "/v1/agreements", json=JAPAN, headers={"traceparent": f"00-{caller}-00f067aa0ba902b7-01"}
        )
        assert response.status_code == 201, response.text
        await eventually(lambda: len(receiver.accepted) == 1)
    assert _trace_id(receiver.accepted[0].headers["traceparent"]) == caller


@pytest.mark.parametrize(
    ("environ", "enabled"),
    [
        ({}, False),
        ({"OTEL_TRACES_EXPORTER": "none"}, False),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, False),
        ({"OTEL_TRACES_EXPORTER": "otlp"}, True),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318", "OTEL_SDK_DISABLED": "true"}, False),
    ],
)
def test_enabled_only_by_otel_variables(environ, enabled):
    assert enabled_by_environment(environ) is enabled


@pytest.mark.parametrize(("service_name", "expected"), [(None, "accord"), ("accord-eu", "accord-eu")])
def test_the_environment_builds_the_sdk_provider(service_name, expected):
    """In a process of its own: the SDK's provider is global and set once per process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    env |= {"OTEL_TRACES_EXPORTER": "console"} | ({"OTEL_SERVICE_NAME": service_name} if service_name else {})
    program = (
        "from opentelemetry import trace\n"
        "from service.tracing import configure_tracing\n"
        "tracing = configure_tracing()\n"
        "assert trace.get_tracer_provider() is tracing.provider\n"
        "print(tracing.provider.resource.attributes['service.name'])\n"
    )
    result = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
