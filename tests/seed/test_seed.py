"""The seed: real agreements and their histories, loaded through the service, idempotently."""

from __future__ import annotations

import os
import re
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
from workflows.trade_agreement import AUTHORITIES, TRADE_AGREEMENT_V3

V3_EVENTS = set(TRADE_AGREEMENT_V3.events)
FINAL_STATES = {
    "us-japan": "implemented",
    "usmca": "implemented",
    "nafta": "terminated",
    # Notified in 2018; formal negotiations never opened (the EU's 2019-04-15 mandates are context).
    "us-eu": "congressional_notification",
    "tpp": "terminated",
    "korus": "implemented",
    "korus-2018": "implemented",
}
# The WTO RTA-IS status each history leads to.
RTA_STATUSES = {
    "us-japan": "In Force",
    "usmca": "In Force",
    "nafta": "Inactive",
    "us-eu": "Early announcement - Under negotiation",
    "tpp": "Inactive",
    "korus": "In Force",
    "korus-2018": "In Force",
}
AUTHORITY = {
    "us-japan": "section_103a",
    "usmca": "tpa",
    "nafta": "other",
    "us-eu": "tpa",
    "tpp": "tpa",
    "korus": "other",
    "korus-2018": "existing_fta",
}
# (seed_key, event, date): DOMAIN.md's real timelines, each confirmed in docs/sources.md.
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
    ("nafta", "notify_intent_to_sign", "1992-09-18"),
    ("nafta", "sign", "1992-12-17"),
    ("nafta", "implement", "1994-01-01"),
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
    ("usmca", "extend_deadline", "2019-02-11"),  # 84 FR 4853: dated 2019-02-11, published 2019-02-19
    ("usmca", "itc_report", "2019-04-18"),
    ("usmca", "sign_protocol", "2019-12-10"),
    ("usmca", "introduce_bill", "2019-12-13"),
    ("usmca", "pass_house", "2019-12-19"),
    ("usmca", "pass_senate", "2020-01-16"),
    ("usmca", "enact", "2020-01-29"),
    ("us-eu", "publish_objectives", "2019-01-11"),
    ("tpp", "notify_intent_to_sign", "2015-11-05"),
    ("tpp", "itc_report", "2016-05-18"),
    ("korus", "announce", "2006-02-02"),
    ("korus", "notify_congress", "2006-02-02"),
    ("korus", "sign", "2007-06-30"),
    ("korus", "enact", "2011-10-21"),
    ("korus", "proclaim", "2012-03-06"),
    ("korus", "implement", "2012-03-15"),
    ("korus-2018", "announce", "2017-07-12"),  # USTR calls the special Joint Committee session
    ("korus-2018", "open_negotiations", "2017-08-22"),  # its first session, in Seoul
    ("korus-2018", "reach_preliminary", "2018-03-26"),  # Korea's announcement
    ("korus-2018", "agreement_in_principle", "2018-03-28"),  # the joint statement
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
            assert event["event"] in V3_EVENTS
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
    # A relation names an agreement loaded earlier in the file.
    for i, agreement in enumerate(seed_agreements()):
        for relation in agreement.get("relations", []):
            assert relation["seed_key"] in keys[:i], (agreement["seed_key"], relation)


def _by_key() -> dict[str, dict]:
    return {a["seed_key"]: a for a in seed_agreements()}


