"""The event catalog: openapi.yaml's `webhooks` section and /v1/event-types describe exactly what
the dispatcher sends, for every event type; the test send delivers a signed example."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

import jsonschema
import pytest
import sqlalchemy as sa
import yaml
from standardwebhooks import Webhook

from service.agreements.models import agreements_table as A
from service.db import utcnow
from service.deadlines import alerts
from service.health import ROOT
from service.webhooks import catalog, queue
from service.webhooks.outbox import EVENT_TYPES
from tests.helpers import create_agreement, fire, fire_all
from tests.webhooks.conftest import eventually, eventually_async


@cache
def openapi() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text())


def check(body: dict) -> None:
    """Validate a webhook body against its type's schema in the committed openapi.yaml."""
    operation = openapi()["webhooks"][body["type"]]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = {"$ref": ref, "components": openapi()["components"]}
    jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)


def test_every_event_type_is_declared_with_a_valid_example():
    assert list(openapi()["webhooks"]) == list(EVENT_TYPES)
    for spec in catalog.specs():
        content = openapi()["webhooks"][spec.type]["post"]["requestBody"]["content"]["application/json"]
        [example] = content["examples"].values()
        check(example["value"])
        assert example["value"]["data"] == spec.example
    # A body of the wrong shape is refused: the schemas are not `object`.
    with pytest.raises(jsonschema.ValidationError):
        check({"type": "agreement.transitioned", "timestamp": "2026-01-01T00:00:00Z", "data": {"agreement": {}}})


async def test_event_types_lists_each_with_its_schema(client):
    response = await client.get("/v1/event-types")
    assert response.status_code == 200
    listed = response.json()["data"]
    assert [t["type"] for t in listed] == list(EVENT_TYPES)
    for entry in listed:
        assert entry["description"]
        jsonschema.validate(entry["example"], entry["schema"], cls=jsonschema.Draft202012Validator)
        check(entry["example"])


