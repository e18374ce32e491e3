"""Ed25519 signatures of decision records: the key pair in a file, signing, and verifying.

The private key is kept as PEM (PKCS #8) in one file, readable by its owner only, and made on
first use. Its ID is the fingerprint of the public key: the SHA-256 of its DER encoding
(`openssl pkey -pubin -in KEY.pem -outform DER | sha256sum`). A signature is the Ed25519
signature of the record's canonical JSON, in standard Base64.

`verify_record` checks an exported record (`leitplanke.assessments.records.export_record`)
byte for byte: the file must be exactly the canonical JSON the export wrote, so that any
changed byte makes it fail, even one that leaves the signed content alone.
"""

import base64
import binascii
import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from leitplanke.assessments.records import (
    ENVELOPE_KEYS,
    HASH_ALGORITHM,
    SIGNATURE_ALGORITHM,
    canonical_bytes,
    content_hash,
)
from leitplanke.audit.chain import canonical_json

__all__ = [
    "SigningKey",
    "key_id_of",
    "load_public_key",
    "load_signing_key",
    "read_signing_key",
    "verify_record",
    "verify_signature",
]


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """The key's fingerprint: SHA-256 of its DER SubjectPublicKeyInfo, 64 hex digits."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    """The public key as PEM, as `GET /signaturschluessel.pem` serves it."""
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@dataclass(frozen=True)
class SigningKey:
    """The private key that signs decision records, with its public half and ID."""

    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        """The public key anyone may verify a record with."""
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        """The fingerprint of the public key."""
        return key_id_of(self.public_key)

    @property
    def public_pem(self) -> bytes:
        """The public key as PEM."""
        return public_pem(self.public_key)

    def sign(self, content: bytes) -> str:
        """The Ed25519 signature of `content`, Base64."""
        return base64.b64encode(self.private_key.sign(content)).decode("ascii")


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _parse_private(pem: bytes, path: Path) -> SigningKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: kein Ed25519-Schlüssel")
    return SigningKey(key)


def read_signing_key(path: Path) -> SigningKey | None:
    """The key kept at `path`, or None if there is none yet (never makes one)."""
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        return None
    return _parse_private(pem, path)


def load_signing_key(path: Path) -> SigningKey:
    """The key kept at `path`; made there on first use (PEM, mode 0600).

    The file appears complete or not at all, and only once: a second process that makes a key
    at the same moment finds the first one's and uses it, so no record is ever signed with a
    key that is then replaced. (`settings.owner_only_file` would replace it.)
    """
    found = read_signing_key(path)
    if found is not None:
        return found
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:  # mkstemp makes it 0600
            file.write(_private_pem(Ed25519PrivateKey.generate()))
        with contextlib.suppress(FileExistsError):  # another process was first: use its key
            os.link(temporary, path)
    finally:
        Path(temporary).unlink()
    key = read_signing_key(path)
    if key is None:  # pragma: no cover - the link above made it or found it
        raise FileNotFoundError(path)
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """A public key from PEM (a private key's PEM gives its public half); ValueError if the
    PEM holds no Ed25519 key."""
    try:
        key: object = serialization.load_pem_public_key(pem)
    except ValueError:
        try:
            key = serialization.load_pem_private_key(pem, password=None).public_key()
        except (ValueError, TypeError) as error:
            raise ValueError("kein öffentlicher Schlüssel im PEM-Format") from error
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("kein Ed25519-Schlüssel")
    return key


def _strict_base64(text: str) -> bytes | None:
    """The bytes `text` encodes, None unless it is their one canonical Base64 spelling."""
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return decoded if base64.b64encode(decoded).decode("ascii") == text else None


def verify_signature(public_key: Ed25519PublicKey, content: bytes, signature: str) -> bool:
    """Whether `signature` (Base64) is the key's signature of `content`."""
    raw = _strict_base64(signature)
    if raw is None:
        return False
    try:
        public_key.verify(raw, content)
    except InvalidSignature:
        return False
    return True


def verify_record(document: bytes | str, public_key: Ed25519PublicKey) -> tuple[str, ...]:
    """What is wrong with an exported record, checked against `public_key`, in German; empty
    if it is intact and signed by that key."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return ("Die Datei ist nicht in UTF-8 kodiert.",)
    except ValueError:
        return ("Die Datei ist kein gültiges JSON.",)
    if not isinstance(parsed, dict) or set(parsed) != ENVELOPE_KEYS:
        expected = ", ".join(sorted(ENVELOPE_KEYS))
        return (f"Die Datei ist kein Entscheidungsdatensatz (erwartet: die Felder {expected}).",)
    problems: list[str] = []
    if canonical_json(parsed).encode("utf-8") != data:
        problems.append(
            "Die Datei ist nicht mehr byte-genau so, wie sie ausgegeben wurde "
            "(kanonisches JSON: Schlüssel sortiert, ohne Leerraum, UTF-8)."
        )
    if parsed["hash_algorithm"] != HASH_ALGORITHM:
        problems.append(f"Feld hash_algorithm: erwartet „{HASH_ALGORITHM}“.")
    if parsed["signature_algorithm"] != SIGNATURE_ALGORITHM:
        problems.append(f"Feld signature_algorithm: erwartet „{SIGNATURE_ALGORITHM}“.")
    record = parsed["record"]
    if not isinstance(record, dict):
        return (*problems, "Feld record: ein JSON-Objekt erwartet.")
    content = canonical_bytes(record)
    if parsed["content_hash"] != content_hash(content):
        problems.append("Feld content_hash: passt nicht zum Inhalt (record wurde verändert).")
    expected_key = key_id_of(public_key)
    if parsed["key_id"] != expected_key:
        problems.append(
            f"Feld key_id: mit einem anderen Schlüssel signiert (erwartet {expected_key})."
        )
    signature = parsed["signature"]
    if not isinstance(signature, str) or not verify_signature(public_key, content, signature):
        problems.append("Feld signature: Die Signatur ist mit diesem Schlüssel nicht gültig.")
    return tuple(problems)
