"""The agreements API, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest

from service.health import migration_head
from tests.helpers import JAPAN, create_agreement, fire
from workflows.trade_agreement import MILESTONES_V3, TRADE_AGREEMENT_V3

PATH_TO_NEGOTIATING = ["start_domestic_procedures", "notify_congress", "open_negotiations"]


async def walk(client, agreement_id, events):
    for event in events:
        response = await fire(client, agreement_id, event)
        assert response.status_code == 201, response.text
    return response.json()


async def test_create_returns_the_agreement_with_location_and_etag(client):
    response = await client.post("/v1/agreements", json={**JAPAN, "metadata": {"ustr": "japan"}})
    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("agr_")
    assert response.headers["location"] == f"/v1/agreements/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert body["state"] == "announced"
    assert body["version"] == 1
    assert body["workflow"] == {"name": "trade-agreement", "version": 3}
    assert (body["authority"], body["rta_status"]) == ("other", "Early announcement - Under negotiation")
    assert body["parties"] == ["US", "JP"]
    assert body["metadata"] == {"ustr": "japan"}
    assert body["created_at"].endswith("Z")


async def test_create_records_the_announcement_as_the_first_entry(client):
    agreement = await create_agreement(client, note="UNGA joint statement", reference="https://example.org/statement")
    history = (await client.get(f"/v1/agreements/{agreement['id']}/transitions")).json()["data"]
    assert len(history) == 1
    first = history[0]
    assert first["sequence"] == 1
    assert first["event"] == "announce"
    assert first["from_state"] is None
    assert first["to_state"] == "announced"
    assert first["occurred_at"] == "2018-09-26T04:00:00Z"  # that day in Washington (EDT)
    assert first["actor"] == "bootstrap-admin"  # the name of the key that made it
    assert first["note"] == "UNGA joint statement"
    assert first["reference"] == "https://example.org/statement"


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"parties": ["US"]}, ["body", "parties"]),
        ({"parties": ["US", "US"]}, ["body", "parties"]),
        ({"parties": ["US", "XX"]}, ["body", "parties", 1]),
        ({"parties": ["US", "jp"]}, ["body", "parties", 1]),
        ({"title": ""}, ["body", "title"]),
        ({"title": "x" * 201}, ["body", "title"]),
        ({"sectors": ["Autos!"]}, ["body", "sectors", 0]),
        ({"metadata": {"blob": "x" * 20000}}, ["body", "metadata"]),
        ({"colour": "blue"}, ["body", "colour"]),
        ({"announced_at": "yesterday"}, ["body", "announced_at"]),
        ({"announced_at": "2018-09-26T10:00:00"}, ["body", "announced_at"]),
        ({"reference": "not a url"}, ["body", "reference"]),
        ({"workflow": "no-such-workflow"}, ["body", "workflow"]),
        ({"announced_at": 0}, ["body", "announced_at"]),
        ({"announced_at": "0"}, ["body", "announced_at"]),
        ({"title": "nul\u0000byte"}, ["body"]),
        ({"metadata": {"k\u0000": "v"}}, ["body"]),
    ],
)
async def test_create_refuses_invalid_input_with_a_problem(client, change, location):
    response = await client.post("/v1/agreements", json={**JAPAN, **change})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/validation-error")
    assert problem["status"] == 422
    assert any(error["loc"][: len(location)] == location for error in problem["errors"]), problem
    assert (await client.get("/v1/agreements")).json()["data"] == []


async def test_eu_is_a_party(client):
    agreement = await create_agreement(client, title="US-EU", parties=["US", "EU"])
    assert agreement["parties"] == ["US", "EU"]


async def test_get_supports_etag_and_if_none_match(client):
    agreement = await create_agreement(client)
    response = await client.get(f"/v1/agreements/{agreement['id']}")
    assert response.status_code == 200
    assert response.json() == agreement
    assert response.headers["etag"] == '"1"'
    unchanged = await client.get(f"/v1/agreements/{agreement['id']}", headers={"If-None-Match": '"1"'})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    await fire(client, agreement["id"], "start_domestic_procedures")
    changed = await client.get(f"/v1/agreements/{agreement['id']}", headers={"If-None-Match": '"1"'})
    assert changed.status_code == 200
    assert changed.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    "agreement_id",
    ["agr_01HZZZZZZZZZZZZZZZZZZZZZZZ", "nope", "x" * 300, "%20", "1", "'; drop table", "%00", "%ED%A0%80"],
)
async def test_unknown_agreement_is_404_whatever_its_shape(client, agreement_id):
    for path in ("", "/transitions", "/available-transitions"):
        response = await client.get(f"/v1/agreements/{agreement_id}{path}")
        assert response.status_code == 404, (path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"].endswith("/not-found")
    response = await fire(client, agreement_id, "sign")
    assert response.status_code == 404


async def test_list_filters_by_state_party_and_title(client):
    japan = await create_agreement(client)
    eu = await create_agreement(client, title="US-EU zero tariffs", parties=["US", "EU"], announced_at="2018-07-25")
    korus = await create_agreement(client, title="KORUS 100%_revision", parties=["US", "KR"])
    await fire(client, eu["id"], "start_domestic_procedures")

    async def ids(**params):
        response = await client.get("/v1/agreements", params=params)
        assert response.status_code == 200, response.text
        return [a["id"] for a in response.json()["data"]]

    assert await ids() == [japan["id"], eu["id"], korus["id"]]
    assert await ids(state="announced") == [japan["id"], korus["id"]]
    assert await ids(party="EU") == [eu["id"]]
    assert await ids(party="US") == [japan["id"], eu["id"], korus["id"]]
    assert await ids(party="JP", state="announced") == [japan["id"]]
    assert await ids(q="japan") == [japan["id"]]
    assert await ids(q="100%_") == [korus["id"]]
    assert await ids(q="%") == [korus["id"]]
    assert await ids(state="finalized") == []
    assert (await client.get("/v1/agreements", params={"q": "a\x00"})).status_code == 422


async def test_list_pages_with_a_stable_cursor_under_concurrent_inserts(client):
    created = [(await create_agreement(client, title=f"Agreement {i}"))["id"] for i in range(5)]
    first = (await client.get("/v1/agreements", params={"limit": 2})).json()
    assert [a["id"] for a in first["data"]] == created[:2]
    assert first["next_cursor"]
    late = (await create_agreement(client, title="Created while paging"))["id"]
    seen = [a["id"] for a in first["data"]]
    cursor = first["next_cursor"]
    while cursor:
        page = (await client.get("/v1/agreements", params={"limit": 2, "cursor": cursor})).json()
        seen += [a["id"] for a in page["data"]]
        cursor = page["next_cursor"]
    assert seen == [*created, late]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ4IjoxfQ", "W10"])
async def test_a_cursor_this_service_did_not_issue_is_422(client, cursor):
    response = await client.get("/v1/agreements", params={"cursor": cursor})
    assert response.status_code == 422
    assert response.json()["type"].endswith("/validation-error")


async def test_patch_requires_if_match_and_refuses_a_stale_one(client):
    agreement = await create_agreement(client)
    url = f"/v1/agreements/{agreement['id']}"
    missing = await client.patch(url, json={"title": "New"})
    assert missing.status_code == 428
    assert missing.json()["type"].endswith("/precondition-required")

    updated = await client.patch(url, json={"title": "New", "metadata": {"k": 1}}, headers={"If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    assert updated.json()["title"] == "New"
    assert updated.json()["metadata"] == {"k": 1}
    assert updated.json()["sectors"] == JAPAN["sectors"]
    assert updated.json()["version"] == 2
    assert updated.headers["etag"] == '"2"'

    stale = await client.patch(url, json={"title": "Lost update"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["current_version"] == 2
    assert (await client.get(url)).json()["title"] == "New"


async def test_patch_refuses_fields_it_does_not_own(client):
    agreement = await create_agreement(client)
    response = await client.patch(
        f"/v1/agreements/{agreement['id']}", json={"state": "implemented"}, headers={"If-Match": '"1"'}
    )
    assert response.status_code == 422


async def test_transition_returns_record_agreement_and_etag(client):
    agreement = await create_agreement(client)
    response = await fire(
        client,
        agreement["id"],
        "start_domestic_procedures",
        occurred_at="2018-09-26",
        note="Cabinet steps",
        reference="https://ustr.gov/",
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["transition"]["sequence"] == 2
    assert body["transition"]["event"] == "start_domestic_procedures"
    assert body["transition"]["from_state"] == "announced"
    assert body["transition"]["to_state"] == "domestic_procedures"
    assert body["transition"]["occurred_at"] == "2018-09-26T04:00:00Z"
    assert body["agreement"]["state"] == "domestic_procedures"
    assert body["agreement"]["version"] == 2
    assert response.headers["etag"] == '"2"'
    entry = await client.get(response.headers["location"])
    assert entry.json() == body["transition"]


async def test_a_refused_transition_says_why_and_what_is_allowed(client):
    agreement = await create_agreement(client)
    response = await fire(client, agreement["id"], "sign")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/invalid-transition")
    assert problem["current_state"] == "announced"
    assert problem["event"] == "sign"
    moves = [e for e in problem["allowed_events"] if e not in MILESTONES_V3]
    assert moves == ["start_domestic_procedures", "suspend", "terminate"]
    assert set(problem["allowed_events"]) - set(moves) == set(MILESTONES_V3)
    assert "preliminary" in problem["detail"]
    unknown = await fire(client, agreement["id"], "teleport")
    assert unknown.status_code == 409
    assert "not an event" in unknown.json()["detail"]


async def test_if_match_on_transitions_is_optional_but_checked(client):
    agreement = await create_agreement(client)
    url = f"/v1/agreements/{agreement['id']}/transitions"
    stale = await client.post(url, json={"event": "start_domestic_procedures"}, headers={"If-Match": '"7"'})
    assert stale.status_code == 412
    ok = await client.post(url, json={"event": "start_domestic_procedures"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 201
    wildcard = await client.post(url, json={"event": "notify_congress"}, headers={"If-Match": "*"})
    assert wildcard.status_code == 201


async def test_occurred_at_may_not_go_back_in_time_or_into_the_future(client):
    agreement = await create_agreement(client)
    earlier = await fire(client, agreement["id"], "start_domestic_procedures", occurred_at="2018-09-25")
    assert earlier.status_code == 422
    assert "earlier than the agreement's latest entry" in earlier.json()["detail"]
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    ahead = await fire(client, agreement["id"], "start_domestic_procedures", occurred_at=future)
    assert ahead.status_code == 422
    assert "in the future" in ahead.json()["detail"]
    same_day = await fire(client, agreement["id"], "start_domestic_procedures", occurred_at="2018-09-26T14:00:00+09:00")
    assert same_day.status_code == 201
    assert same_day.json()["transition"]["occurred_at"] == "2018-09-26T05:00:00Z"
    history = (await client.get(f"/v1/agreements/{agreement['id']}/transitions")).json()["data"]
    assert [e["sequence"] for e in history] == [1, 2]


async def test_a_full_lifecycle_with_suspend_and_resume(client):
    agreement = await create_agreement(client)
    await walk(client, agreement["id"], PATH_TO_NEGOTIATING)
    suspended = await walk(client, agreement["id"], ["suspend"])
    assert suspended["agreement"]["state"] == "suspended"
    resumed = await walk(client, agreement["id"], ["resume"])
    assert resumed["agreement"]["state"] == "negotiating"
    final = await walk(
        client, agreement["id"], ["reach_preliminary", "reopen", "reach_preliminary", "sign", "implement"]
    )
    assert final["agreement"]["state"] == "implemented"
    assert (await fire(client, agreement["id"], "suspend")).status_code == 409
    ended = await walk(client, agreement["id"], ["terminate"])
    assert ended["agreement"]["state"] == "terminated"
    assert ended["agreement"]["version"] == 12
    history = (await client.get(f"/v1/agreements/{agreement['id']}/transitions")).json()["data"]
    assert [e["sequence"] for e in history] == list(range(1, 13))
    assert [e["to_state"] for e in history][-3:] == ["finalized", "implemented", "terminated"]


async def test_history_pages_oldest_first(client):
    agreement = await create_agreement(client)
    await walk(client, agreement["id"], PATH_TO_NEGOTIATING)
    url = f"/v1/agreements/{agreement['id']}/transitions"
    seen, cursor = [], None
    while True:
        page = (await client.get(url, params={"limit": 3, **({"cursor": cursor} if cursor else {})})).json()
        seen += [e["event"] for e in page["data"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["announce", *PATH_TO_NEGOTIATING]
    foreign = await client.get(
        url, params={"cursor": (await client.get("/v1/agreements", params={"limit": 1})).json()["next_cursor"] or "x"}
    )
    assert foreign.status_code == 422


async def test_available_transitions_explain_refusals(client):
    agreement = await create_agreement(client)
    await walk(client, agreement["id"], PATH_TO_NEGOTIATING)
    body = (await client.get(f"/v1/agreements/{agreement['id']}/available-transitions")).json()
    assert body["state"] == "negotiating"
    events = {e["event"]: e for e in body["events"]}
    assert len(events) == len(TRADE_AGREEMENT_V3.events)
    assert events["reach_preliminary"] == {
        "event": "reach_preliminary",
        "allowed": True,
        "to_state": "preliminary",
        "reasons": [],
    }
    assert events["sign"]["allowed"] is False
    assert "only from preliminary" in events["sign"]["reasons"][0]


async def test_workflows_are_data(client):
    listing = (await client.get("/v1/workflows")).json()["data"]
    assert [(w["name"], w["version"]) for w in listing] == [("trade-agreement", v) for v in (1, 2, 3)]
    workflow = (await client.get("/v1/workflows/trade-agreement")).json()
    assert workflow["initial_state"] == "announced"
    assert "terminated" in workflow["states"]
    sign = next(e for e in workflow["events"] if e["event"] == "sign")
    assert sign["sources"] == ["preliminary"] and sign["targets"] == ["finalized"]
    resume = next(e for e in workflow["events"] if e["event"] == "resume")
    assert resume["returns_to_previous"] is True
    assert "stateDiagram-v2" in workflow["mermaid"].splitlines()
    assert (await client.get("/v1/workflows/nope")).status_code == 404
    assert (await client.get("/v1/workflows/trade-agreement", params={"version": 9})).status_code == 404


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["migration"] == migration_head()
