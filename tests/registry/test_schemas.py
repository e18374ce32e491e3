"""Registry inputs: lengths of the columns, forms, types and IDs, checked before any write."""

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy import String

from leitplanke.database.base import Base
from leitplanke.registry.schemas import (
    AuthorityCreate,
    AuthorityUpdate,
    ContactPointCreate,
    ContactPointUpdate,
    PersonCreate,
    PersonUpdate,
    PresenceCreate,
    PresenceFilter,
    PresencePublic,
    PresenceUpdate,
    StatusChange,
    TeamUpdate,
    UnitCreate,
    UnitUpdate,
    platform_context,
)
from leitplanke.registry.tables import Authority, ContactPoint, Person, Presence, Unit

SCHEMA_TABLES: list[tuple[type[BaseModel], type[Base]]] = [
    (AuthorityCreate, Authority),
    (AuthorityUpdate, Authority),
    (UnitCreate, Unit),
    (UnitUpdate, Unit),
    (PersonCreate, Person),
    (PersonUpdate, Person),
    (ContactPointCreate, ContactPoint),
    (ContactPointUpdate, ContactPoint),
    (PresenceCreate, Presence),
    (PresenceUpdate, Presence),
]

VALID: dict[type[BaseModel], dict[str, Any]] = {
    AuthorityCreate: {"slug": "senatskanzlei", "name": "Senatskanzlei"},
    AuthorityUpdate: {},
    UnitCreate: {"authority_id": 1, "name": "Presse"},
    UnitUpdate: {},
    PersonCreate: {"authority_id": 1, "name": "Erika Muster"},
    PersonUpdate: {},
    ContactPointCreate: {"authority_id": 1, "topic": "Private Nutzung", "person_id": 1},
    ContactPointUpdate: {},
    PresenceCreate: {
        "name": "Senatskanzlei",
        "platform": "mastodon",
        "handle": "@senatskanzlei@berlin.social",
        "purpose": "Informationen.",
        "authority_id": 1,
    },
    PresenceUpdate: {"version": 1},
    StatusChange: {},
    TeamUpdate: {},
    PresenceFilter: {},
}


def string_lengths(schema: type[BaseModel]) -> dict[str, int | None]:
    """Each text field's maxLength in the schema's JSON Schema (None: unbounded)."""
    lengths: dict[str, int | None] = {}
    for name, prop in schema.model_json_schema()["properties"].items():
        variants = prop.get("anyOf", [prop])
        texts = [variant for variant in variants if variant.get("type") == "string"]
        if texts:
            lengths[name] = texts[0].get("maxLength")
    return lengths


def error_of(schema: type[BaseModel], data: dict[str, Any], **options: Any) -> tuple[str, str]:
    """The (field, error type) of the one error `data` causes."""
    with pytest.raises(ValidationError) as raised:
        schema.model_validate(VALID[schema] | data, **options)
    errors = raised.value.errors()
    assert len(errors) == 1, errors
    return ".".join(str(part) for part in errors[0]["loc"]), errors[0]["type"]


@pytest.mark.parametrize(("schema", "table"), SCHEMA_TABLES, ids=lambda item: item.__name__)
def test_every_text_field_is_limited_to_its_columns_length(schema, table):
    columns = table.__table__.columns
    for name, length in string_lengths(schema).items():
        column = columns.get(name)
        if column is not None and isinstance(column.type, String) and column.type.length:
            assert length == column.type.length, name
        else:
            assert length is not None, f"{name} has no limit"


def oversized(field: str, length: int) -> str:
    """A value of `field` that is one character too long, valid otherwise."""
    if field.endswith(("url", "website")):
        return "https://example.org/" + "a" * (length - 19)
    if field == "email":
        return "a" * 64 + "@" + ("b" * 62 + ".") * 2 + "c" * 61 + ".de"  # 255 characters
    if field == "phone":
        return "0" * (length + 1)
    return "a" * (length + 1)


OVERSIZED = [
    (schema, field, length)
    for schema, _ in SCHEMA_TABLES
    for field, length in string_lengths(schema).items()
    if length is not None
]


@pytest.mark.parametrize(
    ("schema", "field", "length"),
    OVERSIZED,
    ids=[f"{schema.__name__}.{field}" for schema, field, _ in OVERSIZED],
)
def test_oversized_text_is_refused_at_its_field(schema, field, length):
    value = oversized(field, length)
    assert len(value) == length + 1
    assert error_of(schema, {field: value})[0] == field


