"""Answers as of a date (`on=`, `as_of=`) and what-if projections, on SQLite and PostgreSQL.

`on=` and `as_of=` read the entries that happened by the end of that date, as corrected, void
ones left out, whenever they were recorded."""

from __future__ import annotations

from datetime import date

from service.agreements.service import listing
from tests.helpers import US_EU, create_agreement, fire, fire_all

NOTICE = "19 U.S.C. 4204(a)(1)(A)"


async def _available(client, aid: str, on: str | None = None) -> dict:
    response = await client.get(f"/v1/agreements/{aid}/available-transitions", params={"on": on} if on else {})
    assert response.status_code == 200, response.text
    return response.json()


async def _deadlines(client, aid: str, on: str | None = None) -> dict[str, dict]:
    response = await client.get(f"/v1/agreements/{aid}/deadlines", params={"on": on} if on else {})
    assert response.status_code == 200, response.text
    return {d["clock"]: d for d in response.json()["data"]}


async def _us_eu(client, **overrides) -> str:
    aid = (await create_agreement(client, **{**US_EU, **overrides}, authority="tpa"))["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-07-25"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-01"),
        ("open_negotiations", "2019-01-14"),
    )
    return aid


async def test_available_transitions_on_a_date(client):
    aid = await _us_eu(client)
    then = await _available(client, aid, "2019-01-13")
    assert (then["state"], then["on"]) == ("congressional_notification", "2019-01-13")
    events = {e["event"]: e for e in then["events"]}
    assert events["open_negotiations"]["allowed"] is False
    assert events["open_negotiations"]["reasons"] == [
        f"open_negotiations is allowed from 2019-01-14: 90 days after Congress was notified on 2018-10-16 ({NOTICE})"
    ]
    # By the end of 2019-01-14 the talks had opened.
    opened = await _available(client, aid, "2019-01-14")
    assert opened["state"] == "negotiating"
    assert {e["event"]: e["allowed"] for e in opened["events"]}["reach_preliminary"] is True
    # Before the notice there was no clock, and the path was another.
    early = await _available(client, aid, "2018-08-01")
    assert early["state"] == "domestic_procedures"
    assert {e["event"]: e["allowed"] for e in early["events"]}["notify_congress"] is True
    assert (await _available(client, aid))["on"] >= "2026-01-01"  # today, by default
    assert (
        await client.get(f"/v1/agreements/{aid}/available-transitions", params={"on": "2018-07-24"})
    ).status_code == 404
    for bad in ("2019-1-13", "0", "1899-12-31", "3000-01-01", "2019-02-30"):
        refused = await client.get(f"/v1/agreements/{aid}/available-transitions", params={"on": bad})
        assert refused.status_code == 422, bad


async def test_deadlines_on_a_date(client):
    aid = await _us_eu(client)
    before = await _deadlines(client, aid, "2019-01-13")
    assert before["notice_of_intent_to_negotiate"]["status"] == "pending"
    assert before["notice_of_intent_to_negotiate"]["due_date"] == "2019-01-14"
    assert (await _deadlines(client, aid, "2019-01-14"))["notice_of_intent_to_negotiate"]["status"] == "met"
    not_yet = await _deadlines(client, aid, "2018-10-15")
    assert not_yet["notice_of_intent_to_negotiate"]["status"] == "not_applicable"
    assert not_yet["notice_of_intent_to_negotiate"]["trigger_date"] is None
    assert (await client.get(f"/v1/agreements/{aid}/deadlines", params={"on": "2018-01-01"})).status_code == 404


async def test_on_reads_late_records_corrections_and_not_voids(client):
    aid = await _us_eu(client)
    # Recorded today, it happened in 2018: on= sees it from its date on.
    assert (await fire(client, aid, "publish_objectives", occurred_at="2018-09-01")).status_code == 201
    assert (await _deadlines(client, aid, "2018-09-15"))["negotiating_objectives"]["trigger_date"] == "2018-09-01"
    assert (await _deadlines(client, aid, "2018-08-31"))["negotiating_objectives"]["trigger_date"] is None
    # Corrected, the notice counts from its true date.
    corrected = await client.post(
        f"/v1/agreements/{aid}/transitions/3/corrections",
        json={"occurred_at": "2018-10-10", "reason": "The letters' date"},
    )
    assert corrected.status_code == 201, corrected.text
    assert (await _deadlines(client, aid, "2018-10-12"))["notice_of_intent_to_negotiate"]["due_date"] == "2019-01-08"
    assert (await client.get(f"/v1/agreements/{aid}", params={"as_of": "2018-10-12"})).json()["state"] == (
        "congressional_notification"
    )
    # Voided, the opening never happened, on any date.
    assert (await client.post(f"/v1/agreements/{aid}/transitions/5/void", json={"reason": "x"})).status_code == 200
    assert (await client.get(f"/v1/agreements/{aid}", params={"as_of": "2019-06-01"})).json()["state"] == (
        "congressional_notification"
    )
    assert (await _deadlines(client, aid, "2019-06-01"))["notice_of_intent_to_negotiate"]["occurred_on"] is None


