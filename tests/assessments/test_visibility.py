"""Visible, required and missing questions and the progress of steps follow the answers."""

from leitplanke.assessments import (
    missing_questions,
    required_questions,
    step_progress,
    visible_questions,
)


def ids(questions):
    return [question.id for question in questions]


def test_conditional_question_is_hidden_until_its_condition_holds(questionnaire):
    assert "plattform-instanz" not in ids(visible_questions(questionnaire, {}))
    shown = ids(visible_questions(questionnaire, {"plattform-wahl": "peertube"}))
    assert "plattform-instanz" in shown
    assert "plattform-alternative" not in shown


def test_condition_on_a_multiple_choice_holds_when_one_listed_option_is_chosen(questionnaire):
    shown = ids(visible_questions(questionnaire, {"barrierefreiheit-formate": ["text", "live"]}))
    assert "barrierefreiheit-untertitel" in shown
    assert "barrierefreiheit-alternativtexte" not in shown


def test_condition_on_an_invalid_answer_does_not_hold(questionnaire):
    assert "plattform-instanz" not in ids(
        visible_questions(questionnaire, {"plattform-wahl": "myspace"})
    )


def test_optional_questions_are_visible_but_not_required(questionnaire):
    assert "beendigung-schliessung" in ids(visible_questions(questionnaire, {}))
    assert "beendigung-schliessung" not in ids(required_questions(questionnaire, {}))


def test_missing_questions_shrink_as_answers_come_in(questionnaire, approved_answers):
    everything = ids(missing_questions(questionnaire, {}))
    assert ids(missing_questions(questionnaire, approved_answers)) == []
    del approved_answers["zweck-dauer"]
    assert ids(missing_questions(questionnaire, approved_answers)) == ["zweck-dauer"]
    assert "zweck-dauer" in everything


def test_step_progress_counts_visible_answered_and_missing_questions(questionnaire):
    progress = {
        step.step_id: step
        for step in step_progress(
            questionnaire, {"moderation-kommentare": "nein", "zweck-aufgabe": "Information"}
        )
    }
    assert [step.step_id for step in step_progress(questionnaire, {})] == [
        step.id for step in questionnaire.steps
    ]
    moderation = progress["moderation"]
    assert moderation.question_ids == ("moderation-kommentare", "moderation-krisenplan")
    assert moderation.answered == ("moderation-kommentare",)
    assert moderation.missing == ("moderation-krisenplan",)
    assert moderation.shown and not moderation.complete
    assert "zweck-aufgabe" in progress["zweck"].answered
