"""A registry for the web tests: an app with a database of its own, filled with two authorities,
their people, presences in every status and an account of every role, and a signed-in client
for each viewer.

The registry is built once per test module and backend (`registry_on`), because a table of
routes × roles would otherwise build hundreds of apps; tests that write use data of their own
(a handle or name with the viewer in it) so that they do not disturb each other.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from psycopg import sql
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from leitplanke.accounts.roles import Role
from leitplanke.accounts.users import create_user
from leitplanke.assessments.evaluation import Outcome
from leitplanke.audit.chain import SYSTEM, Actor
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.engine import transaction
from leitplanke.registry import (
    AuthorityCreate,
    ContactPointCreate,
    PersonCreate,
    PresenceCreate,
    Scope,
    StatusChange,
    UnitCreate,
    change_status,
    create_authority,
    create_contact_point,
    create_person,
    create_presence,
    create_unit,
)
from leitplanke.registry.tables import Presence, PresenceStatus
from leitplanke.settings import Settings
from leitplanke.web import create_app
from leitplanke.web.registry_view import registry_platforms
from tests.conftest import POSTGRES_URL
from tests.registry.conftest import sign_decision
from tests.web.conftest import BASE_URL, MINI, PASSWORD, sign_in

ADMIN = Scope(Role.ADMINISTRATOR)
ANNA = Actor(None, "Einrichtung")
BACKENDS = [
    pytest.param("sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgresql),
]
# Accounts by viewer name: role and which of the two authorities an editor belongs to.
ACCOUNTS: dict[str, tuple[Role, str | None]] = {
    "staff": (Role.STAFF, None),
    "dpo": (Role.DATA_PROTECTION_OFFICER, None),
    "reviewer": (Role.REVIEWER, None),
    "editor": (Role.EDITOR, "senate"),
    "other_editor": (Role.EDITOR, "district"),
    "admin": (Role.ADMINISTRATOR, None),
}
VIEWERS = ("anonymous", *ACCOUNTS)
SIGNED_IN = frozenset(ACCOUNTS)
EVERYONE = frozenset(VIEWERS)
REGISTRY_EDITORS = frozenset({"editor", "admin"})  # for entries of the senate chancellery
ADMINISTRATORS = frozenset({"admin"})
JSON = {"Accept": "application/json"}
DPIA = "DSFA-2026-007"  # an internal field: never on a public page


@dataclass
class Registry:
    """The filled app, the IDs of its entries, and a client per viewer."""

    app: FastAPI
    ids: dict[str, int]
    clients: dict[str, TestClient] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, viewer: str) -> TestClient:
        """The viewer's client, signed in once (the anonymous one never)."""
        if viewer not in self.clients:
            client = TestClient(self.app)
            if viewer != "anonymous":
                self.tokens[viewer] = sign_in(client, viewer)
            self.clients[viewer] = client
        return self.clients[viewer]

    def token(self, viewer: str) -> str:
        """The viewer's CSRF token (empty for the anonymous)."""
        self.client(viewer)
        return self.tokens.get(viewer, "")

    def write_headers(self, viewer: str) -> dict[str, str]:
        """JSON with the viewer's CSRF token, as an API client sends a write."""
        return {**JSON, "X-CSRF-Token": self.token(viewer)} if viewer != "anonymous" else JSON

    def count(self, table: Any) -> int:
        """How many rows `table` has."""
        with self.app.state.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(table)) or 0)

    def audit_count(self) -> int:
        """How many entries the audit log has."""
        return self.count(AuditEntry)

    def version(self, presence_id: int) -> int:
        """The presence's current version."""
        with self.app.state.sessions() as session:
            presence = session.get(Presence, presence_id)
            assert presence is not None
            return presence.version

    def status(self, presence_id: int) -> PresenceStatus:
        """The presence's current status."""
        with self.app.state.sessions() as session:
            presence = session.get(Presence, presence_id)
            assert presence is not None
            return presence.status

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
        self.app.state.database.dispose()


