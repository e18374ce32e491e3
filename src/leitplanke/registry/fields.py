"""The kinds of input the registry's schemas are made of: lines, texts, URLs, IDs, addresses.

Each kind trims whitespace and checks its form; lengths are given per field (`Field(max_length=…)`)
to match the column. Blank optional inputs become None (see `schemas.Input`).
"""

import re
from typing import Annotated
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"  # a single line: no line breaks, tabs or other controls
NO_CONTROL_BUT_LINES = r"^[^\x00-\x09\x0b\x0c\x0e-\x1f\x7f]*$"
URL_LENGTH = 500  # every URL column
TEXT_LENGTH = 5000  # texts in unbounded columns (purpose, advertising, description)
HOST = re.compile(r"(?:[^\W_](?:[^\W_]|-){0,62}\.)+[^\W\d_]{2,63}|localhost", re.IGNORECASE)

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=NO_CONTROL)]
"""One line of text; give its `max_length` on the field."""

Text = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=TEXT_LENGTH, pattern=NO_CONTROL_BUT_LINES
    ),
]
"""Text of several lines and paragraphs."""


def https_url(value: str) -> str:
    """`value` if it is an https URL of a named host without user name or password."""
    if any(character.isspace() for character in value):
        raise ValueError("Eine Adresse enthält keine Leerzeichen.")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError("Das ist keine gültige Adresse.") from None
    if parts.scheme.lower() != "https":
        raise ValueError("Die Adresse muss mit https:// beginnen.")
    if parts.username is not None or parts.password is not None:
        raise ValueError("Die Adresse darf keinen Benutzernamen und kein Passwort enthalten.")
    if not parts.hostname or not HOST.fullmatch(parts.hostname) or port == 0:
        raise ValueError("Die Adresse nennt keinen gültigen Server.")
    return value


HttpsUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=URL_LENGTH),
    AfterValidator(https_url),
]
"""An https URL, stored as entered."""


def email_address(value: str) -> str:
    """`value` as a normalised e-mail address (domain in lower case); no DNS look-up."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError("Das ist keine gültige E-Mail-Adresse.") from None


EmailAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=254),
    AfterValidator(email_address),
]
"""An e-mail address (at most 254 characters, as the standard allows)."""

PhoneNumber = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=60, pattern=r"^\+?[0-9 ()/.\-]+$"
    ),
]
"""A telephone number as written, e.g. `+49 30 9026-0` or `(030) 9026 0`."""

Slug = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    ),
]
"""A short name for URLs: lower-case letters and digits joined by single hyphens."""

PlatformId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=48, pattern=r"^[a-z0-9][a-z0-9-]*$"
    ),
]
"""The ID of a platform in the rulebook's catalogue, in its form (which IDs exist is checked
apart)."""


def not_a_truth_value(value: object) -> object:
    """Refuses True and False where a number is expected (Python counts them as 1 and 0)."""
    if isinstance(value, bool):
        raise ValueError("Eine Nummer wird erwartet, kein Wahrheitswert.")
    return value


Id = Annotated[int, BeforeValidator(not_a_truth_value), Field(gt=0, le=2**31 - 1)]
"""The number of a stored entry."""
