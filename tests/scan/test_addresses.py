"""Which addresses a scan may contact: public ones only, unless allowed (no SSRF)."""

import asyncio
import contextlib
import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leitplanke.scan import AddressPolicy, RefusedAddressError
from leitplanke.scan.addresses import is_public


def check(url, **policy):
    asyncio.run(AddressPolicy(**policy).check(url))


def resolving_to(*addresses):
    async def resolver(host, port):
        return list(addresses)

    return resolver


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_non_public_addresses_are_refused(url):
    with pytest.raises(RefusedAddressError, match="nicht öffentlichen Adresse"):
        check(url)


def test_a_host_name_is_judged_by_every_address_it_resolves_to():
    with pytest.raises(RefusedAddressError, match=r"10\.0\.0\.5"):
        check("https://intranet.example/", resolver=resolving_to("93.184.216.34", "10.0.0.5"))
    check("https://www.example/", resolver=resolving_to("93.184.216.34"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(RefusedAddressError, match="nur http und https"):
        check(url)


def test_allow_private_lets_everything_through():
    check("http://127.0.0.1:8000/", allow_private=True)


def test_allowed_networks_let_only_those_through():
    check("http://127.0.0.1/", allowed_networks=["127.0.0.0/8"])
    with pytest.raises(RefusedAddressError):
        check("http://10.0.0.1/", allowed_networks=["127.0.0.0/8"])
    with pytest.raises(RefusedAddressError):
        check("http://[::1]/", allowed_networks=["0.0.0.0/0"])


def test_an_unresolvable_host_is_refused():
    async def failing(host, port):
        raise OSError("Name or service not known")

    with pytest.raises(RefusedAddressError, match="nicht auflösbar"):
        check("https://gibt-es-nicht.example/", resolver=failing)


@given(st.ip_addresses())
def test_an_address_is_public_only_if_global_and_not_multicast(address):
    plain = (
        address.ipv4_mapped
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped
        else address
    )
    assert is_public(address) == (plain.is_global and not plain.is_multicast)


@given(st.text(max_size=60))
def test_any_url_is_checked_without_crashing(text):
    with contextlib.suppress(RefusedAddressError):
        check(text, resolver=resolving_to("93.184.216.34"))
