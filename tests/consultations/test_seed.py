"""The seed's public comment dockets: valid, sourced, loaded once with their agreement, and their
dates among the deadlines (passed long ago, so no alert)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from service.consultations.models import consultations_table as C
from service.consultations.schemas import ConsultationCreate
from service.deadlines import alerts
from service.health import ROOT
from service.seed import load_seed_into, seed_agreements
from service.seed.analyst import seed_consultations

SOURCES = ROOT / "docs" / "sources.md"
# What docs/sources.md confirms for each (seed_key, docket): the notice and its dates.
EXPECTED = {
    ("usmca", "USTR-2017-0006"): ("82 FR 23699", "2017-05-23", "2017-06-12", "2017-06-27", ["docket_id"]),
    ("us-japan", "USTR-2018-0034"): ("83 FR 54164", "2018-10-26", "2018-11-26", "2018-12-10", ["docket_id"]),
    ("us-eu", "USTR-2018-0035"): ("83 FR 57526", "2018-11-15", "2018-12-10", "2018-12-14", []),
}


def _records() -> dict[tuple[str, str], dict]:
    return {(key, r["docket_id"]): r for key, records in seed_consultations().items() for r in records}


def test_every_record_is_valid_sourced_and_marks_what_is_inferred():
    records = _records()
    assert {
        k: (r["fr_citation"], r["opens_on"], r["comments_due"], r["hearing_on"], r["inferred"])
        for k, r in records.items()
    } == EXPECTED
    keys = {a["seed_key"] for a in seed_agreements()}
    section = SOURCES.read_text(encoding="utf-8").split("## Public comment dockets and hearings", 1)[1]
    section = section.split("\n## ", 1)[0]
    for (key, _docket), record in records.items():
        assert key in keys
        ConsultationCreate.model_validate(record)
        assert record["url"].startswith("https://www.federalregister.gov/citation/")
        # Every value in docs/sources.md, and each inferred field said to be inferred, with why.
        for field in ("fr_citation", "opens_on", "comments_due", "hearing_on"):
            assert re.search(rf"\| `{key}` \| [^|]*`{field}`[^|]*\| [^|]*{re.escape(record[field])}", section), (
                key,
                field,
            )
        for field in record["inferred"]:
            assert f"| `{key}` | `{field}` | {record[field]} | **inferred** |" in section, (key, field)
            assert "inferred" in record["note"]


async def test_loaded_with_their_agreements_once(db, client):
    await load_seed_into(db)
    agreements = {
        a["metadata"]["seed_key"]: a for a in (await client.get("/v1/agreements", params={"limit": 50})).json()["data"]
    }
    for (key, docket), record in _records().items():
        listed = (await client.get(f"/v1/agreements/{agreements[key]['id']}/consultations")).json()["data"]
        (found,) = [c for c in listed if c["docket_id"] == docket]
        assert {k: found[k] for k in record} == record
        assert found["actor"] == "seed"
        dates = {
            d["clock"]: d
            for d in (await client.get(f"/v1/agreements/{agreements[key]['id']}/deadlines")).json()["data"]
            if d["source"] == "consultation"
        }
        assert {c: d["status"] for c, d in dates.items()} == {"comments_due": "passed", "hearing_on": "passed"}
        assert (
            dates["comments_due"]["legal_basis"] == f"Federal Register notice {record['fr_citation']} (docket {docket})"
        )
    created = (await client.get("/v1/events", params={"type": "consultation.created", "limit": 50})).json()["data"]
    assert len(created) == len(_records())
    # Passed years ago: nothing to announce.
    assert await alerts.scan_once(db, approaching_days=14) == 0
    # Loading again changes nothing.
    await load_seed_into(db)
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(C))).scalar_one() == len(_records())
