"""`leitplanke records verify`: an exported decision record checked from the shell."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from leitplanke.assessments.records import export_record
from leitplanke.assessments.signing import SigningKey
from leitplanke.cli import app
from tests.assessments.sample_record import signed_record

runner = CliRunner()


@pytest.fixture
def key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


@pytest.fixture
def files(tmp_path, bundled_rulebook, key):
    record = tmp_path / "entscheidung-5.json"
    record.write_bytes(export_record(signed_record(bundled_rulebook, key)))
    public = tmp_path / "signaturschluessel.pem"
    public.write_bytes(key.public_pem)
    return record, public


def verify(*arguments, env=None):
    return runner.invoke(app, ["records", "verify", *map(str, arguments)], env=env)


def test_an_intact_record_is_valid(files):
    record, public = files
    result = verify(record, "--key", public)
    assert result.exit_code == 0, result.output
    assert "entscheidung-5.json: gültig" in result.output


def test_a_changed_record_is_invalid_with_the_reason(files):
    record, public = files
    record.write_bytes(record.read_bytes().replace(b'"approved"', b'"rejected"', 1))
    result = verify(record, "--key", public)
    assert result.exit_code == 1
    assert "ungültig" in result.output
    assert "content_hash: passt nicht zum Inhalt" in result.output


def test_a_record_signed_by_another_key_is_invalid(files, tmp_path):
    record, _ = files
    other = tmp_path / "anderer.pem"
    other.write_bytes(SigningKey(Ed25519PrivateKey.generate()).public_pem)
    result = verify(record, "--key", other)
    assert result.exit_code == 1
    assert "key_id" in result.output


def test_without_key_option_the_key_of_the_installation_is_used(files, tmp_path, key):
    record, _ = files
    data = tmp_path / "daten"
    data.mkdir()
    (data / "signing-key.pem").write_bytes(
        key.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    result = verify(record, env={"LEITPLANKE_DATA_DIR": str(data)})
    assert result.exit_code == 0, result.output


def test_a_missing_or_unreadable_key_checks_nothing(files, tmp_path):
    record, _ = files
    result = verify(record, "--key", tmp_path / "fehlt.pem")
    assert result.exit_code == 2
    assert "Kein Schlüssel" in result.output
    garbage = tmp_path / "kaputt.pem"
    garbage.write_text("kein Schlüssel")
    result = verify(record, "--key", garbage)
    assert result.exit_code == 2
    assert "kein öffentlicher Schlüssel" in result.output
    empty = tmp_path / "leer"
    result = verify(record, env={"LEITPLANKE_DATA_DIR": str(empty)})
    assert result.exit_code == 2
    assert not empty.exists()
