"""A draft post as checks see it: text plus who posts it, platform, links, media and scheduling."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from leitplanke.rulebook.vocabulary import Audience

DEFAULT_AUDIENCE = Audience.INSTITUTION
"""Who posts a draft that does not say: an official account, whose editors the tool serves."""


class Platform(StrEnum):
    """Platforms whose limits and conventions the checks know."""

    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    X = "x"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    LINKEDIN = "linkedin"
    THREADS = "threads"
    YOUTUBE = "youtube"


class MediaKind(StrEnum):
    """Kinds of attached media."""

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"


class Media(BaseModel):
    """An attached image, video or audio file with what accessibility and rights need."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: MediaKind
    url: str | None = None
    alt: str | None = Field(default=None, description="Alternative text (images).")
    subtitles: bool | None = Field(default=None, description="Subtitles present (video, audio).")
    source: str | None = Field(default=None, description="Author or source of third-party media.")
    licence: str | None = Field(default=None, description="Licence of third-party media.")
    third_party: bool = Field(default=False, description="Made by someone outside the body.")


class Draft(BaseModel):
    """A draft post."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Annotated[str, StringConstraints(max_length=100_000)]
    id: str | None = Field(default=None, description="Caller's identifier, echoed in results.")
    audience: Audience | None = Field(
        default=None,
        description="Who posts the draft: `institution` (an official account of the body) or "
        "`employee` (an employee in their own name); only rules of that audience are checked. "
        "Unset: `institution`.",
    )
    platform: Platform | None = None
    links: list[str] = Field(default_factory=list, description="Links besides those in the text.")
    media: list[Media] = Field(default_factory=list)
    account: str | None = None
    planned_at: datetime | None = None

    @property
    def checked_audience(self) -> Audience:
        """The audience whose rules check this draft: its own, else DEFAULT_AUDIENCE."""
        return self.audience or DEFAULT_AUDIENCE
