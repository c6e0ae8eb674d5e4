"""The SSRF guard: IPv6 forms that embed IPv4, credentials in URLs, and the address actually
connected to (DNS rebinding) (issue 9, items 1 and 8)."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from aiohttp.abc import AbstractResolver

from service.webhooks.ssrf import AddressRefused, PublicResolver, refused_address
from tests.helpers import create_agreement
from tests.webhooks.conftest import deliveries, eventually_async, subscribe

EMBEDDING_REFUSED_IPV4 = [
    "::7f00:1",  # IPv4-compatible ::127.0.0.1
    "::127.0.0.1",
    "::a9fe:a9fe",
    "::5db8:d822",  # IPv4-compatible, even public: deprecated, refused whole
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
    "64:ff9b:1::5db8:d822",  # local-use NAT64: refused whole
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2002:c0a8:1::1",  # 6to4 of 192.168.0.1
    "fec0::1",  # site-local
    "fed0::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "::ffff:10.0.0.1",
    "::",
    "::1",
]
PUBLIC = [
    "93.184.216.34",
    "2606:2800:220:1:248:1893:25c8:1946",
    "64:ff9b::5db8:d822",
    "2002:5db8:d822::1",
    "::ffff:93.184.216.34",
]


@pytest.mark.parametrize("address", EMBEDDING_REFUSED_IPV4)
def test_ipv6_forms_embedding_private_ipv4_are_refused(address):
    assert refused_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_and_their_ipv6_forms_pass(address):
    assert not refused_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    ["http://[::7f00:1]/hook", "http://[::127.0.0.1]/hook", "http://[64:ff9b::7f00:1]/hook",
     "http://[64:ff9b::a9fe:a9fe]/hook", "http://[2002:7f00:1::1]/hook", "http://[2002:a9fe:a9fe::1]/hook",
     "http://[fec0::1]/hook"],
)  # fmt: skip
async def test_the_issues_urls_are_refused_at_creation(app, client, url):
    app.state.settings.webhook_allow_private_networks = False
    response = await client.post("/v1/webhook-endpoints", json={"url": url})
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith("/webhook-url-refused")


@pytest.mark.parametrize("url", ["https://user:pass@example.com/hook", "https://token@example.com/hook"])
async def test_credentials_in_the_url_are_a_validation_problem(client, receiver, url):
    created = await client.post("/v1/webhook-endpoints", json={"url": url})
    assert created.status_code == 422, created.text
    problem = created.json()
    assert problem["type"].endswith("/validation-error")
    assert [e["loc"] for e in problem["errors"]] == [["body", "url"]]
    assert "user:pass@" in problem["detail"]

    endpoint = await subscribe(client, receiver.url)
    patched = await client.patch(f"/v1/webhook-endpoints/{endpoint['id']}", json={"url": url})
    assert patched.status_code == 422 and patched.json()["errors"][0]["loc"] == ["body", "url"]


class _Rebinding(AbstractResolver):
    """Answers a public address first, loopback after: a rebinding DNS server."""

    def __init__(self) -> None:
        self.calls = 0

    async def resolve(self, host, port=0, family=socket.AF_INET):
        self.calls += 1
        address = "93.184.216.34" if self.calls == 1 else "127.0.0.1"
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass


async def test_the_resolver_refuses_what_the_connection_would_reach(settings):
    settings.webhook_allow_private_networks = False
    resolver = PublicResolver(settings, _Rebinding())
    assert [r["host"] for r in await resolver.resolve("rebind.test", 80)] == ["93.184.216.34"]
    with pytest.raises(AddressRefused, match=r"'rebind.test' resolves to 127.0.0.1 at connect time"):
        await resolver.resolve("rebind.test", 80)
    settings.webhook_allow_private_networks = True  # read on each call
    assert [r["host"] for r in await resolver.resolve("rebind.test", 80)] == ["127.0.0.1"]


async def test_dns_rebinding_between_the_check_and_the_connect_is_refused(app, client, receiver, monkeypatch):
    """The endpoint is checked against a public answer; the delivery's connect gets loopback and
    is refused: a failed attempt with a clear error, and nothing reaches the receiver."""
    real = socket.getaddrinfo
    answers: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        answers.append("93.184.216.34" if not answers else "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[-1], port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    app.state.settings.webhook_allow_private_networks = False
    app.state.settings.webhook_retry_schedule = [0, 60]
    endpoint = await subscribe(client, f"http://rebind.test:{receiver.port}/hook", event_types=["agreement.created"])
    await create_agreement(client)

    async def attempted():
        # The delivery and its attempts are two reads: wait until both show the attempt.
        log = await deliveries(client, endpoint["id"])
        return log and log[0]["attempt_log"] and log[0]["status"] != "pending" and log[0]

    delivery = await eventually_async(attempted)
    attempt = delivery["attempt_log"][0]
    assert delivery["status"] == "failed" and delivery["next_attempt_at"] is not None
    assert attempt["succeeded"] is False and attempt["response_status"] is None
    assert attempt["error"].startswith("Not sent: 'rebind.test' resolves to 127.0.0.1 at connect time")
    assert answers[:2] == ["93.184.216.34", "127.0.0.1"]
    assert receiver.requests == []
