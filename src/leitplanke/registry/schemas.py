"""What the registry takes in and gives out, kept apart from its tables.

`…Create` and `…Update` are inputs (an update changes only the fields it is given; a blank
optional field clears it), `…Internal` is what staff see, `…Public` what everyone may see.
Lengths match the columns. Whether a platform ID is in the rulebook's catalogue is checked
when the validation context names the catalogue (`platform_context`) and always by the
services.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationInfo,
    field_validator,
    model_validator,
)

from leitplanke.registry.fields import (
    EmailAddress,
    HttpsUrl,
    Id,
    Line,
    PhoneNumber,
    PlatformId,
    Slug,
    Text,
)
from leitplanke.registry.handles import parse_handle
from leitplanke.registry.tables import PresenceStatus, TeamRole

PLATFORMS = "platforms"  # key of the known platform IDs in a validation context
TEAM_SIZE = 50  # deputies or editors of one presence at most


def platform_context(platforms: Iterable[str]) -> dict[str, Any]:
    """The validation context that checks platform IDs against `platforms`."""
    return {PLATFORMS: frozenset(platforms)}


def platform_problem(platform: str, platforms: Iterable[str]) -> str | None:
    """Why `platform` is not acceptable (German), or None when it is in the catalogue."""
    known = sorted(platforms)
    if platform in known:
        return None
    return f"Die Plattform „{platform}“ ist nicht im Katalog (bekannt: {', '.join(known)})."


class Input(BaseModel):
    """An input: unknown fields are refused, blank optional fields become None."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def blank_is_none(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        optional = {name for name, field in cls.model_fields.items() if not field.is_required()}
        return {
            key: None if key in optional and isinstance(value, str) and not value.strip() else value
            for key, value in data.items()
        }


