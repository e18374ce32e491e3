"""A signed decision record built without a database: the approved answers, signed by a key."""

from datetime import UTC, datetime
from typing import Any

from leitplanke.accounts.roles import Role
from leitplanke.assessments.evaluation import evaluate
from leitplanke.assessments.records import (
    PresenceSnapshot,
    SignedRecord,
    Signer,
    build_record_content,
    canonical_bytes,
    content_hash,
)
from leitplanke.assessments.signing import SigningKey
from leitplanke.rulebook.model import Rulebook
from tests.assessments.approved import APPROVED_ANSWERS

PRESENCE = PresenceSnapshot(
    id=7,
    name="Bürgerämter Berlin",
    platform="mastodon",
    platform_name="Mastodon",
    handle="@buergeraemter@berlin.social",
    url="https://berlin.social/@buergeraemter",
    authority_id=3,
    authority_name="Senatsverwaltung für Inneres",
    authority_short_name="SenInn",
)
SIGNER = Signer(user_id=11, username="rita", name="Rita Review", role=Role.REVIEWER)
SIGNED_AT = datetime(2026, 11, 25, 14, 3, tzinfo=UTC)


def signed_record(
    rulebook: Rulebook, key: SigningKey, changes: dict[str, Any] | None = None
) -> SignedRecord:
    """The approved answers with `changes`, evaluated, recorded and signed by `key`."""
    questionnaire = rulebook.questionnaire
    assert questionnaire is not None
    result = evaluate(questionnaire, {**APPROVED_ANSWERS, **(changes or {})})
    content = build_record_content(
        assessment_id=5,
        presence=PRESENCE,
        rulebook=rulebook,
        questionnaire=questionnaire,
        result=result,
        signer=SIGNER,
        signed_at=SIGNED_AT,
    )
    data = canonical_bytes(content)
    return SignedRecord(content, content_hash(data), key.sign(data), key.key_id)