async def test_an_agreement_as_of_a_date(client):
    aid = await _us_eu(client)
    now = (await client.get(f"/v1/agreements/{aid}")).json()
    assert now["as_of"] is None and now["state"] == "negotiating"
    response = await client.get(f"/v1/agreements/{aid}", params={"as_of": "2018-10-16"})
    assert response.status_code == 200
    then = response.json()
    assert (then["state"], then["as_of"], then["version"]) == (
        "congressional_notification",
        "2018-10-16",
        now["version"],
    )
    assert then["title"] == now["title"]
    assert (await client.get(f"/v1/agreements/{aid}", params={"as_of": "2018-10-15"})).json()["state"] == (
        "domestic_procedures"
    )
    missing = await client.get(f"/v1/agreements/{aid}", params={"as_of": "2018-07-24"})
    assert missing.status_code == 404 and "had not been announced on 2018-07-24" in missing.json()["detail"]
    assert (await client.get(f"/v1/agreements/{aid}", params={"as_of": "yesterday"})).status_code == 422


async def test_suspended_as_of_a_date_reports_the_state_it_left(client):
    aid = (await create_agreement(client, **US_EU, authority="other"))["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-08-01"),
        ("open_negotiations", "2018-09-01"),
        ("suspend", "2018-10-01"),
        ("resume", "2018-11-01"),
    )
    then = (await client.get(f"/v1/agreements/{aid}", params={"as_of": "2018-10-15"})).json()
    assert (then["state"], then["rta_status"]) == ("suspended", "Early announcement - Under negotiation")


async def test_agreements_in_a_state_as_of_a_date(client):
    notified = await _us_eu(client, title="notified in 2018")
    later = (await create_agreement(client, **{**US_EU, "announced_at": "2019-03-01", "title": "announced in 2019"}))[
        "id"
    ]
    other = (await create_agreement(client, **{**US_EU, "title": "never notified"}, authority="other"))["id"]
    await fire_all(client, other, ("start_domestic_procedures", "2018-08-01"), ("open_negotiations", "2018-09-01"))

    async def ids(**params) -> list[str]:
        response = await client.get("/v1/agreements", params=params)
        assert response.status_code == 200, response.text
        return [a["id"] for a in response.json()["data"]]

    assert await ids(as_of="2018-12-01", state="congressional_notification") == [notified]
    assert await ids(as_of="2018-12-01", state="negotiating") == [other]
    assert await ids(as_of="2019-06-01", state="negotiating") == sorted([notified, other])
    assert await ids(as_of="2019-06-01", state="announced") == [later]
    assert await ids(as_of="2018-07-01", state="announced") == []
    # Without a state: every agreement announced by then, each in its state of that date.
    listed = (await client.get("/v1/agreements", params={"as_of": "2018-12-01"})).json()["data"]
    assert {a["id"]: a["state"] for a in listed} == {
        notified: "congressional_notification",
        other: "negotiating",
    }
    assert all(a["as_of"] == "2018-12-01" for a in listed)
    # Pages and other filters work as without as_of.
    first = (
        await client.get("/v1/agreements", params={"as_of": "2019-06-01", "state": "negotiating", "limit": 1})
    ).json()
    second = (
        await client.get(
            "/v1/agreements",
            params={"as_of": "2019-06-01", "state": "negotiating", "limit": 1, "cursor": first["next_cursor"]},
        )
    ).json()
    assert [a["id"] for a in first["data"] + second["data"]] == sorted([notified, other])
    assert second["next_cursor"] is None
    assert await ids(as_of="2019-06-01", state="negotiating", q="never") == [other]
    # A void state change no longer counts.
    assert (await client.post(f"/v1/agreements/{other}/transitions/3/void", json={"reason": "x"})).status_code == 200
    assert await ids(as_of="2019-06-01", state="negotiating") == [notified]
    assert await ids(as_of="2019-06-01", state="domestic_procedures") == [other]


