"""First and third parties: hosts compared by their registrable domain (eTLD+1), offline.

The Public Suffix List comes with the PyPI package publicsuffixlist; nothing is fetched at run
time. `www.berlin.de` and `service.berlin.de` are one party (`berlin.de`); an IP address or a
single-label host (`localhost`) is its own registrable domain.
"""

import ipaddress
from collections.abc import Iterable
from functools import cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

from leitplanke.scan.result import Party


@cache
def _suffix_list() -> PublicSuffixList:
    return PublicSuffixList()


@cache
def registrable_domain(host: str) -> str:
    """The registrable domain of `host` (lower case, without a trailing dot)."""
    host = host.lower().rstrip(".").strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _suffix_list().privatesuffix(host) or host
    return host


def url_host(url: str) -> str:
    """The host of a URL in lower case, '' if it has none (a file, `data:`, `about:`)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


class PartyRule:
    """Tells first from third parties for one site: its domains and any declared as its own."""

    def __init__(self, site_hosts: Iterable[str], first_party_domains: Iterable[str] = ()) -> None:
        self.domains = frozenset(
            registrable_domain(host) for host in (*site_hosts, *first_party_domains) if host
        )

    def of_host(self, host: str) -> Party:
        """First party for the site's own registrable domains, third party otherwise."""
        if not host:
            return Party.FIRST
        return Party.FIRST if registrable_domain(host) in self.domains else Party.THIRD

    def of_url(self, url: str) -> Party:
        """The party of a URL; URLs without a host (`data:`, `blob:`, files) are first party."""
        return self.of_host(url_host(url))
