"""Check type `personal_data`: personal data in the draft text (e-mail, IBAN, names, …)."""

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

    def run(self, draft: Draft) -> list[Hit]:
        """One sensitive hit per entity of the configured kinds, minus allowed office holders."""
        entities = detect_personal_data(draft.text, self.kinds, min_score=self.min_score)
        return [
            self.worded(self.hit(entity))
            for entity in entities
            if not (self.allow_office_holders and entity.kind == "PERSON" and entity.role)
        ]

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
