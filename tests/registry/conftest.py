"""Fixtures of the registry: a migrated database per backend, and two authorities with people."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.accounts.roles import Role
from leitplanke.assessments.tables import AssessmentStatus, DecisionRecord, PresenceAssessment
from leitplanke.audit.chain import Actor
from leitplanke.database.engine import create_database_engine, session_factory, transaction
from leitplanke.database.migrate import upgrade
from leitplanke.registry.organisation import create_authority, create_unit
from leitplanke.registry.people import create_person
from leitplanke.registry.presences import create_presence
from leitplanke.registry.schemas import (
    AuthorityCreate,
    PersonCreate,
    PresenceCreate,
    UnitCreate,
)
from leitplanke.registry.scope import Scope

PLATFORMS = frozenset({"facebook", "instagram", "mastodon", "youtube"})
JOINT_CONTROLLER_PLATFORMS = frozenset({"facebook", "instagram"})
ADMIN = Scope(Role.ADMINISTRATOR)
ANNA = Actor(1, "Anna Admin")


@pytest.fixture
def database(database_url: str) -> Iterator[Engine]:
    """A database of the test's own (SQLite, and PostgreSQL where configured), migrated."""
    engine = create_database_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(database: Engine) -> sessionmaker[Session]:
    """Sessions on the test's database."""
    return session_factory(database)


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One session; what the test does not commit is rolled back at its end."""
    with sessions() as session:
        yield session


@dataclass(frozen=True)
class World:
    """Two authorities (Senatskanzlei with a press office, Bezirksamt) and their people."""

    senate: int
    district: int
    press_office: int
    district_office: int
    erika: int  # Senatskanzlei, press office
    max: int  # Senatskanzlei
    lena: int  # Bezirksamt

    def editor_of(self, authority_id: int) -> Scope:
        """The scope of an editor of the authority."""
        return Scope(Role.EDITOR, authority_id)


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    """The two authorities and three people, committed."""
    with transaction(sessions) as session:
        senate = create_authority(
            session,
            ANNA,
            ADMIN,
            AuthorityCreate(
                slug="senatskanzlei",
                name="Senatskanzlei",
                short_name="SKzl",
                website="https://www.berlin.de/rbmskzl/",
            ),
        )
        district = create_authority(
            session,
            ANNA,
            ADMIN,
            AuthorityCreate(slug="ba-pankow", name="Bezirksamt Pankow"),
        )
        press = create_unit(session, ANNA, ADMIN, UnitCreate(authority_id=senate.id, name="Presse"))
        office = create_unit(
            session, ANNA, ADMIN, UnitCreate(authority_id=district.id, name="Büro")
        )
        erika = create_person(
            session,
            ANNA,
            ADMIN,
            PersonCreate(
                authority_id=senate.id,
                unit_id=press.id,
                name="Erika Muster",
                function="Social-Media-Redaktion",
                email="erika.muster@senatskanzlei.berlin.de",
                phone="+49 30 9026-0",
            ),
        )
        max_ = create_person(
            session, ANNA, ADMIN, PersonCreate(authority_id=senate.id, name="Max Beispiel")
        )
        lena = create_person(
            session, ANNA, ADMIN, PersonCreate(authority_id=district.id, name="Lena Probe")
        )
        return World(senate.id, district.id, press.id, office.id, erika.id, max_.id, lena.id)


def presence_input(world: World, **changes: Any) -> PresenceCreate:
    """A complete new presence of the Senatskanzlei on Mastodon, with `changes`."""
    values: dict[str, Any] = {
        "name": "Senatskanzlei Berlin",
        "platform": "mastodon",
        "handle": "@senatskanzlei@berlin.social",
        "url": "https://berlin.social/@senatskanzlei",
        "purpose": "Informationen der Senatskanzlei.",
        "authority_id": world.senate,
        "unit_id": world.press_office,
        "responsible_id": world.erika,
        "contact_id": world.max,
        "imprint_url": "https://www.berlin.de/rbmskzl/impressum/",
        "privacy_notice_url": "https://www.berlin.de/rbmskzl/datenschutz/",
    }
    return PresenceCreate.model_validate(values | changes)


def add_presence(sessions: sessionmaker[Session], world: World, **changes: Any) -> int:
    """Stores a new presence (see `presence_input`) and returns its ID."""
    with transaction(sessions) as session:
        data = presence_input(world, **changes)
        return create_presence(session, ANNA, ADMIN, data, platforms=PLATFORMS).id


def sign_decision(
    sessions: sessionmaker[Session],
    presence_id: int,
    outcome: str,
    signed_at: datetime | None = None,
) -> int:
    """Stores a signed decision record with `outcome` for the presence; returns its ID."""
    with transaction(sessions) as session:
        assessment = PresenceAssessment(
            presence_id=presence_id, rulebook_version="1.0.0", status=AssessmentStatus.SIGNED
        )
        session.add(assessment)
        session.flush()
        record = DecisionRecord(
            assessment_id=assessment.id,
            presence_id=presence_id,
            rulebook_version="1.0.0",
            outcome=outcome,
            content="{}",
            content_hash="0" * 64,
            signature="c2lnbmF0dXJl",
            key_id="f" * 64,
            signed_by_name="Rita Review",
        )
        if signed_at is not None:
            record.signed_at = signed_at
        session.add(record)
        session.flush()
        return record.id
