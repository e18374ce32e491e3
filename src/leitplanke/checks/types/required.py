"""Check type `required`: what a draft must contain – text patterns and details of others' media."""

import re
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from leitplanke.checks.draft import Draft, Media
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig
from leitplanke.checks.types.media import KIND_LABEL

MediaField = Literal["source", "licence"]

FIELD_LABEL: dict[str, str] = {"source": "Quelle bzw. Urheberin oder Urheber", "licence": "Lizenz"}


class Requirement(BaseModel):
    """A regex the text must match, optionally only when another regex matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str = Field(description="Regex the text must match (multi-line: ^ starts a line).")
    description: str = Field(min_length=2, description="What is missing, in German.")
    when: str | None = Field(
        default=None, description="Regex; only a text that matches it must match `pattern`."
    )
    ignore_case: bool = True

    _pattern: re.Pattern[str] = PrivateAttr()
    _when: re.Pattern[str] | None = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> Self:
        flags = re.MULTILINE | (re.IGNORECASE if self.ignore_case else 0)
        try:
            self._pattern = re.compile(self.pattern, flags)
            self._when = re.compile(self.when, flags) if self.when else None
        except re.error as error:
            raise ValueError(f"ungültiger regulärer Ausdruck: {error}") from None
        return self

    def hit(self, text: str) -> Hit | None:
        """A hit if the requirement applies to `text` and is not met; it points at the trigger."""
        start = end = 0
        if self._when is not None:
            trigger = self._when.search(text)
            if trigger is None:
                return None
            start, end = trigger.span()
        if self._pattern.search(text):
            return None
        return Hit(start, end, f"Es fehlt: {self.description}", kind="missing_text")


class RequiredCheck(CheckConfig):
    """Reports a draft that lacks a required text or whose third-party media lack credits.

    Missing text has the empty span 0–0, or the span of the `when` match that made it required;
    media hits have the empty span.
    """

    type: Literal["required"] = "required"
    patterns: list[Requirement] = Field(default_factory=list)
    third_party_media: list[MediaField] = Field(
        default_factory=list,
        description="Fields every medium marked `third_party` must fill: source, licence.",
    )
    credit_in_text: bool = Field(
        default=False,
        description="The source and licence given for third-party media must appear in the text.",
    )

    @model_validator(mode="after")
    def _something_required(self) -> Self:
        if not (self.patterns or self.third_party_media or self.credit_in_text):
            raise ValueError(
                "required braucht `patterns`, `third_party_media` oder `credit_in_text`"
            )
        return self

    def run(self, draft: Draft) -> list[Hit]:
        """Hits for unmet text requirements, then per third-party medium."""
        hits = [hit for req in self.patterns if (hit := req.hit(draft.text)) is not None]
        for number, medium in enumerate(draft.media, start=1):
            if medium.third_party:
                hits += self._media_hits(f"{KIND_LABEL[medium.kind]} {number}", medium, draft.text)
        return [self.worded(hit) for hit in hits]

    def _media_hits(self, name: str, medium: Media, text: str) -> list[Hit]:
        hits: list[Hit] = []
        missing = [
            FIELD_LABEL[field]
            for field in self.third_party_media
            if not (getattr(medium, field) or "").strip()
        ]
        if missing:
            hits.append(
                Hit(
                    0,
                    0,
                    f"Fremdes Medium ({name}): {' und '.join(missing)} nicht angegeben",
                    "Nutzungsrechte klären und Urheberin oder Urheber, Quelle und Lizenz so "
                    "angeben, wie Lizenz oder Vertrag es verlangen.",
                    kind="media_credit_missing",
                )
            )
        if self.credit_in_text:
            flat = " ".join(text.split()).casefold()
            absent = [
                value
                for value in (medium.source, medium.licence)
                if value and " ".join(value.split()).casefold() not in flat
            ]
            if absent:
                hits.append(
                    Hit(
                        0,
                        0,
                        f"Fremdes Medium ({name}): „{' / '.join(absent)}“ nicht im Beitragstext "
                        "genannt",
                        "Im Beitragstext nennen, etwa „Foto: Name / Lizenz“.",
                        kind="media_credit_not_in_text",
                    )
                )
        return hits
