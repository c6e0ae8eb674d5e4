"""The SSRF guard: webhook URLs may not reach the service's own network.

Checked when an endpoint is saved and again before every delivery, since DNS can change.
A host is refused when any address it resolves to is not globally routable (loopback,
private, link-local, CGNAT, reserved, unspecified), is multicast, or is a cloud metadata address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from service.errors import WebhookUrlRefused

METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})


def refused_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address in METADATA_ADDRESSES or address.is_multicast or not address.is_global


async def check_url(url: str, *, allow_private: bool) -> None:
    """Raise WebhookUrlRefused unless `url` is http(s) to a host on the public internet."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookUrlRefused(f"{url!r} is not an http or https URL with a host")
    if allow_private:
        return
    host = parts.hostname
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise WebhookUrlRefused(f"The host {host!r} does not resolve: {exc}") from None
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    refused = sorted(str(a) for a in addresses if refused_address(a))
    if refused:
        raise WebhookUrlRefused(
            f"{host!r} resolves to {', '.join(refused)}: loopback, private, link-local, reserved and metadata "
            "addresses are refused (ACCORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows them)",
            host=host,
            addresses=refused,
        )
