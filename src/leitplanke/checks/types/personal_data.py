"""Check type `personal_data`: personal data in the draft text (e-mail, IBAN, names, …)."""

import re
from typing import Literal

from pydantic import Field

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.checks.personal_data import Entity, detect_personal_data
from leitplanke.checks.personal_data.entity import KINDS, Kind
from leitplanke.checks.types.base import CheckConfig

ALL_KINDS: list[Kind] = list(KINDS)

MESSAGES: dict[str, tuple[str, str]] = {
    "EMAIL": (
        "E-Mail-Adresse im Beitrag",
        "Nur Funktionspostfächer nennen, keine persönlichen Adressen.",
    ),
    "PHONE": (
        "Telefonnummer im Beitrag",
        "Nur zentrale Servicenummern nennen, keine Durchwahlen oder Mobilnummern.",
    ),
    "IBAN": (
        "Bankverbindung (IBAN) im Beitrag",
        "Bankverbindungen von Personen entfernen; Spendenkonten nur mit Freigabe.",
    ),
    "TAX_ID": ("Steuerliche Identifikationsnummer im Beitrag", "Die Nummer entfernen."),
    "VAT_ID": (
        "Umsatzsteuer-Identifikationsnummer im Beitrag",
        "Die Nummer entfernen, wenn sie einer Person zugeordnet ist.",
    ),
    "ID_CARD": ("Ausweisnummer im Beitrag", "Die Ausweisnummer entfernen oder schwärzen."),
    "PASSPORT": ("Reisepassnummer im Beitrag", "Die Passnummer entfernen oder schwärzen."),
    "PLATE": (
        "Kfz-Kennzeichen im Beitrag",
        "Das Kennzeichen entfernen oder auf Fotos unkenntlich machen.",
    ),
    "ADDRESS": (
        "Anschrift im Beitrag",
        "Private Anschriften entfernen; Dienstadressen nur von Einrichtungen nennen.",
    ),
    "DATE_OF_BIRTH": ("Geburtsdatum im Beitrag", "Das Geburtsdatum entfernen."),
    "IP_ADDRESS": ("IP-Adresse im Beitrag", "Die IP-Adresse entfernen."),
    "FILE_REFERENCE": (
        "Aktenzeichen im Beitrag",
        "Aktenzeichen gehören in die Direktnachricht, nicht in den öffentlichen Beitrag.",
    ),
    "PERSON": (
        "Name einer Person im Beitrag",
        "Namen nur mit Einwilligung nennen oder die Person anonymisieren.",
    ),
    "SPECIAL_CATEGORY": (
        "Besondere Kategorie personenbezogener Daten (Art. 9 DSGVO) zu einer Person",
        "Angaben zu Gesundheit, Religion, Herkunft, Orientierung oder Überzeugung streichen.",
    ),
}


# A credit label right before a name: "Foto: Name", "Bild © Name", "© Name", "Quelle: Name".
CREDIT_REACH = 30
CREDIT_LABEL = re.compile(
    r"(?:\b(?:Fotos?|Bild(?:er)?|Grafik|Illustration|Video|Kamera|Quelle|Credits?)\s*[:©]\s*"
    r"(?:©\s*)?|©\s*(?:\d{4}\s+)?)\Z",
    re.IGNORECASE,
)


class PersonalDataCheck(CheckConfig):
    """Reports personal data found in the text: one hit per entity with kind and confidence."""

    type: Literal["personal_data"] = "personal_data"
    kinds: list[Kind] = Field(
        default_factory=lambda: list(ALL_KINDS),
        min_length=1,
        description="Arten personenbezogener Daten, nach denen gesucht wird (Standard: alle).",
    )
    min_score: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Mindestkonfidenz eines Treffers."
    )
    allow_office_holders: bool = Field(
        default=True,
        description="Namen von Amtsträgerinnen und Amtsträgern in amtlicher Rolle zulassen.",
    )
    allow_credits: bool = Field(
        default=True,
        description="Urhebernennungen zulassen („Foto: Name“, „© Name“), die § 13 UrhG verlangt.",
    )

    def run(self, draft: Draft) -> list[Hit]:
        """One sensitive hit per entity of the configured kinds, minus allowed names."""
        entities = detect_personal_data(draft.text, self.kinds, min_score=self.min_score)
        return [
            self.worded(self.hit(entity))
            for entity in entities
            if not self.allowed(entity, draft.text)
        ]

    def allowed(self, entity: Entity, text: str) -> bool:
        """An office holder in official role, or the author named in a credit line."""
        if entity.kind != "PERSON":
            return False
        if self.allow_office_holders and entity.role:
            return True
        before = text[max(0, entity.start - CREDIT_REACH) : entity.start]
        return self.allow_credits and CREDIT_LABEL.search(before) is not None

    @staticmethod
    def hit(entity: Entity) -> Hit:
        """The hit for one entity: the kind's message with the detector's reason, and a fix."""
        message, fix = MESSAGES[entity.kind]
        return Hit(
            entity.start,
            entity.end,
            f"{message} ({entity.reason})",
            fix,
            entity.kind,
            entity.score,
            sensitive=True,
        )
