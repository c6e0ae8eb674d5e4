"""An agreement's negotiating rounds, on SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import create_agreement, fire, fire_all
from tests.webhooks.conftest import eventually_async

# The US-Japan path (authority other: no clocks): negotiations opened 2019-04-15.
TO_NEGOTIATING = (
    ("start_domestic_procedures", "2018-09-26"),
    ("notify_congress", "2018-10-16"),
    ("open_negotiations", "2019-04-15"),
)
FIRST = {
    "starts_on": "2019-04-15",
    "ends_on": "2019-04-16",
    "location": "Washington, D.C., United States",
    "chapters": ["trade in goods", "agriculture", "digital trade"],
    "summary_url": "https://marketbulletin.com/blog/us-and-japan-commit-to-trade-talks-on-agriculture-and-digital-trade/",
}
SECOND = {
    "starts_on": "2019-05-25",
    "ends_on": "2019-05-25",
    "location": "Tokyo, Japan",
    "chapters": ["agriculture", "autos"],
}
THIRD = {"starts_on": "2019-06-13", "ends_on": "2019-06-13", "location": "Washington, D.C., United States"}


async def negotiating(client: httpx.AsyncClient, *more) -> str:
    agreement = await create_agreement(client)
    await fire_all(client, agreement["id"], *TO_NEGOTIATING, *more)
    return agreement["id"]


async def add(client: httpx.AsyncClient, agreement_id: str, **body) -> dict:
    response = await client.post(f"/v1/agreements/{agreement_id}/rounds", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def feed(client: httpx.AsyncClient, type: str, count: int = 0, **params: str) -> list[dict]:
    """The feed's events of `type`, once it shows at least `count` of them: on PostgreSQL the feed
    shows an event once every older transaction has ended."""

    async def shown() -> list[dict] | None:
        response = await client.get("/v1/events", params={"type": type, "limit": 200, **params})
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        return data if len(data) >= count else None

    return await eventually_async(shown) if count else await shown() or []


async def test_create_read_correct_and_delete_rounds(client):
    aid = await negotiating(client)
    response = await client.post(f"/v1/agreements/{aid}/rounds", json=FIRST)
    assert response.status_code == 201, response.text
    first = response.json()
    assert response.headers["location"] == f"/v1/agreements/{aid}/rounds/1"
    assert first == {
        **first,
        **FIRST,
        "agreement_id": aid,
        "number": 1,
        "note": None,
        "inferred": [],
        "actor": "bootstrap-admin",
    }
    second = await add(client, aid, number=2, **SECOND)  # the next number may be given
    assert second["number"] == 2 and second["summary_url"] is None
    assert (await client.get(f"/v1/agreements/{aid}/rounds/1")).json() == first

    path = f"/v1/agreements/{aid}/rounds/2"
    corrected = await client.patch(path, json={"location": "Tokyo", "inferred": ["location"], "note": "City only"})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json() == {
        **second,
        "location": "Tokyo",
        "inferred": ["location"],
        "note": "City only",
        "updated_at": corrected.json()["updated_at"],
    }
    unchanged = await client.patch(path, json={"location": "Tokyo"})
    assert unchanged.json() == corrected.json()
    cleared = await client.patch(path, json={"note": None})
    assert cleared.json()["note"] is None
    assert (await client.patch(path, json={"location": None})).status_code == 422

    assert (await client.delete(path)).status_code == 204
    assert (await client.get(path)).status_code == 404
    assert (await add(client, aid, **SECOND))["number"] == 2  # the number is free again


async def test_list_pages_in_number_order(client):
    aid = await negotiating(client)
    made = [await add(client, aid, **body) for body in (FIRST, SECOND, THIRD)]
    first = (await client.get(f"/v1/agreements/{aid}/rounds", params={"limit": 2})).json()
    assert first["data"] == made[:2] and first["next_cursor"]
    rest = (
        await client.get(f"/v1/agreements/{aid}/rounds", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert rest == {"data": made[2:], "next_cursor": None}
    other = (await create_agreement(client, title="Another"))["id"]
    assert (await client.get(f"/v1/agreements/{other}/rounds")).json() == {"data": [], "next_cursor": None}


async def test_rounds_are_numbered_without_gaps(client):
    aid = await negotiating(client)
    await add(client, aid, **FIRST)
    for number, words in ((3, "Round 3 would leave a gap"), (1, "Round 1 is taken")):
        response = await client.post(f"/v1/agreements/{aid}/rounds", json={**SECOND, "number": number})
        assert response.status_code == 409, response.text
        problem = response.json()
        assert response.headers["content-type"] == "application/problem+json"
        assert problem["type"].endswith("/round-conflict")
        assert problem["expected_number"] == 2
        assert words in problem["detail"] and "the next round" in problem["detail"] and "is 2" in problem["detail"]
    assert (await client.post(f"/v1/agreements/{aid}/rounds", json={**SECOND, "number": 0})).status_code == 422
    await add(client, aid, **SECOND)
    await add(client, aid, **THIRD)
    # Only the last round can go.
    refused = await client.delete(f"/v1/agreements/{aid}/rounds/2")
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/round-conflict") and refused.json()["last_number"] == 3
    assert "Only the last round (3)" in refused.json()["detail"]
    assert (await client.get(f"/v1/agreements/{aid}/rounds/2")).status_code == 200
    assert (await client.delete(f"/v1/agreements/{aid}/rounds/3")).status_code == 204
    assert (await client.delete(f"/v1/agreements/{aid}/rounds/2")).status_code == 204


async def test_rounds_keep_the_order_they_were_held_in(client):
    aid = await negotiating(client)
    await add(client, aid, **SECOND)
    early = await client.post(f"/v1/agreements/{aid}/rounds", json=FIRST)
    assert early.status_code == 409 and early.json()["type"].endswith("/round-conflict")
    assert "before round 1 (2019-05-25)" in early.json()["detail"]
    await add(client, aid, **THIRD)
    late = await client.patch(
        f"/v1/agreements/{aid}/rounds/1", json={"starts_on": "2019-06-14", "ends_on": "2019-06-14"}
    )
    assert late.status_code == 409 and "after round 2 (2019-06-13)" in late.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": "2019-04-14"}, "ends_on"),
        ({"summary_url": "ftp://ustr.gov/round-1.pdf"}, "summary_url"),
        ({"starts_on": "2019-4-15"}, "starts_on"),
        ({"starts_on": "1899-01-01"}, "starts_on"),
        ({"location": ""}, "location"),
        ({"chapters": ["agriculture", "agriculture"]}, "chapters"),
        ({"inferred": ["number"]}, "inferred"),
        ({"venue": "USTR"}, "venue"),
    ],
)
async def test_invalid_rounds_get_a_clear_problem(client, change, field):
    aid = await negotiating(client)
    response = await client.post(f"/v1/agreements/{aid}/rounds", json={**FIRST, **change})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/validation-error")
    assert any(error["loc"][:2] == ["body", field] for error in problem["errors"]), problem
    assert (await client.get(f"/v1/agreements/{aid}/rounds")).json()["data"] == []


async def test_a_round_ends_on_or_after_it_starts(client):
    aid = await negotiating(client)
    response = await client.post(f"/v1/agreements/{aid}/rounds", json={**FIRST, "ends_on": "2019-04-14"})
    assert "ends_on 2019-04-14 is before starts_on 2019-04-15" in response.json()["detail"]
    await add(client, aid, **FIRST)
    patched = await client.patch(f"/v1/agreements/{aid}/rounds/1", json={"ends_on": "2019-04-14"})
    assert patched.status_code == 422
    assert patched.json()["errors"] == [
        {"loc": ["body", "ends_on"], "msg": "is before starts_on", "type": "ends_before_starts"}
    ]


def outside(response: httpx.Response, state: str | None, on: str, *words: str) -> None:
    assert response.status_code == 409, response.text
    problem = response.json()
    assert problem["type"].endswith("/round-outside-negotiation")
    assert (problem["state"], problem["on"]) == (state, on)
    for word in words:
        assert word in problem["detail"], problem["detail"]


async def test_a_round_is_held_while_the_agreement_negotiates(client):
    aid = await negotiating(
        client,
        ("suspend", "2019-06-01"),
        ("resume", "2019-06-10"),
        ("reach_preliminary", "2019-08-25"),
    )
    path = f"/v1/agreements/{aid}/rounds"
    before = await client.post(path, json={**FIRST, "starts_on": "2019-04-14"})
    outside(before, "congressional_notification", "2019-04-14", "was congressional_notification on 2019-04-14")
    announced = await client.post(path, json={**FIRST, "starts_on": "2018-09-01"})
    outside(announced, None, "2018-09-01", "had not been announced")
    into_suspension = await client.post(path, json={**FIRST, "starts_on": "2019-05-30", "ends_on": "2019-06-02"})
    outside(into_suspension, "suspended", "2019-06-01", "state changed on 2019-06-01 (suspend, to suspended)")
    suspended = await client.post(path, json={**FIRST, "starts_on": "2019-06-03", "ends_on": "2019-06-05"})
    outside(suspended, "suspended", "2019-06-03")
    after = await client.post(path, json={**FIRST, "starts_on": "2019-09-23", "ends_on": "2019-09-24"})
    outside(after, "preliminary", "2019-09-23", "since 2019-08-25, reach_preliminary")

    # The day talks open, the day they resume, the day of the agreement in principle: all negotiating days.
    await add(client, aid, **FIRST)
    await add(client, aid, **{**SECOND, "starts_on": "2019-06-10", "ends_on": "2019-06-12"})
    last = await add(client, aid, **{**THIRD, "starts_on": "2019-08-21", "ends_on": "2019-08-25"})
    moved = await client.patch(f"{path}/3", json={"ends_on": "2019-08-26"})
    outside(moved, "preliminary", "2019-08-25")
    assert (await client.get(f"{path}/3")).json() == last
    # No refused write left a round or an event.
    assert [r["number"] for r in (await client.get(path)).json()["data"]] == [1, 2, 3]
    assert len(await feed(client, "round.created", 3)) == 3 and await feed(client, "round.updated") == []


async def test_an_agreement_negotiating_now_takes_rounds_planned_ahead(client):
    aid = await negotiating(client)
    planned = await add(client, aid, starts_on="2999-01-04", ends_on="2999-01-08", location="Geneva, Switzerland")
    assert planned["number"] == 1
    ended = await fire(client, aid, "reach_preliminary")
    assert ended.status_code == 201


@pytest.mark.parametrize(
    "agreement_id", ["agr_01HZZZZZZZZZZZZZZZZZZZZZZZ", "nope", "x" * 300, "%20", "'; drop table", "%00"]
)
async def test_unknown_agreement_is_404_on_every_route(client, agreement_id):
    base = f"/v1/agreements/{agreement_id}/rounds"
    for method, path, body in [
        ("GET", "", None),
        ("POST", "", FIRST),
        ("GET", "/1", None),
        ("PATCH", "/1", {"note": "x"}),
        ("DELETE", "/1", None),
    ]:
        response = await client.request(method, base + path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["type"].endswith("/not-found")


async def test_unknown_rounds_are_404(client):
    aid = await negotiating(client)
    for number in ("1", "2147483647"):
        for method, body in (("GET", None), ("PATCH", {"note": "x"}), ("DELETE", None)):
            response = await client.request(method, f"/v1/agreements/{aid}/rounds/{number}", json=body)
            assert response.status_code == 404, (method, number)
            assert f"has no round {number}" in response.json()["detail"]
    assert (await client.get(f"/v1/agreements/{aid}/rounds/0")).status_code == 422
    assert (await client.get(f"/v1/agreements/{aid}/rounds/one")).status_code == 422


async def test_a_read_only_key_reads_but_cannot_write(client, app):
    aid = await negotiating(client)
    await add(client, aid, **FIRST)
    created = await client.post("/v1/api-keys", json={"name": "reader", "scopes": ["agreements:read"]})
    reader = {"Authorization": f"Bearer {created.json()['key']}"}
    path = f"/v1/agreements/{aid}/rounds"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        assert (await c.get(path, headers=reader)).status_code == 200
        assert (await c.get(f"{path}/1", headers=reader)).status_code == 200
        for method, url, body in (
            ("POST", path, SECOND),
            ("PATCH", f"{path}/1", {"note": "x"}),
            ("DELETE", f"{path}/1", None),
        ):
            refused = await c.request(method, url, json=body, headers=reader)
            assert refused.status_code == 403, (method, refused.text)
    assert len((await client.get(path)).json()["data"]) == 1


async def test_each_change_writes_its_event_with_the_round_the_agreement_and_the_actor(client):
    aid = await negotiating(client)
    first = await add(client, aid, **FIRST)
    corrected = (await client.patch(f"/v1/agreements/{aid}/rounds/1", json={"chapters": ["agriculture"]})).json()
    assert (await client.delete(f"/v1/agreements/{aid}/rounds/1")).status_code == 204
    [created] = await feed(client, "round.created", 1)
    [updated] = await feed(client, "round.updated", 1)
    [deleted] = await feed(client, "round.deleted", 1)
    for event, expected in ((created, first), (updated, corrected), (deleted, corrected)):
        assert event["agreement_id"] == aid
        assert event["data"]["round"] == expected
        assert event["data"]["agreement"]["id"] == aid and event["data"]["agreement"]["parties"] == ["US", "JP"]
        assert event["data"]["agreement"]["state"] == "negotiating"
        assert event["data"]["actor"] == "bootstrap-admin"
    assert updated["data"]["changed"] == ["chapters"]


async def test_a_retried_create_with_an_idempotency_key_records_one_round(client):
    aid = await negotiating(client)
    headers = {"Idempotency-Key": "round-1"}
    first = await client.post(f"/v1/agreements/{aid}/rounds", json=FIRST, headers=headers)
    again = await client.post(f"/v1/agreements/{aid}/rounds", json=FIRST, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()
    assert len((await client.get(f"/v1/agreements/{aid}/rounds")).json()["data"]) == 1
