"""Corrections that keep the audit trail, milestones recorded late with their true dates, and
voiding the latest state change; on SQLite and PostgreSQL.

The agreements follow the US-EU talks under TPA (DOMAIN.md): Congress notified 2018-10-16, the
objectives published, negotiations opened once both clocks (90 and 30 days) had run."""

from __future__ import annotations

import httpx

from tests.helpers import US_EU, create_agreement, fire, fire_all

NOTICE = "19 U.S.C. 4204(a)(1)(A)"
OBJECTIVES = "19 U.S.C. 4204(a)(1)(D)"


async def _negotiating(client) -> str:
    """announce (1), start_domestic_procedures (2), notify_congress (3), publish_objectives (4),
    open_negotiations (5) on 2019-01-14: the first day both clocks allow."""
    aid = (await create_agreement(client, **US_EU, authority="tpa"))["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-07-25"),
        ("notify_congress", "2018-10-16"),
        ("publish_objectives", "2018-12-01"),
        ("open_negotiations", "2019-01-14"),
    )
    return aid


async def _correct(client, aid: str, sequence: int, **body) -> httpx.Response:
    return await client.post(f"/v1/agreements/{aid}/transitions/{sequence}/corrections", json=body)


async def _void(client, aid: str, sequence: int, reason: str = "recorded in error") -> httpx.Response:
    return await client.post(f"/v1/agreements/{aid}/transitions/{sequence}/void", json={"reason": reason})


async def _feed(client, aid: str, type: str) -> list[dict]:
    response = await client.get("/v1/events", params={"agreement_id": aid, "type": type, "limit": 200})
    return response.json()["data"]


