"""Presences and answered assessments for the web tests of the decision process."""

from typing import Any

from fastapi import FastAPI

from leitplanke.accounts.roles import Role
from leitplanke.assessments.service import save_step, start_assessment
from leitplanke.audit.chain import Actor
from leitplanke.database.engine import transaction
from leitplanke.registry.scope import Scope
from leitplanke.registry.tables import Presence, PresenceStatus


def add_presence(session, authority_id: int, name: str) -> int:
    """A planned Mastodon presence of the authority; its ID."""
    handle = f"@{name.lower()}@berlin.social"
    presence = Presence(
        name=name,
        platform="mastodon",
        handle=handle,
        handle_key=handle.lstrip("@"),
        url=f"https://berlin.social/@{name.lower()}",
        purpose="Informationen.",
        authority_id=authority_id,
        status=PresenceStatus.PLANNED,
    )
    session.add(presence)
    session.flush()
    return presence.id


def answered(app: FastAPI, presence_id: int, answers: dict[str, Any]) -> tuple[int, int]:
    """An assessment of the presence with `answers` saved step by step; (ID, version)."""
    history = app.state.site.publication.history
    questionnaire = history.current.questionnaire
    actor, scope = Actor(None, "Test"), Scope(Role.ADMINISTRATOR)
    with transaction(app.state.sessions) as session:
        assessment = start_assessment(session, actor, scope, presence_id, history)
        assessment_id, version = assessment.id, assessment.version
    for step in questionnaire.steps:
        raw = {question.id: answers.get(question.id) for question in step.questions}
        with transaction(app.state.sessions) as session:
            saved = save_step(session, actor, scope, assessment_id, step.id, raw, version, history)
            version = saved.assessment.version
    return assessment_id, version
