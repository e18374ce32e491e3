"""The fixed vocabularies a rulebook is written in: audiences, aspects, levels, target groups."""

from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Whom a rule binds: the institution as a whole or the individual employee."""

    INSTITUTION = "institution"
    EMPLOYEE = "employee"


class Level(StrEnum):
    """Obligation level in German drafting style; `keyword` maps it to RFC 2119."""

    MUSS = "muss"
    SOLL = "soll"
    KANN = "kann"


class Status(StrEnum):
    """Life-cycle state of a rule."""

    DRAFT = "draft"
    IN_FORCE = "in_force"
    REPEALED = "repealed"


class TargetGroup(StrEnum):
    """Training target groups the motion names."""

    EXECUTIVES = "executives"
    PRESS = "press"
    ALL_STAFF = "all_staff"


class Aspect(StrEnum):
    """Topics a rule belongs to: every aspect of the motion plus further topics."""

    LEGITIMATE_INTEREST = "legitimate_interest"
    PLATFORM_CHOICE = "platform_choice"
    RESPONSIBILITIES = "responsibilities"
    LEGAL_FRAMEWORK = "legal_framework"
    DATA_PROTECTION = "data_protection"
    SOCIAL_PLUGINS = "social_plugins"
    THIRD_PARTY_POSTS = "third_party_posts"
    BERLIN_DE = "berlin_de"
    ADVERTISING = "advertising"
    CORPORATE_IDENTITY = "corporate_identity"
    ERRORS_LIABILITY = "errors_liability"
    PRIVATE_PROFESSIONAL = "private_professional"
    CONTACT_PERSONS = "contact_persons"
    PERSONAL_RESPONSIBILITY = "personal_responsibility"
    WORKING_HOURS = "working_hours"
    ACCESSIBILITY = "accessibility"
    MODERATION = "moderation"
    ARCHIVING = "archiving"
    POLITICAL_NEUTRALITY = "political_neutrality"
    ACCOUNT_LIFECYCLE = "account_lifecycle"
    ACCOUNT_SECURITY = "account_security"
    COPYRIGHT = "copyright"
    CRISIS_COMMUNICATION = "crisis_communication"
    EVALUATION = "evaluation"


LEVEL_KEYWORD: dict[Level, str] = {Level.MUSS: "MUST", Level.SOLL: "SHOULD", Level.KANN: "MAY"}

LEVEL_LABEL: dict[Level, str] = {Level.MUSS: "muss", Level.SOLL: "soll", Level.KANN: "kann"}

AUDIENCE_LABEL: dict[Audience, str] = {
    Audience.INSTITUTION: "Regeln für Institutionen",
    Audience.EMPLOYEE: "Regeln für Mitarbeiterinnen und Mitarbeiter",
}

STATUS_LABEL: dict[Status, str] = {
    Status.DRAFT: "Entwurf",
    Status.IN_FORCE: "in Kraft",
    Status.REPEALED: "aufgehoben",
}

TARGET_GROUP_LABEL: dict[TargetGroup, str] = {
    TargetGroup.EXECUTIVES: "Führungskräfte",
    TargetGroup.PRESS: "Presse- und Öffentlichkeitsarbeit",
    TargetGroup.ALL_STAFF: "alle Beschäftigten",
}

ASPECT_LABEL: dict[Aspect, str] = {
    Aspect.LEGITIMATE_INTEREST: "Klärungsprozess: berechtigtes öffentliches Interesse",
    Aspect.PLATFORM_CHOICE: "Auswahl der Plattformen",
    Aspect.RESPONSIBILITIES: "Innerbehördliche Verantwortlichkeiten",
    Aspect.LEGAL_FRAMEWORK: "Rechtliche Rahmenbedingungen",
    Aspect.DATA_PROTECTION: "Datenschutz und personenbezogene Daten",
    Aspect.SOCIAL_PLUGINS: "Social Plugins",
    Aspect.THIRD_PARTY_POSTS: "Reaktion auf Beiträge Dritter",
    Aspect.BERLIN_DE: "Bezug zu berlin.de",
    Aspect.ADVERTISING: "Werbung und Einbettung in die Plattform",
    Aspect.CORPORATE_IDENTITY: "Corporate Identity",
    Aspect.ERRORS_LIABILITY: "Fehler bei Veröffentlichungen und Haftung",
    Aspect.PRIVATE_PROFESSIONAL: "Trennung von privater und beruflicher Nutzung",
    Aspect.CONTACT_PERSONS: "Ansprechpersonen und Kommunikationswege",
    Aspect.PERSONAL_RESPONSIBILITY: "Persönliche Verantwortung und Haftung",
    Aspect.WORKING_HOURS: "Private Nutzung während der Arbeitszeit",
    Aspect.ACCESSIBILITY: "Barrierefreiheit",
    Aspect.MODERATION: "Netiquette und Moderation",
    Aspect.ARCHIVING: "Archivierung und Aktenführung",
    Aspect.POLITICAL_NEUTRALITY: "Politische Neutralität",
    Aspect.ACCOUNT_LIFECYCLE: "Lebenszyklus von Auftritten",
    Aspect.ACCOUNT_SECURITY: "Kontosicherheit und Schutz vor Identitätsmissbrauch",
    Aspect.COPYRIGHT: "Urheber- und Bildrechte",
    Aspect.CRISIS_COMMUNICATION: "Krisenkommunikation",
    Aspect.EVALUATION: "Wirkungsmessung und Evaluation",
}


@dataclass(frozen=True)
class MotionItem:
    """One aspect the motion demands, for one audience, in the motion's own words."""

    audience: Audience
    aspect: Aspect
    wording: str


