"""Check type `media`: images carry meaningful alternative text, videos carry subtitles."""

import re
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field

from leitplanke.checks.draft import Draft, Media, MediaKind
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig

# Alternative texts that say nothing, compared by their letters only ("Bild 1" is "bild").
PLACEHOLDER_ALTS = (
    "bild",
    "foto",
    "grafik",
    "sharepic",
    "symbolbild",
    "symbolfoto",
    "screenshot",
    "bildschirmfoto",
    "logo",
    "image",
    "img",
    "photo",
    "picture",
    "graphic",
    "alt",
    "alttext",
    "alternativtext",
    "beschreibung",
    "description",
    "platzhalter",
    "placeholder",
    "kein",
    "keine",
    "ohne",
    "todo",
    "tbd",
    "xxx",
    "test",
)

# Short notes that mark a purely decorative image; they need no minimum length.
DECORATIVE_ALTS = ("dekorativ", "dekorativesbild", "nurdekorativ", "schmuckbild", "decorative")

DISCOURAGED_PREFIXES = (
    "Bild von",
    "Bild zeigt",
    "Foto von",
    "Foto zeigt",
    "Grafik von",
    "Grafik zeigt",
    "Image of",
    "Picture of",
    "Photo of",
)

_FILE_NAME = re.compile(
    r"^(?:[^\s/\\]+\.(?:jpe?g|png|gif|webp|heic|heif|tiff?|bmp|svg|avif|mp4|mov)"
    r"|(?:img|dsc|dscn|dcim|pxl|mvimg|screenshot|bildschirmfoto)[\s_-]?\d[\w\s.:-]*)$",
    re.IGNORECASE,
)

KIND_LABEL = {MediaKind.IMAGE: "Bild", MediaKind.VIDEO: "Video", MediaKind.AUDIO: "Audio"}


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalpha())


def _file_stem(url: str | None) -> str:
    """The file name of `url` without extension, or "" if it has none."""
    try:
        return PurePosixPath(urlsplit(url or "").path).stem
    except ValueError:
        return ""


class MediaCheck(CheckConfig):
    """Reports images without meaningful alternative text and videos without subtitles.

    Hits concern the draft as a whole and have the empty span 0–0; the message names the
    medium by its position among the attachments.
    """

    type: Literal["media"] = "media"
    alt_text: bool = Field(default=True, description="Check the images' alternative text.")
    subtitles: bool = Field(default=True, description="Check that videos have subtitles.")
    min_alt_length: int = Field(
        default=10, ge=1, description="Fewer characters are too short to be meaningful."
    )
    placeholder_alts: list[str] = Field(
        default_factory=lambda: list(PLACEHOLDER_ALTS),
        description="Alternative texts that say nothing, compared by their letters only.",
    )
    discouraged_prefixes: list[str] = Field(
        default_factory=lambda: list(DISCOURAGED_PREFIXES),
        description="Openings screen readers make redundant, such as „Bild von“.",
    )
    subtitle_kinds: list[MediaKind] = Field(
        default_factory=lambda: [MediaKind.VIDEO],
        description="Media kinds that need subtitles (audio: a transcript).",
    )
    report_unknown_subtitles: bool = Field(
        default=True, description="Also report videos that do not say whether subtitles exist."
    )

    def run(self, draft: Draft) -> list[Hit]:
        """At most one alternative-text hit per image and one subtitle hit per video."""
        hits: list[Hit] = []
        for number, medium in enumerate(draft.media, start=1):
            name = f"{KIND_LABEL[medium.kind]} {number}"
            if self.alt_text and medium.kind is MediaKind.IMAGE:
                hits += self._alt_hits(name, medium)
            if self.subtitles and medium.kind in self.subtitle_kinds:
                hits += self._subtitle_hits(name, medium)
        return [self.worded(hit) for hit in hits]

    def _alt_hits(self, name: str, medium: Media) -> list[Hit]:
        problem = self._alt_problem(name, medium)
        if problem is None:
            return []
        kind, message, confidence = problem
        fix = (
            "Die Formel weglassen: Screenreader sagen bereits an, dass ein Bild folgt."
            if kind == "alt_prefix"
            else "In ein bis zwei Sätzen beschreiben, was für das Verständnis nötig ist; Text "
            "im Bild vollständig wiedergeben."
        )
        return [Hit(0, 0, message, fix, kind=kind, confidence=confidence)]

    def _alt_problem(self, name: str, medium: Media) -> tuple[str, str, float] | None:
        """The first problem of the image's alternative text: kind, message, confidence."""
        alt = " ".join((medium.alt or "").split())
        letters = _letters(alt)
        if not letters:
            return "alt_missing", f"{name} hat keinen Alternativtext", 1.0
        if _FILE_NAME.match(alt) or letters == _letters(_file_stem(medium.url)):
            return "alt_file_name", f"Alternativtext von {name} ist ein Dateiname („{alt}“)", 1.0
        if letters in {_letters(word) for word in self.placeholder_alts}:
            return "alt_placeholder", f"Alternativtext von {name} („{alt}“) sagt nichts aus", 1.0
        if len(alt) < self.min_alt_length and letters not in DECORATIVE_ALTS:
            return "alt_too_short", f"Alternativtext von {name} („{alt}“) ist zu kurz", 0.8
        for prefix in self.discouraged_prefixes:
            if alt.casefold().startswith(prefix.casefold()):
                return "alt_prefix", f"Alternativtext von {name} beginnt mit „{prefix}“", 0.8
        return None

    def _subtitle_hits(self, name: str, medium: Media) -> list[Hit]:
        fix = (
            "Geprüfte Untertitel hinzufügen; bei Audio ein Transkript bereitstellen."
            if medium.kind is MediaKind.AUDIO
            else "Geprüfte Untertitel hinzufügen; automatisch erzeugte vorher korrigieren."
        )
        if medium.subtitles is False:
            return [Hit(0, 0, f"{name} hat keine Untertitel", fix, kind="subtitles_missing")]
        if medium.subtitles is None and self.report_unknown_subtitles:
            return [
                Hit(
                    0,
                    0,
                    f"Für {name} ist nicht angegeben, ob Untertitel vorhanden sind",
                    fix,
                    kind="subtitles_unknown",
                    confidence=0.5,
                )
            ]
        return []
