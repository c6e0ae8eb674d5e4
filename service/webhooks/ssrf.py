"""The SSRF guard: webhook URLs may not reach the service's own network.

Checked twice:
- when an endpoint is saved (`check_url`, a 422 naming the addresses), resolving the host;
- at every connect, inside the delivery client's DNS resolver (`PublicResolver`), on the very
  addresses the connection will use. A check before connecting alone leaves a window: DNS can
  answer a public address to the check and loopback to the connect (rebinding).
A host is refused when any address it resolves to is not globally routable (loopback, private,
link-local, CGNAT, reserved, unspecified, site-local), is multicast, is a cloud metadata address,
or is an IPv6 form that embeds a refused IPv4 address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from service.config import Settings
from service.errors import WebhookUrlRefused

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
# Python calls these global, yet each can lead back inside:
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d; no legitimate use left
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # a NAT64 gateway forwards to the IPv4 in the low 32 bits
NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")  # operator-chosen layout: refuse it whole
SITE_LOCAL = ipaddress.ip_network("fec0::/10")  # deprecated, still routed inside some networks
REFUSED_NETWORKS = (IPV4_COMPATIBLE, NAT64_LOCAL_USE, SITE_LOCAL)
HINT = (
    "loopback, private, link-local, reserved and metadata addresses are refused "
    "(ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows them)"
)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def refused_address(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if any(address in network for network in REFUSED_NETWORKS):
            return True
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            if refused_address(embedded):
                return True
            if address.ipv4_mapped is not None:  # Python calls all of ::ffff:0:0/96 private
                return False
    return address in METADATA_ADDRESSES or address.is_multicast or not address.is_global


def _parse(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None


def _refusal(host: str, addresses: list[str], *, when: str = "") -> WebhookUrlRefused:
    return WebhookUrlRefused(
        f"{host!r} resolves to {', '.join(addresses)}{when}: {HINT}", host=host, addresses=addresses
    )


def check_target(url: str, *, allow_private: bool) -> None:
    """The checks that need no DNS, made before every delivery: an http(s) URL with a host, no
    credentials, and, when the host is an address, a public one. Host names are checked by
    PublicResolver as the connection is made."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookUrlRefused(f"{url!r} is not an http or https URL with a host")
    if parts.username is not None or parts.password is not None:
        raise WebhookUrlRefused("The URL carries a user name or password (user:pass@), which is not sent")
    address = _parse(parts.hostname)
    if not allow_private and address is not None and refused_address(address):
        raise _refusal(parts.hostname, [str(address)])


async def check_url(url: str, *, allow_private: bool) -> None:
    """Raise WebhookUrlRefused unless `url` is http(s) to a host on the public internet."""
    check_target(url, allow_private=allow_private)
    if allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    if _parse(host) is not None:
        return
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise WebhookUrlRefused(f"The host {host!r} does not resolve: {exc}") from None
    addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    refused = sorted(str(a) for a in addresses if refused_address(a))
    if refused:
        raise _refusal(host, refused)


class AddressRefused(OSError):
    """Raised by PublicResolver; an OSError so aiohttp reports it as a failed connect."""

    def __init__(self, refusal: WebhookUrlRefused) -> None:
        super().__init__(refusal.detail)
        self.refusal = refusal


class PublicResolver(AbstractResolver):
    """Wraps a resolver (aiohttp's default) and refuses a host any of whose addresses is not
    public, so the delivery client connects only where the guard allows. Reads the setting on
    each call: tests and operators may change it while the client lives."""

    def __init__(self, settings: Settings, inner: AbstractResolver | None = None) -> None:
        self._settings = settings
        self._inner = inner or DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self._settings.webhook_allow_private_networks:
            return results
        refused = sorted({r["host"] for r in results if (a := _parse(r["host"])) is None or refused_address(a)})
        if refused:
            raise AddressRefused(_refusal(host, refused, when=" at connect time"))
        return results

    async def close(self) -> None:
        await self._inner.close()
