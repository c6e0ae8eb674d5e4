"""The seed's public comment dockets (`consultations.json`), loaded with their agreement.

`_load_one` calls `load_consultations` in the transaction that creates the agreement, after its
history, so an agreement and its dockets are loaded together or not at all (and, like the
agreement, only once).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy.engine import Connection

from service.consultations.schemas import ConsultationCreate
from service.consultations.service import record_consultation

DATA_FILE = "consultations.json"
ACTOR = "seed"


@cache
def seed_consultations() -> dict[str, list[dict[str, Any]]]:
    """Each seed agreement's dockets, by its seed_key."""
    data = json.loads(resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8"))
    return data["consultations"]


def load_consultations(conn: Connection, agreement_id: str, seed_key: str, *, now: datetime) -> int:
    """Record the dockets of the seed agreement `seed_key`, created as `agreement_id`; how many."""
    records = seed_consultations().get(seed_key, [])
    for record in records:
        record_consultation(conn, agreement_id, ConsultationCreate.model_validate(record), actor=ACTOR, now=now)
    return len(records)