def test_the_corrections_of_issue_10_are_in_the_data():
    seed = _by_key()
    # US-EU: the EU Council's mandates (2019-04-15) are not the opening of negotiations, which never happened.
    eu = seed["us-eu"]
    assert [e["event"] for e in eu["events"]] == ["start_domestic_procedures", "notify_congress", "publish_objectives"]
    (mandates,) = [c for c in eu["context"] if c["name"] == "eu_mandates_adopted"]
    assert mandates["date"] == "2019-04-15" and "never opened" in mandates["note"]
    # USMCA: the USITC's 35-day extension is the notice of 2019-02-11, published 2019-02-19 at 84 FR 4853.
    (extension,) = [e for e in seed["usmca"]["events"] if e["event"] == "extend_deadline"]
    assert (extension["date"], extension["clock"], extension["days"]) == ("2019-02-11", "itc_report", 35)
    assert "date_inferred" not in extension
    assert "84 FR 4853" in extension["note"] and "2019-02-19" in extension["note"]
    assert extension["source"] == "https://www.federalregister.gov/citation/84-FR-4853"
    # KORUS 2018: exact days, no month-precision placeholders; it amends the 2007 agreement.
    korus_2018 = seed["korus-2018"]
    assert korus_2018["announced"]["date"] == "2017-07-12"
    (opened,) = [e for e in korus_2018["events"] if e["event"] == "open_negotiations"]
    assert opened["date"] == "2017-08-22"
    assert not [e for e in [korus_2018["announced"], *korus_2018["events"]] if "date_precision" in e]
    assert korus_2018["relations"] == [{"kind": "amends", "seed_key": "korus"}]
    korus = seed["korus"]
    assert korus["authority"] == "other" and "TPA-2002" in korus["authority_note"]
    assert [(e["event"], e["date"]) for e in korus["events"] if e["event"] in ("sign", "implement")] == [
        ("sign", "2007-06-30"),
        ("implement", "2012-03-15"),
    ]
    # US-Japan: Proclamation 9974's real title; the Japan provisions are paragraphs 15-18 and Annexes II-III.
    (proclamation,) = [e for e in seed["us-japan"]["events"] if e["event"] == "proclaim"]
    assert (
        "To Take Certain Actions Under the African Growth and Opportunity Act and for Other Purposes"
        in proclamation["note"]
    )
    assert "To Implement the Trade Agreement Between the United States and Japan" not in proclamation["note"]
    assert "84 FR 72187" in proclamation["note"] and "paragraphs 15-18 and Annexes II-III" in proclamation["note"]
    # NAFTA: the notice of intent to sign under the 1988 Act.
    assert ("notify_intent_to_sign", "1992-09-18") in [(e["event"], e["date"]) for e in seed["nafta"]["events"]]
    # USMCA: the implementing bill's introduction.
    assert ("introduce_bill", "2019-12-13") in [(e["event"], e["date"]) for e in seed["usmca"]["events"]]
    # TPP: 19 U.S.C. 4206, not the lapsed TPA-2002, is why the pre-negotiation clocks do not bind it.
    assert "4206" in seed["tpp"]["authority_note"] and "TPA-2002" not in seed["tpp"]["authority_note"]


SOURCES = ROOT / "docs" / "sources.md"
SOURCE_ROW = re.compile(
    r"^\| `(?P<event>[a-z_]+)` \| (?P<date>\d{4}-\d{2}-\d{2}) \| (?P<status>exact|inferred|not found) \|"
)


def _sources_md_rows() -> dict[str, list[tuple[str, str, str]]]:
    """docs/sources.md: one `## <title> (`seed_key`)` section per agreement, one table row per event."""
    rows: dict[str, list[tuple[str, str, str]]] = {}
    key = None
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = re.match(r"^## .*\(`(?P<key>[a-z0-9-]+)`\)$", line)
            key = heading["key"] if heading else None
            if key:
                rows[key] = []
        elif key and (row := SOURCE_ROW.match(line)):
            rows[key].append((row["event"], row["date"], row["status"]))
    return rows


def test_docs_sources_records_every_dated_event():
    rows = _sources_md_rows()
    assert sorted(rows) == sorted(FINAL_STATES)
    for key, agreement in _by_key().items():
        expected = [("announce", agreement["announced"]["date"])] + [
            (e["event"], e["date"]) for e in agreement["events"]
        ]
        assert [(event, day) for event, day, _ in rows[key]] == expected, key
        inferred = [e.get("date_inferred", False) for e in [agreement["announced"], *agreement["events"]]]
        assert [status == "inferred" for _, _, status in rows[key]] == inferred, key


