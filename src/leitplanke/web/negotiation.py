"""Content negotiation: which offered format a request's Accept header (or ?format=) asks for."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request

from leitplanke.publish.formats import FORMAT_BY_NAME


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header, e.g. 'text/*;q=0.8'."""

    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How exactly this range names `media_type`: 3 exact, 2 'type/*', 1 '*/*', 0 no match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped."""
    ranges = []
    for entry in header.split(","):
        media, *parameters = (part.strip() for part in entry.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(kind, sub, quality))
    return ranges


def quality_of(ranges: list[MediaRange], media_type: str) -> float:
    """The quality the most specific matching range gives `media_type` (0 if none matches)."""
    best, quality = 0, 0.0
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity > best:
            best, quality = specificity, media_range.quality
    return quality


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the client prefers; ties go to the earlier offer; None if none fits.

    A missing or empty Accept header accepts anything, so the first offer wins.
    """
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = parse_accept(accept)
    best: str | None = None
    best_quality = 0.0
    for media_type in offered:
        quality = quality_of(ranges, media_type)
        if quality > best_quality:
            best, best_quality = media_type, quality
    return best


def offered_media_types(formats: tuple[str, ...]) -> list[str]:
    """The media types of format names from the catalogue of formats."""
    return [FORMAT_BY_NAME[name].media_type for name in formats]


class Negotiation:
    """A dependency that picks one of `formats` for the request or answers 406.

    `?format=<name>` overrides the Accept header, so that plain links can ask for a format.
    """

    def __init__(self, formats: tuple[str, ...]) -> None:
        self.formats = formats

    def __call__(
        self,
        request: Request,
        format_name: Annotated[
            str | None,
            Query(
                alias="format",
                description="Format erzwingen statt Accept-Header, z. B. json, jsonld, turtle.",
            ),
        ] = None,
    ) -> str:
        if format_name:
            if format_name in self.formats:
                return format_name
            raise self.not_acceptable()
        media_type = negotiate(request.headers.get("accept"), offered_media_types(self.formats))
        if media_type is None:
            raise self.not_acceptable()
        return next(name for name in self.formats if FORMAT_BY_NAME[name].media_type == media_type)

    def not_acceptable(self) -> HTTPException:
        """406 naming the formats this resource offers."""
        offered = ", ".join(f"{name} ({FORMAT_BY_NAME[name].media_type})" for name in self.formats)
        return HTTPException(
            status_code=406,
            detail=f"Dieses Format wird hier nicht angeboten. Verfügbar: {offered}.",
            headers={"Vary": "Accept"},
        )


def html_first(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The same formats with HTML as the default, for URIs that people open in a browser."""
    return ("html", *(name for name in formats if name != "html"))


def alternative_content(formats: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entry listing every media type a negotiated route can answer with."""
    content: dict[str, Any] = {FORMAT_BY_NAME[name].media_type: {} for name in formats}
    return {
        200: {"content": content, "description": "Die Ressource im ausgehandelten Format."},
        406: {"description": "Keines der angebotenen Formate ist annehmbar."},
    }