@contextmanager
def database_of(kind: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database of its own: an SQLite file in `folder`, or a database on
    the PostgreSQL server of LEITPLANKE_TEST_POSTGRES_URL (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'registry.sqlite3'}"
        return
    server_url = os.environ.get(POSTGRES_URL)
    if not server_url:
        message = f"{POSTGRES_URL} not set; PostgreSQL tests need a server (see .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = make_url(server_url)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"leitplanke_test_{uuid.uuid4().hex}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            drop = sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            connection.execute(drop)


def presence_values(ids: dict[str, int], **changes: Any) -> dict[str, Any]:
    """A complete presence of the senate chancellery on Mastodon, with `changes`."""
    return {
        "name": "Senatskanzlei Berlin",
        "platform": "mastodon",
        "handle": "@senatskanzlei@berlin.social",
        "url": "https://berlin.social/@senatskanzlei",
        "purpose": "Informationen der Senatskanzlei.",
        "authority_id": ids["senate"],
        "unit_id": ids["press"],
        "responsible_id": ids["erika"],
        "contact_id": ids["max"],
        "imprint_url": "https://www.berlin.de/rbmskzl/impressum/",
        "privacy_notice_url": "https://www.berlin.de/rbmskzl/datenschutz/",
        "dpia_reference": DPIA,
    } | changes


def fill(app: FastAPI, *, with_decisions: bool = True) -> dict[str, int]:
    """Authorities, units, people, contact points, presences and accounts; their IDs.

    Presences: `active` (senate, Mastodon), `suspended` (district, YouTube), `planned`
    (senate, Bluesky), `closed` (senate, Instagram), `district_planned` (district, Mastodon).
    Without `with_decisions` the listed ones get their status without a decision record.
    """
    sessions = app.state.sessions
    platforms = registry_platforms(app.state.site).names
    ids: dict[str, int] = {}
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
            session, ANNA, ADMIN, AuthorityCreate(slug="ba-pankow", name="Bezirksamt Pankow")
        )
        ids |= {"senate": senate.id, "district": district.id}
        press = create_unit(session, ANNA, ADMIN, UnitCreate(authority_id=senate.id, name="Presse"))
        ids["press"] = press.id
        for key, authority, name, extra in (
            ("erika", senate.id, "Erika Muster", {"email": "erika.muster@example.org"}),
            ("max", senate.id, "Max Beispiel", {"function": "Pressesprecher"}),
            ("lena", district.id, "Lena Probe", {}),
        ):
            person = create_person(
                session, ANNA, ADMIN, PersonCreate(authority_id=authority, name=name, **extra)
            )
            ids[key] = person.id
        contact = create_contact_point(
            session,
            ANNA,
            ADMIN,
            ContactPointCreate(
                authority_id=senate.id,
                topic="Private Nutzung sozialer Medien",
                description="Was Beschäftigte privat posten dürfen.",
                person_id=ids["erika"],
            ),
        )
        ids["contact_point"] = contact.id
        district_people = {"responsible_id": ids["lena"], "contact_id": None, "unit_id": None}
        for key, changes in (
            ("active", {}),
            (
                "suspended",
                {
                    "name": "Bezirksamt Pankow auf YouTube",
                    "platform": "youtube",
                    "handle": "@bezirksamtpankow",
                    "url": "https://www.youtube.com/@bezirksamtpankow",
                    "authority_id": district.id,
                    **district_people,
                },
            ),
            (
                "planned",
                {
                    "name": "Senatskanzlei auf Bluesky",
                    "platform": "bluesky",
                    "handle": "senatskanzlei.bsky.social",
                    "url": None,
                },
            ),
            (
                "closed",
                {
                    "name": "Senatskanzlei auf Instagram",
                    "platform": "instagram",
                    "handle": "@senatskanzlei_alt",
                    "url": "https://www.instagram.com/senatskanzlei_alt/",
                    "joint_controller_agreement": "Vereinbarung Meta 2024",
                },
            ),
            (
                "district_planned",
                {
                    "name": "Bezirksamt Pankow auf Mastodon",
                    "handle": "@pankow@berlin.social",
                    "url": None,
                    "authority_id": district.id,
                    **district_people,
                },
            ),
        ):
            data = PresenceCreate.model_validate(presence_values(ids, **changes))
            ids[key] = create_presence(session, ANNA, ADMIN, data, platforms=platforms).id
        for username, (role, authority) in ACCOUNTS.items():
            create_user(
                session,
                SYSTEM,
                username=username,
                display_name=username.replace("_", " ").title(),
                role=role,
                password=PASSWORD,
                authority_id=ids[authority] if authority else None,
            )
    steps = {
        "active": (PresenceStatus.APPROVED, PresenceStatus.ACTIVE),
        "suspended": (PresenceStatus.APPROVED, PresenceStatus.ACTIVE, PresenceStatus.SUSPENDED),
        "closed": (PresenceStatus.APPROVED, PresenceStatus.ACTIVE, PresenceStatus.CLOSED),
    }
    for key, statuses in steps.items():
        if with_decisions:
            ids[f"{key}_decision"] = sign_decision(sessions, ids[key], Outcome.APPROVED)
            with transaction(sessions) as session:
                for version, status in enumerate(statuses, start=1):
                    change = StatusChange(status=status, version=version)
                    change_status(session, ANNA, ADMIN, ids[key], change)
        else:
            with transaction(sessions) as session:
                presence = session.get(Presence, ids[key])
                assert presence is not None
                presence.status = statuses[-1]
    return ids


@contextmanager
def registry_on(kind: str, folder: Path, rulebook: Path = MINI) -> Iterator[Registry]:
    """A filled registry on the backend `kind` (see `fill`), its data in `folder`."""
    with database_of(kind, folder) as url:
        settings = Settings(data_dir=folder / "data", database_url=url)
        app = create_app(rulebook, BASE_URL, settings)
        registry = Registry(app, fill(app))
        try:
            yield registry
        finally:
            registry.close()
