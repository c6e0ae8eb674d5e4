"""Consultations over HTTP: CRUD, each validation with its problem, 404s, scopes and the events
written with each change, on SQLite and PostgreSQL."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa

from service.db import Database
from service.webhooks import outbox
from service.webhooks.models import events_table as E
from tests.helpers import create_agreement

# The NAFTA renegotiation's docket, as the seed records it (docs/sources.md).
NAFTA = {
    "docket_id": "USTR-2017-0006",
    "fr_citation": "82 FR 23699",
    "title": "Request for Comments on Negotiating Objectives Regarding Modernization of NAFTA",
    "url": "https://www.federalregister.gov/citation/82-FR-23699",
    "opens_on": "2017-05-23",
    "comments_due": "2017-06-12",
    "hearing_on": "2017-06-27",
    "note": "Hearings held June 27-29, 2017",
    "inferred": ["docket_id"],
}
US_EU = {
    "docket_id": "USTR-2018-0035",
    "fr_citation": "83 FR 57526",
    "opens_on": "2018-11-15",
    "comments_due": "2018-12-10",
}
CONSULTATION_TYPES = (outbox.CONSULTATION_CREATED, outbox.CONSULTATION_UPDATED, outbox.CONSULTATION_DELETED)


def path(agreement_id: str, consultation_id: str | None = None) -> str:
    base = f"/v1/agreements/{agreement_id}/consultations"
    return base if consultation_id is None else f"{base}/{consultation_id}"


async def create(client: httpx.AsyncClient, agreement_id: str, **overrides) -> dict:
    response = await client.post(path(agreement_id), json={**NAFTA, **overrides})
    assert response.status_code == 201, response.text
    return response.json()


async def consultation_events(db: Database) -> list[dict]:
    async with db.read() as conn:
        rows = await conn.execute(
            sa.select(E.c.type, E.c.agreement_id, E.c.data)
            .where(E.c.type.in_(CONSULTATION_TYPES))
            .order_by(E.c.position)
        )
        return [dict(r._mapping) for r in rows]


async def test_create_read_list_update_delete(client, db):
    agreement = await create_agreement(client)
    aid = agreement["id"]
    response = await client.post(path(aid), json=NAFTA)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["id"].startswith("con_") and len(created["id"]) == 30
    assert response.headers["location"] == path(aid, created["id"])
    assert {k: created[k] for k in NAFTA} == NAFTA
    assert created["agreement_id"] == aid and created["actor"] == "bootstrap-admin"
    assert created["post_hearing_comments_due"] is None

    assert (await client.get(path(aid, created["id"]))).json() == created
    listed = (await client.get(path(aid))).json()
    assert listed == {"data": [created], "next_cursor": None}

    patched = await client.patch(
        path(aid, created["id"]),
        json={"comments_due": "2017-06-14", "note": "Extended to June 14", "post_hearing_comments_due": "2017-07-06"},
    )
    assert patched.status_code == 200, patched.text
    updated = patched.json()
    assert (updated["comments_due"], updated["note"], updated["post_hearing_comments_due"]) == (
        "2017-06-14",
        "Extended to June 14",
        "2017-07-06",
    )
    assert updated["created_at"] == created["created_at"] and updated["updated_at"] > created["updated_at"]
    # Null clears a field that may be empty.
    cleared = (await client.patch(path(aid, created["id"]), json={"title": None, "url": None})).json()
    assert cleared["title"] is None and cleared["url"] is None and cleared["docket_id"] == NAFTA["docket_id"]

    deleted = await client.delete(path(aid, created["id"]))
    assert deleted.status_code == 204 and deleted.content == b""
    assert (await client.get(path(aid, created["id"]))).status_code == 404
    assert (await client.get(path(aid))).json()["data"] == []

    events = await consultation_events(db)
    assert [e["type"] for e in events] == [
        "consultation.created",
        "consultation.updated",
        "consultation.updated",
        "consultation.deleted",
    ]
    assert {e["agreement_id"] for e in events} == {aid}
    first = events[0]["data"]
    assert first["consultation"] == created
    assert first["agreement"] == {"id": aid, "title": agreement["title"], "parties": ["US", "JP"]}
    assert first["actor"] == "bootstrap-admin" and first["changed"] == []
    assert events[1]["data"]["changed"] == ["comments_due", "note", "post_hearing_comments_due"]
    assert events[1]["data"]["consultation"] == updated
    assert events[2]["data"]["changed"] == ["title", "url"]
    assert events[3]["data"]["consultation"] == cleared  # as it was when removed


async def test_a_patch_that_changes_nothing_writes_nothing(client, db):
    aid = (await create_agreement(client))["id"]
    created = await create(client, aid)
    same = await client.patch(path(aid, created["id"]), json={"docket_id": NAFTA["docket_id"], "note": NAFTA["note"]})
    assert same.status_code == 200 and same.json() == created
    assert (await client.patch(path(aid, created["id"]), json={})).json() == created
    assert [e["type"] for e in await consultation_events(db)] == ["consultation.created"]


async def test_events_match_party_filters(client, db):
    """outbox.matches reads data.agreement.parties: a JP endpoint gets the US-Japan docket, a KR one does not."""
    aid = (await create_agreement(client))["id"]
    await create(client, aid)
    async with db.read() as conn:
        row = (await conn.execute(sa.select(E).where(E.c.type == "consultation.created"))).mappings().one()
    endpoint = {"id": "we_1", "event_types": [], "agreement_ids": [], "parties": ["JP"]}
    assert outbox.matches(endpoint, row)
    assert not outbox.matches({**endpoint, "parties": ["KR"]}, row)
    assert outbox.matches({**endpoint, "parties": [], "agreement_ids": [aid]}, row)


def problem(response: httpx.Response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"https://accord.dev/problems/{slug}", body
    return body


def locations(body: dict) -> list[list]:
    return [e["loc"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"docket_id": "USTR-17-0006"}, "docket_id", "USTR-YYYY-NNNN"),
        ({"docket_id": "ustr-2017-0006"}, "docket_id", "USTR-YYYY-NNNN"),
        ({"docket_id": "USTR-2017-٠٠٠٦"}, "docket_id", "USTR-YYYY-NNNN"),  # Arabic-Indic digits are not ASCII
        ({"docket_id": "USTR-2017-00061"}, "docket_id", ""),
        ({"fr_citation": "82FR23699"}, "fr_citation", "FR"),
        ({"fr_citation": "1234 FR 5"}, "fr_citation", "FR"),
        ({"url": "ftp://ustr.gov/notice.pdf"}, "url", "http"),
        ({"url": "javascript:alert(1)"}, "url", ""),
        ({"opens_on": "May 23, 2017"}, "opens_on", "YYYY-MM-DD"),
        ({"comments_due": 1497225600}, "comments_due", "YYYY-MM-DD"),
        ({"opens_on": "1850-01-01"}, "opens_on", "1900"),
        ({"inferred": ["actor"]}, "inferred", ""),
        ({"inferred": ["docket_id", "docket_id"]}, "inferred", "unique"),
        ({"title": ""}, "title", ""),
        ({"owner": "me"}, "owner", ""),
    ],
)
async def test_each_invalid_field_is_a_422_naming_it(client, db, change, field, says):
    aid = (await create_agreement(client))["id"]
    body = problem(await client.post(path(aid), json={**NAFTA, **change}), 422, "validation-error")
    assert ["body", field] in [loc[:2] for loc in locations(body)], body
    assert says in body["detail"], body
    assert await consultation_events(db) == []


@pytest.mark.parametrize(
    ("change", "field", "detail"),
    [
        (
            {"comments_due": "2017-05-22"},
            "comments_due",
            "comments_due 2017-05-22 is before opens_on 2017-05-23: comments_due must be on or after opens_on",
        ),
        ({"hearing_on": "2017-05-01"}, "hearing_on", "hearing_on 2017-05-01 is before opens_on 2017-05-23"),
        (
            {"post_hearing_comments_due": "2017-06-26"},
            "post_hearing_comments_due",
            "post_hearing_comments_due 2017-06-26 is before hearing_on 2017-06-27",
        ),
        (
            {"hearing_on": None, "post_hearing_comments_due": "2017-05-22"},
            "post_hearing_comments_due",
            "post_hearing_comments_due 2017-05-22 is before opens_on 2017-05-23",
        ),
    ],
)
async def test_dates_out_of_order_are_a_clear_422(client, change, field, detail):
    aid = (await create_agreement(client))["id"]
    body = problem(await client.post(path(aid), json={**NAFTA, **change}), 422, "validation-error")
    assert body["detail"].startswith(detail), body
    assert body["errors"] == [{"loc": ["body", field], "msg": body["errors"][0]["msg"], "type": "date_order"}]
    # The same day is allowed: comments due the day the docket opens.
    same_day = await client.post(path(aid), json={**NAFTA, "comments_due": NAFTA["opens_on"]})
    assert same_day.status_code == 201, same_day.text


async def test_a_patch_is_checked_against_the_stored_dates(client):
    aid = (await create_agreement(client))["id"]
    created = await create(client, aid)
    # Moving the opening past the comments' due date names the field the patch sent.
    body = problem(
        await client.patch(path(aid, created["id"]), json={"opens_on": "2017-06-13"}), 422, "validation-error"
    )
    assert (
        body["errors"][0]["loc"] == ["body", "opens_on"]
        and "comments_due 2017-06-12 is before opens_on" in body["detail"]
    )
    body = problem(
        await client.patch(path(aid, created["id"]), json={"post_hearing_comments_due": "2017-06-20"}),
        422,
        "validation-error",
    )
    assert body["errors"][0]["loc"] == ["body", "post_hearing_comments_due"]
    # A required field may not be cleared.
    for field in ("docket_id", "fr_citation", "opens_on", "comments_due", "inferred"):
        body = problem(await client.patch(path(aid, created["id"]), json={field: None}), 422, "validation-error")
        assert locations(body) == [["body", field]] and "may not be null" in body["detail"]
    assert (await client.get(path(aid, created["id"]))).json() == created


async def test_a_docket_once_per_agreement(client, db):
    aid = (await create_agreement(client))["id"]
    first = await create(client, aid)
    body = problem(await client.post(path(aid), json={**NAFTA, "title": "again"}), 409, "already-exists")
    assert body["existing_id"] == first["id"] and "USTR-2017-0006" in body["detail"]
    # Another agreement may cite the same docket.
    other = (await create_agreement(client, title="Another"))["id"]
    await create(client, other)
    # A patch onto a docket the agreement has is refused too, and changes nothing.
    second = (await client.post(path(aid), json=US_EU)).json()
    body = problem(
        await client.patch(path(aid, second["id"]), json={"docket_id": "USTR-2017-0006"}), 409, "already-exists"
    )
    assert body["existing_id"] == first["id"]
    assert (await client.get(path(aid, second["id"]))).json() == second
    assert [e["type"] for e in await consultation_events(db)] == ["consultation.created"] * 3


async def test_unknown_agreements_and_consultations_are_404s(client):
    aid = (await create_agreement(client))["id"]
    created = await create(client, aid)
    other = (await create_agreement(client, title="Another"))["id"]
    for method, url, body in [
        ("post", path("agr_nope"), NAFTA),
        ("get", path("agr_nope"), None),
        ("get", path("agr_nope", created["id"]), None),
        ("get", path(other, created["id"]), None),  # it belongs to another agreement
        ("get", path(aid, "con_nope"), None),
        ("get", path(aid, "con_" + "x" * 200), None),
        ("patch", path(aid, "con_nope"), {"note": "x"}),
        ("patch", path(other, created["id"]), {"note": "x"}),
        ("delete", path(aid, "con_nope"), None),
        ("patch", path(aid, "con_%00"), {"note": "x"}),  # PostgreSQL cannot even compare a NUL
        ("delete", path(aid, "con_%00"), None),
        ("get", path(aid, "con_%00"), None),
        ("delete", path("agr_" + "x" * 100, created["id"]), None),
    ]:
        response = await client.request(method, url, json=body)
        problem(response, 404, "not-found")
    assert (await client.get(path(aid, created["id"]))).json() == created


async def test_pages_by_the_day_each_opened(client):
    aid = (await create_agreement(client))["id"]
    made = [
        await create(client, aid, docket_id=f"USTR-2018-00{n}", opens_on=day, comments_due=day, hearing_on=None)
        for n, day in [(30, "2018-11-15"), (31, "2017-05-23"), (32, "2018-11-15"), (33, "2018-10-26")]
    ]
    expected = sorted(made, key=lambda c: (c["opens_on"], c["id"]))
    first = (await client.get(path(aid), params={"limit": 3})).json()
    assert first["data"] == expected[:3] and first["next_cursor"]
    second = (await client.get(path(aid), params={"limit": 3, "cursor": first["next_cursor"]})).json()
    assert second == {"data": expected[3:], "next_cursor": None}
    problem(await client.get(path(aid), params={"cursor": "bm9wZQ"}), 422, "validation-error")


async def test_an_idempotent_create_replays(client, db):
    aid = (await create_agreement(client))["id"]
    headers = {"Idempotency-Key": "docket-1"}
    first = await client.post(path(aid), json=NAFTA, headers=headers)
    again = await client.post(path(aid), json=NAFTA, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert len(await consultation_events(db)) == 1


async def make_key(client, name: str, *scopes: str) -> dict[str, str]:
    response = await client.post("/v1/api-keys", json={"name": name, "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


async def test_scopes(client, db):
    aid = (await create_agreement(client))["id"]
    created = await create(client, aid)
    reader = await make_key(client, "dashboard", "agreements:read")
    writer = await make_key(client, "analyst", "agreements:write")
    hooks = await make_key(client, "hooks", "webhooks:manage")
    one = path(aid, created["id"])
    assert (await client.get(path(aid), headers=reader)).status_code == 200
    assert (await client.get(one, headers=reader)).status_code == 200
    problem(await client.post(path(aid), json=US_EU, headers=reader), 403, "forbidden")
    problem(await client.patch(one, json={"note": "x"}, headers=reader), 403, "forbidden")
    problem(await client.delete(one, headers=reader), 403, "forbidden")
    problem(await client.get(path(aid), headers=hooks), 403, "forbidden")
    problem(await client.get(path(aid), headers={"Authorization": "Bearer acc_unknown"}), 401, "unauthorized")
    # The writer's key name is the actor of what it records.
    response = await client.post(path(aid), json=US_EU, headers=writer)
    assert response.status_code == 201 and response.json()["actor"] == "analyst"
    patched = await client.patch(one, json={"note": "checked"}, headers=writer)
    assert patched.json()["actor"] == "analyst"
    assert (await client.delete(one, headers=writer)).status_code == 204
    events = await consultation_events(db)
    assert [e["data"]["actor"] for e in events] == ["bootstrap-admin", "analyst", "analyst", "analyst"]
