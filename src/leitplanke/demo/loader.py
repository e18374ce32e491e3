"""Loads the demonstration data set through the same services as the web application.

Every write goes through the registry and assessment services, so the demo has a real audit
log, real signed decision records and presences that went through their life cycle. The set is
loaded only into a database without authorities; an audit entry `demo.load` marks it, and the
web app shows a notice on its pages while that entry exists.
"""

import secrets
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Role
from leitplanke.accounts.users import create_user
from leitplanke.assessments import visible_questions
from leitplanke.assessments.service import save_step, sign_assessment, start_assessment
from leitplanke.assessments.signing import SigningKey
from leitplanke.audit.chain import Actor, record
from leitplanke.audit.tables import AuditEntry
from leitplanke.registry import (
    AuthorityCreate,
    ContactPointCreate,
    PersonCreate,
    PresenceCreate,
    Scope,
    StatusChange,
    TeamUpdate,
    UnitCreate,
    change_status,
    create_authority,
    create_contact_point,
    create_person,
    create_presence,
    create_unit,
    set_team,
)
from leitplanke.registry.tables import Authority, Presence, PresenceStatus
from leitplanke.rulebook.catalogue import joint_controller_platforms
from leitplanke.rulebook.versions import RulebookHistory
from leitplanke.rulebook.yaml_source import read_yaml

DEMO_FILE = Path(str(files("leitplanke.demo").joinpath("demo.yaml")))
DEMO_ACTION = "demo.load"
DEMO_ACTOR = Actor(None, "Demo-Daten")
ADMINISTRATION = Scope(Role.ADMINISTRATOR)


class DemoModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoPerson(DemoModel):
    key: str
    name: str
    function: str | None = None
    unit: str | None = None
    email: str | None = None
    phone: str | None = None


class DemoContactPoint(DemoModel):
    topic: str
    description: str | None = None
    person: str


class DemoAuthority(DemoModel):
    slug: str
    name: str
    short_name: str | None = None
    website: str | None = None
    units: list[str] = Field(default_factory=list)
    people: list[DemoPerson] = Field(default_factory=list)
    contact_points: list[DemoContactPoint] = Field(default_factory=list)


class DemoAccount(DemoModel):
    username: str
    name: str
    role: Role
    authority: str | None = None


class DemoAssessment(DemoModel):
    answers: dict[str, Any]
    signed_by: str | None = None
    steps: int | None = Field(default=None, description="Answer only the first steps (open).")


class DemoPresence(DemoModel):
    authority: str
    name: str
    platform: str
    handle: str
    url: str | None = None
    purpose: str
    unit: str | None = None
    responsible: str | None = None
    contact: str | None = None
    deputies: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    imprint_url: str | None = None
    privacy_notice_url: str | None = None
    joint_controller_agreement: str | None = None
    dpia_reference: str | None = None
    berlin_de_url: str | None = None
    advertising: str | None = None
    moderation_hours: str | None = None
    assessment: DemoAssessment | None = None
    statuses: list[PresenceStatus] = Field(default_factory=list)


class DemoSet(DemoModel):
    answer_sets: dict[str, dict[str, Any]] = Field(default_factory=dict)
    authorities: list[DemoAuthority]
    accounts: list[DemoAccount]
    presences: list[DemoPresence]


@dataclass(frozen=True)
class LoadedDemo:
    """What was loaded: the accounts with their one-time passwords, and counts."""

    passwords: dict[str, str]
    presences: int
    assessments: int


class DemoRefused(Exception):  # noqa: N818
    """The database already holds data; the demo goes only into an empty registry."""


def has_demo_data(session: Session) -> bool:
    """Whether the demonstration set was loaded into this database."""
    found = session.scalar(select(func.count()).where(AuditEntry.action == DEMO_ACTION))
    return bool(found)


