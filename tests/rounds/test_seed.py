"""The seed's negotiating rounds: the NAFTA renegotiation's seven and the US-Japan ministerial rounds."""

from __future__ import annotations

from typing import Any

import httpx

from service.rounds.events import EXAMPLES
from service.seed import load_seed_into
from service.seed.analyst import seed_rounds
from tests.rounds.test_api import feed

NAFTA_RENEGOTIATION = [
    ("2017-08-16", "2017-08-20", "Washington, D.C., United States"),
    ("2017-09-01", "2017-09-05", "Mexico City, Mexico"),
    ("2017-09-23", "2017-09-27", "Ottawa, Canada"),
    ("2017-10-11", "2017-10-17", "Arlington, Virginia, United States"),
    ("2017-11-17", "2017-11-21", "Mexico City, Mexico"),
    ("2018-01-23", "2018-01-29", "Montreal, Canada"),
    ("2018-02-25", "2018-03-05", "Mexico City, Mexico"),
]
# Ids, timestamps and the actor (the examples were recorded by a key named ops) differ from one load to the next.
VOLATILE = {"id", "agreement_id", "created_at", "updated_at", "actor"}


def stable(value: Any) -> Any:
    """`value` without the VOLATILE fields."""
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [stable(v) for v in value]
    return value


async def seeded(client: httpx.AsyncClient) -> dict[str, str]:
    agreements = (await client.get("/v1/agreements", params={"limit": 200})).json()["data"]
    return {a["metadata"]["seed_key"]: a["id"] for a in agreements}


async def rounds_of(client: httpx.AsyncClient, agreement_id: str) -> list[dict]:
    page = (await client.get(f"/v1/agreements/{agreement_id}/rounds", params={"limit": 200})).json()
    assert page["next_cursor"] is None
    return page["data"]


def test_the_data_file_marks_every_inferred_value():
    assert set(seed_rounds()) == {"usmca", "us-japan"}
    for key, rounds in seed_rounds().items():
        for record in rounds:
            assert set(record) <= {"starts_on", "ends_on", "location", "chapters", "summary_url", "note", "inferred"}
            assert record["summary_url"].startswith(("https://", "http://")), key
            assert record["note"], key
            if record.get("inferred"):
                assert "inferred" in record["note"], (key, record["starts_on"])


async def test_the_nafta_renegotiation_has_seven_rounds_from_august_2017_to_march_2018(db, client):
    await load_seed_into(db)
    ids = await seeded(client)
    # The renegotiation is USMCA's history (open_negotiations 2017-08-16); NAFTA itself has none.
    assert await rounds_of(client, ids["nafta"]) == []
    rounds = await rounds_of(client, ids["usmca"])
    assert [(r["starts_on"], r["ends_on"], r["location"]) for r in rounds] == NAFTA_RENEGOTIATION
    assert [r["number"] for r in rounds] == list(range(1, 8))
    assert all("2017-08-16" <= r["starts_on"] <= r["ends_on"] <= "2018-03-31" for r in rounds)
    assert all(r["actor"] == "seed" and r["inferred"] == [] for r in rounds)


async def test_the_us_japan_rounds_fall_between_the_opening_and_the_agreement_in_principle(db, client):
    await load_seed_into(db)
    ids = await seeded(client)
    rounds = await rounds_of(client, ids["us-japan"])
    assert len(rounds) == 7
    assert (rounds[0]["starts_on"], rounds[0]["location"]) == ("2019-04-15", "Washington, D.C., United States")
    assert [r["location"] for r in rounds if not r["location"].startswith("Washington")] == [
        "Tokyo, Japan",
        "Osaka, Japan",
    ]
    assert all("2019-04-15" <= r["starts_on"] <= r["ends_on"] <= "2019-08-25" for r in rounds)
    assert {f for r in rounds for f in r["inferred"]} == {"starts_on", "ends_on"}


async def test_the_catalog_examples_are_what_the_service_writes(db, client):
    await load_seed_into(db)
    ids = await seeded(client)
    created = await feed(client, "round.created", 7, agreement_id=ids["usmca"])
    first = next(e["data"] for e in created if e["data"]["round"]["number"] == 1)
    assert stable(first) == stable(EXAMPLES["round.created"])
    # Correcting round 7's end (one source says March 6) and deleting it, as the examples record.
    path = f"/v1/agreements/{ids['usmca']}/rounds/7"
    assert (await client.patch(path, json={"ends_on": "2018-03-06"})).status_code == 200
    assert (await client.patch(path, json={"ends_on": "2018-03-05"})).status_code == 200
    assert (await client.delete(path)).status_code == 204
    for type in ("round.updated", "round.deleted"):
        [*_, event] = await feed(client, type, 2 if type == "round.updated" else 1)
        assert stable(event["data"]) == stable(EXAMPLES[type])
