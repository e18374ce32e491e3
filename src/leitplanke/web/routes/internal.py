"""The start page of the internal area: what the signed-in user may do, and where."""

from fastapi import APIRouter, Request, Response

from leitplanke.accounts.roles import Permission
from leitplanke.web.authentication import SignedInDep
from leitplanke.web.rendering import render_app_page

router = APIRouter(include_in_schema=False)


@router.get("/intern")
def internal_home(request: Request, who: SignedInDep) -> Response:
    """Links to the parts of the internal area the user's role allows."""
    return render_app_page(request, "internal.html", sections=INTERNAL_SECTIONS)


# The parts of the internal area in the order shown: (label, path, description, permission).
INTERNAL_SECTIONS: tuple[tuple[str, str, str, Permission], ...] = (
    ("Konten", "intern/konten", "Konten anlegen und Rollen vergeben.", Permission.MANAGE_USERS),
    (
        "Protokoll",
        "intern/protokoll",
        "Das manipulationssichere Protokoll aller Änderungen.",
        Permission.READ_AUDIT,
    ),
    (
        "Klärungsprozess",
        "intern/klaerungen",
        "Geplante Auftritte Schritt für Schritt klären, Ergebnisse zeichnen, Entscheidungen lesen.",
        Permission.READ_INTERNAL,
    ),
    (
        "Präsenzen",
        "intern/praesenzen",
        "Das Register aller Präsenzen: anlegen, ändern, Status, Team und Verlauf.",
        Permission.READ_INTERNAL,
    ),
    (
        "Ansprechpartner",
        "intern/ansprechpartner",
        "Wen Beschäftigte zu welchem Thema fragen.",
        Permission.READ_INTERNAL,
    ),
    ("Personen", "intern/personen", "Die Personen der Behörden.", Permission.READ_INTERNAL),
    (
        "Behörden",
        "intern/behoerden",
        "Behörden und ihre Organisationseinheiten.",
        Permission.READ_INTERNAL,
    ),
    (
        "Scans",
        "intern/scans",
        "Websites auf Plugins und Tracking vor der Einwilligung prüfen, Berichte lesen.",
        Permission.READ_INTERNAL,
    ),
)
