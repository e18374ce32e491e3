"""The questionnaire and platform catalogue load with the rulebook; errors name file and line."""

import shutil
from pathlib import Path

import pytest

from leitplanke.rulebook.errors import RulebookError
from leitplanke.rulebook.loader import load_rulebook
from leitplanke.rulebook.questionnaire import ConsequenceKind
from leitplanke.rulebook.versions import freeze_current
from leitplanke.rulebook.vocabulary import Level, Status

QUESTIONNAIRE = "questionnaire.yaml"
PLATFORMS = "platforms.yaml"


def replace_in(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, relative: str, needle: str) -> int:
    lines = (folder / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def errors_of(folder: Path) -> tuple[str, ...]:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    return tuple(str(error) for error in caught.value.errors)


def test_bundled_rulebook_has_a_questionnaire_and_a_catalogue_of_at_least_eleven_platforms(
    bundled_rulebook,
):
    assert bundled_rulebook.questionnaire is not None
    assert len(bundled_rulebook.questionnaire.steps) >= 10
    assert bundled_rulebook.platforms is not None
    ids = {platform.id for platform in bundled_rulebook.platforms.platforms}
    assert {
        "mastodon",
        "bluesky",
        "peertube",
        "facebook",
        "instagram",
        "threads",
        "x",
        "youtube",
        "linkedin",
        "tiktok",
        "whatsapp-kanal",
    } <= ids


def test_every_rule_id_cited_by_questionnaire_and_catalogue_exists_and_is_not_repealed(
    bundled_rulebook,
):
    cited = bundled_rulebook.questionnaire.cited_rule_ids() | (
        bundled_rulebook.platforms.cited_rule_ids()
    )
    assert cited
    for rule_id in sorted(cited):
        assert bundled_rulebook.rule(rule_id).status != Status.REPEALED, rule_id


def test_every_blocker_rests_on_at_least_one_binding_rule(bundled_rulebook):
    for question in bundled_rulebook.questionnaire.questions:
        consequences = [c for o in question.options for c in o.consequences]
        consequences += [c for r in question.ranges for c in r.consequences]
        for consequence in consequences:
            if consequence.kind == ConsequenceKind.BLOCKER:
                levels = {bundled_rulebook.rule(rule_id).level for rule_id in consequence.rules}
                assert Level.MUSS in levels, question.id


def test_every_catalogue_platform_can_be_chosen_in_the_questionnaire(bundled_rulebook):
    chosen = {
        option.platform
        for option in bundled_rulebook.questionnaire.question("plattform-wahl").options
        if option.platform
    }
    assert chosen == {platform.id for platform in bundled_rulebook.platforms.platforms}


def test_every_rating_names_its_source_and_the_date_it_was_checked(bundled_rulebook):
    for platform in bundled_rulebook.platforms.platforms:
        for criterion in bundled_rulebook.platforms.criteria:
            rating = platform.ratings[criterion.id]
            assert str(rating.source).startswith("https://"), (platform.id, criterion.id)
            assert rating.checked.year >= 2026


def test_published_versions_without_the_files_still_load(bundled_history):
    first = bundled_history.versions[0]
    assert first.meta.version == "1.0.0"
    assert first.questionnaire is None
    assert first.platforms is None


def test_rulebook_without_the_files_loads_without_them(rulebook_copy):
    (rulebook_copy / QUESTIONNAIRE).unlink()
    (rulebook_copy / PLATFORMS).unlink()
    rulebook = load_rulebook(rulebook_copy)
    assert rulebook.questionnaire is None
    assert rulebook.platforms is None


def test_releasing_a_version_freezes_questionnaire_and_catalogue_too(rulebook_copy):
    target = freeze_current(rulebook_copy)
    assert (target / QUESTIONNAIRE).is_file()
    assert (target / PLATFORMS).is_file()
    assert load_rulebook(target) == load_rulebook(rulebook_copy)


# (what is broken, file, old text, new text, field named, message part, line marker)
SOURCE_ERRORS = [
    (
        "unknown rule applied by a question",
        QUESTIONNAIRE,
        "rules: [INST-KP-03]\n",
        "rules: [INST-XX-99]\n",
        "steps[0] (zweck).questions[2] (zweck-bestehender-kanal).rules[0]",
        "unbekannte Regel INST-XX-99",
        "rules: [INST-XX-99]",
    ),
    (
        "unknown rule cited by a consequence",
        QUESTIONNAIRE,
        "rules: [INST-RR-03, INST-DS-03]",
        "rules: [INST-RR-03, INST-YY-01]",
        "options[5] (einzelfall).consequences[0].rules[1]",
        "unbekannte Regel INST-YY-01",
        "rules: [INST-RR-03, INST-YY-01]",
    ),
    (
        "condition on an option the question lacks",
        QUESTIONNAIRE,
        "any_of: [mastodon, peertube]",
        "any_of: [mastodon, myspace]",
        "questions[1] (plattform-instanz).show_if.any_of[1]",
        "Frage plattform-wahl hat keine Option myspace",
        "any_of: [mastodon, myspace]",
    ),
    (
        "condition on a later question",
        QUESTIONNAIRE,
        "question: plattform-wahl\n          any_of: [mastodon, peertube]",
        "question: beendigung-datenexport\n          any_of: [mastodon, peertube]",
        "questions[1] (plattform-instanz).show_if.question",
        "keine frühere Frage",
        "question: beendigung-datenexport",
    ),
    (
        "condition on a text question",
        QUESTIONNAIRE,
        "question: plattform-wahl\n          any_of: [mastodon, peertube]",
        "question: zweck-aufgabe\n          any_of: [mastodon, peertube]",
        "show_if.question",
        "keine Auswahl- oder Ja/Nein-Frage",
        "question: zweck-aufgabe",
    ),
    (
        "duplicate question ID",
        QUESTIONNAIRE,
        "- id: zweck-dauer",
        "- id: zweck-art",
        "steps[0] (zweck).questions[3] (zweck-art).id",
        "Frage-ID zweck-art doppelt",
        "- id: zweck-art\n        text: Wie lange",
    ),
    (
        "unknown answer type",
        QUESTIONNAIRE,
        "type: multiple_choice",
        "type: multi",
        "questions[1] (zweck-art).type",
        "unzulässiger Wert",
        "type: multi",
    ),
    (
        "unknown consequence kind",
        QUESTIONNAIRE,
        "kind: blocker",
        "kind: verbot",
        "consequences[0].kind",
        "unzulässiger Wert",
        "kind: verbot",
    ),
    (
        "option the catalogue lacks",
        QUESTIONNAIRE,
        "platform: bluesky",
        "platform: myspace",
        "options[2] (bluesky).platform",
        "Plattform myspace steht nicht im Plattformkatalog",
        "platform: myspace",
    ),
    (
        "yes/no question with a third option",
        QUESTIONNAIRE,
        "          - id: ja\n            consequences:\n              - kind: blocker",
        "          - id: vielleicht\n            consequences:\n              - kind: blocker",
        "steps[0] (zweck).questions[2] (zweck-bestehender-kanal)",
        "nur die Optionen ja und nein",
        "- id: zweck-bestehender-kanal",
    ),
    (
        "score off the criterion's scale",
        PLATFORMS,
        "        score: 2\n        value: Bildbeschreibungen",
        "        score: 7\n        value: Bildbeschreibungen",
        "platforms[0] (mastodon).ratings.barrierefreiheit.score",
        "außerhalb der Skala 0–4",
        "score: 7",
    ),
    (
        "rating of an unknown criterion",
        PLATFORMS,
        "      offenes-protokoll:\n        score: 4\n        value: ActivityPub",
        "      offenes-protokol:\n        score: 4\n        value: ActivityPub",
        "platforms[0] (mastodon).ratings.offenes-protokol",
        "unbekanntes Kriterium offenes-protokol",
        "score: 4\n        value: ActivityPub",  # the entry's first line below its key
    ),
    (
        "weight above the limit",
        PLATFORMS,
        "    weight: 3\n    rules: [INST-PA-01]",
        "    weight: 11\n    rules: [INST-PA-01]",
        "criteria[0] (betreiber-rechtsraum).weight",
        "Wert zu groß (höchstens 10)",
        "weight: 11",
    ),
    (
        "checked date that is no date",
        PLATFORMS,
        "checked: 2026-11-25",
        "checked: gestern",
        "platforms[0] (mastodon).ratings.betreiber-rechtsraum.checked",
        "Datum",
        "checked: gestern",
    ),
    (
        "scale with a gap",
        PLATFORMS,
        "      - score: 1\n        label: Übermittlung",
        "      - score: 5\n        label: Übermittlung",
        "criteria[0] (betreiber-rechtsraum)",
        "lückenlos",
        "- id: betreiber-rechtsraum",
    ),
    (
        "rating without score and without note",
        PLATFORMS,
        "        score: 4\n        value: Die Software enthält weder Werbung",
        "        score: null\n        value: Die Software enthält weder Werbung",
        "platforms[0] (mastodon).ratings.tracking-werbung",
        "note",
        "score: null",
    ),
    (
        "unknown rule named by a criterion",
        PLATFORMS,
        "    rules: [INST-PA-01]\n",
        "    rules: [INST-XX-01]\n",
        "criteria[0] (betreiber-rechtsraum).rules[0]",
        "unbekannte Regel INST-XX-01",
        "rules: [INST-XX-01]",
    ),
    (
        "duplicate platform ID",
        PLATFORMS,
        "  - id: peertube",
        "  - id: mastodon",
        "platforms[1] (mastodon).id",
        "Plattform-ID mastodon doppelt",
        "  - id: mastodon\n    name: PeerTube",
    ),
]


@pytest.mark.parametrize(
    ("case", "file", "old", "new", "field", "message", "marker"),
    SOURCE_ERRORS,
    ids=[c[0] for c in SOURCE_ERRORS],
)
def test_error_in_questionnaire_or_catalogue_names_file_line_and_field(
    rulebook_copy, case, file, old, new, field, message, marker
):
    replace_in(rulebook_copy, file, old, new)
    errors = errors_of(rulebook_copy)
    text = (rulebook_copy / file).read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    prefix = f"{rulebook_copy / file}:{line}:"
    assert any(e.startswith(prefix) and field in e and message in e for e in errors), errors


def test_citing_a_repealed_rule_is_an_error(rulebook_copy):
    replace_in(
        rulebook_copy,
        "rules/institution-legitimate-interest.yaml",
        "  - id: INST-KP-03\n",
        "  - id: INST-KP-03\n    status: repealed\n",
    )
    errors = errors_of(rulebook_copy)
    line = line_of(rulebook_copy, QUESTIONNAIRE, "rules: [INST-KP-03]")
    assert any(
        e.startswith(f"{rulebook_copy / QUESTIONNAIRE}:{line}:")
        and "Regel INST-KP-03 ist aufgehoben" in e
        for e in errors
    ), errors


def test_platform_options_without_a_catalogue_are_errors(rulebook_copy):
    (rulebook_copy / PLATFORMS).unlink()
    errors = errors_of(rulebook_copy)
    assert any("options[0] (mastodon).platform" in e and PLATFORMS in e for e in errors), errors


def test_a_broken_catalogue_is_reported_once_not_again_through_the_questionnaire(rulebook_copy):
    replace_in(rulebook_copy, PLATFORMS, "title: Plattformkatalog", "titel: Plattformkatalog")
    errors = errors_of(rulebook_copy)
    assert len(errors) == 2, errors  # the unknown field and the missing one
    assert all(PLATFORMS in e and QUESTIONNAIRE not in e for e in errors), errors


def test_a_rule_file_that_fails_does_not_add_reference_errors(rulebook_copy):
    replace_in(
        rulebook_copy, "rules/institution-legitimate-interest.yaml", "level: muss", "level: must"
    )
    errors = errors_of(rulebook_copy)
    assert not any("unbekannte Regel" in e for e in errors), errors


def test_questionnaire_yaml_syntax_error_names_the_line(rulebook_copy):
    (rulebook_copy / QUESTIONNAIRE).write_text("title: [Klärung\n", encoding="utf-8")
    errors = errors_of(rulebook_copy)
    assert any(str(rulebook_copy / QUESTIONNAIRE) in e and "YAML" in e for e in errors), errors


def test_mini_rulebook_accepts_a_questionnaire_of_its_own(mini_copy, tmp_path):
    shutil.copy(
        Path(__file__).parent / "data" / "mini-questionnaire.yaml", mini_copy / QUESTIONNAIRE
    )
    questionnaire = load_rulebook(mini_copy).questionnaire
    assert questionnaire is not None
    assert [q.id for q in questionnaire.questions] == ["zweck", "grund"]