async def test_what_the_dispatcher_sends_matches_the_catalog(client, db, receiver):
    """Every event type, made the way the service makes it, delivered to a real receiver and
    checked against openapi.yaml."""
    response = await client.post("/v1/webhook-endpoints", json={"url": receiver.url})
    endpoint = response.json()

    aid = (await create_agreement(client, note="Announced", reference="https://ustr.gov/a"))["id"]
    await fire_all(client, aid, ("start_domestic_procedures", "2018-10-01", {"note": "Prepared"}))
    agreement = (await client.get(f"/v1/agreements/{aid}")).json()
    patched = await client.patch(
        f"/v1/agreements/{aid}", json={"title": "Renamed"}, headers={"If-Match": f'"{agreement["version"]}"'}
    )
    assert patched.status_code == 200, patched.text
    corrected = await client.post(
        f"/v1/agreements/{aid}/transitions/2/corrections", json={"note": "Prepared, per USTR", "reason": "wording"}
    )
    assert corrected.status_code == 201, corrected.text
    assert (await fire(client, aid, "suspend")).status_code == 201
    voided = await client.post(f"/v1/agreements/{aid}/transitions/3/void", json={"reason": "recorded twice"})
    assert voided.status_code == 200, voided.text

    # A public comment docket recorded, changed and removed; another whose comments are due in 5 days.
    consultations = f"/v1/agreements/{aid}/consultations"
    docket = {"docket_id": "USTR-2018-0034", "fr_citation": "83 FR 54164", "opens_on": "2018-10-26"}
    created = await client.post(consultations, json={**docket, "comments_due": "2018-11-26", "inferred": ["docket_id"]})
    assert created.status_code == 201, created.text
    consultation = f"{consultations}/{created.json()['id']}"
    assert (await client.patch(consultation, json={"hearing_on": "2018-12-10"})).status_code == 200
    assert (await client.delete(consultation)).status_code == 204
    soon = str(utcnow().date() + timedelta(days=5))
    upcoming = {**docket, "docket_id": "USTR-2018-0035", "opens_on": "2018-11-15", "comments_due": soon}
    assert (await client.post(consultations, json=upcoming)).status_code == 201

    # A document and a negotiating round, each recorded, corrected and removed.
    japan = (await create_agreement(client, title="US-Japan Trade Agreement"))["id"]
    await fire_all(
        client,
        japan,
        ("start_domestic_procedures", "2018-09-26"),
        ("notify_congress", "2018-10-16"),
        ("open_negotiations", "2019-04-15"),
    )
    documents = f"/v1/agreements/{japan}/documents"
    objectives = {
        "type": "negotiating_objectives",
        "title": "Summary of Specific Negotiating Objectives",
        "url": "https://ustr.gov/sites/default/files/2018.12.21_Summary_of_U.S.-Japan_Negotiating_Objectives.pdf",
        "published_on": "2018-12-21",
        "sequence": 3,
    }
    created = await client.post(documents, json=objectives)
    assert created.status_code == 201, created.text
    document = f"{documents}/{created.json()['id']}"
    corrected = await client.patch(document, json={"fr_citation": "83 FR 54164", "inferred": ["sequence"]})
    assert corrected.status_code == 200, corrected.text
    assert (await client.delete(document)).status_code == 204
    rounds = f"/v1/agreements/{japan}/rounds"
    first_round = {"starts_on": "2019-04-15", "ends_on": "2019-04-16", "location": "Washington, D.C., United States"}
    assert (await client.post(rounds, json=first_round)).status_code == 201
    assert (await client.patch(f"{rounds}/1", json={"chapters": ["agriculture", "digital trade"]})).status_code == 200
    assert (await client.delete(f"{rounds}/1")).status_code == 204

    # A tpa agreement whose advisory reports fell due 70 days ago (missed) and one due in 10 days.
    today = utcnow().date()
    for days_ago in (100, 20):
        tpa = await create_agreement(client, announced_at=str(today - timedelta(days=days_ago + 400)), authority="tpa")
        notified = await fire(
            client, tpa["id"], "notify_intent_to_sign", occurred_at=str(today - timedelta(days=days_ago))
        )
        assert notified.status_code == 201, notified.text
        recorded = utcnow() - timedelta(days=days_ago + 1)
        await db.write(
            lambda c, i=tpa["id"], r=recorded: c.execute(sa.update(A).where(A.c.id == i).values(created_at=r))
        )
    # Two statutory alerts, and the approaching comment date of the docket above.
    assert await alerts.scan_once(db, approaching_days=14) == 3

    wanted = set(EVENT_TYPES) - {"endpoint.disabled"}
    await eventually(lambda: wanted <= {d.json["type"] for d in receiver.accepted}, timeout=20)
    for delivery in receiver.accepted:
        check(delivery.json)

    # Disabled, the endpoint gets no more deliveries; its endpoint.disabled event is in the feed,
    # and its body is the one queue.claim would build for it.
    assert await db.write(lambda c: queue.disable(c, endpoint["id"], "test", utcnow()))
    feed: list[dict] = []

    async def disabled_in_feed() -> bool:
        # On PostgreSQL the feed shows an event once every older transaction has ended.
        feed[:] = (await client.get("/v1/events", params={"type": "endpoint.disabled"})).json()["data"]
        return bool(feed)

    await eventually_async(disabled_in_feed)
    [event] = feed
    check({"type": event["type"], "timestamp": event["created_at"], "data": event["data"]})


async def test_the_test_send_delivers_a_signed_example(client, receiver):
    endpoint = (await client.post("/v1/webhook-endpoints", json={"url": receiver.url, "enabled": False})).json()
    for type in EVENT_TYPES:
        response = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", json={"type": type})
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["succeeded"] and result["response_status"] == 200 and result["type"] == type
    assert [d.json["type"] for d in receiver.requests] == list(EVENT_TYPES)
    for delivery in receiver.requests:
        Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
        assert delivery.id.startswith("evt_test_")
        check(delivery.json)
    disabled = next(d.json for d in receiver.requests if d.json["type"] == "endpoint.disabled")
    assert disabled["data"]["endpoint_id"] == endpoint["id"]
    # Not in the feed, not in the delivery log.
    assert (await client.get("/v1/events")).json()["data"] == []
    assert (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"] == []


async def test_a_failing_test_send_reports_why(client, receiver):
    receiver.answer = lambda _d: 503
    endpoint = (await client.post("/v1/webhook-endpoints", json={"url": receiver.url})).json()
    result = (await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", json={})).json()
    assert result == {**result, "succeeded": False, "response_status": 503, "error": "HTTP 503"}
    assert result["type"] == "agreement.transitioned" and result["response_excerpt"] == "status 503"
    unknown = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", json={"type": "nope"})
    assert unknown.status_code == 422
    missing = await client.post("/v1/webhook-endpoints/we_nope/test", json={})
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