@pytest.mark.parametrize(
    ("schema", "data", "want"),
    [
        (PresenceCreate, {"name": 5}, ("name", "string_type")),
        (PresenceCreate, {"name": ["a"]}, ("name", "string_type")),
        (PresenceCreate, {"authority_id": "eins"}, ("authority_id", "int_parsing")),
        (PresenceCreate, {"authority_id": True}, ("authority_id", "value_error")),
        (PresenceCreate, {"authority_id": 1.5}, ("authority_id", "int_from_float")),
        (PresenceCreate, {"authority_id": 0}, ("authority_id", "greater_than")),
        (PresenceCreate, {"authority_id": 2**40}, ("authority_id", "less_than_equal")),
        (PresenceCreate, {"responsible_id": -3}, ("responsible_id", "greater_than")),
        (PresenceCreate, {"owner": "x"}, ("owner", "extra_forbidden")),
        (PresenceCreate, {"status": "active"}, ("status", "extra_forbidden")),
        (PresenceCreate, {"platform": "Face Book"}, ("platform", "string_pattern_mismatch")),
        (PresenceCreate, {"name": "Zwei\nZeilen"}, ("name", "string_pattern_mismatch")),
        (PresenceCreate, {"purpose": "Glocke\x07"}, ("purpose", "string_pattern_mismatch")),
        (PresenceCreate, {"name": "   "}, ("name", "string_too_short")),
        (PresenceCreate, {"handle": "@a b"}, ("handle", "value_error")),
        (PresenceCreate, {"url": "http://berlin.social/@a"}, ("url", "value_error")),
        (PresenceCreate, {"url": "https://user:pw@berlin.social/"}, ("url", "value_error")),
        (PresenceCreate, {"url": "https:///pfad"}, ("url", "value_error")),
        (PresenceCreate, {"url": "https://berlin social/"}, ("url", "value_error")),
        (PresenceCreate, {"url": "javascript:alert(1)"}, ("url", "value_error")),
        (PresenceCreate, {"imprint_url": "https://a.de:99999/"}, ("imprint_url", "value_error")),
        (PersonCreate, {"email": "erika(at)berlin.de"}, ("email", "value_error")),
        (PersonCreate, {"phone": "030 / ruf mich an"}, ("phone", "string_pattern_mismatch")),
        (AuthorityCreate, {"slug": "Senats Kanzlei"}, ("slug", "string_pattern_mismatch")),
        (AuthorityCreate, {"slug": "senat--kanzlei"}, ("slug", "string_pattern_mismatch")),
        (StatusChange, {"status": "deleted", "version": 1}, ("status", "enum")),
        (TeamUpdate, {"version": 1, "deputy_ids": "1"}, ("deputy_ids", "list_type")),
        (TeamUpdate, {"version": 1, "editor_ids": [1, "x"]}, ("editor_ids.1", "int_parsing")),
        (TeamUpdate, {"version": 1, "editor_ids": [2, 2]}, ("editor_ids", "value_error")),
        (TeamUpdate, {"version": 1, "editor_ids": list(range(1, 52))}, ("editor_ids", "too_long")),
        (PresenceUpdate, {"name": None}, ("name", "value_error")),
        (PresenceUpdate, {"handle": ""}, ("handle", "value_error")),
        (PresenceUpdate, {"version": None}, ("version", "int_type")),
        (PresenceFilter, {"status": "gone"}, ("status", "enum")),
    ],
)  # fmt: skip
def test_wrong_types_and_forms_are_refused_at_their_field(schema, data, want):
    assert error_of(schema, data) == want


def test_an_unknown_platform_is_refused_when_the_catalogue_is_given():
    field, kind = error_of(
        PresenceCreate, {"platform": "myspace"}, context=platform_context({"mastodon"})
    )
    assert (field, kind) == ("platform", "value_error")
    assert PresenceCreate.model_validate(
        VALID[PresenceCreate], context=platform_context(["mastodon"])
    )


def test_value_errors_speak_german():
    with pytest.raises(ValidationError) as raised:
        PresenceCreate.model_validate(
            VALID[PresenceCreate] | {"url": "http://x.de", "handle": "a/b"},
            context=platform_context({"x"}),
        )
    messages = {error["loc"][0]: error["msg"] for error in raised.value.errors()}
    assert messages == {
        "url": "Value error, Die Adresse muss mit https:// beginnen.",
        "handle": "Value error, Bitte nur den Kontonamen angeben, nicht die Adresse des Kontos.",
        "platform": "Value error, Die Plattform „mastodon“ ist nicht im Katalog (bekannt: x).",
    }


def test_inputs_are_trimmed_and_blank_optional_fields_are_none():
    person = PersonCreate.model_validate(
        {
            "authority_id": "1",
            "name": "  Erika Muster ",
            "function": "   ",
            "email": " Erika.Muster@Berlin.DE ",
            "phone": " +49 (30) 9026-0 ",
        }
    )
    assert person.model_dump() == {
        "authority_id": 1,
        "unit_id": None,
        "name": "Erika Muster",
        "function": None,
        "email": "Erika.Muster@berlin.de",
        "phone": "+49 (30) 9026-0",
    }


def test_a_purpose_may_have_paragraphs():
    text = "Erster Absatz.\r\n\r\nZweiter Absatz."
    assert PresenceCreate.model_validate(VALID[PresenceCreate] | {"purpose": text}).purpose == text


@pytest.mark.parametrize(
    "url",
    [
        "https://berlin.social/@senatskanzlei",
        "https://www.berlin.de:443/rbmskzl/impressum/?a=1#oben",
        "HTTPS://WWW.BERLIN.DE/",
        "https://bürgeramt.berlin.de/",
    ],
)
def test_https_urls_are_kept_as_entered(url):
    assert PresenceCreate.model_validate(VALID[PresenceCreate] | {"url": url}).url == url


def test_an_update_knows_which_fields_it_changes():
    update = PresenceUpdate.model_validate({"version": 3, "name": "Neu", "contact_id": ""})
    assert update.changes() == {"contact_id": None, "name": "Neu"}


def test_the_public_view_names_no_people_and_no_internal_notes():
    internal = {
        "unit",
        "responsible",
        "contact",
        "team",
        "joint_controller_agreement",
        "dpia_reference",
        "advertising",
        "moderation_hours",
        "version",
    }
    assert not internal & set(PresencePublic.model_fields)
    assert "email" not in str(PresencePublic.model_json_schema())
