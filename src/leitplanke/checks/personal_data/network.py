"""Detects IPv4 and IPv6 addresses; version numbers and times are told apart."""

import ipaddress
from typing import Final

from leitplanke.checks.personal_data.detector import Detector, Pattern

OCTET: Final = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4: Final = rf"\d(?<![\w.-]\d)\d{{0,2}}(?:\.{OCTET}){{3}}(?![\w-]|\.\d)"
# Hex digits and at least two colons; `ipaddress` decides (times like 12:30:45 fail there).
IPV6: Final = (
    r"[0-9A-Fa-f:](?<![\w:.][0-9A-Fa-f:])[0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{0,4}){1,7}"
    r"(?<=[0-9A-Fa-f])(?![\w:])"
)


# Three dots between digits, or two colons close together.
COULD_HOLD_IP: Final = r"\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f]{0,4}:"


def is_ip(candidate: str) -> bool:
    """A valid IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(
        name="ip_address",
        kind="IP_ADDRESS",
        patterns=(
            Pattern(IPV4, 0.7, "IPv4-Adresse"),
            Pattern(IPV6, 0.7, "IPv6-Adresse"),
        ),
        context=("IP", "IP-Adresse*", "IPv4", "IPv6", "Server", "Zugriff*", "Log*", "Adresse"),
        counter_context=("Version", "Vers.", "Ver.", "v", "Update", "Release", "Kapitel", "Abs."),
        context_boost=0.25,
        window=40,
        validate=is_ip,
        gate=COULD_HOLD_IP,
    ),
)
