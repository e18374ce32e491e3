"""Contact points: one person of the authority per topic, written by the authority's editors."""

import pytest

from leitplanke.database.engine import transaction
from leitplanke.registry.contact_points import (
    create_contact_point,
    delete_contact_point,
    get_contact_point,
    list_contact_points,
    update_contact_point,
)
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.schemas import (
    ContactPointCreate,
    ContactPointInternal,
    ContactPointUpdate,
)
from leitplanke.registry.versions import history
from tests.registry.conftest import ADMIN, ANNA


@pytest.fixture
def topic(sessions, world):
    """A contact point of the Senatskanzlei for private use, answered by Erika."""
    with transaction(sessions) as session:
        return create_contact_point(
            session,
            ANNA,
            world.editor_of(world.senate),
            ContactPointCreate(
                authority_id=world.senate,
                topic="Private Nutzung",
                description="Fragen zur privaten Nutzung sozialer Medien.",
                person_id=world.erika,
            ),
        ).id


def test_a_contact_point_shows_its_person(sessions, world, topic):
    with sessions() as session:
        shown = ContactPointInternal.model_validate(get_contact_point(session, topic))
    assert (shown.topic, shown.person.name) == ("Private Nutzung", "Erika Muster")


@pytest.mark.parametrize(
    ("data", "kind", "field"),
    [
        ({"topic": "private nutzung"}, ErrorKind.CONFLICT, "topic"),
        ({"person_id": 999}, ErrorKind.INVALID, "person_id"),
        ({"person_id": "lena"}, ErrorKind.INVALID, "person_id"),
        ({"authority_id": 999}, ErrorKind.INVALID, "authority_id"),
    ],
)
def test_topics_are_unique_and_people_of_the_authority(sessions, world, topic, data, kind, field):
    values = {"authority_id": world.senate, "topic": "Neu", "person_id": world.max} | {
        key: getattr(world, value) if isinstance(value, str) and key != "topic" else value
        for key, value in data.items()
    }
    with sessions() as session, pytest.raises(RegistryError) as raised:
        create_contact_point(session, ANNA, ADMIN, ContactPointCreate.model_validate(values))
    assert (raised.value.kind, raised.value.field) == (kind, field)


def test_the_same_topic_may_exist_in_another_authority(sessions, world, topic):
    with transaction(sessions) as session:
        create_contact_point(
            session,
            ANNA,
            ADMIN,
            ContactPointCreate(
                authority_id=world.district, topic="Private Nutzung", person_id=world.lena
            ),
        )
    with sessions() as session:
        assert len(list_contact_points(session)) == 2
        assert len(list_contact_points(session, world.district)) == 1


def test_a_contact_point_gets_another_person_and_its_history_says_so(sessions, world, topic):
    with transaction(sessions) as session:
        update_contact_point(
            session, ANNA, ADMIN, topic, ContactPointUpdate(person_id=world.max, description="")
        )
    with sessions() as session:
        entries = history(session, "contact_point", topic)
    assert entries[-1].action == "contact_point.update"
    assert entries[-1].changes == {
        "description": ("Fragen zur privaten Nutzung sozialer Medien.", None),
        "person_id": (world.erika, world.max),
    }


def test_an_editor_of_another_authority_may_not_touch_a_contact_point(sessions, world, topic):
    editor = world.editor_of(world.district)
    with sessions() as session:
        for write in (
            lambda: update_contact_point(
                session, ANNA, editor, topic, ContactPointUpdate(topic="X")
            ),
            lambda: delete_contact_point(session, ANNA, editor, topic),
        ):
            with pytest.raises(RegistryError) as raised:
                write()
            assert raised.value.kind is ErrorKind.FORBIDDEN


def test_a_contact_point_is_deleted(sessions, world, topic):
    with transaction(sessions) as session:
        delete_contact_point(session, ANNA, ADMIN, topic)
    with sessions() as session:
        assert list_contact_points(session) == []
        assert history(session, "contact_point", topic)[-1].action == "contact_point.delete"
