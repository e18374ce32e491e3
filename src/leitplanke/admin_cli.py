"""Command-line administration of the application database: schema, accounts, audit log."""

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from leitplanke.accounts.roles import Role
from leitplanke.accounts.users import AccountError, create_user
from leitplanke.assessments.signing import load_signing_key
from leitplanke.audit.chain import SYSTEM, ChainProblem, head, holds, verify
from leitplanke.database.engine import create_database_engine, session_factory, transaction
from leitplanke.database.migrate import current_revision, downgrade, upgrade
from leitplanke.demo.loader import DemoRefused, load_demo
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.versions import load_history
from leitplanke.settings import Settings

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy-URL der Datenbank (Standard: LEITPLANKE_DATABASE_URL oder die "
        "SQLite-Datei im Datenordner).",
    ),
]

database_app = typer.Typer(help="Datenbankschema migrieren.", no_args_is_help=True)
users_app = typer.Typer(help="Konten verwalten.", no_args_is_help=True)
audit_app = typer.Typer(help="Das Protokoll der Änderungen prüfen.", no_args_is_help=True)


def _settings(database_url: str | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"database_url": database_url}) if database_url else settings


@contextmanager
def _engine(database_url: str | None, *, migrated: bool = True) -> Iterator[Engine]:
    """An engine on the database (migrated to the newest schema unless told otherwise),
    disposed of when the command is done."""
    engine = create_database_engine(_settings(database_url).resolved_database_url)
    try:
        if migrated:
            upgrade(engine)
        yield engine
    finally:
        engine.dispose()


@database_app.command("upgrade")
def database_upgrade(
    database_url: DatabaseOption = None,
    revision: Annotated[str, typer.Argument(help="Ziel (Standard: neueste).")] = "head",
) -> None:
    """Bringt das Schema auf den neuesten (oder angegebenen) Stand."""
    with _engine(database_url, migrated=False) as engine:
        upgrade(engine, revision)
        out.print(f"Schema auf Stand {current_revision(engine)}.", markup=False)


@database_app.command("downgrade")
def database_downgrade(
    revision: Annotated[str, typer.Argument(help="Ziel, z. B. 'base' für ein leeres Schema.")],
    database_url: DatabaseOption = None,
) -> None:
    """Setzt das Schema auf einen früheren Stand zurück."""
    with _engine(database_url, migrated=False) as engine:
        downgrade(engine, revision)
        out.print(f"Schema auf Stand {current_revision(engine) or 'leer'}.", markup=False)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Benutzername.")],
    role: Annotated[Role, typer.Option(help="Rolle.")] = Role.STAFF,
    display_name: Annotated[str, typer.Option("--name", help="Anzeigename.")] = "",
    authority_id: Annotated[
        int | None, typer.Option("--authority", help="Behörde (Pflicht für Redaktion).")
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Legt ein lokales Konto an; das Passwort wird abgefragt (oder aus LEITPLANKE_PASSWORD)."""
    password = os.environ.get("LEITPLANKE_PASSWORD") or getpass.getpass("Passwort: ")
    try:
        with _engine(database_url) as engine, transaction(session_factory(engine)) as session:
            user = create_user(
                session,
                SYSTEM,
                username=username,
                display_name=display_name,
                role=role,
                password=password,
                authority_id=authority_id,
            )
            created = user.username
    except AccountError as error:
        err.print(f"{error.field}: {error.message}", markup=False)
        raise typer.Exit(1) from None
    out.print(f"Konto „{created}“ angelegt ({role.value}).", markup=False)


def load_demo_set(
    sessions: sessionmaker[Session], settings: Settings, rulebook: Path, password: str | None
) -> None:
    """Loads the demonstration set and prints the demo accounts; exit code 1 if refused."""
    try:
        with transaction(sessions) as session:
            loaded = load_demo(
                session,
                load_history(rulebook),
                load_signing_key(settings.signing_key_path),
                password=password,
            )
    except DemoRefused as error:
        err.print(str(error), markup=False)
        raise typer.Exit(1) from None
    out.print(
        f"Demo-Daten geladen: {loaded.presences} Präsenzen, {loaded.assessments} Klärungen. "
        "Konten (Benutzername: Passwort):",
        markup=False,
    )
    for username, secret in loaded.passwords.items():
        out.print(f"  {username}: {secret}", markup=False)


def demo(
    database_url: DatabaseOption = None,
    rulebook: Annotated[
        Path, typer.Option("--rulebook", help="Ordner des Regelwerks (Standard: Berlin).")
    ] = BUNDLED,
    password: Annotated[
        str | None,
        typer.Option("--password", help="Ein Passwort für alle Demo-Konten (Standard: zufällig)."),
    ] = None,
) -> None:
    """Lädt erfundene, als Demo gekennzeichnete Daten in eine leere Datenbank."""
    settings = _settings(database_url)
    with _engine(database_url) as engine:
        load_demo_set(session_factory(engine), settings, rulebook, password)


@audit_app.command("verify")
def audit_verify(
    database_url: DatabaseOption = None,
    expected_head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="Früher notierter Hash des letzten Eintrags: fehlt er, wurde das Protokoll "
            "gekürzt oder neu geschrieben.",
        ),
    ] = None,
) -> None:
    """Prüft die Hash-Kette des Protokolls; Exit-Code 1, wenn sie verletzt ist."""
    with _engine(database_url) as engine, session_factory(engine)() as session:
        count, problems = verify(session)
        newest = head(session)
        if expected_head and not holds(session, expected_head):
            problems.append(
                ChainProblem(
                    newest.sequence + 1 if newest else 1,
                    f"der notierte Eintrag mit Hash {expected_head} fehlt",
                )
            )
    for problem in problems:
        err.print(str(problem), markup=False)
    if problems:
        err.print(f"Protokoll verletzt: {len(problems)} Befund(e) in {count} Einträgen.")
        raise typer.Exit(1)
    out.print(f"Protokoll unversehrt: {count} Einträge geprüft.", markup=False)
    if newest is not None:
        out.print(f"Letzter Eintrag {newest.sequence}: {newest.entry_hash}", markup=False)