def load_demo(
    session: Session,
    history: RulebookHistory,
    key: SigningKey,
    *,
    password: str | None = None,
    path: Path = DEMO_FILE,
) -> LoadedDemo:
    """Loads the set in the caller's transaction (the caller commits). Accounts get
    `password`, or each a random one; DemoRefused if there are authorities already."""
    if session.scalar(select(func.count()).select_from(Authority)):
        raise DemoRefused("Die Datenbank enthält bereits Behörden; Demo-Daten nur in eine leere.")
    demo = DemoSet.model_validate(read_yaml(path))
    rulebook = history.current
    platforms = [p.id for p in rulebook.platforms.platforms] if rulebook.platforms else []
    authorities: dict[str, int] = {}
    units: dict[tuple[str, str], int] = {}
    people: dict[str, int] = {}
    for entry in demo.authorities:
        authority = create_authority(
            session,
            DEMO_ACTOR,
            ADMINISTRATION,
            AuthorityCreate(
                slug=entry.slug,
                name=entry.name,
                short_name=entry.short_name,
                website=entry.website,
            ),
        )
        authorities[entry.slug] = authority.id
        for name in entry.units:
            unit = create_unit(
                session,
                DEMO_ACTOR,
                ADMINISTRATION,
                UnitCreate(authority_id=authority.id, name=name),
            )
            units[entry.slug, name] = unit.id
        for person in entry.people:
            created = create_person(
                session,
                DEMO_ACTOR,
                ADMINISTRATION,
                PersonCreate(
                    authority_id=authority.id,
                    unit_id=units[entry.slug, person.unit] if person.unit else None,
                    name=person.name,
                    function=person.function,
                    email=person.email,
                    phone=person.phone,
                ),
            )
            people[person.key] = created.id
        for point in entry.contact_points:
            create_contact_point(
                session,
                DEMO_ACTOR,
                ADMINISTRATION,
                ContactPointCreate(
                    authority_id=authority.id,
                    topic=point.topic,
                    description=point.description,
                    person_id=people[point.person],
                ),
            )
    passwords: dict[str, str] = {}
    signers: dict[str, Scope] = {}
    actors: dict[str, Actor] = {}
    for account in demo.accounts:
        chosen = password or secrets.token_urlsafe(12)
        user = create_user(
            session,
            DEMO_ACTOR,
            username=account.username,
            display_name=account.name,
            role=account.role,
            password=chosen,
            authority_id=authorities[account.authority] if account.authority else None,
        )
        passwords[account.username] = chosen
        signers[account.username] = Scope(account.role, user.authority_id)
        actors[account.username] = Actor(user.id, user.username)
    assessments = 0
    for planned in demo.presences:
        presence = _presence(session, planned, authorities, units, people, platforms)
        if planned.assessment is not None:
            assessments += 1
            _assess(session, history, key, presence, planned.assessment, signers, actors)
        for status in planned.statuses:
            change_status(
                session,
                DEMO_ACTOR,
                ADMINISTRATION,
                presence.id,
                StatusChange(status=status, version=presence.version),
                joint_controller_platforms=joint_controller_platforms(rulebook.platforms),
            )
    record(session, DEMO_ACTOR, DEMO_ACTION, "demo", "demo", {"file": path.name})
    return LoadedDemo(passwords, len(demo.presences), assessments)


def _presence(
    session: Session,
    entry: DemoPresence,
    authorities: dict[str, int],
    units: dict[tuple[str, str], int],
    people: dict[str, int],
    platforms: list[str],
) -> Presence:
    fields = entry.model_dump(
        exclude={"authority", "unit", "responsible", "contact", "deputies", "editors"}
        | {"assessment", "statuses"}
    )
    presence = create_presence(
        session,
        DEMO_ACTOR,
        ADMINISTRATION,
        PresenceCreate(
            **fields,
            authority_id=authorities[entry.authority],
            unit_id=units[entry.authority, entry.unit] if entry.unit else None,
            responsible_id=people[entry.responsible] if entry.responsible else None,
            contact_id=people[entry.contact] if entry.contact else None,
        ),
        platforms=platforms,
    )
    if entry.deputies or entry.editors:
        set_team(
            session,
            DEMO_ACTOR,
            ADMINISTRATION,
            presence.id,
            TeamUpdate(
                deputy_ids=[people[key] for key in entry.deputies],
                editor_ids=[people[key] for key in entry.editors],
                version=presence.version,
            ),
        )
    return presence


def _assess(
    session: Session,
    history: RulebookHistory,
    key: SigningKey,
    presence: Presence,
    demo: DemoAssessment,
    signers: dict[str, Scope],
    actors: dict[str, Actor],
) -> None:
    """Answers the questionnaire step by step (only visible questions), then signs."""
    questionnaire = history.current.questionnaire
    if questionnaire is None:
        return
    assessment = start_assessment(session, DEMO_ACTOR, ADMINISTRATION, presence.id, history)
    steps = questionnaire.steps[: demo.steps] if demo.steps else questionnaire.steps
    for step in steps:
        shown = {question.id for question in visible_questions(questionnaire, demo.answers)}
        answers = {
            question.id: demo.answers[question.id]
            for question in step.questions
            if question.id in shown and question.id in demo.answers
        }
        saved = save_step(
            session,
            DEMO_ACTOR,
            ADMINISTRATION,
            assessment.id,
            step.id,
            answers,
            assessment.version,
            history,
        )
        assessment = saved.assessment
    if demo.signed_by is not None and demo.steps is None:
        sign_assessment(
            session,
            actors[demo.signed_by],
            signers[demo.signed_by],
            assessment.id,
            history,
            key,
        )
