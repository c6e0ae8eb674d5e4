"""The webhook figures of /metrics: deliveries by outcome, and the outbox lag read at scrape time."""

import sqlalchemy as sa
from prometheus_client import Counter, Gauge

from service.db import Database, utcnow
from service.webhooks.models import ACTIVE
from service.webhooks.models import deliveries_table as D
from service.webhooks.models import events_table as E

WEBHOOK_DELIVERIES = Counter("accord_webhook_deliveries_total", "Webhook delivery attempts by outcome", ["outcome"])
OUTBOX_OLDEST_PENDING = Gauge(
    "accord_outbox_oldest_pending_seconds", "Age of the oldest event not yet delivered everywhere (0 if none)"
)
DELIVERIES_PENDING = Gauge("accord_webhook_deliveries_pending", "Deliveries waiting to be sent or retried")


async def refresh_outbox_gauges(db: Database) -> None:
    """Outbox lag, read at scrape time so the figures are current."""
    async with db.read() as conn:
        unfanned = (
            await conn.execute(sa.select(sa.func.min(E.c.created_at)).where(E.c.fanned_out_at.is_(None)))
        ).scalar()
        count, oldest_delivery = (
            await conn.execute(sa.select(sa.func.count(), sa.func.min(D.c.created_at)).where(D.c.status.in_(ACTIVE)))
        ).one()
    oldest = min((t for t in (unfanned, oldest_delivery) if t is not None), default=None)
    OUTBOX_OLDEST_PENDING.set((utcnow() - oldest).total_seconds() if oldest else 0)
    DELIVERIES_PENDING.set(count)