MOTION_ITEMS: tuple[MotionItem, ...] = (
    MotionItem(
        Audience.INSTITUTION,
        Aspect.LEGITIMATE_INTEREST,
        "Leitfaden zum Klärungsprozess, wann die Nutzung sozialer Netzwerke für ein berechtigtes "
        "öffentliches Interesse geeignet ist",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.PLATFORM_CHOICE,
        "Auswahl der Anwendungen, um das berechtigte öffentliche Interesse umzusetzen",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.RESPONSIBILITIES,
        "Klärung der innerbehördlichen Verantwortlichkeiten für Social-Media-Auftritte",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.LEGAL_FRAMEWORK,
        "Klärung der rechtlichen Rahmenbedingungen",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.DATA_PROTECTION,
        "Umgang mit dem Datenschutz und Sensibilität bei personenbezogenen Daten",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.SOCIAL_PLUGINS,
        "Umgang mit Social Plugins, etwa „Gefällt-mir“-Buttons",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.THIRD_PARTY_POSTS,
        "Zeitnahe und angemessene Reaktion auf Beiträge Dritter",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.BERLIN_DE,
        "Bezug bzw. Abgrenzung zu berlin.de",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.ADVERTISING,
        "Einbettung des Auftritts Berlins in den Rahmen der Social-Media-Anwendung, insbesondere "
        "in Hinblick auf Werbeangebote",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.CORPORATE_IDENTITY,
        "Beachtung der Corporate Identity des Landes Berlin bzw. der jeweiligen Behörde",
    ),
    MotionItem(
        Audience.INSTITUTION,
        Aspect.ERRORS_LIABILITY,
        "Umgang mit Fehlern bei der Veröffentlichung von Informationen und Haftungsfragen",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.PRIVATE_PROFESSIONAL,
        "Grundsätze und Instrumente zur Trennung von privaten und beruflichen "
        "Social-Media-Aktivitäten",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.CONTACT_PERSONS,
        "Schaffung klarer AnsprechpartnerInnen und einfacher Kommunikationswege bei möglichen "
        "Problemen im alltäglichen Einsatz",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.RESPONSIBILITIES,
        "Beachtung der innerbehördlichen Verantwortlichkeiten und Regeln für den "
        "Social-Media-Auftritt",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.PERSONAL_RESPONSIBILITY,
        "Verdeutlichung der (persönlichen) Verantwortlichkeit für Veröffentlichungen und "
        "Haftungsfragen",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.DATA_PROTECTION,
        "Sensibilisierung beim Umgang mit personenbezogenen Daten",
    ),
    MotionItem(
        Audience.EMPLOYEE,
        Aspect.WORKING_HOURS,
        "Regeln (ggf. Erlaubnisversagung) zur privaten Benutzung von sozialen Netzwerken während "
        "der Arbeitszeit",
    ),
)
