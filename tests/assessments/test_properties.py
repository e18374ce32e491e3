"""Properties of the evaluator: any input leaves it standing, every error names its question."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leitplanke.assessments import Outcome, evaluate
from leitplanke.rulebook.loader import load_rulebook
from leitplanke.rulebook.questionnaire import AnswerType, ConsequenceKind, Question

QUESTIONNAIRE = load_rulebook().questionnaire
assert QUESTIONNAIRE is not None
QUESTION_IDS = [question.id for question in QUESTIONNAIRE.questions]

JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["ja", "nein", "dialog", "mastodon", "7,5", "1e999"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children)
    ),
    max_leaves=8,
)
KEYS = st.sampled_from(QUESTION_IDS) | st.text(max_size=20) | st.integers()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.dictionaries(KEYS, JSON_LIKE, max_size=12))
def test_arbitrary_answers_never_crash_and_every_error_names_its_question(raw: dict[Any, Any]):
    assessment = evaluate(QUESTIONNAIRE, raw)
    keys = {str(key) for key in raw}
    for error in assessment.errors:
        assert error.question_id in keys
        assert error.question_id in error.message
    if assessment.blockers:
        assert assessment.outcome == Outcome.REJECTED
    elif not assessment.complete:
        assert assessment.outcome == Outcome.INCOMPLETE
    assert set(assessment.answers) <= set(QUESTION_IDS)
    shown = {q for step in assessment.steps for q in step.question_ids}
    assert {reason.question_id for reason in assessment.reasons} <= shown
    assert set(assessment.missing) <= shown


def valid_answer(question: Question) -> st.SearchStrategy[Any]:
    choices = [option.id for option in question.choices]
    if question.type == AnswerType.TEXT:
        return st.text(min_size=1, max_size=40).filter(str.strip)
    if question.type == AnswerType.NUMBER:
        return st.integers(int(question.minimum or 0), int(question.maximum or 1000))
    if question.type == AnswerType.MULTIPLE_CHOICE:
        return st.lists(st.sampled_from(choices), min_size=1, unique=True)
    return st.sampled_from(choices)


FULL_VALID = st.fixed_dictionaries({q.id: valid_answer(q) for q in QUESTIONNAIRE.questions})


@SETTINGS
@given(FULL_VALID)
def test_answering_every_question_validly_completes_the_questionnaire(raw: dict[str, Any]):
    assessment = evaluate(QUESTIONNAIRE, raw)
    assert assessment.errors == ()
    assert assessment.complete
    assert assessment.outcome != Outcome.INCOMPLETE
    kinds = {reason.kind for reason in assessment.reasons}
    if ConsequenceKind.BLOCKER not in kinds and ConsequenceKind.CONDITION not in kinds:
        assert assessment.outcome == Outcome.APPROVED
