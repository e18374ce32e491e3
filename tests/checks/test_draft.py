"""The draft model: who posts a draft is optional and decides whose rules check it."""

import pytest
from pydantic import ValidationError

from leitplanke.checks.draft import DEFAULT_AUDIENCE, Draft
from leitplanke.rulebook.vocabulary import Audience

# (note, draft as sent, audience as given, audience whose rules check it)
AUDIENCES = [
    ("unset", {"text": "a"}, None, Audience.INSTITUTION),
    ("null", {"text": "a", "audience": None}, None, Audience.INSTITUTION),
    (
        "institution",
        {"text": "a", "audience": "institution"},
        Audience.INSTITUTION,
        Audience.INSTITUTION,
    ),
    ("employee", {"text": "a", "audience": "employee"}, Audience.EMPLOYEE, Audience.EMPLOYEE),
]


@pytest.mark.parametrize(
    ("data", "given", "checked"),
    [case[1:] for case in AUDIENCES],
    ids=[case[0] for case in AUDIENCES],
)
def test_a_draft_may_say_who_posts_it_and_is_else_an_official_accounts(data, given, checked):
    draft = Draft.model_validate(data)
    assert draft.audience == given
    assert draft.checked_audience == checked


def test_the_default_audience_is_the_institution():
    assert DEFAULT_AUDIENCE is Audience.INSTITUTION


@pytest.mark.parametrize("value", ["staff", "Institution", "", 1])
def test_an_unknown_audience_is_not_a_draft(value):
    with pytest.raises(ValidationError) as error:
        Draft.model_validate({"text": "a", "audience": value})
    assert [detail["loc"] for detail in error.value.errors()] == [("audience",)]