async def test_the_as_of_list_reads_through_the_state_change_indexes(db):
    """The list never scans the history: it starts from the entries into the state (a partial index
    over state changes only) and checks each against the next state change of its agreement.
    PostgreSQL's choice depends on statistics (an empty table makes any plan cheap), so there the
    test only shows that a plan without a scan of the history exists; bench/ numbers are at scale."""
    for state in ("negotiating", None):
        query, key = listing(db, state=state, as_of=date(2019, 6, 1))
        query = query.order_by(key).limit(51)
        async with db.engine.connect() as conn:
            compiled = query.compile(conn.sync_engine, compile_kwargs={"literal_binds": True})
            if db.is_sqlite:
                plan = " | ".join(str(r[-1]) for r in await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
                wanted = "ix_transitions_states_entered" if state else "ix_transitions_state_changes"
                assert wanted in plan, plan
                assert "SCAN transitions" not in plan and "SCAN later" not in plan and "SCAN then" not in plan, plan
                assert "TEMP B-TREE" not in plan, plan  # in agreement order from the index: a page stops the scan
            else:
                await conn.exec_driver_sql("SET enable_seqscan = off")
                plan = " | ".join(r[0] for r in await conn.exec_driver_sql(f"EXPLAIN {compiled}"))
                assert "Seq Scan on transitions" not in plan and "Seq Scan on later" not in plan, plan


# -- projections ----------------------------------------------------------------------------


async def _project(client, aid: str, *events) -> dict:
    body = {"events": [{"event": e, "occurred_at": d, **(x[0] if x else {})} for e, d, *x in events]}
    response = await client.post(f"/v1/agreements/{aid}/projection", json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_projection_gives_the_first_date_the_real_transition_is_accepted(client):
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-07-25"), ("publish_objectives", "2018-07-30"))
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    version = (await client.get(f"/v1/agreements/{aid}")).json()["version"]
    projected = await _project(client, aid, ("notify_congress", "2018-10-16"))
    assert projected["state"] == "congressional_notification"
    assert projected["assumed"] == [{"event": "notify_congress", "on": "2018-10-16", "allowed": True, "reasons": []}]
    clocks = {c["clock"]: c for c in projected["clocks"]}
    assert clocks["notice_of_intent_to_negotiate"]["earliest"] == "2019-01-14"
    assert clocks["notice_of_intent_to_negotiate"]["latest"] is None
    assert clocks["negotiating_objectives"]["earliest"] == "2018-08-29"
    (opening,) = [e for e in projected["events"] if e["event"] == "open_negotiations"]
    assert opening["earliest"] == "2019-01-14"
    assert any("allowed from 2019-01-14" in r for r in opening["reasons"])
    # Nothing was written.
    assert (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"] == history
    assert (await client.get(f"/v1/agreements/{aid}")).json()["version"] == version
    # The real events: refused the day before the projected date, accepted on it.
    await fire_all(client, aid, ("notify_congress", "2018-10-16"))
    assert (await fire(client, aid, "open_negotiations", occurred_at="2019-01-13")).status_code == 409
    assert (await fire(client, aid, "open_negotiations", occurred_at=opening["earliest"])).status_code == 201


async def test_a_projection_into_the_future(client):
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    projected = await _project(
        client,
        aid,
        ("notify_intent_to_sign", "2027-03-01"),
        ("publish_text", "2027-01-15"),
    )
    assert [a["event"] for a in projected["assumed"]] == ["publish_text", "notify_intent_to_sign"]
    clocks = {c["clock"]: c for c in projected["clocks"]}
    assert clocks["notice_of_intent_to_sign"]["trigger_date"] == "2027-03-01"
    assert clocks["notice_of_intent_to_sign"]["earliest"] == "2027-05-30"
    assert clocks["text_published"]["earliest"] == "2027-03-16"
    assert projected["state"] == "announced"


async def test_a_projection_follows_the_path_and_the_extensions(client):
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    refused = await client.post(
        f"/v1/agreements/{aid}/projection", json={"events": [{"event": "sign", "occurred_at": "2027-01-01"}]}
    )
    assert refused.status_code == 409 and refused.json()["type"].endswith("/invalid-transition")
    wrong = await client.post(
        f"/v1/agreements/{aid}/projection",
        json={"events": [{"event": "extend_deadline", "occurred_at": "2027-01-01", "clock": "nope", "days": 3}]},
    )
    assert wrong.status_code == 422
    assert (await client.post("/v1/agreements/agr_nope/projection", json={"events": []})).status_code == 404
    early = await _project(
        client,
        aid,
        ("start_domestic_procedures", "2018-08-01"),
        ("notify_congress", "2018-10-16"),
        ("open_negotiations", "2019-01-01"),
    )
    assert early["state"] == "negotiating"
    assert early["assumed"][-1]["allowed"] is False and "2019-01-14" in early["assumed"][-1]["reasons"][0]
