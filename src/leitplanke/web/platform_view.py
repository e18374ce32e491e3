"""The pages "Plattformen": what-if weights read from the query, the pages and their formats.

The what-if form is a GET form (it works without JavaScript and its answer can be linked): each
criterion's weight travels as `gewicht-<criterion ID>`; a blank or missing field keeps the
rulebook's weight. The same parameters recompute the JSON and CSV.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from leitplanke.platforms.comparison import PlatformComparison, compare_platforms
from leitplanke.publish.html_site import rule_html
from leitplanke.publish.markdown import markdown_to_html
from leitplanke.rulebook.catalogue import MAX_WEIGHT, PlatformCatalogue
from leitplanke.web.published_site import PublishedSite
from leitplanke.web.rendering import render_app_page

NAV_LINK = ("Plattformen", "plattformen")  # (label, path) in the web app's navigation
PATH = "plattformen"
WEIGHT_PREFIX = "gewicht-"
ECHO_LIMIT = 40  # an unknown parameter's name is repeated in the message only up to this length
NO_CATALOGUE = "Dieses Regelwerk enthält keinen Plattformkatalog."


@dataclass(frozen=True)
class WeightError:
    """What is wrong with the weights: the query parameter, a German message, the field's id."""

    parameter: str
    message: str
    target: str


@dataclass(frozen=True)
class WeightsForm:
    """The what-if weights a query sent: the texts given by criterion ID, the weights read from
    them, and what is wrong with them."""

    given: dict[str, str] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    errors: tuple[WeightError, ...] = ()

    @classmethod
    def parse(cls, query: Iterable[tuple[str, str]], catalogue: PlatformCatalogue) -> "WeightsForm":
        """The weights among a query's parameters; other parameters are left alone."""
        titles = {criterion.id: criterion.title for criterion in catalogue.criteria}
        given: dict[str, str] = {}
        errors: list[WeightError] = []
        for name, value in query:
            if not name.startswith(WEIGHT_PREFIX):
                continue
            criterion_id = name.removeprefix(WEIGHT_PREFIX)
            if criterion_id in titles:
                if value.strip():
                    given[criterion_id] = value.strip()
                continue
            shown = f"„{name}“" if len(name) <= ECHO_LIMIT else "mit diesem Namen"
            errors.append(
                WeightError(
                    name,
                    f"Den Parameter {shown} gibt es nicht: Er nennt kein Kriterium des Katalogs.",
                    "was-waere-wenn",
                )
            )
        weights: dict[str, float] = {}
        for criterion in catalogue.criteria:
            if criterion.id not in given:
                continue
            weight = read_weight(given[criterion.id])
            if weight is None:
                errors.append(
                    WeightError(
                        WEIGHT_PREFIX + criterion.id,
                        f"Gewicht für „{criterion.title}“: Bitte geben Sie eine Zahl von 0 bis "
                        f"{MAX_WEIGHT} an.",
                        field_id(criterion.id),
                    )
                )
            else:
                weights[criterion.id] = weight
        if not errors:
            applied = [weights.get(c.id, float(c.weight)) for c in catalogue.criteria]
            if not any(applied):
                first = catalogue.criteria[0]
                errors.append(
                    WeightError(
                        WEIGHT_PREFIX + first.id,
                        "Mindestens ein Kriterium braucht ein Gewicht über 0, sonst lässt sich "
                        "nichts vergleichen.",
                        field_id(first.id),
                    )
                )
        return cls(given, weights, tuple(errors))

    @property
    def what_if(self) -> bool:
        """Whether the query gave any weight of its own."""
        return bool(self.given)

    def error_of(self, criterion_id: str) -> str | None:
        """The message about this criterion's field, if any."""
        for error in self.errors:
            if error.parameter == WEIGHT_PREFIX + criterion_id:
                return error.message
        return None

    def value_of(self, criterion_id: str, rulebook_weight: float) -> str:
        """What the criterion's field shows: the weight given (as given, if it is wrong), else
        the rulebook's, written as a number input expects it."""
        if criterion_id in self.weights:
            return input_number(self.weights[criterion_id])
        return self.given.get(criterion_id, input_number(rulebook_weight))

    def query(self) -> str:
        """The weights as a query string ('' without weights), for links that keep them."""
        pairs = [(WEIGHT_PREFIX + key, input_number(value)) for key, value in self.weights.items()]
        return urlencode(pairs)


