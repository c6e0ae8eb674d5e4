"""The seed: real US trade agreements with their dated histories (`agreements.json`).

Each agreement goes through the same service functions as the API, creation and every event
(state changes and milestones, checked against the statutory clocks) in one transaction, so a
half-loaded agreement never exists. Loading is idempotent: an agreement
whose `seed_key` is already in some agreement's metadata is skipped.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache, partial
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.agreements import service
from service.agreements.models import agreements_table as A
from service.agreements.schemas import AgreementCreate, RelationIn, TransitionCreate
from service.config import Settings
from service.db import Database, utcnow
from service.seed.analyst import load_records

ACTOR = "seed"
DATA_FILE = "agreements.json"
# Serializes concurrent seeders on PostgreSQL (SQLite already has a single writer).
_PG_LOCK_KEY = 0x5EED_ACC0


@cache
def seed_data() -> dict[str, Any]:
    """The whole data file: `agreements` to load, in order (a relation names an earlier one)."""
    return json.loads(resources.files(__name__).joinpath(DATA_FILE).read_text(encoding="utf-8"))


def seed_agreements() -> list[dict[str, Any]]:
    return seed_data()["agreements"]


def _seed_key_exists(conn: Connection, seed_key: str) -> bool:
    # JSON_EXTRACT on SQLite, ->> on PostgreSQL.
    key = A.c["metadata"]["seed_key"].as_string()
    return conn.execute(sa.select(A.c.id).where(key == seed_key).limit(1)).first() is not None


def _seed_id(conn: Connection, seed_key: str) -> str:
    key = A.c["metadata"]["seed_key"].as_string()
    found = conn.execute(sa.select(A.c.id).where(key == seed_key).limit(1)).scalar()
    if found is None:
        raise LookupError(f"seed agreement {seed_key!r} must be loaded before the agreements that relate to it")
    return found


def _load_one(conn: Connection, agreement: dict[str, Any]) -> bool:
    """Create one agreement and replay its events; False if its seed_key is already there."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
    if _seed_key_exists(conn, agreement["seed_key"]):
        return False
    now = utcnow()
    announced = agreement["announced"]
    created = service.record_creation(
        conn,
        AgreementCreate(
            title=agreement["title"],
            parties=agreement["parties"],
            sectors=agreement["sectors"],
            metadata={"seed_key": agreement["seed_key"], **agreement.get("metadata", {})},
            announced_at=date.fromisoformat(announced["date"]),
            authority=agreement.get("authority"),
            relations=[
                RelationIn(kind=r["kind"], agreement_id=_seed_id(conn, r["seed_key"]))
                for r in agreement.get("relations", [])
            ],
            note=announced.get("note"),
            reference=announced.get("source"),
            exemptions=agreement.get("exemptions", []),
            provisions=agreement.get("provisions", []),
            # Only values read in a WTO source (docs/sources.md, "RTA-IS identity"); others stay null.
            **{k: v for k, v in agreement.get("identity", {}).items() if v not in (None, [])},
        ),
        actor=ACTOR,
        now=now,
        unrecorded=agreement.get("unrecorded", []),
    )
    for event in agreement["events"]:
        service.record_transition(
            conn,
            created.agreement.id,
            TransitionCreate(
                event=event["event"],
                occurred_at=date.fromisoformat(event["date"]),
                note=event.get("note"),
                reference=event.get("source"),
                clock=event.get("clock"),
                days=event.get("days"),
                override_reason=event.get("override_reason"),
            ),
            expected_version=None,
            actor=ACTOR,
            now=now,
        )
    load_records(conn, created.agreement.id, agreement["seed_key"], now=now)
    return True


async def load_seed_into(db: Database, agreements: list[dict[str, Any]] | None = None) -> tuple[int, int]:
    """Load the seed agreements into an open database; returns (created, skipped)."""
    created = skipped = 0
    for agreement in seed_agreements() if agreements is None else agreements:
        if await db.write(partial(_load_one, agreement=agreement)):
            created += 1
        else:
            skipped += 1
    return created, skipped


async def load_seed(settings: Settings) -> tuple[int, int]:
    """`accord seed`: open the configured database, load the seed, close it."""
    db = Database.from_settings(settings, pool_size=1)
    try:
        return await load_seed_into(db)
    finally:
        await db.dispose()
