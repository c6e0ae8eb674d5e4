"""Prometheus metrics (prometheus-client) and the /metrics route.

Each process exposes its own figures; with several processes, scrape each of them. Figures that
must be read from a resource's tables at scrape time are refreshed by the coroutines the app
lists in `app.state.metric_refreshers` (the kernel reads no resource's tables).
"""

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

from service.errors import responses

HTTP_REQUESTS = Counter("accord_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "accord_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
TRANSITIONS = Counter("accord_transitions_total", "Committed workflow events", ["workflow", "event"])
router = APIRouter(tags=["metrics"])


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}, **responses()})
async def get_metrics(request: Request) -> Response:
    """Prometheus text format: requests, transitions, webhook deliveries and the outbox lag."""
    for refresh in request.app.state.metric_refreshers:
        await refresh(request.app.state.db)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
