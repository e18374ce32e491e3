"""`leitplanke db`, `users` and `audit`: schema, accounts and the audit log from the shell."""

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from typer.testing import CliRunner

from leitplanke.cli import app
from leitplanke.database.engine import create_database_engine
from leitplanke.database.migrate import MIGRATIONS

runner = CliRunner()
HEAD = ScriptDirectory(MIGRATIONS).get_current_head()
PASSWORD = {"LEITPLANKE_PASSWORD": "ein-sicheres-passwort"}


def run(*arguments, env=None):
    return runner.invoke(app, [str(argument) for argument in arguments], env=env)


@pytest.fixture
def url(database_url):
    return database_url


def test_db_upgrade_and_downgrade_report_the_revision(url):
    result = run("db", "upgrade", "--database-url", url)
    assert result.exit_code == 0, result.output
    assert f"Schema auf Stand {HEAD}." in result.output
    result = run("db", "downgrade", "base", "--database-url", url)
    assert result.exit_code == 0, result.output
    assert "Schema auf Stand leer." in result.output


def test_users_add_creates_an_account_and_refuses_a_duplicate(url):
    result = run(
        "users", "add", "ada", "--role", "administrator", "--database-url", url, env=PASSWORD
    )
    assert result.exit_code == 0, result.output
    assert "Konto „ada“ angelegt (administrator)." in result.output
    again = run("users", "add", "ADA", "--database-url", url, env=PASSWORD)
    assert again.exit_code == 1
    assert "username: Den Benutzernamen „ADA“ gibt es schon." in again.output


def test_users_add_refuses_a_short_password(url):
    result = run("users", "add", "bob", "--database-url", url, env={"LEITPLANKE_PASSWORD": "kurz"})
    assert result.exit_code == 1
    assert "password: Das Passwort muss mindestens 12 Zeichen lang sein." in result.output


def test_audit_verify_passes_an_intact_log_and_prints_its_head(url):
    run("users", "add", "ada", "--database-url", url, env=PASSWORD)
    result = run("audit", "verify", "--database-url", url)
    assert result.exit_code == 0, result.output
    assert "Protokoll unversehrt: 1 Einträge geprüft." in result.output
    assert "Letzter Eintrag 1: " in result.output


def tamper(url, statement):
    engine = create_database_engine(url)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            connection.execute(text("DROP TRIGGER audit_entries_no_update"))
            connection.execute(text("DROP TRIGGER audit_entries_no_delete"))
        connection.execute(text(statement))
    engine.dispose()


def test_audit_verify_fails_on_a_changed_entry(url):
    run("users", "add", "ada", "--database-url", url, env=PASSWORD)
    run("users", "add", "bob", "--database-url", url, env=PASSWORD)
    tamper(url, "UPDATE audit_entries SET actor_name = 'eve' WHERE sequence = 1")
    result = run("audit", "verify", "--database-url", url)
    assert result.exit_code == 1
    assert "Eintrag 1: Inhalt passt nicht zu seinem Hash" in result.output


def test_audit_verify_with_a_noted_head_finds_a_truncated_log(url):
    run("users", "add", "ada", "--database-url", url, env=PASSWORD)
    run("users", "add", "bob", "--database-url", url, env=PASSWORD)
    noted = run("audit", "verify", "--database-url", url).output.split("Letzter Eintrag 2: ")[1]
    tamper(url, "DELETE FROM audit_entries WHERE sequence = 2")
    assert run("audit", "verify", "--database-url", url).exit_code == 0  # looks fine alone
    result = run("audit", "verify", "--database-url", url, "--head", noted.strip())
    assert result.exit_code == 1
    assert "der notierte Eintrag mit Hash" in result.output


def test_demo_loads_once_and_prints_the_accounts(url, tmp_path):
    env = {"LEITPLANKE_DATA_DIR": str(tmp_path / "data")}
    result = run("demo", "--database-url", url, "--password", "demo-passwort-2026", env=env)
    assert result.exit_code == 0, result.output
    assert "Demo-Daten geladen: 4 Präsenzen, 3 Klärungen." in result.output
    assert "demo-admin: demo-passwort-2026" in result.output
    again = run("demo", "--database-url", url, env=env)
    assert again.exit_code == 1
    assert "bereits Behörden" in again.output
