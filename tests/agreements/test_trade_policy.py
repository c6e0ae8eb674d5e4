"""Workflow v2 through the API, on SQLite and PostgreSQL: authorities, milestones, clocks,
overrides, deadlines, relations, the diagram and moving a v1 agreement to v2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from service.agreements.models import agreements_table as A
from service.db import utcnow
from service.health import ROOT
from tests.helpers import US_EU, create_agreement, fire, fire_all


async def test_new_agreements_get_the_latest_workflow_and_tpa(client):
    agreement = await create_agreement(client, **US_EU, authority=None)
    assert agreement["workflow"] == {"name": "trade-agreement", "version": 3}
    assert agreement["authority"] == "tpa"
    assert agreement["rta_status"] == "Early announcement - Under negotiation"
    refused = await client.post("/v1/agreements", json={**US_EU, "authority": "fast_track"})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"


async def test_provisions_are_validated_and_shown(client):
    refused = await client.post("/v1/agreements", json={**US_EU, "provisions": ["usmca_99_9"]})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"][0]["loc"] == ["body", "provisions", 0]
    assert "usmca_34_7" in refused.json()["detail"]
    plain = await create_agreement(client, **US_EU)
    assert plain["provisions"] == []
    usmca = await create_agreement(client, **US_EU, provisions=["usmca_34_7"])
    assert usmca["provisions"] == ["usmca_34_7"]
    assert (await client.get(f"/v1/agreements/{usmca['id']}")).json()["provisions"] == ["usmca_34_7"]


async def test_a_clock_refusal_in_the_409_and_in_available_transitions(client):
    agreement = await create_agreement(client, **US_EU, authority="tpa")
    aid = agreement["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-07-25"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-01"),
    )
    refused = await fire(client, aid, "open_negotiations", occurred_at="2019-01-13")
    assert refused.status_code == 409
    problem = refused.json()
    example = (
        "open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified on 2018-10-16 "
        "(19 U.S.C. 4204(a)(1)(A))"
    )
    assert problem["reasons"] == [example]
    assert example in problem["detail"]
    assert problem["type"].endswith("/invalid-transition") and problem["current_state"] == "congressional_notification"
    assert "open_negotiations" not in problem["allowed_events"] and "publish_objectives" in problem["allowed_events"]
    # Nothing was recorded.
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [h["event"] for h in history][-1] == "publish_objectives"
    # Today the clock has long run: available-transitions allows it.
    available = (await client.get(f"/v1/agreements/{aid}/available-transitions")).json()
    events = {e["event"]: e for e in available["events"]}
    assert events["open_negotiations"]["allowed"] is True
    allowed = await fire(client, aid, "open_negotiations", occurred_at="2019-01-14")
    assert allowed.status_code == 201 and allowed.json()["agreement"]["state"] == "negotiating"


async def test_available_transitions_explain_a_clock_that_has_not_run(client):
    today = utcnow().date().isoformat()
    agreement = await create_agreement(client, **{**US_EU, "announced_at": today}, authority="tpa")
    aid = agreement["id"]
    await fire_all(client, aid, ("start_domestic_procedures", today), ("notify_congress", today))
    events = {e["event"]: e for e in (await client.get(f"/v1/agreements/{aid}/available-transitions")).json()["events"]}
    reasons = events["open_negotiations"]["reasons"]
    assert events["open_negotiations"]["allowed"] is False
    assert any(
        r.startswith("open_negotiations is allowed from ") and f"Congress was notified on {today}" in r for r in reasons
    )
    assert any(r.startswith("open_negotiations needs publish_objectives first") for r in reasons)
    assert events["publish_objectives"] == {
        "event": "publish_objectives",
        "allowed": True,
        "to_state": "congressional_notification",
        "reasons": [],
    }


async def test_milestones_repeat_in_history_and_leave_the_state(client):
    agreement = await create_agreement(client, **US_EU, authority="section_103a")
    aid = agreement["id"]
    *_, result = await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-09-26"),
        ("open_negotiations", "2019-04-15"),
        ("agreement_in_principle", "2019-08-25"),
        ("agreement_in_principle", "2019-09-25"),
    )
    assert result["transition"]["from_state"] == result["transition"]["to_state"] == "negotiating"
    assert result["agreement"]["state"] == "negotiating" and result["agreement"]["version"] == 5
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [h["event"] for h in history] == [
        "announce",
        "start_domestic_procedures",
        "open_negotiations",
        "agreement_in_principle",
        "agreement_in_principle",
    ]


async def test_each_authoritys_path(client):
    tpa = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    fta = (await create_agreement(client, **US_EU, authority="existing_fta"))["id"]
    assert (await fire(client, fta, "open_negotiations", occurred_at="2018-08-01")).status_code == 201
    refused = await fire(client, tpa, "open_negotiations", occurred_at="2018-08-01")
    assert refused.status_code == 409
    assert refused.json()["reasons"] == [
        "open_negotiations from announced is only for existing_fta agreements; this agreement's authority is tpa"
    ]
    await fire_all(client, tpa, ("start_domestic_procedures", "2018-08-01"))
    assert (
        await fire(client, tpa, "open_negotiations", occurred_at="2018-08-02")
    ).status_code == 409  # tpa must notify
    # section_103a: signing needs the notice of intent to enter; implementing needs the proclamation.
    s103 = (await create_agreement(client, **US_EU, authority="section_103a"))["id"]
    await fire_all(
        client,
        s103,
        ("start_domestic_procedures", "2018-09-26"),
        ("open_negotiations", "2019-04-15"),
        ("reach_preliminary", "2019-08-25"),
    )
    refused = await fire(client, s103, "sign", occurred_at="2019-10-07")
    assert refused.status_code == 409 and refused.json()["reasons"][0].startswith(
        "sign needs notify_intent_to_sign first"
    )
    await fire_all(client, s103, ("notify_intent_to_sign", "2019-09-16"), ("sign", "2019-10-07"))
    assert (await fire(client, s103, "implement", occurred_at="2020-01-01")).status_code == 409
    *_, done = await fire_all(client, s103, ("proclaim", "2019-12-26"), ("implement", "2020-01-01"))
    assert (done["agreement"]["state"], done["agreement"]["rta_status"]) == ("implemented", "In Force")


async def test_an_override_is_kept_in_history_and_the_webhook_payload(client):
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-07-25"), ("notify_congress", "2018-10-16"))
    reason = "Sources disagree by a day on the first round"
    *_, result = await fire_all(client, aid, ("open_negotiations", "2019-01-13", {"override_reason": reason}))
    assert result["transition"]["override_reason"] == reason
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert history[-1]["override_reason"] == reason and history[-2]["override_reason"] is None
    feed = (
        await client.get("/v1/events", params={"agreement_id": aid, "type": "agreement.transitioned", "limit": 200})
    ).json()
    assert feed["data"][-1]["data"]["transition"]["override_reason"] == reason
    assert feed["data"][0]["data"]["transition"]["override_reason"] is None  # one shape: present, null
    # An override moves past clocks, never past the path.
    path = await fire(client, aid, "implement", override_reason=reason)
    assert path.status_code == 409


async def test_extend_deadline_carries_a_clock_and_days(client):
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    for body in (
        {"event": "extend_deadline"},
        {"event": "extend_deadline", "clock": "itc_report"},
        {"event": "extend_deadline", "clock": "nope", "days": 3},
        {"event": "publish_text", "clock": "itc_report", "days": 3},
    ):
        response = await client.post(f"/v1/agreements/{aid}/transitions", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    *_, result = await fire_all(client, aid, ("extend_deadline", "2019-01-25", {"clock": "itc_report", "days": 35}))
    assert (result["transition"]["clock"], result["transition"]["days"]) == ("itc_report", 35)


async def test_deadlines_of_an_agreement_and_across_agreements(client):
    aid = (await create_agreement(client, **{**US_EU, "announced_at": "2017-04-26"}, authority="tpa"))["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2017-04-26"),
        ("notify_congress", "2017-05-18"),
        ("publish_objectives", "2017-07-17"),
        ("open_negotiations", "2017-08-16"),
        ("trade_remedy_report", "2018-05-01"),
        ("reach_preliminary", "2018-08-27"),
        ("notify_intent_to_sign", "2018-08-31"),
        ("request_itc_assessment", "2018-08-31"),
        ("advisory_reports", "2018-09-27"),
        ("publish_text", "2018-09-30"),
        ("sign", "2018-11-30"),
    )
    deadlines = {d["clock"]: d for d in (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]}
    itc = deadlines["itc_report"]
    assert {k: itc[k] for k in ("trigger", "trigger_date", "due_date", "bound", "status", "legal_basis")} == {
        "trigger": "sign",
        "trigger_date": "2018-11-30",
        "due_date": "2019-03-15",
        "bound": "latest",
        "status": "missed",
        "legal_basis": "19 U.S.C. 4204(c)(2)",
    }
    assert deadlines["notice_of_intent_to_negotiate"]["status"] == "met"
    assert deadlines["implementing_bill_enacted"]["status"] == "not_applicable"  # no enactment yet: not started
    assert deadlines["implementing_bill_enacted"]["trigger_date"] is None
    missed = (await client.get("/v1/deadlines", params={"status": "missed"})).json()["data"]
    assert [(d["agreement_id"], d["clock"]) for d in missed] == [(aid, "changes_to_us_law"), (aid, "itc_report")]
    await fire_all(
        client,
        aid,
        ("extend_deadline", "2019-01-25", {"clock": "itc_report", "days": 35}),
        ("submit_changes_list", "2019-01-29"),
        ("itc_report", "2019-04-18"),
    )
    assert (await client.get("/v1/deadlines", params={"status": "missed"})).json()["data"] == []
    due = (await client.get("/v1/deadlines", params={"due_before": "2018-01-01"})).json()["data"]
    assert [d["clock"] for d in due] == ["negotiating_objectives", "notice_of_intent_to_negotiate"]
    assert (await client.get("/v1/deadlines", params={"status": "late"})).status_code == 422
    assert (await client.get("/v1/deadlines", params={"due_before": "0"})).status_code == 422
    missing = await client.get("/v1/agreements/agr_nope/deadlines")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def test_relations_and_diagram(client):
    nafta = (await create_agreement(client, **US_EU, authority="other"))["id"]
    usmca = await create_agreement(
        client, **US_EU, authority="tpa", relations=[{"kind": "supersedes", "agreement_id": nafta}]
    )
    relations = (await client.get(f"/v1/agreements/{nafta}/relations")).json()["data"]
    assert relations == [{"kind": "supersedes", "agreement_id": usmca["id"], "direction": "incoming"}]
    unknown = await client.post(
        "/v1/agreements", json={**US_EU, "relations": [{"kind": "amends", "agreement_id": "agr_nope"}]}
    )
    assert unknown.status_code == 422
    await fire_all(client, nafta, ("start_domestic_procedures", "2018-08-01"), ("open_negotiations", "2018-08-02"))
    diagram = (await client.get(f"/v1/agreements/{nafta}/diagram")).json()
    assert diagram["path"] == ["announced", "domestic_procedures", "negotiating"]
    assert "  domestic_procedures --> negotiating: open_negotiations (taken)" in diagram["mermaid"].splitlines()
    assert "  class negotiating current" in diagram["mermaid"].splitlines()
    # tpa has no shortcut from domestic_procedures: its diagram does not draw one.
    tpa = (await client.get(f"/v1/agreements/{usmca['id']}/diagram")).json()["mermaid"]
    assert "domestic_procedures --> negotiating" not in tpa


async def test_upgrade_workflow_moves_a_v1_agreement_to_the_latest(db, client):
    from service.agreements import service
    from service.principal import Principal

    aid = (await create_agreement(client, **US_EU, authority=None))["id"]
    await db.write(
        lambda conn: conn.execute(sa.update(A).where(A.c.id == aid).values(workflow_version=1, authority=None))
    )
    v1 = (await client.get(f"/v1/agreements/{aid}")).json()
    assert (v1["workflow"]["version"], v1["authority"]) == (1, None)
    assert (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"] == []
    upgraded = await service.upgrade_workflow(db, Principal.system("test"), aid, authority="section_103a")
    assert (upgraded.workflow.version, upgraded.authority, upgraded.version) == (3, "section_103a", 2)
    assert (await fire(client, aid, "agreement_in_principle")).status_code == 201


def test_accord_upgrade_workflow_command(tmp_path: Path):
    accord = Path(sys.executable).with_name("accord")
    url = f"sqlite+aiosqlite:///{tmp_path / 'accord.db'}"
    env = {**os.environ, "ACCORD_DATABASE_URL": url, "ACCORD_LOG_JSON": "false"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(accord), *args], check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )

    assert run("migrate").returncode == 0 and run("seed").returncode == 0
    engine = sa.create_engine(url.replace("+aiosqlite", ""))
    with engine.begin() as conn:
        nafta = conn.execute(sa.select(A.c.id).where(A.c.title.like("North American%"))).scalar_one()
        conn.execute(sa.update(A).where(A.c.id == nafta).values(workflow_version=1, authority=None))
    done = run("upgrade-workflow", nafta, "--authority", "other")
    assert done.returncode == 0, done.stderr
    assert f"{nafta}: trade-agreement v3, authority other, state terminated" in done.stdout
    again = run("upgrade-workflow", nafta)
    assert again.returncode != 0 and "already on trade-agreement v3" in again.stderr
    engine.dispose()
