"""The public surface of `leitplanke.assessments` is small, listed and importable."""

import leitplanke.assessments as assessments


def test_public_names_are_listed_and_importable():
    assert sorted(assessments.__all__) == sorted(
        [
            "OUTCOME_LABEL",
            "AnswerError",
            "AnswerSheet",
            "AnswerValue",
            "Assessment",
            "Outcome",
            "Reason",
            "StepProgress",
            "evaluate",
            "missing_questions",
            "read_answers",
            "required_questions",
            "step_progress",
            "validate_answers",
            "visible_questions",
        ]
    )
    for name in assessments.__all__:
        assert getattr(assessments, name) is not None


def test_every_outcome_has_a_german_label():
    assert set(assessments.OUTCOME_LABEL) == set(assessments.Outcome)
