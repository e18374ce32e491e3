"""Authorities and units: written by administrators only, unique names, deleted when unused."""

import pytest

from leitplanke.accounts.roles import Role
from leitplanke.database.engine import transaction
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.organisation import (
    create_authority,
    create_unit,
    delete_unit,
    list_authorities,
    list_units,
    update_authority,
    update_unit,
)
from leitplanke.registry.schemas import (
    AuthorityCreate,
    AuthorityUpdate,
    UnitCreate,
    UnitUpdate,
)
from leitplanke.registry.scope import Scope
from leitplanke.registry.tables import Unit
from tests.registry.conftest import ADMIN, ANNA


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"slug": "senatskanzlei", "name": "Andere"}, "slug"),
        ({"slug": "andere", "name": "SENATSKANZLEI"}, "name"),
    ],
)
def test_slug_and_name_of_an_authority_are_unique(sessions, world, data, field):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_authority(session, ANNA, ADMIN, AuthorityCreate.model_validate(data))
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, field)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER, Role.STAFF])
def test_only_administrators_write_authorities_and_units(sessions, world, role):
    scope = Scope(role, world.senate)
    with sessions() as session:
        for write in (
            lambda: create_authority(
                session, ANNA, scope, AuthorityCreate(slug="neu", name="Neue Behörde")
            ),
            lambda: update_authority(
                session, ANNA, scope, world.senate, AuthorityUpdate(name="Umbenannt")
            ),
            lambda: create_unit(
                session, ANNA, scope, UnitCreate(authority_id=world.senate, name="Neu")
            ),
            lambda: delete_unit(session, ANNA, scope, world.press_office),
        ):
            with pytest.raises(RegistryError) as raised:
                write()
            assert raised.value.kind is ErrorKind.FORBIDDEN


def test_an_authority_is_renamed_but_keeps_its_slug(sessions, world):
    with transaction(sessions) as session:
        authority = update_authority(
            session, ANNA, ADMIN, world.senate, AuthorityUpdate(name="Der Regierende Bürgermeister")
        )
        assert (authority.slug, authority.name) == ("senatskanzlei", "Der Regierende Bürgermeister")
    assert "slug" not in AuthorityUpdate.model_fields


def test_an_authority_may_not_take_the_name_of_another(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_authority(
            session, ANNA, ADMIN, world.district, AuthorityUpdate(name="Senatskanzlei")
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "name")


def test_a_unit_name_is_unique_within_its_authority_only(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_unit(session, ANNA, ADMIN, UnitCreate(authority_id=world.senate, name="presse"))
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "name")
    with transaction(sessions) as session:
        create_unit(session, ANNA, ADMIN, UnitCreate(authority_id=world.district, name="Presse"))


def test_a_unit_of_an_unknown_authority_names_the_authority(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_unit(session, ANNA, ADMIN, UnitCreate(authority_id=999, name="Presse"))
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "authority_id")


def test_a_unit_is_renamed(sessions, world):
    with transaction(sessions) as session:
        update_unit(session, ANNA, ADMIN, world.press_office, UnitUpdate(name="Pressestelle"))
    with sessions() as session:
        assert [unit.name for unit in list_units(session, world.senate)] == ["Pressestelle"]


def test_a_unit_with_people_is_not_deleted_an_empty_one_is(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        delete_unit(session, ANNA, ADMIN, world.press_office)
    assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "id")
    assert "gehört noch 1 Person" in raised.value.message
    with transaction(sessions) as session:
        delete_unit(session, ANNA, ADMIN, world.district_office)
    with sessions() as session:
        assert session.get(Unit, world.district_office) is None


def test_authorities_are_listed_by_name(sessions, world):
    with transaction(sessions) as session:
        create_authority(session, ANNA, ADMIN, AuthorityCreate(slug="aa", name="Abgeordnetenhaus"))
    with sessions() as session:
        assert [authority.slug for authority in list_authorities(session)] == [
            "aa",
            "ba-pankow",
            "senatskanzlei",
        ]
