"""OpenTelemetry tracing, off unless the standard `OTEL_*` variables ask for it.

When on, Accord traces:
- requests, as server spans (FastAPI's instrumentation; not /healthz, /readyz or /metrics);
- database statements, as client spans (SQLAlchemy's instrumentation, on each engine of a Database);
- webhook deliveries, as one client span per attempt (the dispatcher).

The outbox stores the W3C trace context of the change with its event, and the delivery uses it
as its parent and sends it on as `traceparent`. So a receiver's trace joins the transition that
caused it, even when the delivery is made by another process or after a restart.

When off, nothing is instrumented and no SDK is loaded. The outbox then finds no current span
and stores NULL.
"""

from __future__ import annotations

import contextvars
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from service import __version__

if TYPE_CHECKING:
    from fastapi import FastAPI

    from service.db import Database

log = logging.getLogger("accord.tracing")

SERVICE_NAME = "accord"
# OpenTelemetry's own variable, when set, replaces this.
EXCLUDED_URLS = "/healthz,/readyz,/metrics"
# W3C trace context only, never the global propagator's baggage: what a caller sends as baggage
# is neither stored nor passed on to webhook receivers.
_PROPAGATOR = TraceContextTextMapPropagator()
_environment_provider: trace.TracerProvider | None = None


def enabled_by_environment(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether OTEL_* variables ask for traces: an exporter other than `none`, or an OTLP endpoint."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporters = environ.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporters:
        return exporters != "none"
    return bool(environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


def _provider_from_environment() -> trace.TracerProvider:
    """The SDK's provider, exporters and sampler as the OTEL_* variables say; built once per
    process and made the global provider. It flushes its spans when the process exits."""
    global _environment_provider
    if _environment_provider is not None:
        return _environment_provider
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

    if isinstance(trace.get_tracer_provider(), TracerProvider):  # set up already (opentelemetry-instrument)
        _environment_provider = trace.get_tracer_provider()
        return _environment_provider

    # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read here; the sampler (OTEL_TRACES_SAMPLER)
    # by the provider; the batch (OTEL_BSP_*) and OTLP (OTEL_EXPORTER_OTLP_*) settings by their classes.
    resource = Resource.create({"service.version": __version__})
    if str(resource.attributes.get("service.name", "")).startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": SERVICE_NAME}))
    provider = TracerProvider(resource=resource)
    for name in filter(None, (n.strip().lower() for n in os.environ.get("OTEL_TRACES_EXPORTER", "otlp").split(","))):
        if name in ("otlp", "otlp_proto_http"):
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            protocol = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or os.environ.get(
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
            )
            if protocol != "http/protobuf":
                log.warning("OTLP protocol %s is not installed; exporting traces over http/protobuf", protocol)
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        elif name == "console":
            provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
        elif name != "none":
            log.warning("unknown OTEL_TRACES_EXPORTER %r ignored (otlp, console or none)", name)
    trace.set_tracer_provider(provider)
    _environment_provider = provider
    return provider


@dataclass(frozen=True)
class Tracing:
    """Tracing switched on, with the provider every span of this app goes to."""

    provider: trace.TracerProvider

    @property
    def tracer(self) -> trace.Tracer:
        return self.provider.get_tracer("accord", __version__)

    def instrument_app(self, app: FastAPI) -> None:
        """Server spans for every request; call before the app serves its first request."""
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
        from opentelemetry.metrics import NoOpMeterProvider

        excluded = os.environ.get("OTEL_PYTHON_FASTAPI_EXCLUDED_URLS") or os.environ.get("OTEL_PYTHON_EXCLUDED_URLS")
        FastAPIInstrumentor.instrument_app(
            app,
            tracer_provider=self.provider,
            meter_provider=NoOpMeterProvider(),  # Accord's metrics are Prometheus' (/metrics)
            excluded_urls=excluded or EXCLUDED_URLS,
            exclude_spans=["receive", "send"],  # a span per ASGI message is noise
        )

    def instrument_database(self, db: Database) -> None:
        """Client spans for every statement on the database's engines (never their parameters)."""
        from opentelemetry.instrumentation.sqlalchemy import __version__ as instrumentation_version
        from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
        from opentelemetry.metrics import NoOpMeter

        # EngineTracer per engine, not SQLAlchemyInstrumentor().instrument(): that one also patches
        # create_engine for the whole process, once, with one provider.
        tracer = self.provider.get_tracer("opentelemetry.instrumentation.sqlalchemy", instrumentation_version)
        connections = NoOpMeter("accord").create_up_down_counter("db.client.connections.usage")
        for engine in db.sync_engines:
            EngineTracer(tracer, engine, connections)


def configure_tracing(tracer_provider: trace.TracerProvider | None = None) -> Tracing | None:
    """This app's tracing: the given provider (tests pass one with an in-memory exporter), else
    the SDK's as the OTEL_* variables say, else None: tracing is off."""
    if tracer_provider is not None:
        return Tracing(tracer_provider)
    if enabled_by_environment():
        return Tracing(_provider_from_environment())
    return None


def current_context() -> dict[str, str] | None:
    """The current span's W3C trace context (`traceparent`, and `tracestate` if any), to store
    with an outbox event; None when no span is active, as always when tracing is off."""
    if not trace.get_current_span().get_span_context().is_valid:
        return None
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier)
    return carrier


def stored_context(carrier: Mapping[str, str] | None) -> otel_context.Context:
    """A context whose parent is the stored trace context, or an empty one (a new trace)."""
    return _PROPAGATOR.extract(carrier or {}, context=otel_context.Context())


def inject(headers: dict[str, str]) -> None:
    """Add the current span's `traceparent` (and `tracestate`) to outgoing headers."""
    _PROPAGATOR.inject(headers)


def background_context() -> contextvars.Context:
    """A fresh context in which instrumentations record nothing: for background work that serves
    many requests or none (the SQLite group commit, the dispatcher's polling), which would
    otherwise start a trace of its own every round, or join whichever request started the task."""
    context = contextvars.Context()
    context.run(otel_context.attach, otel_context.set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    return context
