"""The decision record: its content, its canonical bytes and hash, and its signed JSON export.

The content is a JSON object (`RECORD_FORMAT`) that stands on its own: the presence as it was,
the rulebook version and its URI, every answer with its question and label per step, the
outcome, the reasons with the rule IDs they cite, the sign-off, the signer and the time. Its
canonical JSON (keys sorted, no whitespace, UTF-8) is what is hashed and signed.

The export is one JSON object, itself canonical: `record` (the content), `content_hash`
(SHA-256, hex), `hash_algorithm`, `signature` (Ed25519, Base64), `signature_algorithm` and
`key_id` (the fingerprint of the public key); `leitplanke.assessments.signing.verify_record`
checks it.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leitplanke.accounts.roles import ROLE_LABEL, Role
from leitplanke.assessments.answers import AnswerValue, format_number
from leitplanke.assessments.evaluation import Assessment
from leitplanke.audit.chain import canonical_json
from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.questionnaire import AnswerType, Question, Questionnaire

__all__ = [
    "ENVELOPE_KEYS",
    "HASH_ALGORITHM",
    "RECORD_FORMAT",
    "SIGNATURE_ALGORITHM",
    "PresenceSnapshot",
    "SignedRecord",
    "Signer",
    "answer_label",
    "build_record_content",
    "canonical_bytes",
    "content_hash",
    "export_record",
    "rulebook_version_uri",
]

RECORD_FORMAT = "leitplanke-entscheidung/1"
HASH_ALGORITHM = "SHA-256"
SIGNATURE_ALGORITHM = "Ed25519"
ENVELOPE_KEYS = frozenset(
    {"record", "content_hash", "hash_algorithm", "signature", "signature_algorithm", "key_id"}
)


def canonical_bytes(content: dict[str, Any]) -> bytes:
    """The content as canonical JSON in UTF-8: equal content, equal bytes."""
    return canonical_json(content).encode("utf-8")


def content_hash(content: bytes) -> str:
    """The SHA-256 of the canonical bytes, hex."""
    return hashlib.sha256(content).hexdigest()


def answer_label(question: Question, value: AnswerValue) -> str:
    """A normalised answer in words: option labels, Ja/Nein, a number with its unit, the text."""
    if question.type == AnswerType.NUMBER and isinstance(value, int | float):
        return format_number(value) + (f" {question.unit}" if question.unit else "")
    if question.type == AnswerType.TEXT:
        return str(value)
    chosen = (value,) if isinstance(value, str) else value
    if not isinstance(chosen, tuple | list):
        return str(value)
    labels = {option.id: option.label or option.id for option in question.choices}
    return "; ".join(labels.get(option_id, option_id) for option_id in chosen)


def rulebook_version_uri(rulebook: Rulebook) -> str:
    """The URI of the rulebook version (as `Publication.version_uri` mints it)."""
    return f"{rulebook.meta.base_uri}versions/{rulebook.meta.version}"


@dataclass(frozen=True)
class PresenceSnapshot:
    """The presence as it stood when the record was signed."""

    id: int
    name: str
    platform: str
    platform_name: str | None
    handle: str
    url: str | None
    authority_id: int
    authority_name: str
    authority_short_name: str | None


@dataclass(frozen=True)
class Signer:
    """Who signs: the account and its role."""

    user_id: int
    username: str
    name: str
    role: Role


def _json_answer(value: AnswerValue) -> Any:
    return list(value) if isinstance(value, tuple) else value


def build_record_content(
    *,
    assessment_id: int,
    presence: PresenceSnapshot,
    rulebook: Rulebook,
    questionnaire: Questionnaire,
    result: Assessment,
    signer: Signer,
    signed_at: datetime,
) -> dict[str, Any]:
    """The record's content: everything the decision rests on, in plain JSON values."""
    steps = []
    for step in questionnaire.steps:
        answers = [
            {
                "question_id": question.id,
                "question": question.text,
                "answer": _json_answer(result.answers[question.id]),
                "answer_label": answer_label(question, result.answers[question.id]),
                "rules": list(question.rules),
            }
            for question in step.questions
            if question.id in result.answers
        ]
        steps.append({"id": step.id, "title": step.title, "answers": answers})
    content = {
        "format": RECORD_FORMAT,
        "title": "Entscheidung im Klärungsprozess",
        "assessment_id": assessment_id,
        "presence": {
            "id": presence.id,
            "name": presence.name,
            "platform": presence.platform,
            "platform_name": presence.platform_name,
            "handle": presence.handle,
            "url": presence.url,
            "authority": {
                "id": presence.authority_id,
                "name": presence.authority_name,
                "short_name": presence.authority_short_name,
            },
        },
        "rulebook": {
            "id": rulebook.meta.id,
            "title": rulebook.meta.title,
            "version": rulebook.meta.version,
            "uri": rulebook_version_uri(rulebook),
            "questionnaire": questionnaire.title,
        },
        "outcome": result.outcome.value,
        "outcome_label": result.outcome_label,
        "reasons": [
            {
                "kind": reason.kind.value,
                "kind_label": reason.kind_label,
                "text": reason.text,
                "rules": list(reason.rule_ids),
                "step_id": reason.step_id,
                "question_id": reason.question_id,
                "question": reason.question_text,
                "answer": reason.answer,
                "answer_label": reason.answer_label,
            }
            for reason in result.reasons
        ],
        "steps": steps,
        "applied_rules": list(result.applied_rule_ids),
        "sign_off": {
            "role": questionnaire.sign_off.role,
            "text": questionnaire.sign_off.text,
            "rules": list(questionnaire.sign_off.rules),
        },
        "signer": {
            "user_id": signer.user_id,
            "username": signer.username,
            "name": signer.name,
            "role": signer.role.value,
            "role_label": ROLE_LABEL[signer.role],
        },
        "signed_at": signed_at.isoformat(),
    }
    # What is signed is what JSON gives back: no tuples, no float spelled two ways.
    parsed: dict[str, Any] = json.loads(canonical_json(content))
    return parsed


@dataclass(frozen=True)
class SignedRecord:
    """A record's content with its hash, signature and key ID, as stored and exported."""

    content: dict[str, Any]
    content_hash: str
    signature: str
    key_id: str

    @classmethod
    def from_stored(
        cls, content: str, content_hash: str, signature: str, key_id: str
    ) -> "SignedRecord":
        """The record from the columns of a `DecisionRecord` row."""
        parsed: dict[str, Any] = json.loads(content)
        return cls(parsed, content_hash, signature, key_id)


def export_record(record: SignedRecord) -> bytes:
    """The record as the exported JSON file: canonical, so that it can be checked byte by byte."""
    envelope = {
        "record": record.content,
        "content_hash": record.content_hash,
        "hash_algorithm": HASH_ALGORITHM,
        "signature": record.signature,
        "signature_algorithm": SIGNATURE_ALGORITHM,
        "key_id": record.key_id,
    }
    return canonical_bytes(envelope)
