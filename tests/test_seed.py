"""The seed: real agreements and their histories, loaded through the service, idempotently."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from service.agreements.models import agreements_table as A
from service.errors import InvalidTransition
from service.health import ROOT
from service.seed import load_seed_into, seed_agreements, seed_data
from workflows.trade_agreement import AUTHORITIES, TRADE_AGREEMENT_V2

V2_EVENTS = set(TRADE_AGREEMENT_V2.events)
FINAL_STATES = {
    "us-japan": "implemented",
    "usmca": "implemented",
    "nafta": "terminated",
    "us-eu": "negotiating",
    "tpp": "terminated",
    "korus-2018": "implemented",
}
# The WTO RTA-IS status each history leads to.
RTA_STATUSES = {
    "us-japan": "In Force",
    "usmca": "In Force",
    "nafta": "Inactive",
    "us-eu": "Early announcement - Under negotiation",
    "tpp": "Inactive",
    "korus-2018": "In Force",
}
AUTHORITY = {"us-japan": "section_103a", "usmca": "tpa", "nafta": "other", "us-eu": "tpa", "tpp": "tpa",
             "korus-2018": "existing_fta"}
# (seed_key, event, date) straight from DOMAIN.md's real timelines.
KNOWN_DATES = [
    ("us-japan", "announce", "2018-09-26"),
    ("us-japan", "notify_congress", "2018-10-16"),
    ("us-japan", "open_negotiations", "2019-04-15"),
    ("us-japan", "reach_preliminary", "2019-08-25"),
    ("us-japan", "sign", "2019-10-07"),
    ("us-japan", "implement", "2020-01-01"),
    ("usmca", "notify_congress", "2017-05-18"),
    ("usmca", "open_negotiations", "2017-08-16"),
    ("usmca", "reach_preliminary", "2018-08-27"),
    ("usmca", "sign", "2018-11-30"),
    ("usmca", "implement", "2020-07-01"),
    ("nafta", "terminate", "2020-07-01"),
    ("us-eu", "announce", "2018-07-25"),
    ("us-eu", "notify_congress", "2018-10-16"),
    ("tpp", "sign", "2016-02-04"),
    ("tpp", "terminate", "2017-01-23"),
    # milestones
    ("us-japan", "publish_objectives", "2018-12-21"),
    ("us-japan", "notify_intent_to_sign", "2019-09-16"),
    ("us-japan", "agreement_in_principle", "2019-09-25"),  # the second of two
    ("us-japan", "proclaim", "2019-12-26"),
    ("usmca", "publish_objectives", "2017-07-17"),
    ("usmca", "notify_intent_to_sign", "2018-08-31"),
    ("usmca", "publish_text", "2018-09-30"),
    ("usmca", "sign_protocol", "2019-12-10"),
    ("usmca", "pass_house", "2019-12-19"),
    ("usmca", "pass_senate", "2020-01-16"),
    ("usmca", "enact", "2020-01-29"),
    ("us-eu", "publish_objectives", "2019-01-11"),
    ("tpp", "notify_intent_to_sign", "2015-11-05"),
    ("tpp", "itc_report", "2016-05-18"),
    ("korus-2018", "agreement_in_principle", "2018-03-26"),
    ("korus-2018", "publish_text", "2018-09-03"),
    ("korus-2018", "sign", "2018-09-24"),
    ("korus-2018", "proclaim", "2018-12-21"),
    ("korus-2018", "implement", "2019-01-01"),
]


async def _seeded(client: httpx.AsyncClient) -> dict[str, dict]:
    response = await client.get("/v1/agreements", params={"limit": 200})
    assert response.status_code == 200, response.text
    return {a["metadata"]["seed_key"]: a for a in response.json()["data"] if "seed_key" in a["metadata"]}


async def _history(client: httpx.AsyncClient, agreement_id: str) -> list[dict]:
    response = await client.get(f"/v1/agreements/{agreement_id}/transitions", params={"limit": 200})
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return response.json()["data"]


# -- the data file ------------------------------------------------------------------------------


def test_data_file_is_well_formed():
    keys = [a["seed_key"] for a in seed_agreements()]
    assert sorted(keys) == sorted(FINAL_STATES)
    for agreement in seed_agreements():
        assert agreement["announced"]["source"].startswith("https://")
        dates = [agreement["announced"]["date"]] + [e["date"] for e in agreement["events"]]
        assert dates == sorted(dates), agreement["seed_key"]
        assert agreement["authority"] in AUTHORITIES and agreement["authority_note"]
        for event in agreement["events"]:
            assert event["event"] in V2_EVENTS
            date.fromisoformat(event["date"])
            assert event["source"].startswith("https://")
            if event.get("date_inferred"):
                assert "inferred" in event["note"].lower()
            if event.get("date_precision") == "month":
                assert "month precision" in event["note"].lower()
            assert ("clock" in event) == ("days" in event) == (event["event"] == "extend_deadline")
        for fact in agreement["context"]:
            assert set(fact) >= {"date", "name", "note", "source", "why_not_loaded"}
            date.fromisoformat(fact["date"])
            assert fact["source"].startswith("https://")


def test_only_tpp_needs_an_override_and_the_data_says_why():
    overridden = [(a["seed_key"], e["event"]) for a in seed_agreements() for e in a["events"] if "override_reason" in e]
    assert overridden == [("tpp", "open_negotiations")]
    (tpp,) = [a for a in seed_agreements() if a["seed_key"] == "tpp"]
    (event,) = [e for e in tpp["events"] if "override_reason" in e]
    assert "TPA-2015" in event["override_reason"]
    assert seed_data()["workflow"] == {"name": "trade-agreement", "version": 2}
    assert "deferred" not in seed_data()


# -- loading, on both databases ---------------------------------------------------------------


async def test_seed_loads_every_agreement_in_its_final_state(db, client):
    assert await load_seed_into(db) == (len(FINAL_STATES), 0)
    seeded = await _seeded(client)
    assert {key: a["state"] for key, a in seeded.items()} == FINAL_STATES
    assert {key: a["rta_status"] for key, a in seeded.items()} == RTA_STATUSES
    assert {key: a["authority"] for key, a in seeded.items()} == AUTHORITY
    japan = seeded["us-japan"]
    assert japan["parties"] == ["US", "JP"]
    assert "agriculture" in japan["sectors"]
    assert japan["workflow"] == {"name": "trade-agreement", "version": 2}


async def test_loading_twice_changes_nothing(db, client):
    await load_seed_into(db)
    before = await _seeded(client)
    assert await load_seed_into(db) == (0, len(FINAL_STATES))
    after = await _seeded(client)
    assert after == before
    async with db.read() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(A))).scalar_one() == len(FINAL_STATES)


async def test_histories_are_gapless_ordered_and_sourced(db, client):
    await load_seed_into(db)
    seeded = await _seeded(client)
    by_key = {a["seed_key"]: a for a in seed_agreements()}
    for key, agreement in seeded.items():
        history = await _history(client, agreement["id"])
        expected = by_key[key]
        assert [h["sequence"] for h in history] == list(range(1, len(history) + 1))
        assert [h["event"] for h in history] == ["announce"] + [e["event"] for e in expected["events"]]
        occurred = [h["occurred_at"] for h in history]
        assert occurred == sorted(occurred), key
        assert history[-1]["to_state"] == agreement["state"]
        assert [h["override_reason"] is not None for h in history] == [
            "override_reason" in e for e in [{}, *expected["events"]]
        ]
        for entry in history:
            assert entry["actor"] == "seed"
            assert entry["reference"] and entry["reference"].startswith("https://"), (key, entry["event"])
            assert entry["note"]


async def test_histories_carry_the_real_dates(db, client):
    await load_seed_into(db)
    seeded = await _seeded(client)
    dates: dict[tuple[str, str], str] = {}
    for key, agreement in seeded.items():
        for entry in await _history(client, agreement["id"]):
            dates[(key, entry["event"])] = entry["occurred_at"][:10]
    for key, event, day in KNOWN_DATES:
        assert dates[(key, event)] == day, (key, event)
    # NAFTA ends the day USMCA enters into force.
    assert dates[("nafta", "terminate")] == dates[("usmca", "implement")]


async def test_an_invalid_agreement_leaves_nothing_behind(db, client):
    (japan,) = [a for a in seed_agreements() if a["seed_key"] == "us-japan"]
    broken = {**japan, "seed_key": "broken", "events": [*japan["events"][:3], {"event": "implement", "date": "2019-05-01"}]}
    with pytest.raises(InvalidTransition):
        await load_seed_into(db, [broken])
    assert await _seeded(client) == {}


# -- the command ------------------------------------------------------------------------------


def test_accord_seed_command(tmp_path: Path):
    accord = Path(sys.executable).with_name("accord")
    env = {**os.environ, "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'accord.db'}", "ACCORD_LOG_JSON": "false"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(accord), *args], check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("migrate")
    assert "6 agreements created, 0 already present" in run("seed")
    assert "0 agreements created, 6 already present" in run("seed")


async def test_seed_deadlines_are_as_history_records_them(db, client):
    await load_seed_into(db)
    seeded = await _seeded(client)

    async def deadlines(key: str) -> dict[str, dict]:
        response = await client.get(f"/v1/agreements/{seeded[key]['id']}/deadlines")
        assert response.status_code == 200, response.text
        return {d["clock"]: d for d in response.json()["data"]}

    usmca = await deadlines("usmca")
    itc = usmca["itc_report"]
    # Signed 2018-11-30 + 105 days = 2019-03-15, + 35 days for the 2019 shutdown.
    assert (itc["trigger_date"], itc["extension_days"], itc["due_date"], itc["status"]) == ("2018-11-30", 35, "2019-04-19", "met")
    assert usmca["notice_of_intent_to_sign"]["due_date"] == "2018-11-29"
    assert usmca["notice_of_intent_to_negotiate"]["due_date"] == "2017-08-16"
    assert {d["status"] for d in usmca.values()} == {"met"}
    assert {d["status"] for d in (await deadlines("us-japan")).values()} == {"met"}
    assert {d["status"] for d in (await deadlines("korus-2018")).values()} == {"met"}
    assert await deadlines("nafta") == {}  # authority other: no clocks
    tpp = await deadlines("tpp")
    assert tpp["itc_report"]["status"] == "met" and tpp["itc_report"]["due_date"] == "2016-05-19"
    assert tpp["negotiating_objectives"]["status"] == "missed"  # the overridden clock
    assert tpp["implementing_bill_enacted"]["status"] == "not_applicable"  # withdrawn before a bill
    eu = await deadlines("us-eu")
    assert eu["notice_of_intent_to_sign"]["status"] == "not_applicable"

    missed = (await client.get("/v1/deadlines", params={"status": "missed"})).json()["data"]
    assert [(d["agreement_id"], d["clock"]) for d in missed] == [(seeded["tpp"]["id"], "negotiating_objectives")]
    early = (await client.get("/v1/deadlines", params={"due_before": "2017-01-01"})).json()["data"]
    assert {d["agreement_id"] for d in early} == {seeded["tpp"]["id"]}
    assert [d["due_date"] for d in early] == sorted(d["due_date"] for d in early)


async def test_seed_relations_and_diagram(db, client):
    await load_seed_into(db)
    seeded = await _seeded(client)
    usmca, nafta = seeded["usmca"]["id"], seeded["nafta"]["id"]
    relations = (await client.get(f"/v1/agreements/{usmca}/relations")).json()["data"]
    assert relations == [{"kind": "supersedes", "agreement_id": nafta, "direction": "outgoing"}]
    relations = (await client.get(f"/v1/agreements/{nafta}/relations")).json()["data"]
    assert relations == [{"kind": "supersedes", "agreement_id": usmca, "direction": "incoming"}]

    korus = (await client.get(f"/v1/agreements/{seeded['korus-2018']['id']}/diagram")).json()
    assert korus["path"] == ["announced", "negotiating", "preliminary", "finalized", "implemented"]
    lines = korus["mermaid"].splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "  announced --> negotiating: open_negotiations (taken)" in lines
    assert "  congressional_notification --> negotiating: open_negotiations" in lines
    assert "  class implemented current" in lines
    assert "  class announced,negotiating,preliminary,finalized taken" in lines
