"""A detected piece of personal data: kind, character span, confidence and a German reason."""

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal[
    "EMAIL",
    "PHONE",
    "IBAN",
    "TAX_ID",
    "VAT_ID",
    "ID_CARD",
    "PASSPORT",
    "PLATE",
    "ADDRESS",
    "DATE_OF_BIRTH",
    "IP_ADDRESS",
    "FILE_REFERENCE",
    "PERSON",
    "SPECIAL_CATEGORY",
]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(slots=True)
class Entity:
    """Personal data of `kind` at `text[start:end]`, with a score in 0–1 and why it was found.

    `role` is set for a person named in a public office (e.g. "Bürgermeisterin"): a rule may
    allow office holders named in their official role.

    A value: not changed once made. It is not frozen because the compiled detectors make many
    of them, and a frozen dataclass is built several times more slowly.
    """

    kind: str
    start: int
    end: int
    score: float
    reason: str
    role: str | None = None