async def _key(client, name: str, *scopes: str) -> dict[str, str]:
    response = await client.post("/v1/api-keys", json={"name": name, "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


# -- corrections ----------------------------------------------------------------------------


async def test_a_correction_and_its_trail(client):
    aid = await _negotiating(client)
    url = f"/v1/agreements/{aid}/transitions/3"
    before = (await client.get(f"/v1/agreements/{aid}")).json()
    response = await _correct(
        client,
        aid,
        3,
        occurred_at="2018-10-12",
        note="USTR's letters to Congress are dated 2018-10-12",
        reason="The notice's date, from the Federal Register",
    )
    assert response.status_code == 201, response.text
    assert response.headers["location"] == url
    result = response.json()
    assert response.headers["etag"] == f'"{before["version"] + 1}"'
    assert result["agreement"]["version"] == before["version"] + 1
    assert result["agreement"]["state"] == "negotiating"
    correction = result["correction"]
    assert correction["number"] == 1 and correction["actor"] == "bootstrap-admin"
    assert correction["reason"] == "The notice's date, from the Federal Register"
    assert correction["changes"] == [
        {"field": "occurred_at", "old": "2018-10-16T04:00:00Z", "new": "2018-10-12T04:00:00Z"},
        {"field": "note", "old": None, "new": "USTR's letters to Congress are dated 2018-10-12"},
    ]
    # The entry shows its current values and every correction; its sequence and recorded_at stay.
    entry = (await client.get(url)).json()
    assert entry["occurred_at"] == "2018-10-12T04:00:00Z" and entry["sequence"] == 3
    assert entry["corrections"] == [correction]
    # A second correction clears the note; the trail keeps both, oldest first.
    second = await _correct(client, aid, 3, note=None, reason="The note repeated the date")
    assert second.status_code == 201, second.text
    assert second.json()["correction"]["changes"] == [
        {"field": "note", "old": "USTR's letters to Congress are dated 2018-10-12", "new": None}
    ]
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [c["number"] for c in history[2]["corrections"]] == [1, 2]
    assert history[2]["note"] is None and all(h["corrections"] == [] for h in history if h["sequence"] != 3)
    assert [h["sequence"] for h in history] == [1, 2, 3, 4, 5]  # nothing deleted, nothing added


async def test_the_correction_is_an_event(client):
    aid = await _negotiating(client)
    response = await _correct(client, aid, 4, reference="https://ustr.gov/objectives", reason="Source added")
    assert response.status_code == 201, response.text
    (event,) = await _feed(client, aid, "agreement.corrected")
    assert event["data"]["transition"]["sequence"] == 4
    assert event["data"]["transition"]["reference"] == "https://ustr.gov/objectives"
    assert event["data"]["correction"]["changes"] == [
        {"field": "reference", "old": None, "new": "https://ustr.gov/objectives"}
    ]
    assert event["data"]["agreement"]["version"] == response.json()["agreement"]["version"]


async def test_a_correction_refused_by_a_clock_unless_an_admin_overrides(client, app):
    aid = await _negotiating(client)
    # Four days later, the 90-day clock would run to 2019-01-18: the recorded opening breaks it.
    refused = await _correct(client, aid, 3, occurred_at="2018-10-20", reason="A later date from a secondary source")
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["type"].endswith("/invalid-transition")
    assert problem["reasons"] == [
        "open_negotiations on 2019-01-14 (entry 5): open_negotiations is allowed from 2019-01-18: 90 days after "
        f"Congress was notified on 2018-10-20 ({NOTICE})"
    ]
    assert "would break a statutory clock" in problem["detail"]
    entry = (await client.get(f"/v1/agreements/{aid}/transitions/3")).json()
    assert entry["occurred_at"] == "2018-10-16T04:00:00Z" and entry["corrections"] == []
    assert await _feed(client, aid, "agreement.corrected") == []
    # A writer may not override; an admin may, and the override stays with the correction.
    writer = await _key(client, "desk", "agreements:write")
    body = {"occurred_at": "2018-10-20", "reason": "The notice's date", "override_reason": "Sources disagree"}
    forbidden = await client.post(f"/v1/agreements/{aid}/transitions/3/corrections", json=body, headers=writer)
    assert forbidden.status_code == 403
    allowed = await _correct(client, aid, 3, **body)
    assert allowed.status_code == 201, allowed.text
    assert allowed.json()["correction"]["override_reason"] == "Sources disagree"
    # The clocks now read the corrected date: the opening shows as early.
    deadlines = {d["clock"]: d for d in (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]}
    assert deadlines["notice_of_intent_to_negotiate"]["trigger_date"] == "2018-10-20"
    assert deadlines["notice_of_intent_to_negotiate"]["status"] == "missed"


async def test_a_correction_keeps_state_changes_in_order(client):
    aid = await _negotiating(client)
    late = await _correct(client, aid, 3, occurred_at="2019-02-01", reason="typo")
    assert late.status_code == 422 and late.json()["errors"][0]["type"] == "out_of_order"
    assert "later than the next entry that changed the state" in late.json()["detail"]
    early = await _correct(client, aid, 5, occurred_at="2018-07-01", reason="typo")
    assert (
        early.status_code == 422 and "earlier than the entry before it that changed the state" in early.json()["detail"]
    )
    announcement = await _correct(client, aid, 1, occurred_at="2018-08-01", reason="typo")
    assert announcement.status_code == 422
    moved = await _correct(client, aid, 1, occurred_at="2018-07-12", reason="The joint statement's date")
    assert moved.status_code == 201, moved.text


async def test_a_correction_must_change_something_valid(client):
    aid = await _negotiating(client)
    same = await _correct(client, aid, 3, occurred_at="2018-10-16", reason="confirming")
    assert same.status_code == 422 and same.json()["errors"][0]["type"] == "no_change"
    assert (await _correct(client, aid, 3, reason="nothing sent")).status_code == 422
    assert (await _correct(client, aid, 3, occurred_at=None, reason="cleared")).status_code == 422
    assert (await _correct(client, aid, 3, occurred_at="2018-10-16")).status_code == 422  # no reason
    assert (await _correct(client, aid, 3, occurred_at="2999-01-01", reason="future")).status_code == 422
    assert (await _correct(client, aid, 3, event="sign", reason="not a field")).status_code == 422
    missing = await _correct(client, aid, 99, note="x", reason="no such entry")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert (await _correct(client, "agr_nope", 1, note="x", reason="no agreement")).status_code == 404


async def test_a_milestone_corrected_into_another_state_says_so(client):
    aid = await _negotiating(client)
    moved = await _correct(client, aid, 4, occurred_at="2018-09-01", reason="The objectives came earlier")
    assert moved.status_code == 201, moved.text
    changes = {c["field"]: (c["old"], c["new"]) for c in moved.json()["correction"]["changes"]}
    assert changes == {
        "occurred_at": ("2018-12-01T05:00:00Z", "2018-09-01T04:00:00Z"),
        "from_state": ("congressional_notification", "domestic_procedures"),
        "to_state": ("congressional_notification", "domestic_procedures"),
    }
    before_announcement = await _correct(client, aid, 4, occurred_at="2018-07-01", reason="typo")
    assert before_announcement.status_code == 422


# -- milestones recorded late ---------------------------------------------------------------


async def test_a_backdated_milestone_takes_its_place_and_is_checked(client):
    aid = await _negotiating(client)
    # Published earlier than the recorded objectives: the clock still reads the latest, 2018-12-01.
    late = await fire(client, aid, "publish_objectives", occurred_at="2018-11-01", note="a first draft")
    assert late.status_code == 201, late.text
    transition = late.json()["transition"]
    assert transition["sequence"] == 6
    assert (transition["from_state"], transition["to_state"]) == ("congressional_notification",) * 2
    assert late.json()["agreement"]["state"] == "negotiating"
    # Published on 2018-12-20, it would have been the latest before the opening: 30 days had not run.
    refused = await fire(client, aid, "publish_objectives", occurred_at="2018-12-20")
    assert refused.status_code == 409, refused.text
    assert refused.json()["reasons"] == [
        "open_negotiations on 2019-01-14 (entry 5): open_negotiations is allowed from 2019-01-19: 30 days after "
        f"the negotiating objectives were published on 2018-12-20 ({OBJECTIVES})"
    ]
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [h["sequence"] for h in history] == [1, 2, 3, 4, 5, 6]  # recorded order
    # A milestone that no clock reads is placed by its date with no check of the clocks.
    principle = await fire(client, aid, "agreement_in_principle", occurred_at="2018-08-01")
    assert principle.status_code == 201
    assert principle.json()["transition"]["from_state"] == "domestic_procedures"
    before = await fire(client, aid, "agreement_in_principle", occurred_at="2018-07-01")
    assert before.status_code == 422 and "announcement" in before.json()["detail"]


async def test_a_state_change_may_not_predate_the_last_one_but_may_predate_milestones(client):
    aid = (await create_agreement(client, **US_EU, authority="other"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-08-01"), ("agreement_in_principle", "2018-09-01"))
    earlier = await fire(client, aid, "open_negotiations", occurred_at="2018-07-31")
    assert earlier.status_code == 422
    assert "earlier than the agreement's latest entry that changed its state" in earlier.json()["detail"]
    between = await fire(client, aid, "open_negotiations", occurred_at="2018-08-15")
    assert between.status_code == 201, between.text


async def test_a_missed_milestone_of_a_terminated_agreement_is_recorded_in_the_state_it_happened_in(client):
    aid = (await create_agreement(client, **US_EU, authority="other"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-08-01"), ("terminate", "2019-03-01"))
    after_the_end = await fire(client, aid, "agreement_in_principle", occurred_at="2019-04-01")
    assert after_the_end.status_code == 409
    before_the_end = await fire(client, aid, "agreement_in_principle", occurred_at="2018-10-01")
    assert before_the_end.status_code == 201, before_the_end.text
    assert before_the_end.json()["transition"]["to_state"] == "domestic_procedures"
    assert before_the_end.json()["agreement"]["state"] == "terminated"


async def test_a_milestone_while_suspended_keeps_the_state_to_resume_to(client):
    aid = (await create_agreement(client, **US_EU, authority="other"))["id"]
    await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-08-01"),
        ("open_negotiations", "2018-09-01"),
        ("suspend", "2018-10-01"),
        ("agreement_in_principle", "2018-11-01"),
    )
    resumed = await fire(client, aid, "resume", occurred_at="2018-12-01")
    assert resumed.status_code == 201, resumed.text
    assert resumed.json()["agreement"]["state"] == "negotiating"


# -- void -----------------------------------------------------------------------------------


async def test_void_returns_to_the_previous_state_and_keeps_the_entry(client):
    aid = await _negotiating(client)
    version = (await client.get(f"/v1/agreements/{aid}")).json()["version"]
    response = await _void(client, aid, 5, "The first round was a scoping meeting")
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == f'"{version + 1}"'
    result = response.json()
    assert result["agreement"]["state"] == "congressional_notification"
    assert result["agreement"]["version"] == version + 1
    transition = result["transition"]
    assert transition["sequence"] == 5 and transition["voided_by"] == "bootstrap-admin"
    assert transition["void_reason"] == "The first round was a scoping meeting" and transition["voided_at"]
    history = (await client.get(f"/v1/agreements/{aid}/transitions")).json()["data"]
    assert [h["sequence"] for h in history] == [1, 2, 3, 4, 5] and history[-1]["voided_at"]
    (event,) = await _feed(client, aid, "agreement.voided")
    assert event["data"]["transition"]["sequence"] == 5 and event["data"]["transition"]["void_reason"]
    assert event["data"]["agreement"]["state"] == "congressional_notification"
    # The clocks ignore it: the notice's clock is not met, and the event may be recorded again.
    deadlines = {d["clock"]: d for d in (await client.get(f"/v1/agreements/{aid}/deadlines")).json()["data"]}
    assert deadlines["notice_of_intent_to_negotiate"]["occurred_on"] is None
    again = await fire(client, aid, "open_negotiations", occurred_at="2019-02-01")
    assert again.status_code == 201 and again.json()["transition"]["sequence"] == 6
    # A void entry is neither corrected nor voided again.
    assert (await _correct(client, aid, 5, note="x", reason="y")).json()["type"].endswith("/history-conflict")
    assert (await _void(client, aid, 5)).status_code == 409


async def test_only_the_latest_state_change_may_be_voided(client):
    aid = await _negotiating(client)
    earlier = await _void(client, aid, 3)
    assert earlier.status_code == 409
    assert earlier.json()["type"].endswith("/history-conflict") and earlier.json()["voidable_sequence"] == 5
    milestone = await _void(client, aid, 4)
    assert milestone.status_code == 409 and "milestone" in milestone.json()["detail"]
    assert (await _void(client, aid, 1)).status_code == 409  # the announcement
    assert (await _void(client, aid, 42)).status_code == 404
    assert (await client.post(f"/v1/agreements/{aid}/transitions/5/void", json={})).status_code == 422
    reader = await _key(client, "reader", "agreements:read")
    as_reader = await client.post(f"/v1/agreements/{aid}/transitions/5/void", json={"reason": "x"}, headers=reader)
    assert as_reader.status_code == 403
    writer = await _key(client, "writer", "agreements:write")
    as_writer = await client.post(f"/v1/agreements/{aid}/transitions/5/void", json={"reason": "x"}, headers=writer)
    assert as_writer.status_code == 200 and as_writer.json()["transition"]["voided_by"] == "writer"
    # Now the notice is the latest state change.
    assert (await _void(client, aid, 3)).status_code == 200
    assert (await client.get(f"/v1/agreements/{aid}")).json()["state"] == "domestic_procedures"


async def test_voiding_a_resume_returns_to_suspended_remembering_where_it_stood(client):
    aid = (await create_agreement(client, **US_EU, authority="other"))["id"]
    results = await fire_all(
        client,
        aid,
        ("start_domestic_procedures", "2018-08-01"),
        ("open_negotiations", "2018-09-01"),
        ("suspend", "2018-10-01"),
        ("resume", "2018-11-01"),
    )
    voided = await _void(client, aid, results[-1]["transition"]["sequence"])
    assert voided.status_code == 200 and voided.json()["agreement"]["state"] == "suspended"
    assert voided.json()["agreement"]["rta_status"] == "Early announcement - Under negotiation"
    resumed = await fire(client, aid, "resume", occurred_at="2018-12-01")
    assert resumed.status_code == 201 and resumed.json()["agreement"]["state"] == "negotiating"


async def test_if_match_and_idempotency_keys_on_corrections_and_void(client):
    aid = await _negotiating(client)
    version = (await client.get(f"/v1/agreements/{aid}")).json()["version"]
    url = f"/v1/agreements/{aid}/transitions/4/corrections"
    stale = await client.post(url, json={"note": "x", "reason": "y"}, headers={"If-Match": f'"{version - 1}"'})
    assert stale.status_code == 412
    body = {"note": "From the Federal Register", "reason": "source"}
    first = await client.post(url, json=body, headers={"Idempotency-Key": "fix-1"})
    again = await client.post(url, json=body, headers={"Idempotency-Key": "fix-1"})
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    cleared = await client.post(url, json={"note": None, "reason": "source"}, headers={"Idempotency-Key": "fix-1"})
    assert cleared.status_code == 422  # the same key with another command
    void_url = f"/v1/agreements/{aid}/transitions/5/void"
    done = await client.post(void_url, json={"reason": "x"}, headers={"Idempotency-Key": "void-1"})
    replay = await client.post(void_url, json={"reason": "x"}, headers={"Idempotency-Key": "void-1"})
    assert done.status_code == replay.status_code == 200 and replay.headers["idempotent-replayed"] == "true"
    assert len(await _feed(client, aid, "agreement.voided")) == 1
