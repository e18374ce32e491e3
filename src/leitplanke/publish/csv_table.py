"""CSV renderer: `rules.csv`, one row per rule."""

import csv
import io

from leitplanke.publish.document import PublishedRule
from leitplanke.publish.publication import Artifact, Publication

COLUMNS: tuple[str, ...] = (
    "id",
    "uri",
    "title",
    "audience",
    "aspect",
    "level",
    "level_keyword",
    "status",
    "text",
    "rationale",
    "legal_bases",
    "target_groups",
    "see_also",
    "page_url",
)


def csv_row(rule: PublishedRule) -> list[str]:
    """One CSV row; lists are joined with '; '."""
    return [
        rule.id,
        rule.uri,
        rule.title,
        rule.audience,
        rule.aspect,
        rule.level,
        rule.level_keyword,
        rule.status,
        rule.text,
        rule.rationale,
        "; ".join(basis.citation for basis in rule.legal_bases),
        "; ".join(rule.target_groups),
        "; ".join(rule.see_also),
        rule.page_url,
    ]


def render_csv(publication: Publication) -> list[Artifact]:
    """`rules.csv` (RFC 4180, UTF-8, header row)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(rule) for rule in publication.document.rules)
    return [Artifact("rules.csv", "text/csv; charset=utf-8", buffer.getvalue().encode())]
