"""Fixtures: the bundled questionnaire and a full set of answers that approves a presence."""

from typing import Any

import pytest

from leitplanke.rulebook.model import Rulebook
from leitplanke.rulebook.questionnaire import Questionnaire
from tests.assessments.approved import APPROVED_ANSWERS


@pytest.fixture(scope="session")
def questionnaire(bundled_rulebook: Rulebook) -> Questionnaire:
    """The questionnaire of the bundled Berlin rulebook."""
    assert bundled_rulebook.questionnaire is not None
    return bundled_rulebook.questionnaire


@pytest.fixture
def approved_answers() -> dict[str, Any]:
    """A fresh copy of answers that approve a presence without conditions."""
    return dict(APPROVED_ANSWERS)
