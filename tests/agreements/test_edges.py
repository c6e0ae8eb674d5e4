"""Inputs at the edge of every type: each gets a 4xx problem, on both databases, and nothing is stored."""

import json

import pytest

from tests.helpers import JAPAN, create_agreement, fire


async def _count(client) -> int:
    return len((await client.get("/v1/agreements", params={"limit": 200})).json()["data"])


async def _post_raw(client, path: str, body: str):
    return await client.post(path, content=body.encode(), headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01T00:00:00+01:00",
        "0001-01-01",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-01:00",
        "9999-12-31",
        "1899-12-31",
    ],
)
async def test_dates_near_the_ends_of_the_calendar_are_422(client, when):
    before = await _count(client)
    response = await client.post("/v1/agreements", json={**JAPAN, "announced_at": when})
    assert response.status_code == 422, response.text
    agreement = await create_agreement(client)
    moved = await fire(client, agreement["id"], "start_domestic_procedures", occurred_at=when)
    assert moved.status_code == 422, moved.text
    assert await _count(client) == before + 1  # only the valid one
    assert len((await client.get(f"/v1/agreements/{agreement['id']}/transitions")).json()["data"]) == 1


@pytest.mark.parametrize("depth", [33, 300, 5000])
async def test_deeply_nested_metadata_is_refused(client, depth):
    nested = "[" * depth + "]" * depth
    response = await _post_raw(client, "/v1/agreements", json.dumps(JAPAN)[:-1] + f', "metadata": {{"x": {nested}}}}}')
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert await _count(client) == 0


async def test_nesting_within_the_limit_is_stored(client):
    nested = {"a": [[[[{"b": 1}]]]]}
    created = await create_agreement(client, metadata=nested)
    assert created["metadata"] == nested


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
async def test_non_finite_numbers_are_422(client, constant):
    body = json.dumps({**JAPAN, "metadata": {"x": 1}}).replace('{"x": 1}', f'{{"x": {constant}}}')
    response = await _post_raw(client, "/v1/agreements", body)
    assert response.status_code == 422, response.text
    assert await _count(client) == 0


async def test_a_reference_too_long_once_normalised_is_422(client):
    # 700 characters, each percent-encoded to six: short as typed, 4,200 once normalised.
    reference = "https://ustr.gov/" + "é" * 700
    response = await client.post("/v1/agreements", json={**JAPAN, "reference": reference})
    assert response.status_code == 422, response.text
    agreement = await create_agreement(client)
    moved = await fire(client, agreement["id"], "start_domestic_procedures", reference=reference)
    assert moved.status_code == 422
    assert await _count(client) == 1


@pytest.mark.parametrize("key", [1e30, True, False, -1, 2**70, None, "x" * 80, [1]])
async def test_forged_cursors_are_422(client, key):
    import base64

    agreement = await create_agreement(client)
    for kind, path in [
        ("transitions", f"/v1/agreements/{agreement['id']}/transitions"),
        ("agreements", "/v1/agreements"),
        ("events", "/v1/events"),
        ("api_keys", "/v1/api-keys"),
    ]:
        cursor = base64.urlsafe_b64encode(json.dumps([kind, key]).encode()).decode().rstrip("=")
        param = "after" if kind == "events" else "cursor"
        response = await client.get(path, params={param: cursor})
        assert response.status_code == 422, (path, key, response.text)


async def test_duplicate_keys_in_a_body_are_refused(client):
    agreement = await create_agreement(client)
    response = await _post_raw(
        client,
        f"/v1/agreements/{agreement['id']}/transitions",
        '{"event": "terminate", "event": "start_domestic_procedures"}',
    )
    assert response.status_code == 400
    assert "twice" in response.json()["detail"]
    assert (await client.get(f"/v1/agreements/{agreement['id']}")).json()["state"] == "announced"


async def test_a_string_where_a_whole_number_of_days_belongs_is_422(client):
    agreement = await create_agreement(client, authority="tpa")
    response = await fire(client, agreement["id"], "extend_deadline", clock="itc_report", days="35")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "days"]


@pytest.mark.parametrize("patch", [{"title": None}, {"title": JAPAN["title"]}, {"sectors": JAPAN["sectors"]}, {}])
async def test_a_patch_that_changes_nothing_keeps_the_version(client, patch):
    agreement = await create_agreement(client)
    response = await client.patch(f"/v1/agreements/{agreement['id']}", json=patch, headers={"If-Match": '"1"'})
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 1
    assert response.headers["etag"] == '"1"'
    events = (await client.get("/v1/events", params={"type": "agreement.updated"})).json()["data"]
    assert events == []


async def test_a_patch_records_its_actor(client):
    agreement = await create_agreement(client)
    response = await client.patch(
        f"/v1/agreements/{agreement['id']}", json={"title": "Renamed"}, headers={"If-Match": '"1"'}
    )
    assert response.json()["version"] == 2
    events = (await client.get("/v1/events", params={"type": "agreement.updated"})).json()["data"]
    assert [e["data"]["actor"] for e in events] == ["bootstrap-admin"]
    assert events[0]["data"]["changed"] == ["title"]
