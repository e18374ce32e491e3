"""API: the rules, filtered by audience, aspect, level and status, and each rule by its ID."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from leitplanke.publish.document import PublishedRule
from leitplanke.publish.html_site import SiteLinks
from leitplanke.publish.selection import RuleFilter
from leitplanke.web.dependencies import RootDep, SiteDep
from leitplanke.web.negotiation import Negotiation, alternative_content
from leitplanke.web.representations import (
    RULE_FORMATS,
    RULES_FORMATS,
    rule_representation,
    rules_representation,
)
from leitplanke.web.responses import artifact_response

router = APIRouter(prefix="/api/v1", tags=["API"])

RulesFormat = Annotated[str, Depends(Negotiation(RULES_FORMATS))]
RuleFormat = Annotated[str, Depends(Negotiation(RULE_FORMATS))]


@router.get(
    "/rules",
    response_model=list[PublishedRule],
    summary="Regeln, gefiltert nach Adressat, Aspekt, Verbindlichkeit und Status",
    responses=alternative_content(RULES_FORMATS),
)
def list_rules(
    site: SiteDep, chosen: Annotated[RuleFilter, Query()], format_name: RulesFormat
) -> Response:
    """The rules of the current version that pass the filter, in rulebook order."""
    rules = chosen.select(site.publication.rulebook.rules)
    return artifact_response(rules_representation(site, rules, format_name), negotiated=True)


@router.get(
    "/rules/{rule_id}",
    response_model=PublishedRule,
    summary="Eine Regel",
    responses={**alternative_content(RULE_FORMATS), 404: {"description": "Unbekannte Regel-ID"}},
)
def get_rule(rule_id: str, site: SiteDep, root: RootDep, format_name: RuleFormat) -> Response:
    """One rule of the current version."""
    try:
        artifact = rule_representation(site, None, rule_id, format_name, SiteLinks(root=root))
    except KeyError:
        raise HTTPException(
            404, f"Eine Regel mit der ID {rule_id} gibt es in diesem Regelwerk nicht."
        ) from None
    return artifact_response(artifact, negotiated=True)
