"""The transactional outbox: `record` writes an event inside the caller's transaction, so a
committed change always has its event and a rolled-back one never does.

The hot path pays one INSERT (and, on PostgreSQL, a NOTIFY that wakes the dispatchers at
commit); matching events to endpoints (`matches`) happens later, in the queue's fan-out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from ulid import ULID

from service import tracing
from service.db import utcnow
from service.webhooks.models import events_table as E

CHANNEL = "accord_events"
AGREEMENT_CREATED = "agreement.created"
AGREEMENT_UPDATED = "agreement.updated"
AGREEMENT_TRANSITIONED = "agreement.transitioned"
# A history entry corrected in place, or voided (service/agreements/history.py).
AGREEMENT_CORRECTED = "agreement.corrected"
AGREEMENT_VOIDED = "agreement.voided"
# `endpoint.*` events are about one endpoint: data {"endpoint_id", ...}, never its URL. Only
# webhooks:manage keys see them in the feed, and only their own endpoint receives them.
ENDPOINT_EVENTS = "endpoint."
ENDPOINT_DISABLED = "endpoint.disabled"
# Emitted once per deadline by service/agreements/alerts.py.
AGREEMENT_DEADLINE_APPROACHING = "agreement.deadline_approaching"
AGREEMENT_DEADLINE_MISSED = "agreement.deadline_missed"
# A public comment docket of an agreement recorded, changed or removed (service/consultations/).
CONSULTATION_CREATED = "consultation.created"
CONSULTATION_UPDATED = "consultation.updated"
CONSULTATION_DELETED = "consultation.deleted"
# An agreement's documents and negotiating rounds (service/documents/, service/rounds/).
DOCUMENT_CREATED = "document.created"
DOCUMENT_UPDATED = "document.updated"
DOCUMENT_DELETED = "document.deleted"
ROUND_CREATED = "round.created"
ROUND_UPDATED = "round.updated"
ROUND_DELETED = "round.deleted"
EVENT_TYPES = (
    AGREEMENT_CREATED,
    AGREEMENT_UPDATED,
    AGREEMENT_TRANSITIONED,
    AGREEMENT_CORRECTED,
    AGREEMENT_VOIDED,
    ENDPOINT_DISABLED,
    AGREEMENT_DEADLINE_APPROACHING,
    AGREEMENT_DEADLINE_MISSED,
    CONSULTATION_CREATED,
    CONSULTATION_UPDATED,
    CONSULTATION_DELETED,
    DOCUMENT_CREATED,
    DOCUMENT_UPDATED,
    DOCUMENT_DELETED,
    ROUND_CREATED,
    ROUND_UPDATED,
    ROUND_DELETED,
)

_INSERT = sa.insert(E)
_TRANSACTION_ID = sa.cast(sa.cast(sa.func.pg_current_xact_id(), sa.Text), sa.BigInteger)
_INSERT_PG = sa.insert(E).values(tx=_TRANSACTION_ID)
_NOTIFY = sa.text(f"SELECT pg_notify('{CHANNEL}', '')")
_ROW_KEYS = ("id", "type", "agreement_id", "data", "created_at", "trace_context")
_INSERT_CTE = (
    sa.insert(E)
    .values({**{k: sa.bindparam(f"e_{k}", type_=E.c[k].type) for k in _ROW_KEYS}, "tx": _TRANSACTION_ID})
    .cte("outbox_event")
)


def is_endpoint_event(type: str) -> bool:
    return type.startswith(ENDPOINT_EVENTS)


def matches(endpoint: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    """Whether the endpoint receives the event: its filters select it, and an `endpoint.*`
    event is its own. Agreement and party filters apply to agreement events only."""
    if endpoint["event_types"] and event["type"] not in endpoint["event_types"]:
        return False
    if is_endpoint_event(event["type"]):
        return (event["data"] or {}).get("endpoint_id") == endpoint["id"]
    if event["agreement_id"] is None:
        return True
    if endpoint["agreement_ids"] and event["agreement_id"] not in endpoint["agreement_ids"]:
        return False
    if endpoint["parties"]:
        parties = (event["data"].get("agreement") or {}).get("parties") or []
        if not set(parties) & set(endpoint["parties"]):
            return False
    return True


def new_event_id() -> str:
    return "evt_" + str(ULID())


def row(*, type: str, agreement_id: str | None, data: dict[str, Any]) -> dict[str, Any]:
    """The outbox row of an event. `data` must be JSON-ready. The current trace context goes with
    it, for its deliveries to join (None when tracing is off)."""
    return {
        "id": new_event_id(),
        "type": type,
        "agreement_id": agreement_id,
        "data": data,
        "created_at": utcnow(),
        "trace_context": tracing.current_context(),
    }


def record(conn: Connection, *, type: str, agreement_id: str | None, data: dict[str, Any]) -> None:
    """Append an event to the outbox in `conn`'s transaction (see `row`)."""
    append(conn, row(type=type, agreement_id=agreement_id, data=data))


def append(conn: Connection, event: dict[str, Any]) -> None:
    """Append an event `row` to the outbox in `conn`'s transaction."""
    conn.execute(_INSERT_PG if conn.dialect.name == "postgresql" else _INSERT, event)
    notify(conn)


def joined(*writes: sa.CTE) -> sa.Select:
    """PostgreSQL: `writes` (INSERT/UPDATE CTEs), an event's INSERT and the dispatchers' wake-up
    in one statement, so one round trip. The event's parameters are its `row` keys prefixed `e_`
    (`prefixed`); each write's parameters must not collide with them. Data-modifying CTEs all run
    to completion on one snapshot, so `writes` must not depend on one another's effects."""
    return sa.select(sa.func.pg_notify(CHANNEL, "")).add_cte(*writes, _INSERT_CTE)


def prefixed(event: dict[str, Any]) -> dict[str, Any]:
    return {f"e_{k}": v for k, v in event.items()}


def notify(conn: Connection) -> None:
    """Wake the dispatchers of every process when `conn`'s transaction commits (PostgreSQL; on
    SQLite the one process is woken by Database.on_commit)."""
    if conn.dialect.name == "postgresql":
        conn.execute(_NOTIFY)  # delivered at commit, dropped on rollback
