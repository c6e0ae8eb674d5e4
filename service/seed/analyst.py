"""The seed's analysts' records: public comment dockets (`consultations.json`), documents
(`documents.json`) and negotiating rounds (`rounds.json`), loaded with their agreement.

`_load_one` calls `load_records` in the transaction that creates the agreement, after its
history, through the packages' own write functions (`record_consultation`, `record_document`,
`record_round`: the same checks and events as the API), so an agreement and its records are
loaded together or not at all, and only once.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from service.agreements.models import transitions_table as T
from service.agreements.timeline import clock_date
from service.consultations.schemas import ConsultationCreate
from service.consultations.service import record_consultation
from service.documents.schemas import DocumentCreate
from service.documents.service import record_document
from service.rounds.schemas import RoundCreate
from service.rounds.service import record_round

ACTOR = "seed"


@cache
def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def seed_consultations() -> dict[str, list[dict[str, Any]]]:
    """Each seed agreement's dockets, by its seed_key."""
    return _data("consultations.json")["consultations"]


def seed_documents() -> dict[str, list[dict[str, Any]]]:
    """Each seed agreement's documents, by its seed_key."""
    return _data("documents.json")["documents"]


def seed_rounds() -> dict[str, list[dict[str, Any]]]:
    """Each seed agreement's rounds, in number order, by its seed_key."""
    return _data("rounds.json")["rounds"]


def _sequence(history: list[tuple[int, str, date]], entry: dict[str, str], seed_key: str) -> int:
    """The sequence of the one history entry of `entry`'s event (on `entry`'s date, if given)."""
    found = [
        sequence
        for sequence, event, day in history
        if event == entry["event"] and ("date" not in entry or day.isoformat() == entry["date"])
    ]
    if len(found) != 1:
        raise LookupError(f"seed agreement {seed_key!r}: {len(found)} history entries match {entry}, not one")
    return found[0]


def load_documents(conn: Connection, agreement_id: str, seed_key: str, *, now: datetime) -> int:
    """Record the documents of the seed agreement `seed_key`, created as `agreement_id`; how many."""
    records = seed_documents().get(seed_key, [])
    if not records:
        return 0
    history = [
        (row.sequence, row.event, clock_date(row.occurred_at))
        for row in conn.execute(
            sa.select(T.c.sequence, T.c.event, T.c.occurred_at).where(T.c.agreement_id == agreement_id)
        )
    ]
    for record in records:
        fields = {k: v for k, v in record.items() if k != "entry"}
        if "entry" in record:
            fields["sequence"] = _sequence(history, record["entry"], seed_key)
        record_document(conn, agreement_id, DocumentCreate.model_validate(fields), actor=ACTOR, now=now)
    return len(records)


def load_rounds(conn: Connection, agreement_id: str, seed_key: str, *, now: datetime) -> int:
    """Record the rounds of the seed agreement `seed_key`, created as `agreement_id`; how many."""
    records = seed_rounds().get(seed_key, [])
    for record in records:
        record_round(conn, agreement_id, RoundCreate.model_validate(record), actor=ACTOR, now=now)
    return len(records)


def load_consultations(conn: Connection, agreement_id: str, seed_key: str, *, now: datetime) -> int:
    """Record the dockets of the seed agreement `seed_key`, created as `agreement_id`; how many."""
    records = seed_consultations().get(seed_key, [])
    for record in records:
        record_consultation(conn, agreement_id, ConsultationCreate.model_validate(record), actor=ACTOR, now=now)
    return len(records)


def load_records(conn: Connection, agreement_id: str, seed_key: str, *, now: datetime) -> None:
    """Every record of the seed agreement `seed_key`: dockets, documents (which name history
    entries), rounds."""
    load_consultations(conn, agreement_id, seed_key, now=now)
    load_documents(conn, agreement_id, seed_key, now=now)
    load_rounds(conn, agreement_id, seed_key, now=now)
