"""Reading raw answers: normalised when they fit, a German error naming the question when not."""

import pytest

from leitplanke.assessments import read_answers, validate_answers

# (note, question ID, raw value, normalised answer; None: counts as unanswered)
USABLE = [
    ("option ID", "zweck-dauer", "dauerhaft", "dauerhaft"),
    ("yes as option", "zweck-nutzungskonzept", "ja", "ja"),
    ("yes as true", "zweck-nutzungskonzept", True, "ja"),
    ("no as false", "zweck-nutzungskonzept", False, "nein"),
    (
        "options in questionnaire order",
        "zweck-art",
        ["nachwuchs", "dialog"],
        ("dialog", "nachwuchs"),
    ),
    ("one option as text", "zweck-art", "dialog", ("dialog",)),
    ("options as tuple", "zweck-art", ("dialog",), ("dialog",)),
    ("integer", "verantwortung-redaktion", 3, 3),
    ("integral float becomes integer", "verantwortung-stunden", 10.0, 10),
    ("number as text", "verantwortung-stunden", " 12 ", 12),
    ("decimal comma", "verantwortung-stunden", "7,5", 7.5),
    ("decimal point", "verantwortung-stunden", "7.5", 7.5),
    ("text is stripped", "zweck-aufgabe", "  Information  ", "Information"),
    ("None is unanswered", "zweck-dauer", None, None),
    ("blank text is unanswered", "zweck-aufgabe", "   ", None),
    ("empty list is unanswered", "zweck-art", [], None),
    ("empty list for a single choice is unanswered", "zweck-dauer", [], None),
]


@pytest.mark.parametrize(
    ("note", "question_id", "raw", "want"), USABLE, ids=[case[0] for case in USABLE]
)
def test_usable_answer_is_normalised(questionnaire, note, question_id, raw, want):
    sheet = read_answers(questionnaire, {question_id: raw})
    assert sheet.errors == ()
    assert sheet.answers.get(question_id) == want
    assert type(sheet.answers.get(question_id)) is type(want)


# (note, question ID, raw value, part of the message after „Frage „ID“: “)
INVALID = [
    (
        "unknown option",
        "zweck-dauer",
        "ewig",
        "unbekannte Option „ewig“ (erlaubt: dauerhaft, befristet)",
    ),
    ("number for an option", "zweck-dauer", 3, "eine Option erwartet"),
    ("list for a single choice", "zweck-dauer", ["dauerhaft"], "eine Option erwartet"),
    ("maybe for yes/no", "zweck-nutzungskonzept", "vielleicht", "(erlaubt: ja, nein)"),
    ("unknown option in a list", "zweck-art", ["dialog", "party"], "unbekannte Option „party“"),
    ("option chosen twice", "zweck-art", ["dialog", "dialog"], "doppelt gewählt"),
    ("mapping for a multiple choice", "zweck-art", {"dialog": True}, "Liste von Optionen erwartet"),
    ("number in a list", "zweck-art", [1], "Liste von Optionen erwartet"),
    ("word for a number", "verantwortung-stunden", "zehn", "Zahl erwartet"),
    ("true for a number", "verantwortung-stunden", True, "Zahl erwartet"),
    ("negative number", "verantwortung-stunden", -1, "Wert -1 liegt unter 0"),
    ("number above the maximum", "verantwortung-redaktion", 101, "Wert 101 liegt über 100"),
    ("infinity", "verantwortung-stunden", float("inf"), "endliche Zahl erwartet"),
    ("not a number", "verantwortung-stunden", float("nan"), "endliche Zahl erwartet"),
    ("huge integer", "verantwortung-stunden", 10**400, "Zahl zu groß"),
    ("number for a text", "zweck-aufgabe", 42, "Text erwartet"),
    ("text too long", "zweck-aufgabe", "x" * 2001, "Text zu lang (2001 Zeichen, höchstens 2000)"),
]


@pytest.mark.parametrize(
    ("note", "question_id", "raw", "message"), INVALID, ids=[case[0] for case in INVALID]
)
def test_invalid_answer_is_an_error_naming_the_question(
    questionnaire, note, question_id, raw, message
):
    (error,) = validate_answers(questionnaire, {question_id: raw})
    assert error.question_id == question_id
    assert error.message.startswith(f"Frage „{question_id}“: ")
    assert message in error.message
    assert question_id not in read_answers(questionnaire, {question_id: raw}).answers


def test_unknown_question_is_an_error_naming_it(questionnaire):
    (error,) = validate_answers(questionnaire, {"lieblingsfarbe": "blau"})
    assert error.question_id == "lieblingsfarbe"
    assert error.message == "Unbekannte Frage „lieblingsfarbe“"


def test_every_error_is_reported_in_the_order_of_the_answers(questionnaire):
    errors = validate_answers(
        questionnaire, {"zweck-dauer": "ewig", "zweck-aufgabe": 1, "x": 1, "zweck-art": "dialog"}
    )
    assert [error.question_id for error in errors] == ["zweck-dauer", "zweck-aufgabe", "x"]


def test_normalised_answers_read_again_unchanged(questionnaire):
    raw = {
        "zweck-art": ["nachwuchs", "dialog"],
        "verantwortung-stunden": "7,5",
        "zweck-dauer": "dauerhaft",
    }
    once = read_answers(questionnaire, raw).answers
    assert read_answers(questionnaire, once).answers == once


def test_answers_come_back_in_questionnaire_order(questionnaire):
    sheet = read_answers(questionnaire, {"werbung-bezahlt": "nein", "zweck-dauer": "dauerhaft"})
    assert list(sheet.answers) == ["zweck-dauer", "werbung-bezahlt"]
