"""Deliveries to a real receiver: signed, filtered, in order per agreement, retried, logged."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.helpers import create_agreement, fire
from tests.webhooks.conftest import Receiver, eventually, eventually_async


async def _subscribe(client, url: str, **filters) -> dict:
    response = await client.post("/v1/webhook-endpoints", json={"url": url, **filters})
    assert response.status_code == 201, response.text
    return response.json()


async def _events(client, count: int = 0) -> list[dict]:
    """The feed, once it shows at least `count` events: on PostgreSQL an event shows once every
    older transaction of the server has ended (the dispatcher's own may still be open)."""

    async def shown() -> list[dict] | None:
        data = (await client.get("/v1/events", params={"limit": 200})).json()["data"]
        return data if len(data) >= count else None

    return await eventually_async(shown) if count else await shown() or []


async def _events_ending_with(client, type: str) -> list[dict] | None:
    events = await _events(client)
    return events if events and events[-1]["type"] == type else None


async def test_signed_deliveries_verify(client, receiver):
    endpoint = await _subscribe(client, receiver.url)
    agreement = await create_agreement(client)
    assert (await fire(client, agreement["id"], "start_domestic_procedures")).status_code == 201
    await eventually(lambda: len(receiver.accepted) == 2)

    events = await _events(client, 2)
    signer = Webhook(endpoint["secret"])
    for delivery, event in zip(receiver.accepted, events, strict=True):
        payload = signer.verify(delivery.body, delivery.headers)
        assert delivery.id == event["id"]
        assert payload == {"type": event["type"], "timestamp": payload["timestamp"], "data": event["data"]}
        assert delivery.headers["content-type"] == "application/json"

    first = receiver.accepted[0]
    with pytest.raises(WebhookVerificationError):
        signer.verify(first.body.replace(b"announced", b"finalized"), first.headers)
    with pytest.raises(WebhookVerificationError):
        signer.verify(first.body, {**first.headers, "webhook-id": receiver.accepted[1].id})
    old = str(int(time.time()) - 3600)
    with pytest.raises(WebhookVerificationError, match="too old"):
        signer.verify(first.body, {**first.headers, "webhook-timestamp": old})
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "QUJD" * 8).verify(first.body, first.headers)


async def test_filters_select_what_is_delivered(client):
    receivers = {name: await Receiver().start() for name in ("all", "transitions", "agreement", "party")}
    try:
        a = await create_agreement(client)  # US, JP; before the endpoints: not delivered
        await _subscribe(client, receivers["all"].url)
        await _subscribe(client, receivers["transitions"].url, event_types=["agreement.transitioned"])
        await _subscribe(client, receivers["agreement"].url, agreement_ids=[a["id"]])
        await _subscribe(client, receivers["party"].url, parties=["KR"])
        b = await create_agreement(client, parties=["US", "KR"])
        await fire(client, a["id"], "suspend")
        await fire(client, b["id"], "suspend")
        await client.patch(f"/v1/agreements/{a['id']}", json={"title": "Renamed"}, headers={"If-Match": '"2"'})
        await eventually(lambda: len(receivers["all"].accepted) == 4)
        await eventually(lambda: len(receivers["party"].accepted) == 2)

        def seen(name):
            return [(d.json["type"], d.json["data"]["agreement"]["id"]) for d in receivers[name].accepted]

        assert sorted(seen("all")) == sorted(
            [
                ("agreement.created", b["id"]),
                ("agreement.transitioned", a["id"]),
                ("agreement.transitioned", b["id"]),
                ("agreement.updated", a["id"]),
            ]
        )
        assert sorted(seen("transitions")) == sorted(
            [("agreement.transitioned", a["id"]), ("agreement.transitioned", b["id"])]
        )
        assert sorted(seen("agreement")) == sorted(
            [("agreement.transitioned", a["id"]), ("agreement.updated", a["id"])]
        )
        assert sorted(seen("party")) == sorted([("agreement.created", b["id"]), ("agreement.transitioned", b["id"])])
    finally:
        for r in receivers.values():
            await r.stop()


