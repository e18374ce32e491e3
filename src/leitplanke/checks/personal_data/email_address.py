"""Detects e-mail addresses; functional mailboxes (presse@, info@) score lower than others."""

import re
from typing import Final

from leitplanke.checks.personal_data.detector import Detector
from leitplanke.checks.personal_data.entity import Entity
from leitplanke.checks.personal_data.lexicon import first_names, read_list

# Matched from the start of the local part, which is found by walking back from each "@": a
# regex that tried every word of the text as a local part would be slow.
EMAIL: Final = re.compile(
    r"[\w%+-]+(?:\.[\w%+-]+)*@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)
LOCAL_CHARACTERS: Final = frozenset(".%+-_")
FUNCTIONAL: Final = read_list("functional_mailboxes.txt")
SEPARATORS: Final = re.compile(r"[._-]")


def find_emails(text: str) -> list[Entity]:
    """Every e-mail address, scored by how personal its local part looks."""
    found: list[Entity] = []
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in LOCAL_CHARACTERS):
            start -= 1
        while start < at and text[start] == ".":
            start += 1
        handle = start > 0 and text[start - 1] == "@"  # "@name@server" is an account, no address
        match = EMAIL.match(text, start) if start < at and not handle else None
        at = text.find("@", at + 1)
        if match is None:
            continue
        local = match.group().split("@", 1)[0]
        parts = [part for part in SEPARATORS.split(local.casefold()) if part]
        if local.casefold() in FUNCTIONAL or (parts and parts[0] in FUNCTIONAL):
            score, reason = 0.6, "E-Mail-Adresse eines Funktionspostfachs"
        elif len(parts) >= 2 or any(part.capitalize() in first_names() for part in parts):
            score, reason = 1.0, "E-Mail-Adresse mit Namen"
        else:
            score, reason = 0.85, "E-Mail-Adresse"
        found.append(Entity("EMAIL", match.start(), match.end(), score, reason))
    return found


DETECTORS: Final[tuple[Detector, ...]] = (
    Detector(name="email", kind="EMAIL", find=find_emails, triggers=("@",)),
)
