"""The seed's documents: each agreement's objectives and texts, the Federal Register notices, each
attached to the history entry it documents."""

from __future__ import annotations

import re

import httpx

from service.documents.events import EXAMPLES
from service.seed import load_seed_into, seed_agreements
from service.seed.analyst import seed_documents
from tests.documents.test_api import feed
from tests.rounds.test_seed import seeded, stable

# The objectives and texts each seed agreement has (US-EU never negotiated a text; no objectives
# were found for the agreements negotiated before TPA-2015's publication rule, nor for TPP).
EXPECTED_TYPES = {
    "nafta": {"text", "statement_of_administrative_action"},
    "usmca": {
        "negotiating_objectives",
        "text",
        "federal_register_notice",
        "itc_report",
        "statement_of_administrative_action",
    },
    "us-japan": {"negotiating_objectives", "text", "federal_register_notice"},
    "us-eu": {"negotiating_objectives", "federal_register_notice"},
    "tpp": {"text", "itc_report", "federal_register_notice"},
    "korus": {"text", "federal_register_notice"},
    "korus-2018": {"text", "federal_register_notice"},
}


def test_the_data_file_names_real_entries_and_marks_every_inferred_value():
    documents = seed_documents()
    assert set(documents) == {a["seed_key"] for a in seed_agreements()}
    events = {a["seed_key"]: {"announce", *(e["event"] for e in a["events"])} for a in seed_agreements()}
    for key, records in documents.items():
        assert EXPECTED_TYPES[key] <= {r["type"] for r in records}, key
        for record in records:
            assert record["url"].startswith(("https://", "http://")) and record["note"], (key, record["title"])
            if "entry" in record:
                assert record["entry"]["event"] in events[key], (key, record["entry"])
            if "fr_citation" in record:
                assert re.fullmatch(r"\d{1,3} FR \d{1,6}", record["fr_citation"])
            if record.get("inferred"):
                assert "inferred" in record["note"], (key, record["title"])


async def test_each_seed_agreement_has_its_documents_on_its_timeline(db, client: httpx.AsyncClient):
    await load_seed_into(db)
    ids = await seeded(client)
    for key, agreement_id in ids.items():
        listed = (await client.get(f"/v1/agreements/{agreement_id}/documents", params={"limit": 200})).json()["data"]
        assert len(listed) == len(seed_documents()[key]), key
        assert [d["published_on"] for d in listed] == sorted(d["published_on"] for d in listed)
        assert all(d["actor"] == "seed" for d in listed)
    timeline = (await client.get(f"/v1/agreements/{ids['usmca']}/timeline", params={"limit": 200})).json()
    by_event = {e["event"]: e["documents"] for e in timeline["data"]}
    assert [d["title"] for d in by_event["publish_objectives"]] == ["Summary of Objectives for the NAFTA Renegotiation"]
    assert [d["type"] for d in by_event["publish_text"]] == ["text"]
    assert [d["fr_citation"] for d in by_event["extend_deadline"]] == ["84 FR 4853"]
    assert {d["fr_citation"] for d in timeline["unattached"]} == {"82 FR 23699", None}
    japan = (await client.get(f"/v1/agreements/{ids['us-japan']}/timeline", params={"limit": 200})).json()
    second_in_principle = [e for e in japan["data"] if e["event"] == "agreement_in_principle"][1]
    assert second_in_principle["occurred_at"].startswith("2019-09-25")
    assert {d["type"] for d in second_in_principle["documents"]} == {"other", "fact_sheet"}


async def test_the_catalog_examples_are_what_the_service_writes(db, client):
    await load_seed_into(db)
    ids = await seeded(client)
    created = await feed(client, "document.created", 3, agreement_id=ids["us-eu"])
    notice = next(e["data"] for e in created if e["data"]["document"]["fr_citation"] == "83 FR 57526")
    assert stable(notice) == stable(EXAMPLES["document.created"])
    path = f"/v1/agreements/{ids['us-eu']}/documents/{notice['document']['id']}"
    note = EXAMPLES["document.updated"]["document"]["note"]
    assert (await client.patch(path, json={"note": note})).status_code == 200
    release = next(e["data"]["document"] for e in created if e["data"]["document"]["type"] == "press_release")
    assert (await client.delete(f"/v1/agreements/{ids['us-eu']}/documents/{release['id']}")).status_code == 204
    for type in ("document.updated", "document.deleted"):
        [event] = await feed(client, type, 1)
        assert stable(event["data"]) == stable(EXAMPLES[type])
