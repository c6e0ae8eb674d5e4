"""Idempotency-Key on POST /v1/agreements and POST .../transitions."""

from datetime import timedelta

import sqlalchemy as sa

from service.db import utcnow
from service.idempotency import K
from tests.helpers import JAPAN, create_agreement


async def count_agreements(client) -> int:
    return len((await client.get("/v1/agreements")).json()["data"])


async def test_same_key_same_body_replays_the_first_response(client):
    headers = {"Idempotency-Key": "create-japan-1"}
    first = await client.post("/v1/agreements", json=JAPAN, headers=headers)
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    # Same JSON, other key order and spacing: the same request.
    again = await client.post(
        "/v1/agreements",
        content=b'{"parties":["US","JP"],  "title":"United States-Japan Trade Agreement",'
        b'"sectors":["agriculture","autos"],"announced_at":"2018-09-26","authority":"other"}',
        headers={**headers, "content-type": "application/json"},
    )
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    assert await count_agreements(client) == 1


async def test_same_key_different_body_is_422(client):
    headers = {"Idempotency-Key": "k-2"}
    assert (await client.post("/v1/agreements", json=JAPAN, headers=headers)).status_code == 201
    other = await client.post("/v1/agreements", json={**JAPAN, "title": "Something else"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert await count_agreements(client) == 1


async def test_same_key_on_another_route_is_a_different_request(client):
    agreement = await create_agreement(client)
    headers = {"Idempotency-Key": "shared"}
    assert (await client.post("/v1/agreements", json=JAPAN, headers=headers)).status_code == 201
    response = await client.post(
        f"/v1/agreements/{agreement['id']}/transitions", json={"event": "suspend"}, headers=headers
    )
    assert response.status_code == 422


async def test_a_key_whose_first_request_is_still_running_is_409(client, db):
    # A request in flight holds a claim with no stored result; simulate one.
    from service.agreements.schemas import TransitionCreate
    from service.auth.models import api_keys_table
    from service.idempotency import _Claim, _claim, fingerprint

    body = b'{"event":"suspend"}'
    agreement = await create_agreement(client)
    path = f"/v1/agreements/{agreement['id']}/transitions"
    command = {
        "agreement_id": agreement["id"],
        "expected_version": None,
        **TransitionCreate(event="suspend").model_dump(mode="json"),
    }
    async with db.read() as conn:
        key_id = (
            await conn.execute(sa.select(api_keys_table.c.id).where(api_keys_table.c.name == "bootstrap-admin"))
        ).scalar_one()
    claim = _Claim(key_id, "in-flight", fingerprint("create_transition", command))
    claimed = await db.write(lambda conn: _claim(conn, claim, db.settings))
    assert claimed is None
    response = await client.post(
        path, content=body, headers={"Idempotency-Key": "in-flight", "content-type": "application/json"}
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("/idempotency-in-progress")
    assert (await client.get(f"/v1/agreements/{agreement['id']}")).json()["state"] == "announced"

    # Once the claim's lock has expired (its process died), the key can be used again.
    await db.write(lambda conn: conn.execute(sa.update(K).values(locked_at=utcnow() - timedelta(hours=1))))
    retried = await client.post(
        path, content=body, headers={"Idempotency-Key": "in-flight", "content-type": "application/json"}
    )
    assert retried.status_code == 201
    assert retried.json()["agreement"]["state"] == "suspended"


async def test_transition_retry_replays_instead_of_failing(client):
    agreement = await create_agreement(client)
    path = f"/v1/agreements/{agreement['id']}/transitions"
    headers = {"Idempotency-Key": "sdp-1"}
    first = await client.post(path, json={"event": "start_domestic_procedures"}, headers=headers)
    assert first.status_code == 201
    retry = await client.post(path, json={"event": "start_domestic_procedures"}, headers=headers)
    assert retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    history = (await client.get(f"{path}")).json()["data"]
    assert len(history) == 2


async def test_a_refused_request_is_replayed_as_refused(client):
    agreement = await create_agreement(client)
    path = f"/v1/agreements/{agreement['id']}/transitions"
    headers = {"Idempotency-Key": "sign-too-early"}
    first = await client.post(path, json={"event": "sign"}, headers=headers)
    assert first.status_code == 409
    for event in ("start_domestic_procedures", "notify_congress", "open_negotiations", "reach_preliminary"):
        assert (await client.post(path, json={"event": event})).status_code == 201
    replay = await client.post(path, json={"event": "sign"}, headers=headers)
    assert replay.status_code == 409
    assert replay.headers["content-type"] == "application/problem+json"
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()


async def test_keys_expire_after_the_ttl(client, db):
    headers = {"Idempotency-Key": "old"}
    first = await client.post("/v1/agreements", json=JAPAN, headers=headers)
    await db.write(lambda conn: conn.execute(sa.update(K).values(expires_at=utcnow() - timedelta(seconds=1))))
    second = await client.post("/v1/agreements", json=JAPAN, headers=headers)
    assert second.status_code == 201
    assert second.json()["id"] != first.json()["id"]
    from service.idempotency import purge_expired

    await db.write(lambda conn: conn.execute(sa.update(K).values(expires_at=utcnow() - timedelta(seconds=1))))
    assert await db.write(purge_expired) == 1


async def test_an_overlong_key_is_422(client):
    response = await client.post("/v1/agreements", json=JAPAN, headers={"Idempotency-Key": "k" * 256})
    assert response.status_code == 422


async def test_keys_are_scoped_by_api_key_not_by_its_name(client):
    """Two keys with the same name must not replay each other's results."""
    made = []
    for _ in range(2):
        created = await client.post("/v1/api-keys", json={"name": "twin", "scopes": ["agreements:write"]})
        assert created.status_code == 201
        made.append({"Authorization": f"Bearer {created.json()['key']}", "Idempotency-Key": "same-key"})
    first = await client.post("/v1/agreements", json=JAPAN, headers=made[0])
    second = await client.post("/v1/agreements", json=JAPAN, headers=made[1])
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
    assert second.json()["id"] != first.json()["id"]
    again = await client.post("/v1/agreements", json=JAPAN, headers=made[0])
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
