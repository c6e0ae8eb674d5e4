"""Tables: the event outbox, webhook endpoints, their deliveries and the attempt log."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from service.db import JSONType, UTCDateTime
from service.secrets_box import EncryptedString

# SQLite numbers rows only through an INTEGER PRIMARY KEY; PostgreSQL gets 64 bits.
Position = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Delivery statuses: active ones will be (re)tried; the others are final.
PENDING, FAILED, SUCCEEDED, GIVEN_UP = "pending", "failed", "succeeded", "given_up"
ACTIVE = (PENDING, FAILED)
EXCERPT_CHARS = 1024
ERROR_CHARS = 1000


class Event(SQLModel, table=True):
    """One change, written in the transaction of the change (the outbox). Never updated but for
    `fanned_out_at`, which the dispatcher sets once it has queued the event's deliveries."""

    __tablename__ = "events"
    # The feed filtered by type or agreement, a page at a time in position order (migration 0016).
    __table_args__ = (
        sa.Index("ix_events_type", "type", "position"),
        sa.Index("ix_events_agreement_id", "agreement_id", "position"),
        # The events still to fan out, in position order: only those rows, so the dispatcher's
        # "first unfanned event" is one seek however long the feed (migration 0018). The index on
        # fanned_out_at it replaces held every event, and SQLite, once ANALYZE had run, chose to
        # walk the whole table in position order instead: 750 ms in a write (bench/scale.py).
        sa.Index(
            "ix_events_unfanned",
            "position",
            sqlite_where=sa.text("fanned_out_at IS NULL"),
            postgresql_where=sa.text("fanned_out_at IS NULL"),
        ),
    )

    position: int | None = Field(default=None, sa_column=sa.Column(Position, primary_key=True, autoincrement=True))
    id: str = Field(max_length=32, unique=True)
    type: str = Field(max_length=64)
    agreement_id: str | None = Field(default=None, max_length=32)
    data: dict[str, Any] = Field(sa_type=JSONType)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    fanned_out_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last endpoint id an event is already queued for, while its fan-out spans several
    # transactions (many endpoints); NULL otherwise.
    fan_out_cursor: str | None = Field(default=None, max_length=32)
    # PostgreSQL: the id of the transaction that wrote the event. `position` is assigned at insert,
    # not at commit, so the feed holds back events of transactions that may still be running
    # (service.list_events); NULL on SQLite, whose one writer commits in position order.
    tx: int | None = Field(default=None, sa_type=sa.BigInteger)
    # The W3C trace context (`traceparent`, `tracestate`) of the request that made the change, so
    # its deliveries join that trace (service/tracing.py); NULL when tracing was off.
    trace_context: dict[str, str] | None = Field(default=None, sa_type=JSONType)


class WebhookEndpoint(SQLModel, table=True):
    __tablename__ = "webhook_endpoints"

    id: str = Field(primary_key=True, max_length=32)
    url: str = Field(max_length=2048)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[str] = Field(sa_type=JSONType)
    agreement_ids: list[str] = Field(sa_type=JSONType)
    parties: list[str] = Field(sa_type=JSONType)
    enabled: bool
    disabled_reason: str | None = Field(default=None, max_length=500)
    # Sealed with ACCORD_SECRET_KEY when it is set (service/secrets_box.py).
    secret: str = Field(sa_type=EncryptedString(512))
    previous_secret: str | None = Field(default=None, sa_type=EncryptedString(512))
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """One event to one endpoint. Active while `pending` or `failed` (awaiting a retry)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        # The claim's "no earlier active delivery for this endpoint and agreement" is a seek on the
        # active rows (status before the position), not a walk over every finished delivery.
        sa.Index("ix_webhook_deliveries_order", "endpoint_id", "agreement_id", "status", "event_position"),
    )

    id: str = Field(primary_key=True, max_length=32)
    endpoint_id: str = Field(foreign_key="webhook_endpoints.id", max_length=32)
    event_id: str = Field(max_length=32, index=True)  # retention: is an event still named by a delivery
    event_position: int = Field(sa_type=Position)
    agreement_id: str | None = Field(default=None, max_length=32)
    status: str = Field(max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    locked_by: str | None = Field(default=None, max_length=64)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=ERROR_CHARS)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WebhookAttempt(SQLModel, table=True):
    __tablename__ = "webhook_attempts"

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: str = Field(foreign_key="webhook_deliveries.id", max_length=32, index=True)
    attempted_at: datetime = Field(sa_type=UTCDateTime)
    succeeded: bool
    response_status: int | None = None
    duration_ms: int
    response_excerpt: str | None = Field(default=None, max_length=EXCERPT_CHARS)
    error: str | None = Field(default=None, max_length=ERROR_CHARS)


events_table: sa.Table = Event.__table__
endpoints_table: sa.Table = WebhookEndpoint.__table__
deliveries_table: sa.Table = WebhookDelivery.__table__
attempts_table: sa.Table = WebhookAttempt.__table__
