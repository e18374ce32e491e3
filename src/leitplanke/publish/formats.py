"""The catalogue of published formats, as data: name, file, media type, German title."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatInfo:
    """One downloadable format of the rulebook (a DCAT distribution)."""

    name: str
    file: str
    media_type: str
    title: str
    description: str


FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo(
        "json",
        "rulebook.json",
        "application/json",
        "Regelwerk als JSON",
        "Das vollständige Regelwerk als JSON-Dokument.",
    ),
    FormatInfo(
        "json-schema",
        "rulebook.schema.json",
        "application/schema+json",
        "JSON Schema des Regelwerks",
        "JSON Schema des veröffentlichten JSON-Dokuments.",
    ),
    FormatInfo(
        "jsonld",
        "rulebook.jsonld",
        "application/ld+json",
        "Regelwerk als JSON-LD",
        "Linked Data nach der ELI-Ontologie und schema.org.",
    ),
    FormatInfo(
        "turtle",
        "rulebook.ttl",
        "text/turtle",
        "Regelwerk als RDF/Turtle",
        "Linked Data nach der ELI-Ontologie und schema.org.",
    ),
    FormatInfo(
        "akoma-ntoso",
        "rulebook.akn.xml",
        "application/akn+xml",
        "Regelwerk als Akoma Ntoso",
        "Rechtsdokument im Standard OASIS LegalDocML Akoma Ntoso 3.0.",
    ),
    FormatInfo(
        "csv",
        "rules.csv",
        "text/csv",
        "Regeln als CSV-Tabelle",
        "Eine Zeile je Regel, UTF-8, Komma als Trennzeichen.",
    ),
    FormatInfo(
        "html",
        "index.html",
        "text/html",
        "Regelwerk als Webseite",
        "Barrierefreie HTML-Fassung mit einer Seite je Regel.",
    ),
    FormatInfo(
        "pdf",
        "rulebook.pdf",
        "application/pdf",
        "Regelwerk als PDF",
        "Gesetzte Druckfassung mit Inhaltsverzeichnis.",
    ),
    FormatInfo(
        "changes",
        "changes.json",
        "application/json",
        "Versionsgeschichte mit Änderungen",
        "Alle veröffentlichten Versionen und die Änderungen zwischen ihnen.",
    ),
)

FORMAT_BY_NAME: dict[str, FormatInfo] = {info.name: info for info in FORMATS}
