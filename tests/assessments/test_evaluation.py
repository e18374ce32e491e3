"""Evaluating answers: outcome and reasons as the cases in `evaluation_cases.yaml` demand."""

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from leitplanke.assessments import OUTCOME_LABEL, Outcome, evaluate
from leitplanke.rulebook.questionnaire import ConsequenceKind
from tests.assessments.approved import APPROVED_ANSWERS

CASES: list[dict[str, Any]] = YAML(typ="safe").load(
    (Path(__file__).parent / "evaluation_cases.yaml").read_text(encoding="utf-8")
)["cases"]


def answers_of(case: dict[str, Any]) -> dict[str, Any]:
    answers = {**APPROVED_ANSWERS, **case.get("change", {})}
    for question_id in case.get("remove", []):
        del answers[question_id]
    return answers


@pytest.mark.parametrize("case", CASES, ids=[case["note"] for case in CASES])
def test_evaluation_case(questionnaire, case):
    assessment = evaluate(questionnaire, answers_of(case))
    want = case["want"]
    assert assessment.outcome == want["outcome"]
    assert [
        {"question": r.question_id, "answer": r.answer, "kind": r.kind, "rules": list(r.rule_ids)}
        for r in assessment.reasons
    ] == want["reasons"]
    assert list(assessment.missing) == want.get("missing", [])
    assert list(assessment.ignored) == want.get("ignored", [])
    assert [error.question_id for error in assessment.errors] == want.get("errors", [])


def test_approved_answers_complete_every_step(questionnaire, approved_answers):
    assessment = evaluate(questionnaire, approved_answers)
    assert assessment.complete
    assert all(step.complete for step in assessment.steps)
    assert assessment.next_step_id is None
    assert assessment.outcome_label == OUTCOME_LABEL[Outcome.APPROVED]


def test_empty_answers_are_incomplete_and_start_at_the_first_step(questionnaire):
    assessment = evaluate(questionnaire, {})
    assert assessment.outcome == Outcome.INCOMPLETE
    assert not assessment.complete
    assert assessment.next_step_id == questionnaire.steps[0].id
    assert assessment.reasons == ()
    assert assessment.missing[0] == questionnaire.steps[0].questions[0].id


def test_reason_names_question_answer_label_and_step(questionnaire, approved_answers):
    approved_answers["verantwortung-stunden"] = 2.5
    (reason,) = evaluate(questionnaire, approved_answers).reasons
    assert reason.step_id == "verantwortung"
    assert reason.question_text == questionnaire.question("verantwortung-stunden").text
    assert reason.answer_label == "2,5 Stunden pro Woche"
    assert reason.kind == ConsequenceKind.RECOMMENDATION
    assert reason.kind_label == "Empfehlung"


def test_reasons_are_grouped_by_kind(questionnaire, approved_answers):
    approved_answers.update(
        {"verantwortung-redaktion": 1, "verantwortung-stunden": 3, "werbung-monetarisierung": "ja"}
    )
    assessment = evaluate(questionnaire, approved_answers)
    assert [r.question_id for r in assessment.blockers] == ["werbung-monetarisierung"]
    assert [r.question_id for r in assessment.conditions] == ["verantwortung-redaktion"]
    assert [r.question_id for r in assessment.recommendations] == ["verantwortung-stunden"]


def test_applied_rules_include_every_visible_question_and_every_reason(
    questionnaire, approved_answers
):
    approved_answers["plattform-wahl"] = "tiktok"
    approved_answers["plattform-alternative"] = "nein"
    assessment = evaluate(questionnaire, approved_answers)
    applied = set(assessment.applied_rule_ids)
    for reason in assessment.reasons:
        assert set(reason.rule_ids) <= applied
    assert "INST-PA-02" in applied  # from the question shown for commercial platforms
    assert len(applied) == len(assessment.applied_rule_ids)


def test_result_keeps_only_answers_of_visible_questions_normalised(questionnaire, approved_answers):
    approved_answers.update({"zweck-art": "information", "verantwortung-redaktion": "2"})
    assessment = evaluate(questionnaire, approved_answers)
    assert assessment.answers["zweck-art"] == ("information",)
    assert assessment.answers["verantwortung-redaktion"] == 2
    assert "plattform-alternative" not in assessment.answers


def test_result_serialises_to_json_and_back(questionnaire, approved_answers):
    approved_answers["zweck-dauer"] = "befristet"
    assessment = evaluate(questionnaire, approved_answers)
    again = type(assessment).model_validate_json(assessment.model_dump_json())
    assert again == assessment