def test_no_seed_event_needs_an_override():
    """Every history passes every clock: TPP carries the 4206 exemption instead of an override,
    and triggers no source dates are marked unrecorded, naming what was searched."""
    overridden = [(a["seed_key"], e["event"]) for a in seed_agreements() for e in a["events"] if "override_reason" in e]
    assert overridden == []
    (tpp,) = [a for a in seed_agreements() if a["seed_key"] == "tpp"]
    assert tpp["exemptions"] == ["4206"]
    for agreement in seed_agreements():
        for mark in agreement.get("unrecorded", []):
            assert mark["searched"] and mark["event"] in TRADE_AGREEMENT_V3.clock_events, agreement["seed_key"]
    assert seed_data()["workflow"] == {"name": "trade-agreement", "version": 3}
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
    assert japan["workflow"] == {"name": "trade-agreement", "version": 3}


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
    broken = {
        **japan,
        "seed_key": "broken",
        "events": [*japan["events"][:3], {"event": "implement", "date": "2019-05-01"}],
    }
    with pytest.raises(InvalidTransition):
        await load_seed_into(db, [broken])
    assert await _seeded(client) == {}


# -- the command ------------------------------------------------------------------------------


def test_accord_seed_command(tmp_path: Path):
    accord = Path(sys.executable).with_name("accord")
    env = {
        **os.environ,
        "ACCORD_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'accord.db'}",
        "ACCORD_LOG_JSON": "false",
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(accord), *args], check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("migrate")
    assert f"{len(FINAL_STATES)} agreements created, 0 already present" in run("seed")
    assert f"0 agreements created, {len(FINAL_STATES)} already present" in run("seed")


async def test_seed_deadlines_are_as_history_records_them(db, client):
    await load_seed_into(db)
    seeded = await _seeded(client)

    async def deadlines(key: str) -> dict[str, dict]:
        response = await client.get(f"/v1/agreements/{seeded[key]['id']}/deadlines")
        assert response.status_code == 200, response.text
        # The statutory clocks; the consultations' dates: tests/consultations/test_seed.py.
        return {d["clock"]: d for d in response.json()["data"] if d["source"] == "statutory"}

    usmca = await deadlines("usmca")
    itc = usmca["itc_report"]
    # Signed 2018-11-30 + 105 days = 2019-03-15, + 35 days for the 2019 shutdown.
    assert (itc["trigger_date"], itc["extension_days"], itc["due_date"], itc["status"]) == (
        "2018-11-30",
        35,
        "2019-04-19",
        "met",
    )
    assert usmca["notice_of_intent_to_sign"]["due_date"] == "2018-11-29"
    assert usmca["notice_of_intent_to_negotiate"]["due_date"] == "2017-08-16"
    # Met, but for the trade-remedy report no stored source dates (docs/sources.md).
    # USMCA Art. 34.7: the joint review falls on the sixth anniversary of entry into force (2020-07-01);
    # none is recorded, so on 2026-11-24 it is missed.
    assert {c: d["status"] for c, d in usmca.items() if d["status"] != "met"} == {
        "trade_remedy_report": "unrecorded",
        "joint_review": "missed",
    }
    review = usmca["joint_review"]
    assert (review["trigger"], review["trigger_date"], review["due_date"], review["occurred_on"]) == (
        "implement",
        "2020-07-01",
        "2026-07-01",
        None,
    )
    assert "Art. 34.7" in review["legal_basis"]
    assert "joint_review" not in await deadlines("us-japan")  # a provision only USMCA opts into
    assert {d["status"] for d in (await deadlines("us-japan")).values()} == {"met"}
    korus_2018 = await deadlines("korus-2018")
    assert {c: d["status"] for c, d in korus_2018.items()} == {
        "fta_consultation_and_layover": "unrecorded",  # the report to the committees is undated
        "fta_proclamation": "met",
    }
    assert await deadlines("nafta") == {}  # authority other: no clocks
    assert await deadlines("korus") == {}  # TPA-2002 is not modelled
    tpp = await deadlines("tpp")
    assert tpp["itc_report"]["status"] == "met" and tpp["itc_report"]["due_date"] == "2016-05-19"
    # Waived by 19 U.S.C. 4206, not overridden.
    assert tpp["negotiating_objectives"]["status"] == "not_applicable"
    assert tpp["negotiating_objectives"]["exemption"] == "19 U.S.C. 4206"
    assert tpp["implementing_bill_enacted"]["status"] == "not_applicable"  # withdrawn before a bill
    eu = await deadlines("us-eu")
    # Notified, objectives published, negotiations never opened: the pre-negotiation clocks started and
    # never met; nothing after them started.
    assert (eu["notice_of_intent_to_negotiate"]["trigger_date"], eu["notice_of_intent_to_negotiate"]["due_date"]) == (
        "2018-10-16",
        "2019-01-14",
    )
    assert eu["notice_of_intent_to_negotiate"]["status"] == eu["negotiating_objectives"]["status"] == "pending"
    assert eu["negotiating_objectives"]["due_date"] == "2019-02-10"
    assert {
        eu[c]["status"]
        for c in ("notice_of_intent_to_sign", "text_published", "implementing_bill_enacted", "itc_report")
    } == {"not_applicable"}
    # TPA-2015's window closed on 2021-07-01 with no agreement signed.
    assert (eu["tpa_window"]["closes"], eu["tpa_window"]["status"]) == ("2021-07-01", "missed")

    missed = (await client.get("/v1/deadlines", params={"status": "missed"})).json()["data"]
    assert sorted((d["agreement_id"], d["clock"]) for d in missed) == sorted(
        [(seeded["us-eu"]["id"], "tpa_window"), (seeded["usmca"]["id"], "joint_review")]
    )
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

    korus_2007, korus_2018 = seeded["korus"]["id"], seeded["korus-2018"]["id"]
    relations = (await client.get(f"/v1/agreements/{korus_2018}/relations")).json()["data"]
    assert relations == [{"kind": "amends", "agreement_id": korus_2007, "direction": "outgoing"}]
    relations = (await client.get(f"/v1/agreements/{korus_2007}/relations")).json()["data"]
    assert relations == [{"kind": "amends", "agreement_id": korus_2018, "direction": "incoming"}]

    korus = (await client.get(f"/v1/agreements/{korus_2018}/diagram")).json()
    assert korus["path"] == ["announced", "negotiating", "preliminary", "finalized", "implemented"]
    lines = korus["mermaid"].splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "  announced --> negotiating: open_negotiations (taken)" in lines
    assert "  congressional_notification --> negotiating: open_negotiations" in lines
    assert "  class implemented current" in lines
    assert "  class announced,negotiating,preliminary,finalized taken" in lines