def read_weight(text: str) -> float | None:
    """A weight from 0 to MAX_WEIGHT as typed (decimal point or comma), or None."""
    try:
        weight = float(text.replace(",", "."))
    except ValueError:
        return None
    return weight if 0 <= weight <= MAX_WEIGHT else None  # also rejects NaN and infinity


def field_id(criterion_id: str) -> str:
    """The id of a criterion's weight field."""
    return f"feld-{WEIGHT_PREFIX}{criterion_id}"


def input_number(value: float) -> str:
    """A number as an `<input type="number">` takes it: '3', '2.5'."""
    return str(int(value)) if value.is_integer() else f"{value:g}"


def german_number(value: float, digits: int = 1) -> str:
    """A number in German notation with `digits` decimals, e.g. '81,6'."""
    return f"{value:.{digits}f}".replace(".", ",")


def german_decimal(value: float) -> str:
    """A weight or points in German notation, at most two decimals and none needless: '3',
    '2,25', '0,67'."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def short_date(day: date) -> str:
    """A date in the short German form for tables: '25.11.2026'."""
    return day.strftime("%d.%m.%Y")


def host_of(url: str) -> str:
    """The host a link leads to, as short link text: 'tiktok.com' for 'https://www.tiktok.com/…'."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else url


def comparison_of(site: PublishedSite, form: WeightsForm) -> PlatformComparison:
    """The comparison under the form's weights (the rulebook's without any); the rulebook's is
    made once. The form must be free of errors and the rulebook must have a catalogue."""
    rulebook = site.publication.rulebook
    catalogue = rulebook.platforms
    if catalogue is None:
        raise LookupError(NO_CATALOGUE)
    version = rulebook.meta.version
    if not form.what_if:
        return site.memo(
            ("platforms",), lambda: compare_platforms(catalogue, rulebook_version=version)
        )
    return compare_platforms(catalogue, form.weights, rulebook_version=version)


def catalogue_note(catalogue: PlatformCatalogue | None) -> Markup | None:
    """The catalogue's note (Markdown) as safe HTML, its headings below the page's."""
    if catalogue is None or catalogue.note is None:
        return None
    return rule_html(markdown_to_html(catalogue.note), 2)


def rule_titles(site: PublishedSite) -> dict[str, str]:
    """The title of every current rule by its ID, for links to the rules."""
    return {rule.id: rule.title for rule in site.publication.document.rules}


PAGE_CONTEXT: dict[str, Any] = {
    "german_number": german_number,
    "german_decimal": german_decimal,
    "host_of": host_of,
    "short_date": short_date,
    "max_weight": MAX_WEIGHT,
    "weight_prefix": WEIGHT_PREFIX,
    "path": PATH,
}


def render_platforms_page(
    request: Request,
    site: PublishedSite,
    form: WeightsForm,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The comparison page; with errors in the form, the rulebook's ranking and the errors."""
    catalogue = site.publication.rulebook.platforms
    comparison = None
    if catalogue is not None:
        comparison = comparison_of(site, WeightsForm() if form.errors else form)
    return render_app_page(
        request,
        "platforms.html",
        status_code=status_code,
        headers=headers,
        catalogue=catalogue,
        catalogue_note=catalogue_note(catalogue),
        comparison=comparison,
        form=form,
        rule_titles=rule_titles(site),
        **PAGE_CONTEXT,
    )


def render_platform_page(
    request: Request,
    site: PublishedSite,
    comparison: PlatformComparison,
    platform_id: str,
    form: WeightsForm,
    *,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page of one platform (KeyError if the comparison has none with this ID)."""
    catalogue = site.publication.rulebook.platforms
    assert catalogue is not None  # a comparison exists only for a catalogue
    return render_app_page(
        request,
        "platform.html",
        headers=headers,
        catalogue=catalogue,
        comparison=comparison,
        platform=comparison.platform(platform_id),
        form=form,
        rule_titles=rule_titles(site),
        **PAGE_CONTEXT,
    )