async def test_outage_then_recovery_delivers_everything_in_order(client, receiver):
    receiver.answer = lambda _d: 503
    endpoint = await _subscribe(client, receiver.url)
    ids = [(await create_agreement(client))["id"] for _ in range(3)]
    for _ in range(3):
        for aid in ids:
            assert (await fire(client, aid, "suspend")).status_code == 201
            assert (await fire(client, aid, "resume")).status_code == 201
    await eventually(lambda: len(receiver.requests) >= 6)  # retrying, and blocked behind the first events
    assert not receiver.accepted
    receiver.answer = lambda _d: 200

    events = await _events(client, 3 * 7)
    assert len(events) == 3 * 7
    await eventually(lambda: set(receiver.accepted_ids()) == {e["id"] for e in events}, timeout=20)
    position = {e["id"]: e["position"] for e in events}
    by_agreement = defaultdict(list)
    for d in receiver.accepted:
        by_agreement[d.json["data"]["agreement"]["id"]].append(position[d.id])
    for aid in ids:
        assert by_agreement[aid] == sorted(by_agreement[aid]) and len(by_agreement[aid]) == 7
    # Only an agreement's first pending event was tried during the outage.
    failed_ids = {d.id for d in receiver.requests if d.status == 503}
    assert failed_ids <= {e["id"] for e in events if e["type"] == "agreement.created"}

    log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries", params={"limit": 200})).json()["data"]
    assert {d["status"] for d in log} == {"succeeded"}
    retried = [d for d in log if d["attempts"] > 1]
    assert retried
    attempt = retried[0]["attempt_log"][-1]  # newest first: the last is the first attempt
    assert attempt["succeeded"] is False and attempt["response_status"] == 503
    assert attempt["response_excerpt"] == "status 503" and attempt["error"] == "HTTP 503"
    assert retried[0]["attempt_log"][0]["succeeded"] is True


async def test_given_up_after_the_schedule_and_later_events_proceed(app, client, receiver):
    app.state.settings.webhook_retry_schedule = [0, 0.05, 0.05]
    first = None

    def answer(d):
        nonlocal first
        first = first or d.id
        return 500 if d.id == first else 200

    receiver.answer = answer
    endpoint = await _subscribe(client, receiver.url)
    aid = (await create_agreement(client))["id"]
    await fire(client, aid, "suspend")
    await eventually(lambda: len(receiver.accepted) == 1)
    assert [d.status for d in receiver.requests] == [500, 500, 500, 200]
    log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"]
    assert [d["status"] for d in log] == ["succeeded", "given_up"]
    assert log[1]["attempts"] == 3 and log[1]["next_attempt_at"] is None


async def test_redirects_are_failures(app, client, receiver):
    app.state.settings.webhook_retry_schedule = [0]
    receiver.answer = lambda _d: (302, {"Location": "http://127.0.0.1:1/elsewhere"})
    endpoint = await _subscribe(client, receiver.url)
    await create_agreement(client)
    await eventually(lambda: len(receiver.requests) == 1)

    async def given_up():
        log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"]
        return log and log[0]["status"] == "given_up"

    deadline = time.monotonic() + 10
    while not await given_up():
        assert time.monotonic() < deadline
        await _sleep()
    log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"]
    assert log[0]["attempt_log"][0]["response_status"] == 302
    assert "redirects are not followed" in log[0]["attempt_log"][0]["error"]


async def _sleep():
    await asyncio.sleep(0.05)


async def test_410_disables_the_endpoint(client, receiver):
    receiver.answer = lambda _d: 410
    endpoint = await _subscribe(client, receiver.url)
    watcher = Receiver()
    await watcher.start()
    try:
        # Subscribed to every event, and to endpoint.disabled by name: neither hears of another endpoint.
        await _subscribe(client, watcher.url)
        await _subscribe(client, watcher.url, event_types=["endpoint.disabled"])
        aid = (await create_agreement(client))["id"]
        await fire(client, aid, "suspend")

        async def disabled_event():
            return [e for e in await _events(client) if e["type"] == "endpoint.disabled"]

        [event] = await eventually_async(disabled_event)
        await eventually(lambda: len(watcher.accepted) == 2)  # the agreement's two events
        await asyncio.sleep(0.3)  # an endpoint.disabled delivery would have followed by now
    finally:
        await watcher.stop()
    assert len(receiver.requests) == 1  # no retries, nothing more
    got = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}")).json()
    assert got["enabled"] is False and "410" in got["disabled_reason"]
    assert [d.json["type"] for d in watcher.accepted] == ["agreement.created", "agreement.transitioned"]
    # The id and the reason; never the URL, which can hold tokens.
    assert event["data"] == {"endpoint_id": endpoint["id"], "reason": got["disabled_reason"]}
    assert event["agreement_id"] is None
    log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"]
    assert {d["status"] for d in log} == {"given_up"}