class Update(Input):
    """A partial change: only the fields given are changed; `NOT_NULL` fields cannot be cleared."""

    NOT_NULL: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*")
    @classmethod
    def required_fields_stay(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name in cls.NOT_NULL:
            raise ValueError("Dieses Feld ist Pflicht und kann nicht geleert werden.")
        return value

    def changes(self) -> dict[str, Any]:
        """The fields given, with their new values (`version` excluded)."""
        return {name: getattr(self, name) for name in sorted(self.model_fields_set - {"version"})}


class Output(BaseModel):
    """An output, read from a table row."""

    model_config = ConfigDict(from_attributes=True)


# Authorities and units


class AuthorityCreate(Input):
    """A new authority; its slug names it in URLs and cannot be changed later."""

    slug: Slug
    name: Line = Field(max_length=300)
    short_name: Line | None = Field(default=None, max_length=40)
    website: HttpsUrl | None = None


class AuthorityUpdate(Update):
    """Changes to an authority (not its slug)."""

    NOT_NULL = frozenset({"name"})

    name: Line | None = Field(default=None, max_length=300)
    short_name: Line | None = Field(default=None, max_length=40)
    website: HttpsUrl | None = None


class AuthorityPublic(Output):
    """An authority as everyone may see it."""

    id: int
    slug: str
    name: str
    short_name: str | None
    website: str | None


class UnitCreate(Input):
    """A new organisational unit of an authority."""

    authority_id: Id
    name: Line = Field(max_length=300)


class UnitUpdate(Update):
    """A unit's new name."""

    NOT_NULL = frozenset({"name"})

    name: Line | None = Field(default=None, max_length=300)


class UnitInternal(Output):
    """A unit as staff see it."""

    id: int
    authority_id: int
    name: str


# People


class PersonCreate(Input):
    """A new person of an authority, optionally of one of its units."""

    authority_id: Id
    unit_id: Id | None = None
    name: Line = Field(max_length=200)
    function: Line | None = Field(default=None, max_length=200)
    email: EmailAddress | None = None
    phone: PhoneNumber | None = None


class PersonUpdate(Update):
    """Changes to a person (who stays with their authority)."""

    NOT_NULL = frozenset({"name"})

    unit_id: Id | None = None
    name: Line | None = Field(default=None, max_length=200)
    function: Line | None = Field(default=None, max_length=200)
    email: EmailAddress | None = None
    phone: PhoneNumber | None = None


class PersonInternal(Output):
    """A person as staff see them."""

    id: int
    authority_id: int
    unit_id: int | None
    name: str
    function: str | None
    email: str | None
    phone: str | None


# Contact points


class ContactPointCreate(Input):
    """Whom the employees of an authority ask about a topic."""

    authority_id: Id
    topic: Line = Field(max_length=200)
    description: Text | None = None
    person_id: Id


class ContactPointUpdate(Update):
    """Changes to a contact point (which stays with its authority)."""

    NOT_NULL = frozenset({"topic", "person_id"})

    topic: Line | None = Field(default=None, max_length=200)
    description: Text | None = None
    person_id: Id | None = None


class ContactPointInternal(Output):
    """A contact point as staff see it."""

    id: int
    authority_id: int
    topic: str
    description: str | None
    person: PersonInternal


# Presences


class PresenceFields(Input):
    """Checks shared by a new presence and changes to one: platform and handle."""

    @field_validator("platform", check_fields=False)
    @classmethod
    def known_platform(cls, platform: str | None, info: ValidationInfo) -> str | None:
        known = (info.context or {}).get(PLATFORMS)
        if (
            platform is not None
            and known is not None
            and (problem := platform_problem(platform, known))
        ):
            raise ValueError(problem)
        return platform

    @field_validator("handle", check_fields=False)
    @classmethod
    def valid_handle(cls, handle: str | None) -> str | None:
        return None if handle is None else parse_handle(handle).text


class PresenceCreate(PresenceFields):
    """A planned presence; it starts as `planned` and becomes `approved` by a decision."""

    name: Line = Field(max_length=200)
    platform: PlatformId
    handle: Line = Field(max_length=200)
    url: HttpsUrl | None = None
    purpose: Text
    authority_id: Id
    unit_id: Id | None = None
    responsible_id: Id | None = None
    contact_id: Id | None = None
    imprint_url: HttpsUrl | None = None
    privacy_notice_url: HttpsUrl | None = None
    joint_controller_agreement: Line | None = Field(default=None, max_length=500)
    dpia_reference: Line | None = Field(default=None, max_length=200)
    berlin_de_url: HttpsUrl | None = None
    advertising: Text | None = None
    moderation_hours: Line | None = Field(default=None, max_length=300)


class PresenceUpdate(PresenceFields, Update):
    """Changes to a presence, made against the `version` the editor saw."""

    NOT_NULL = frozenset({"name", "platform", "handle", "purpose", "authority_id"})

    version: Id
    name: Line | None = Field(default=None, max_length=200)
    platform: PlatformId | None = None
    handle: Line | None = Field(default=None, max_length=200)
    url: HttpsUrl | None = None
    purpose: Text | None = None
    authority_id: Id | None = None
    unit_id: Id | None = None
    responsible_id: Id | None = None
    contact_id: Id | None = None
    imprint_url: HttpsUrl | None = None
    privacy_notice_url: HttpsUrl | None = None
    joint_controller_agreement: Line | None = Field(default=None, max_length=500)
    dpia_reference: Line | None = Field(default=None, max_length=200)
    berlin_de_url: HttpsUrl | None = None
    advertising: Text | None = None
    moderation_hours: Line | None = Field(default=None, max_length=300)


class StatusChange(Input):
    """A presence's next status, made against the `version` the editor saw, and why (recorded
    in its history)."""

    status: PresenceStatus
    version: Id
    reason: Text | None = None


class TeamUpdate(Input):
    """The whole team of a presence: its deputies and its editors (people of its authority)."""

    deputy_ids: list[Id] = Field(default_factory=list, max_length=TEAM_SIZE)
    editor_ids: list[Id] = Field(default_factory=list, max_length=TEAM_SIZE)
    version: Id

    @field_validator("deputy_ids", "editor_ids")
    @classmethod
    def each_once(cls, ids: list[int]) -> list[int]:
        if len(set(ids)) != len(ids):
            raise ValueError("Jede Person steht hier nur einmal.")
        return ids


class PresenceFilter(Input):
    """Which presences to list; all when no filter is given. `text` searches name, handle,
    purpose and authority, without case."""

    authority_id: Id | None = None
    platform: PlatformId | None = None
    status: PresenceStatus | None = None
    text: Line | None = Field(default=None, max_length=200)


class TeamMemberInternal(Output):
    """A person in a presence's team and what they do."""

    role: TeamRole
    person: PersonInternal


class PresenceInternal(Output):
    """A presence with everything staff may see."""

    id: int
    name: str
    platform: str
    handle: str
    url: str | None
    purpose: str
    status: PresenceStatus
    authority: AuthorityPublic
    unit: UnitInternal | None
    responsible: PersonInternal | None
    contact: PersonInternal | None
    team: list[TeamMemberInternal]
    imprint_url: str | None
    privacy_notice_url: str | None
    joint_controller_agreement: str | None
    dpia_reference: str | None
    berlin_de_url: str | None
    advertising: str | None
    moderation_hours: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class PresencePublic(Output):
    """A presence as everyone may see it: the account, its purpose, its authority and the
    links the law asks for; never the people behind it or internal notes."""

    id: int
    name: str
    platform: str
    handle: str
    url: str | None
    purpose: str
    status: PresenceStatus
    status_since: datetime
    authority: AuthorityPublic
    imprint_url: str | None
    privacy_notice_url: str | None
    berlin_de_url: str | None


# History


class HistoryEntry(Output):
    """One version of an entry: who changed it when, and each field as `[old, new]`."""

    sequence: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    changes: dict[str, tuple[JsonValue, JsonValue]]
