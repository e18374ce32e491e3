"""People: of one authority, written by its editors, deleted once nothing names them."""

import pytest

from leitplanke.database.engine import transaction
from leitplanke.registry.contact_points import create_contact_point
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.people import (
    create_person,
    delete_person,
    get_person,
    list_people,
    update_person,
)
from leitplanke.registry.presences import set_team
from leitplanke.registry.schemas import (
    ContactPointCreate,
    PersonCreate,
    PersonInternal,
    PersonUpdate,
    TeamUpdate,
)
from tests.registry.conftest import ADMIN, ANNA, add_presence


def test_an_editor_adds_people_to_their_own_authority_only(sessions, world):
    editor = world.editor_of(world.district)
    with transaction(sessions) as session:
        person = create_person(
            session, ANNA, editor, PersonCreate(authority_id=world.district, name="Neu")
        )
        assert person.authority_id == world.district
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_person(session, ANNA, editor, PersonCreate(authority_id=world.senate, name="Neu"))
    assert (raised.value.kind, raised.value.field) == (ErrorKind.FORBIDDEN, "authority_id")


@pytest.mark.parametrize(
    ("data", "kind", "field"),
    [
        ({"authority_id": 999}, ErrorKind.INVALID, "authority_id"),
        ({"unit_id": 999}, ErrorKind.INVALID, "unit_id"),
        ({"unit_id": "district_office"}, ErrorKind.INVALID, "unit_id"),
    ],
)
def test_a_persons_authority_and_unit_must_exist_and_fit(sessions, world, data, kind, field):
    values = {"authority_id": world.senate, "name": "Neu"} | {
        key: getattr(world, value) if isinstance(value, str) else value
        for key, value in data.items()
    }
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_person(session, ANNA, ADMIN, PersonCreate.model_validate(values))
    assert (raised.value.kind, raised.value.field) == (kind, field)


def test_an_editor_of_another_authority_may_not_change_or_delete_a_person(sessions, world):
    editor = world.editor_of(world.district)
    with sessions() as session:
        for write in (
            lambda: update_person(session, ANNA, editor, world.erika, PersonUpdate(name="X")),
            lambda: delete_person(session, ANNA, editor, world.max),
        ):
            with pytest.raises(RegistryError) as raised:
                write()
            assert (raised.value.kind, raised.value.field) == (ErrorKind.FORBIDDEN, "id")


def test_a_persons_contact_details_are_changed_and_cleared(sessions, world):
    with transaction(sessions) as session:
        update_person(
            session,
            ANNA,
            ADMIN,
            world.erika,
            PersonUpdate.model_validate({"phone": "", "function": "Leitung"}),
        )
    with sessions() as session:
        person = PersonInternal.model_validate(get_person(session, world.erika))
    assert (person.phone, person.function, person.email) == (
        None,
        "Leitung",
        "erika.muster@senatskanzlei.berlin.de",
    )


def test_a_person_may_not_move_to_a_unit_of_another_authority(sessions, world):
    with sessions() as session, pytest.raises(RegistryError) as raised:
        update_person(
            session, ANNA, ADMIN, world.erika, PersonUpdate(unit_id=world.district_office)
        )
    assert (raised.value.kind, raised.value.field) == (ErrorKind.INVALID, "unit_id")


def test_a_person_named_by_a_presence_team_or_topic_is_not_deleted(sessions, world):
    presence_id = add_presence(sessions, world, contact_id=None)
    with transaction(sessions) as session:
        set_team(session, ANNA, ADMIN, presence_id, TeamUpdate(version=1, deputy_ids=[world.max]))
        create_contact_point(
            session,
            ANNA,
            ADMIN,
            ContactPointCreate(authority_id=world.senate, topic="Datenschutz", person_id=world.max),
        )
    with sessions() as session:
        for person_id, words in (
            (world.erika, "verantwortlich oder Kontakt für 1 Präsenz"),
            (world.max, "im Team von 1 Präsenz, Ansprechperson für 1 Thema"),
        ):
            with pytest.raises(RegistryError) as raised:
                delete_person(session, ANNA, ADMIN, person_id)
            assert (raised.value.kind, raised.value.field) == (ErrorKind.CONFLICT, "id")
            assert words in raised.value.message


def test_a_person_named_nowhere_is_deleted_and_the_deletion_recorded(sessions, world):
    with transaction(sessions) as session:
        delete_person(session, ANNA, world.editor_of(world.district), world.lena)
    with sessions() as session:
        assert [person.name for person in list_people(session, world.district)] == []
        with pytest.raises(RegistryError) as raised:
            get_person(session, world.lena)
        assert raised.value.kind is ErrorKind.NOT_FOUND


def test_people_are_listed_by_name(sessions, world):
    with sessions() as session:
        assert [person.name for person in list_people(session)] == [
            "Erika Muster",
            "Lena Probe",
            "Max Beispiel",
        ]
