"""Signing decision records: the key kept in a file, and records that verify only untouched."""

import hashlib
import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from leitplanke.assessments import signing
from leitplanke.assessments.records import export_record
from leitplanke.assessments.signing import (
    SigningKey,
    key_id_of,
    load_public_key,
    load_signing_key,
    read_signing_key,
    verify_record,
    verify_signature,
)
from leitplanke.audit.chain import canonical_json
from tests.assessments.sample_record import signed_record


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


@pytest.fixture(scope="module")
def exported(bundled_rulebook, key) -> bytes:
    return export_record(signed_record(bundled_rulebook, key))


def test_the_key_is_made_on_first_use_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "daten" / "signing-key.pem"
    assert read_signing_key(path) is None
    assert not path.exists()
    key = load_signing_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert load_signing_key(path).key_id == key.key_id
    assert [p.name for p in path.parent.iterdir()] == ["signing-key.pem"]


def test_a_key_made_meanwhile_by_another_process_is_used_not_replaced(tmp_path, monkeypatch):
    path = tmp_path / "signing-key.pem"
    theirs = SigningKey(Ed25519PrivateKey.generate())
    original = signing.read_signing_key
    reads = []

    def read_while_another_process_writes(at):
        reads.append(at)
        if len(reads) == 1:  # nothing there yet; right after, the other process writes its key
            path.write_bytes(
                theirs.private_key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            return None
        return original(at)

    monkeypatch.setattr(signing, "read_signing_key", read_while_another_process_writes)
    assert load_signing_key(path).key_id == theirs.key_id
    assert [p.name for p in tmp_path.iterdir()] == ["signing-key.pem"]


def test_the_key_id_is_the_sha256_of_the_public_key_in_der(key):
    der = key.public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert key.key_id == hashlib.sha256(der).hexdigest() == key_id_of(key.public_key)
    assert len(key.key_id) == 64


def test_a_signature_holds_for_its_content_only(key):
    signature = key.sign(b"Inhalt")
    assert verify_signature(key.public_key, b"Inhalt", signature)
    assert not verify_signature(key.public_key, b"Inhalt!", signature)
    assert not verify_signature(key.public_key, b"Inhalt", "kein Base64")


def test_the_public_key_is_read_from_its_pem_or_from_the_private_key(key):
    assert key_id_of(load_public_key(key.public_pem)) == key.key_id
    private = key.private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert key_id_of(load_public_key(private)) == key.key_id


@pytest.mark.parametrize(
    ("pem", "message"),
    [
        (b"kein Schluessel", "kein öffentlicher Schlüssel"),
        (
            rsa.generate_private_key(public_exponent=65537, key_size=1024)
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ),
            "kein Ed25519-Schlüssel",
        ),
    ],
)
def test_a_pem_without_an_ed25519_key_is_refused(pem, message):
    with pytest.raises(ValueError, match=message):
        load_public_key(pem)


def test_an_exported_record_verifies_with_the_public_key(exported, key):
    assert verify_record(exported, key.public_key) == ()
    assert verify_record(exported.decode("utf-8"), key.public_key) == ()


def test_a_record_fails_with_another_key(exported):
    other = SigningKey(Ed25519PrivateKey.generate())
    problems = verify_record(exported, other.public_key)
    assert any("key_id" in problem for problem in problems)
    assert any("signature" in problem for problem in problems)


def _changed(data: bytes, position: int) -> bytes:
    """`data` with one byte replaced by a neighbouring character of the same kind."""
    byte = data[position]
    for first, last in ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)):
        if first <= byte <= last:
            replacement = first + (byte - first + 1) % (last - first + 1)
            break
    else:
        replacement = byte ^ 0x01
    return data[:position] + bytes([replacement]) + data[position + 1 :]


def test_any_changed_byte_makes_the_record_fail(exported, key):
    envelope_tail = exported.rindex(b'"content_hash"')
    # A sample across the signed content, and every third byte of hash, signature and key ID.
    positions = [*range(0, envelope_tail, 401), *range(envelope_tail, len(exported), 3)]
    passed = [p for p in positions if verify_record(_changed(exported, p), key.public_key) == ()]
    assert not passed


def test_a_changed_outcome_with_a_fresh_hash_still_fails_on_the_signature(exported, key):
    envelope = json.loads(exported)
    envelope["record"]["outcome"] = "rejected"
    envelope["content_hash"] = hashlib.sha256(
        canonical_json(envelope["record"]).encode()
    ).hexdigest()
    problems = verify_record(canonical_json(envelope).encode(), key.public_key)
    assert problems == ("Feld signature: Die Signatur ist mit diesem Schlüssel nicht gültig.",)


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (b"\xff\xfe", "nicht in UTF-8"),
        (b"{", "kein gültiges JSON"),
        (b"[]", "kein Entscheidungsdatensatz"),
        (b'{"record":{}}', "kein Entscheidungsdatensatz"),
    ],
)
def test_what_is_no_record_is_named(document, problem, key):
    (found,) = verify_record(document, key.public_key)
    assert problem in found


def test_a_reformatted_record_is_no_longer_byte_exact(exported, key):
    pretty = json.dumps(json.loads(exported), indent=2, ensure_ascii=False).encode()
    (problem,) = verify_record(pretty, key.public_key)
    assert "byte-genau" in problem