async def test_an_endpoint_failing_too_long_is_disabled(app, client, receiver):
    app.state.settings.webhook_disable_after_hours = 0.5 / 3600  # half a second
    receiver.answer = lambda _d: 500
    endpoint = await _subscribe(client, receiver.url)
    await create_agreement(client)

    async def disabled():
        return not (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}")).json()["enabled"]

    deadline = time.monotonic() + 10
    while not await disabled():
        assert time.monotonic() < deadline
        await _sleep()
    events = await eventually_async(
        lambda: _events_ending_with(client, "endpoint.disabled")
    )  # on PostgreSQL the feed may show it a moment later
    assert events[-1]["type"] == "endpoint.disabled" and events[-1]["agreement_id"] is None


async def test_delivery_time_ssrf_check(app, client, receiver):
    endpoint = await _subscribe(client, receiver.url)
    app.state.settings.webhook_allow_private_networks = False
    app.state.settings.webhook_retry_schedule = [0]
    await create_agreement(client)

    async def attempts():
        log = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()["data"]
        return log[0]["attempt_log"] if log else []

    deadline = time.monotonic() + 10
    while not await attempts():
        assert time.monotonic() < deadline
        await _sleep()
    attempt = (await attempts())[0]
    assert attempt["succeeded"] is False and attempt["response_status"] is None
    assert "127.0.0.1" in attempt["error"] and "refused" in attempt["error"]
    assert receiver.requests == []


async def test_rotation_signs_with_both_secrets_during_the_overlap(client, receiver):
    endpoint = await _subscribe(client, receiver.url)
    rotated = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret")
    assert rotated.status_code == 200
    new = rotated.json()
    assert new["secret"] != endpoint["secret"] and new["secret"].startswith("whsec_")
    await create_agreement(client)
    await eventually(lambda: len(receiver.accepted) == 1)
    delivery = receiver.accepted[0]
    assert len(delivery.headers["webhook-signature"].split(" ")) == 2
    Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
    Webhook(new["secret"]).verify(delivery.body, delivery.headers)


async def test_after_the_overlap_only_the_new_secret_signs(app, client, receiver):
    app.state.settings.webhook_secret_overlap_hours = 0
    endpoint = await _subscribe(client, receiver.url)
    new = (await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret")).json()
    await create_agreement(client)
    await eventually(lambda: len(receiver.accepted) == 1)
    delivery = receiver.accepted[0]
    Webhook(new["secret"]).verify(delivery.body, delivery.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)


async def test_redeliver_and_replay_send_the_same_webhook_id(client, receiver):
    endpoint = await _subscribe(client, receiver.url, event_types=["agreement.created"])
    aid = (await create_agreement(client))["id"]
    await fire(client, aid, "suspend")
    await eventually(lambda: len(receiver.accepted) == 1)
    base = f"/v1/webhook-endpoints/{endpoint['id']}"
    log = (await client.get(f"{base}/deliveries")).json()["data"]
    assert len(log) == 1 and log[0]["status"] == "succeeded" and log[0]["attempt_log"][0]["response_status"] == 200
    assert log[0]["attempt_log"][0]["duration_ms"] >= 0

    again = await client.post(f"{base}/deliveries/{log[0]['id']}/redeliver")
    assert again.status_code == 202, again.text
    assert again.json()["event_id"] == log[0]["event_id"] and again.json()["id"] != log[0]["id"]
    await eventually(lambda: len(receiver.accepted) == 2)
    assert receiver.accepted[0].id == receiver.accepted[1].id == log[0]["event_id"]

    replay = await client.post(f"{base}/replay", json={"since": "2000-01-01T00:00:00Z"})
    assert replay.status_code == 202 and replay.json() == {"deliveries": 1}  # the filter still applies
    await eventually(lambda: len(receiver.accepted) == 3)
    assert receiver.accepted[2].id == log[0]["event_id"]
    empty = await client.post(f"{base}/replay", json={"since": "2000-01-01T00:00:00Z", "until": "2001-01-01T00:00:00Z"})
    assert empty.json() == {"deliveries": 0}
    bad = await client.post(f"{base}/replay", json={"since": "2001-01-01T00:00:00Z", "until": "2000-01-01T00:00:00Z"})
    assert bad.status_code == 422
    missing = await client.post(f"{base}/deliveries/wdl_nope/redeliver")
    assert missing.status_code == 404

    page = (await client.get(f"{base}/deliveries", params={"limit": 2})).json()
    rest = (await client.get(f"{base}/deliveries", params={"limit": 2, "cursor": page["next_cursor"]})).json()
    assert len(page["data"]) == 2 and len(rest["data"]) == 1 and rest["next_cursor"] is None
