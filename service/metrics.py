"""Prometheus metrics (prometheus-client) and the /metrics route.

Each process exposes its own figures; with several processes, scrape each of them.
"""

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from service.db import Database, utcnow
from service.errors import responses
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import events_table as E

HTTP_REQUESTS = Counter("accord_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "accord_http_request_duration_seconds", "Time to answer an HTTP request", ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
TRANSITIONS = Counter("accord_transitions_total", "Committed workflow events", ["workflow", "event"])
WEBHOOK_DELIVERIES = Counter("accord_webhook_deliveries_total", "Webhook delivery attempts by outcome", ["outcome"])
OUTBOX_OLDEST_PENDING = Gauge(
    "accord_outbox_oldest_pending_seconds", "Age of the oldest event not yet delivered everywhere (0 if none)"
)
DELIVERIES_PENDING = Gauge("accord_webhook_deliveries_pending", "Deliveries waiting to be sent or retried")

router = APIRouter(tags=["metrics"])


async def refresh_outbox_gauges(db: Database) -> None:
    """Outbox lag, read at scrape time so the figures are current."""
    async with db.read() as conn:
        unfanned = (await conn.execute(sa.select(sa.func.min(E.c.created_at)).where(E.c.fanned_out_at.is_(None)))).scalar()
        count, oldest_delivery = (
            await conn.execute(
                sa.select(sa.func.count(), sa.func.min(D.c.created_at)).where(D.c.status.in_(("pending", "failed")))
            )
        ).one()
    oldest = min((t for t in (unfanned, oldest_delivery) if t is not None), default=None)
    OUTBOX_OLDEST_PENDING.set((utcnow() - oldest).total_seconds() if oldest else 0)
    DELIVERIES_PENDING.set(count)


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}, **responses()})
async def get_metrics(request: Request) -> Response:
    """Prometheus text format: requests, transitions, webhook deliveries and the outbox lag."""
    await refresh_outbox_gauges(request.app.state.db)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
