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
from workflows.trade_agreement import TRADE_AGREEMENT_V1

V1_EVENTS = {t.event for t in TRADE_AGREEMENT_V1.transitions}
FINAL_STATES = {
    "us-japan": "implemented",
    "usmca": "implemented",
    "nafta": "terminated",
    "us-eu": "negotiating",
    "tpp": "terminated",
}
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
        for event in agreement["events"]:
            assert event["event"] in V1_EVENTS
            date.fromisoformat(event["date"])
            assert event["source"].startswith("https://")
            if event.get("date_inferred"):
                assert "inferred" in event["note"].lower()
        for milestone in agreement["milestones"]:
            assert set(milestone) >= {"date", "name", "note", "source"}
            date.fromisoformat(milestone["date"])
            assert milestone["source"].startswith("https://")


def test_korus_is_deferred_to_workflow_v2():
    (korus,) = seed_data()["deferred"]
    assert korus["seed_key"] == "korus-2018"
    assert korus["needs_workflow"]["version"] == 2
    assert korus["reason"]
    assert korus["seed_key"] not in {a["seed_key"] for a in seed_agreements()}


# -- loading, on both databases ---------------------------------------------------------------


async def test_seed_loads_every_agreement_in_its_final_state(db, client):
    assert await load_seed_into(db) == (len(FINAL_STATES), 0)
    seeded = await _seeded(client)
    assert {key: a["state"] for key, a in seeded.items()} == FINAL_STATES
    japan = seeded["us-japan"]
    assert japan["parties"] == ["US", "JP"]
    assert "agriculture" in japan["sectors"]
    assert japan["workflow"] == {"name": "trade-agreement", "version": 1}
    assert "korus-2018" not in seeded


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
    assert "5 agreements created, 0 already present" in run("seed")
    assert "0 agreements created, 5 already present" in run("seed")
