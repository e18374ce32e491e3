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
    renderer: str  # name in `publish.renderers.RENDERERS` of the renderer that writes `file`


FORMATS: tuple[FormatInfo, ...] = (
    FormatInfo(
        "json",
        "rulebook.json",
        "application/json",
        "Regelwerk als JSON",
        "Das vollständige Regelwerk als JSON-Dokument.",
        "json",
    ),
    FormatInfo(
        "json-schema",
        "rulebook.schema.json",
        "application/schema+json",
        "JSON Schema des Regelwerks",
        "JSON Schema des veröffentlichten JSON-Dokuments.",
        "json",
    ),
    FormatInfo(
        "jsonld",
        "rulebook.jsonld",
        "application/ld+json",
        "Regelwerk als JSON-LD",
        "Linked Data nach der ELI-Ontologie und schema.org.",
        "rdf",
    ),
    FormatInfo(
        "turtle",
        "rulebook.ttl",
        "text/turtle",
        "Regelwerk als RDF/Turtle",
        "Linked Data nach der ELI-Ontologie und schema.org.",
        "rdf",
    ),
    FormatInfo(
        "akoma-ntoso",
        "rulebook.akn.xml",
        "application/akn+xml",
        "Regelwerk als Akoma Ntoso",
        "Rechtsdokument im Standard OASIS LegalDocML Akoma Ntoso 3.0.",
        "akoma-ntoso",
    ),
    FormatInfo(
        "csv",
        "rules.csv",
        "text/csv",
        "Regeln als CSV-Tabelle",
        "Eine Zeile je Regel, UTF-8, Komma als Trennzeichen.",
        "csv",
    ),
    FormatInfo(
        "html",
        "index.html",
        "text/html",
        "Regelwerk als Webseite",
        "Barrierefreie HTML-Fassung mit einer Seite je Regel.",
        "html",
    ),
    FormatInfo(
        "pdf",
        "rulebook.pdf",
        "application/pdf",
        "Regelwerk als PDF",
        "Gesetzte Druckfassung mit Inhaltsverzeichnis.",
        "pdf",
    ),
    FormatInfo(
        "changes",
        "changes.json",
        "application/json",
        "Versionsgeschichte mit Änderungen",
        "Alle veröffentlichten Versionen und die Änderungen zwischen ihnen.",
        "changes",
    ),
)

FORMAT_BY_NAME: dict[str, FormatInfo] = {info.name: info for info in FORMATS}
