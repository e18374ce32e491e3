"""Every field of the questionnaire and the platform catalogue is documented."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from leitplanke.rulebook.catalogue import Criterion, Platform, PlatformCatalogue, Rating, ScaleLevel
from leitplanke.rulebook.questionnaire import (
    Condition,
    Consequence,
    NumberRange,
    Option,
    Question,
    Questionnaire,
    SignOff,
    Step,
)

DOCS = (Path(__file__).parents[2] / "docs" / "rulebook-format.md").read_text(encoding="utf-8")
MODELS: list[type[BaseModel]] = [
    Questionnaire,
    SignOff,
    Step,
    Question,
    Option,
    Consequence,
    NumberRange,
    Condition,
    PlatformCatalogue,
    Criterion,
    ScaleLevel,
    Platform,
    Rating,
]


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
def test_every_field_is_documented(model):
    for field in model.model_fields:
        assert f"`{field}`" in DOCS, f"{model.__name__}.{field}"


def test_every_answer_type_and_consequence_kind_is_documented():
    for name in ("single_choice", "multiple_choice", "yes_no", "text", "number"):
        assert f"`{name}`" in DOCS, name
    for name in ("blocker", "condition", "recommendation"):
        assert f"`{name}`" in DOCS, name
