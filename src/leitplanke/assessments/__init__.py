"""Assessments of planned presences: answers to the rulebook's questionnaire and their result."""

from leitplanke.assessments.answers import (
    AnswerError,
    AnswerSheet,
    AnswerValue,
    read_answers,
    validate_answers,
)
from leitplanke.assessments.evaluation import OUTCOME_LABEL, Assessment, Outcome, Reason, evaluate
from leitplanke.assessments.visibility import (
    StepProgress,
    missing_questions,
    required_questions,
    step_progress,
    visible_questions,
)

__all__ = [
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
