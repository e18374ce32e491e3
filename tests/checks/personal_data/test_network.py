"""IP addresses: table of (text, expected addresses)."""

import pytest

from tests.checks.personal_data.spans import found

CASES = [
    ("ipv4", "Zugriff von 84.132.12.7.", ["84.132.12.7"]),
    ("ipv6", "IP 2001:db8::8a2e:370:7334", ["2001:db8::8a2e:370:7334"]),
    ("ipv6 short", "Adresse fe80::1 im Log", ["fe80::1"]),
    ("octet too large", "84.132.12.300", []),
    ("version number", "Version 2.3.1.4 ist online", []),
    ("five parts", "1.2.3.4.5", []),
    ("time", "um 12:30:45 Uhr", []),
    ("date", "am 12.03.2024", []),
]


@pytest.mark.parametrize(("note", "text", "want"), CASES, ids=[case[0] for case in CASES])
def test_ip_addresses_are_found(note, text, want):
    assert found(text, ["IP_ADDRESS"]).get("IP_ADDRESS", []) == want