async def test_seed_deadlines_match_the_record_and_send_no_alerts(db, client):
    from service.deadlines import alerts

    await load_seed_into(db)
    seeded = await _seeded(client)

    async def statuses(key: str) -> dict[str, str]:
        deadlines = (await client.get(f"/v1/agreements/{seeded[key]['id']}/deadlines")).json()["data"]
        return {d["clock"]: d["status"] for d in deadlines}

    usmca = await statuses("usmca")
    assert usmca["trade_remedy_report"] == "unrecorded"  # no stored source dates it
    assert usmca["advisory_reports"] == usmca["changes_to_us_law"] == usmca["itc_request"] == "met"
    assert usmca["tpa_window"] == "met"
    tpp = await statuses("tpp")
    assert tpp["notice_of_intent_to_negotiate"] == tpp["negotiating_objectives"] == "not_applicable"  # 4206
    assert tpp["changes_to_us_law"] == "unrecorded"
    us_eu = await statuses("us-eu")
    assert us_eu["tpa_window"] == "missed"  # TPA-2015's window closed on 2021-07-01 without a signature
    japan = await statuses("us-japan")
    assert japan["advisory_reports"] == "met" and japan["section_103a_window"] == "met"
    korus = await statuses("korus-2018")
    assert korus["fta_consultation_and_layover"] == "unrecorded"
    assert usmca["joint_review"] == "missed"  # due 2026-07-01 (USMCA Art. 34.7), none recorded
    # Every deadline above fell before the seed was recorded in Accord (today, after 2026-07-01):
    # alerts are only for deadlines on or after that day, so no alert is news.
    assert await alerts.scan_once(db, approaching_days=14) == 0
    for kind in ("agreement.deadline_missed", "agreement.deadline_approaching"):
        assert (await client.get("/v1/events", params={"type": kind})).json()["data"] == []
