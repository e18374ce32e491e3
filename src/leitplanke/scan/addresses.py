"""Which addresses a scan may contact: no loopback, private, link-local or reserved ranges.

A scan started from the web app must not become a way into the server's own network (SSRF).
Every URL the scanner fetches itself, every redirect target and every request of the browser
is checked: the host is resolved, and each of its addresses must be a global unicast address.
`allow_private=True` lifts the check (tests on 127.0.0.1, scans of an intranet from the CLI);
`allowed_networks` lets chosen ranges through and keeps refusing the rest.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
SCHEMES = frozenset({"http", "https"})


class RefusedAddressError(ValueError):
    """A URL the scanner will not contact; the message says why, in German."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses as the system resolves them."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return [str(info[4][0]) for info in infos]


def is_public(address: IPAddress) -> bool:
    """Whether an address is a global unicast address (IPv4-mapped IPv6 judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class AddressPolicy:
    """Checks URLs before they are contacted; remembers each host's verdict for the scan."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        resolver: Resolver = system_resolver,
    ) -> None:
        self.allow_private = allow_private
        self.allowed_networks = tuple(ipaddress.ip_network(n) for n in allowed_networks)
        self.resolver = resolver
        self._verdicts: dict[tuple[str, int], str | None] = {}

    async def check(self, url: str) -> None:
        """Raise RefusedAddressError if `url` may not be contacted."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError:
            raise RefusedAddressError(f"ungültige URL: {url}") from None
        if parts.scheme not in SCHEMES:
            raise RefusedAddressError(f"nur http und https werden abgerufen, nicht {parts.scheme}:")
        if not host:
            raise RefusedAddressError(f"URL ohne Host: {url}")
        if self.allow_private:
            return
        key = (host, port or (443 if parts.scheme == "https" else 80))
        if key not in self._verdicts:
            self._verdicts[key] = await self._verdict(*key)
        reason = self._verdicts[key]
        if reason is not None:
            raise RefusedAddressError(reason)

    async def _verdict(self, host: str, port: int) -> str | None:
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                resolved = await self.resolver(host, port)
                addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolved]
            except (OSError, ValueError) as error:
                return f"Host {host} nicht auflösbar ({error})"
        if not addresses:
            return f"Host {host} nicht auflösbar"
        for address in addresses:
            if any(
                address.version == network.version and address in network
                for network in self.allowed_networks
            ):
                continue
            if not is_public(address):
                return (
                    f"{host} führt zu {address}, einer nicht öffentlichen Adresse "
                    "(Loopback, privat, link-lokal oder reserviert); abgelehnt"
                )
        return None
