"""An agreement's documents and its timeline, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from service.db import utcnow
from tests.helpers import create_agreement, fire_all
from tests.webhooks.conftest import eventually_async

# The US-Japan path to negotiating (authority other: no clocks), sequences 2 to 5.
TO_NEGOTIATING = (
    ("start_domestic_procedures", "2018-09-26"),
    ("notify_congress", "2018-10-16"),
    ("publish_objectives", "2018-12-21"),
    ("open_negotiations", "2019-04-15"),
)
OBJECTIVES = {
    "type": "negotiating_objectives",
    "title": "United States-Japan Trade Agreement Negotiations: Summary of Specific Negotiating Objectives",
    "url": "https://ustr.gov/sites/default/files/2018.12.21_Summary_of_U.S.-Japan_Negotiating_Objectives.pdf",
    "published_on": "2018-12-21",
    "sequence": 4,
}
REQUEST_FOR_COMMENTS = {
    "type": "federal_register_notice",
    "title": "Request for Comments on Negotiating Objectives for a U.S.-Japan Trade Agreement",
    "url": "https://regulations.justia.com/regulations/fedreg/2018/10/26/2018-23569.html",
    "published_on": "2018-10-26",
    "fr_citation": "83 FR 54164",
}


async def negotiating(client: httpx.AsyncClient) -> str:
    agreement = await create_agreement(client)
    await fire_all(client, agreement["id"], *TO_NEGOTIATING)
    return agreement["id"]


async def add(client: httpx.AsyncClient, agreement_id: str, **body) -> dict:
    response = await client.post(f"/v1/agreements/{agreement_id}/documents", json=body)
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


async def test_create_read_correct_and_delete_a_document(client):
    aid = await negotiating(client)
    response = await client.post(f"/v1/agreements/{aid}/documents", json=OBJECTIVES)
    assert response.status_code == 201, response.text
    document = response.json()
    assert document["id"].startswith("doc_") and len(document["id"]) == 30
    assert response.headers["location"] == f"/v1/agreements/{aid}/documents/{document['id']}"
    assert document == {
        **document,
        **OBJECTIVES,
        "agreement_id": aid,
        "fr_citation": None,
        "note": None,
        "inferred": [],
        "actor": "bootstrap-admin",
    }
    path = f"/v1/agreements/{aid}/documents/{document['id']}"
    assert (await client.get(path)).json() == document

    corrected = await client.patch(path, json={"note": "Released with the USTR hearing transcript", "sequence": None})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["note"] == "Released with the USTR hearing transcript"
    assert corrected.json()["sequence"] is None  # null clears it
    assert corrected.json()["updated_at"] > document["updated_at"]
    unchanged = await client.patch(path, json={"note": "Released with the USTR hearing transcript"})
    assert unchanged.json() == corrected.json()

    deleted = await client.delete(path)
    assert deleted.status_code == 204 and deleted.content == b""
    gone = await client.get(path)
    assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"
    assert (await client.delete(path)).status_code == 404


async def test_list_pages_by_publication_date_and_filters(client):
    aid = await negotiating(client)
    made = [
        await add(client, aid, **OBJECTIVES),
        await add(client, aid, **REQUEST_FOR_COMMENTS),
        await add(client, aid, **{**REQUEST_FOR_COMMENTS, "title": "Same day, later id"}),
        await add(
            client,
            aid,
            type="press_release",
            title="USTR release on the notices to Congress",
            url="https://ustr.gov/about-us/policy-offices/press-office/press-releases/2018/october/trump-administration-announces",
            published_on="2018-10-16",
            sequence=3,
        ),
    ]
    expected = sorted(made, key=lambda d: (d["published_on"], d["id"]))
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(f"/v1/agreements/{aid}/documents", params=params)).json()
        seen += page["data"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    notices = (await client.get(f"/v1/agreements/{aid}/documents", params={"type": "federal_register_notice"})).json()
    assert [d["fr_citation"] for d in notices["data"]] == ["83 FR 54164", "83 FR 54164"]
    attached = (await client.get(f"/v1/agreements/{aid}/documents", params={"attached": "true"})).json()["data"]
    assert [d["sequence"] for d in attached] == [3, 4]
    loose = (await client.get(f"/v1/agreements/{aid}/documents", params={"attached": "false"})).json()["data"]
    assert {d["sequence"] for d in loose} == {None} and len(loose) == 2
    other = await create_agreement(client, title="Another")
    assert (await client.get(f"/v1/agreements/{other['id']}/documents")).json() == {"data": [], "next_cursor": None}
    bad = await client.get(f"/v1/agreements/{aid}/documents", params={"type": "memo"})
    assert bad.status_code == 422
    forged = await client.get(f"/v1/agreements/{aid}/documents", params={"cursor": "WyJkb2N1bWVudHMiLCJ4Il0"})
    assert forged.status_code == 422 and forged.json()["errors"][0]["loc"] == ["query", "cursor"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"url": "ftp://ustr.gov/objectives.pdf"}, "url", "URL scheme should be 'http' or 'https'"),
        ({"url": "javascript:alert(1)"}, "url", ""),
        ({"url": "not a url"}, "url", ""),
        ({"fr_citation": "83FR57526"}, "fr_citation", "83 FR 57526"),
        ({"fr_citation": "83 F.R. 57526"}, "fr_citation", "Federal Register citation"),
        ({"fr_citation": "1234 FR 1"}, "fr_citation", "Federal Register citation"),
        ({"fr_citation": "83 FR 1234567"}, "fr_citation", "Federal Register citation"),
        ({"published_on": "1899-12-31"}, "published_on", "between 1900-01-01"),
        ({"published_on": "2018-12-1"}, "published_on", "YYYY-MM-DD"),
        ({"published_on": 20181221}, "published_on", ""),
        ({"type": "memo"}, "type", ""),
        ({"title": ""}, "title", ""),
        ({"inferred": ["colour"]}, "inferred", ""),
        ({"inferred": ["url", "url"]}, "inferred", "unique"),
        ({"sequence": 0}, "sequence", ""),
        ({"actor": "someone else"}, "actor", ""),
    ],
)
async def test_invalid_documents_get_a_clear_problem(client, change, field, words):
    aid = await negotiating(client)
    response = await client.post(f"/v1/agreements/{aid}/documents", json={**OBJECTIVES, **change})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/validation-error")
    assert any(error["loc"][:2] == ["body", field] for error in problem["errors"]), problem
    assert words in problem["detail"]
    assert (await client.get(f"/v1/agreements/{aid}/documents")).json()["data"] == []


async def test_a_document_names_an_entry_of_its_own_agreement_and_is_not_published_in_the_future(client):
    aid = await negotiating(client)
    unknown = await client.post(f"/v1/agreements/{aid}/documents", json={**OBJECTIVES, "sequence": 6})
    assert unknown.status_code == 422
    problem = unknown.json()
    assert "sequence 6" in problem["detail"] and "no history entry 6" in problem["detail"]
    assert problem["errors"] == [
        {"loc": ["body", "sequence"], "msg": "no such history entry", "type": "unknown_sequence"}
    ]
    tomorrow = str(utcnow().date() + timedelta(days=2))
    future = await client.post(f"/v1/agreements/{aid}/documents", json={**OBJECTIVES, "published_on": tomorrow})
    assert future.status_code == 422 and future.json()["errors"][0]["loc"] == ["body", "published_on"]
    assert "in the future" in future.json()["detail"]
    document = await add(client, aid, **OBJECTIVES)
    path = f"/v1/agreements/{aid}/documents/{document['id']}"
    assert (await client.patch(path, json={"sequence": 99})).status_code == 422
    assert (await client.patch(path, json={"title": None})).status_code == 422
    assert (await client.patch(path, json={"url": "ftp://x.org/a"})).status_code == 422
    assert (await client.patch(path, json={"published_on": tomorrow})).status_code == 422
    assert (await client.get(path)).json() == document
    # None of the refused writes left an event.
    assert [e["type"] for e in await feed(client, "document.created", 1)] == ["document.created"]
    assert await feed(client, "document.updated") == []


@pytest.mark.parametrize(
    "agreement_id", ["agr_01HZZZZZZZZZZZZZZZZZZZZZZZ", "nope", "x" * 300, "%20", "'; drop table", "%00"]
)
async def test_unknown_agreement_is_404_on_every_route(client, agreement_id):
    base = f"/v1/agreements/{agreement_id}"
    for method, path, body in [
        ("GET", "/documents", None),
        ("POST", "/documents", OBJECTIVES),
        ("GET", "/documents/doc_01HZZZZZZZZZZZZZZZZZZZZZZZ", None),
        ("PATCH", "/documents/doc_01HZZZZZZZZZZZZZZZZZZZZZZZ", {"note": "x"}),
        ("DELETE", "/documents/doc_01HZZZZZZZZZZZZZZZZZZZZZZZ", None),
        ("GET", "/timeline", None),
    ]:
        response = await client.request(method, base + path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"].endswith("/not-found")


async def test_unknown_documents_and_other_agreements_documents_are_404(client):
    aid = await negotiating(client)
    other = (await create_agreement(client, title="Another"))["id"]
    document = await add(client, other, **{**OBJECTIVES, "sequence": None})
    for document_id in (document["id"], "doc_01HZZZZZZZZZZZZZZZZZZZZZZZ", "x" * 60, "%00"):
        path = f"/v1/agreements/{aid}/documents/{document_id}"
        for method, body in (("GET", None), ("PATCH", {"note": "x"}), ("DELETE", None)):
            response = await client.request(method, path, json=body)
            assert response.status_code == 404, (method, document_id, response.text)
            assert "has no document" in response.json()["detail"]


async def test_a_read_only_key_reads_but_cannot_write(client, app):
    aid = await negotiating(client)
    document = await add(client, aid, **OBJECTIVES)
    created = await client.post("/v1/api-keys", json={"name": "reader", "scopes": ["agreements:read"]})
    reader = {"Authorization": f"Bearer {created.json()['key']}"}
    path = f"/v1/agreements/{aid}/documents"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://accord.test") as c:
        assert (await c.get(path, headers=reader)).status_code == 200
        assert (await c.get(f"{path}/{document['id']}", headers=reader)).status_code == 200
        assert (await c.get(f"/v1/agreements/{aid}/timeline", headers=reader)).status_code == 200
        for method, url, body in (
            ("POST", path, OBJECTIVES),
            ("PATCH", f"{path}/{document['id']}", {"note": "x"}),
            ("DELETE", f"{path}/{document['id']}", None),
        ):
            refused = await c.request(method, url, json=body, headers=reader)
            assert refused.status_code == 403, (method, refused.text)
            assert refused.json()["type"].endswith("/forbidden")
    assert (await client.get(f"{path}/{document['id']}")).json() == document


async def test_each_change_writes_its_event_with_the_document_the_agreement_and_the_actor(client):
    aid = await negotiating(client)
    document = await add(client, aid, **OBJECTIVES)
    path = f"/v1/agreements/{aid}/documents/{document['id']}"
    corrected = (await client.patch(path, json={"title": "Summary of Specific Negotiating Objectives"})).json()
    assert (await client.delete(path)).status_code == 204

    [created] = await feed(client, "document.created", 1)
    [updated] = await feed(client, "document.updated", 1)
    [deleted] = await feed(client, "document.deleted", 1)
    for event, expected in ((created, document), (updated, corrected), (deleted, corrected)):
        assert event["agreement_id"] == aid
        assert event["data"]["document"] == expected
        assert event["data"]["agreement"]["id"] == aid
        assert event["data"]["agreement"]["parties"] == ["US", "JP"]  # webhook endpoints filter on them
        assert event["data"]["actor"] == "bootstrap-admin"
    assert updated["data"]["changed"] == ["title"]
    assert "changed" not in created["data"]
    assert created["position"] < updated["position"] < deleted["position"]


async def test_the_timeline_shows_each_entry_with_its_documents(client):
    aid = await negotiating(client)
    objectives = await add(client, aid, **OBJECTIVES)
    release = await add(
        client,
        aid,
        type="press_release",
        title="USTR release on the notices to Congress",
        url="https://ustr.gov/about-us/policy-offices/press-office/press-releases/2018/october/trump-administration-announces",
        published_on="2018-10-16",
        sequence=3,
    )
    letter = await add(
        client,
        aid,
        type="other",
        title="Notification letter to Congress",
        url="https://ustr.gov/countries-regions/japan-korea-apec/japan/us-japan-trade-agreement-negotiations",
        published_on="2018-10-16",
        sequence=3,
    )
    notices = [await add(client, aid, **{**REQUEST_FOR_COMMENTS, "title": f"Notice {i}"}) for i in range(3)]

    first = (await client.get(f"/v1/agreements/{aid}/timeline", params={"limit": 3})).json()
    assert [e["sequence"] for e in first["data"]] == [1, 2, 3]
    assert [e["event"] for e in first["data"]] == ["announce", "start_domestic_procedures", "notify_congress"]
    assert first["data"][0]["documents"] == first["data"][1]["documents"] == []
    assert first["data"][2]["documents"] == sorted([release, letter], key=lambda d: d["id"])
    assert first["unattached"] == sorted(notices, key=lambda d: d["id"])
    assert first["unattached_more"] is False
    # The entries are those of GET .../transitions, with their documents added.
    history = (await client.get(f"/v1/agreements/{aid}/transitions", params={"limit": 3})).json()
    assert [{k: v for k, v in e.items() if k != "documents"} for e in first["data"]] == history["data"]
    assert first["next_cursor"] == history["next_cursor"]

    second = (
        await client.get(f"/v1/agreements/{aid}/timeline", params={"limit": 3, "cursor": first["next_cursor"]})
    ).json()
    assert [(e["sequence"], e["documents"]) for e in second["data"]] == [(4, [objectives]), (5, [])]
    assert second["next_cursor"] is None
    assert second["unattached"] == [] and second["unattached_more"] is False

    capped = (await client.get(f"/v1/agreements/{aid}/timeline", params={"limit": 2})).json()
    assert len(capped["unattached"]) == 2 and capped["unattached_more"] is True
    assert (await client.get(f"/v1/agreements/{aid}/timeline", params={"cursor": "nope!"})).status_code == 422
