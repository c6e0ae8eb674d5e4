"""Webhook endpoints: the API, validation, the SSRF guard and secret rotation."""

import ipaddress

import pytest

from service.webhooks.ssrf import refused_address

PROBLEM = "application/problem+json"


async def test_create_read_update_delete(client, receiver):
    created = await client.post(
        "/v1/webhook-endpoints",
        json={
            "url": receiver.url,
            "event_types": ["agreement.transitioned"],
            "description": "ops",
        },
    )
    assert created.status_code == 201, created.text
    endpoint = created.json()
    assert endpoint["secret"].startswith("whsec_") and len(endpoint["secret"]) >= 6 + 32
    assert endpoint["enabled"] is True and endpoint["agreement_ids"] == [] and endpoint["parties"] == []

    got = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}")
    assert got.status_code == 200 and "secret" not in got.json()
    listed = (await client.get("/v1/webhook-endpoints")).json()
    assert [e["id"] for e in listed["data"]] == [endpoint["id"]] and "secret" not in listed["data"][0]

    patched = await client.patch(f"/v1/webhook-endpoints/{endpoint['id']}", json={"enabled": False, "parties": ["JP"]})
    assert patched.status_code == 200
    assert patched.json()["enabled"] is False and patched.json()["parties"] == ["JP"]
    assert patched.json()["event_types"] == ["agreement.transitioned"]

    assert (await client.delete(f"/v1/webhook-endpoints/{endpoint['id']}")).status_code == 204
    gone = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}")
    assert gone.status_code == 404 and gone.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://example.com/hook"},
        {"url": "not a url"},
        {"url": "https://example.com/hook", "event_types": ["agreement.exploded"]},
        {"url": "https://example.com/hook", "event_types": ["agreement.created", "agreement.created"]},
        {"url": "https://example.com/hook", "parties": ["XX"]},
        {"url": "https://example.com/hook", "secret": "whsec_mine"},
        {"url": "https://example.com/hook", "description": "x" * 501},
    ],
)
async def test_invalid_endpoints_are_refused(client, body):
    response = await client.post("/v1/webhook-endpoints", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fd00:ec2::254]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
        "http://224.0.0.1/hook",
    ],
)
async def test_ssrf_guard_refuses_private_addresses(app, client, url):
    app.state.settings.webhook_allow_private_networks = False
    response = await client.post("/v1/webhook-endpoints", json={"url": url})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"].endswith("/webhook-url-refused")
    assert "ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS" in problem["detail"]


def test_public_addresses_pass_the_guard():
    assert not refused_address(ipaddress.ip_address("93.184.216.34"))
    assert not refused_address(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946"))
    assert refused_address(ipaddress.ip_address("169.254.169.254"))


async def test_ssrf_guard_on_update(app, client, receiver):
    endpoint = (await client.post("/v1/webhook-endpoints", json={"url": receiver.url})).json()
    app.state.settings.webhook_allow_private_networks = False
    response = await client.patch(f"/v1/webhook-endpoints/{endpoint['id']}", json={"url": "http://10.0.0.1/x"})
    assert response.status_code == 422 and response.json()["type"].endswith("/webhook-url-refused")


async def test_unknown_endpoint_operations_are_404(client):
    for method, path, body in [
        ("PATCH", "/v1/webhook-endpoints/we_nope", {"enabled": True}),
        ("DELETE", "/v1/webhook-endpoints/we_nope", None),
        ("POST", "/v1/webhook-endpoints/we_nope/rotate-secret", None),
        ("GET", "/v1/webhook-endpoints/we_nope/deliveries", None),
        ("POST", "/v1/webhook-endpoints/we_nope/deliveries/wdl_nope/redeliver", None),
        ("POST", "/v1/webhook-endpoints/we_nope/replay", {"since": "2020-01-01T00:00:00Z"}),
    ]:
        response = await client.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.headers["content-type"] == PROBLEM


async def test_creating_past_the_endpoint_cap_is_refused(app, client, receiver):
    app.state.settings.webhook_max_endpoints = 2
    first = (await client.post("/v1/webhook-endpoints", json={"url": receiver.url})).json()
    assert (await client.post("/v1/webhook-endpoints", json={"url": receiver.url})).status_code == 201
    refused = await client.post("/v1/webhook-endpoints", json={"url": receiver.url})
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM
    assert refused.json()["type"].endswith("/limit-reached") and refused.json()["limit"] == 2
    assert "ACCORD_WEBHOOK_MAX_ENDPOINTS" in refused.json()["detail"]
    assert (await client.delete(f"/v1/webhook-endpoints/{first['id']}")).status_code == 204
    assert (await client.post("/v1/webhook-endpoints", json={"url": receiver.url})).status_code == 201
