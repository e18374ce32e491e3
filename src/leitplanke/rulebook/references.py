"""Cross-checks of the questionnaire and the platform catalogue: IDs, conditions, references.

Each check yields a `Problem` at a location inside its file; the loader turns it into a
`file:line:col: field: message` error. Rule references are checked against the rules' IDs and
statuses (a repealed rule may not be cited), platform references against the catalogue.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from leitplanke.rulebook.catalogue import Criterion, PlatformCatalogue
from leitplanke.rulebook.questionnaire import CHOICE_TYPES, Consequence, Question, Questionnaire
from leitplanke.rulebook.vocabulary import Status
from leitplanke.rulebook.yaml_source import Location

QUESTIONNAIRE_FILE = "questionnaire.yaml"
PLATFORMS_FILE = "platforms.yaml"


@dataclass(frozen=True)
class Problem:
    """One cross-reference problem, located by its path inside the file's data."""

    location: Location
    message: str


def rule_reference_problems(
    location: Location, rule_ids: list[str], rule_status: Mapping[str, Status]
) -> Iterator[Problem]:
    """Problems with the rule IDs listed at `location`: unknown or repealed rules."""
    for k, rule_id in enumerate(rule_ids):
        if rule_id not in rule_status:
            yield Problem((*location, k), f"Verweis auf unbekannte Regel {rule_id}")
        elif rule_status[rule_id] == Status.REPEALED:
            yield Problem((*location, k), f"Regel {rule_id} ist aufgehoben")


def questionnaire_problems(
    questionnaire: Questionnaire,
    rule_status: Mapping[str, Status] | None,
    platform_ids: frozenset[str] | None,
    *,
    check_platforms: bool = True,
) -> Iterator[Problem]:
    """Duplicate IDs, bad conditions, unknown rules and platforms in the questionnaire.

    `rule_status` is None when the rules did not load, and `check_platforms` false when the
    catalogue did not (their own errors are reported already); `platform_ids` is None when the
    rulebook has no platform catalogue.
    """
    seen_steps: set[str] = set()
    earlier: dict[str, Question] = {}
    if rule_status is not None:
        yield from rule_reference_problems(
            ("sign_off", "rules"), questionnaire.sign_off.rules, rule_status
        )
    for i, step in enumerate(questionnaire.steps):
        if step.id in seen_steps:
            yield Problem(("steps", i, "id"), f"Schritt-ID {step.id} doppelt")
        seen_steps.add(step.id)
        for j, question in enumerate(step.questions):
            at: Location = ("steps", i, "questions", j)
            if question.id in earlier:
                yield Problem((*at, "id"), f"Frage-ID {question.id} doppelt")
            yield from _condition_problems(question, at, earlier)
            if rule_status is not None:
                yield from _question_rule_problems(question, at, rule_status)
            for o, option in enumerate(question.options):
                if option.platform is None or not check_platforms:
                    continue
                if platform_ids is None:
                    message = f"kein Plattformkatalog ({PLATFORMS_FILE}) vorhanden"
                    yield Problem((*at, "options", o, "platform"), message)
                elif option.platform not in platform_ids:
                    message = f"Plattform {option.platform} steht nicht im Plattformkatalog"
                    yield Problem((*at, "options", o, "platform"), message)
            earlier.setdefault(question.id, question)


def _condition_problems(
    question: Question, at: Location, earlier: Mapping[str, Question]
) -> Iterator[Problem]:
    condition = question.show_if
    if condition is None:
        return
    target = earlier.get(condition.question)
    if target is None:
        message = f"Bedingung verweist auf {condition.question}, keine frühere Frage"
        yield Problem((*at, "show_if", "question"), message)
        return
    if target.type not in CHOICE_TYPES:
        message = f"Bedingung verweist auf {condition.question}, keine Auswahl- oder Ja/Nein-Frage"
        yield Problem((*at, "show_if", "question"), message)
        return
    known = {option.id for option in target.choices}
    for k, option_id in enumerate(condition.any_of):
        if option_id not in known:
            message = f"Frage {condition.question} hat keine Option {option_id}"
            yield Problem((*at, "show_if", "any_of", k), message)


def _question_rule_problems(
    question: Question, at: Location, rule_status: Mapping[str, Status]
) -> Iterator[Problem]:
    yield from rule_reference_problems((*at, "rules"), question.rules, rule_status)
    places: list[tuple[Location, Consequence]] = [
        ((*at, "options", o, "consequences", c), consequence)
        for o, option in enumerate(question.options)
        for c, consequence in enumerate(option.consequences)
    ]
    places += [
        ((*at, "ranges", r, "consequences", c), consequence)
        for r, number_range in enumerate(question.ranges)
        for c, consequence in enumerate(number_range.consequences)
    ]
    for place, consequence in places:
        yield from rule_reference_problems((*place, "rules"), consequence.rules, rule_status)


def catalogue_problems(
    catalogue: PlatformCatalogue, rule_status: Mapping[str, Status] | None
) -> Iterator[Problem]:
    """Duplicate IDs, unrated or unknown criteria, scores off the scale, unknown rules."""
    criteria: dict[str, Criterion] = {}
    for i, criterion in enumerate(catalogue.criteria):
        if criterion.id in criteria:
            yield Problem(("criteria", i, "id"), f"Kriterium {criterion.id} doppelt")
        criteria.setdefault(criterion.id, criterion)
        if rule_status is not None:
            yield from rule_reference_problems(
                ("criteria", i, "rules"), criterion.rules, rule_status
            )
    if not any(criterion.weight for criterion in catalogue.criteria):
        yield Problem(("criteria",), "mindestens ein Kriterium braucht ein Gewicht über 0")
    seen: set[str] = set()
    for i, platform in enumerate(catalogue.platforms):
        if platform.id in seen:
            yield Problem(("platforms", i, "id"), f"Plattform-ID {platform.id} doppelt")
        seen.add(platform.id)
        for key, rating in platform.ratings.items():
            rated = criteria.get(key)
            if rated is None:
                yield Problem(("platforms", i, "ratings", key), f"unbekanntes Kriterium {key}")
            elif rating.score is not None and rating.score > rated.max_score:
                message = f"Wert {rating.score} liegt außerhalb der Skala 0–{rated.max_score}"
                yield Problem(("platforms", i, "ratings", key, "score"), message)
        for key in criteria:
            if key not in platform.ratings:
                yield Problem(("platforms", i, "ratings"), f"Kriterium {key} ist nicht bewertet")
