"""The Linked Data URIs (rulebook, rules, versions), answered in the format the client asks for."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from leitplanke.publish.html_site import SiteLinks
from leitplanke.web.caching import VERSIONED
from leitplanke.web.dependencies import SiteDep
from leitplanke.web.negotiation import Negotiation, alternative_content, html_first
from leitplanke.web.representations import (
    RULE_FORMATS,
    RULEBOOK_FORMATS,
    rule_representation,
    rulebook_representation,
)
from leitplanke.web.responses import artifact_response

router = APIRouter(tags=["URIs"])

RulebookFormat = Annotated[str, Depends(Negotiation(html_first(RULEBOOK_FORMATS)))]
RuleFormat = Annotated[str, Depends(Negotiation(html_first(RULE_FORMATS)))]
DCAT_FILES = {"turtle": "dcat.ttl", "jsonld": "dcat.jsonld"}
DcatFormat = Annotated[str, Depends(Negotiation(tuple(DCAT_FILES)))]
UNKNOWN_RULE = {"description": "Unbekannte Regel-ID"}
UNKNOWN_VERSION = {"description": "Unbekannte Version"}
UNKNOWN_VERSION_OR_RULE = {"description": "Unbekannte Version oder Regel-ID"}


def unknown_rule(rule_id: str) -> HTTPException:
    """404 for a rule ID that the rulebook does not have."""
    return HTTPException(404, f"Eine Regel mit der ID {rule_id} gibt es in diesem Regelwerk nicht.")


def unknown_version(version: str) -> HTTPException:
    """404 for a version that was never published."""
    return HTTPException(404, f"Eine Version {version} des Regelwerks gibt es nicht.")


@router.get(
    "/rulebook",
    summary="Das Regelwerk (aktuelle Fassung), im ausgehandelten Format",
    responses=alternative_content(html_first(RULEBOOK_FORMATS)),
)
def rulebook(site: SiteDep, format_name: RulebookFormat) -> Response:
    """The rulebook as a work: HTML for browsers, otherwise what the Accept header asks for."""
    artifact = rulebook_representation(site, None, format_name)
    return artifact_response(artifact, negotiated=True)


@router.get(
    "/rules/{rule_id}",
    summary="Eine Regel (aktuelle Fassung), im ausgehandelten Format",
    responses={**alternative_content(html_first(RULE_FORMATS)), 404: UNKNOWN_RULE},
)
def rule(rule_id: str, site: SiteDep, format_name: RuleFormat) -> Response:
    """A rule as a work, in its current wording."""
    try:
        artifact = rule_representation(site, None, rule_id, format_name, SiteLinks(root="../"))
    except KeyError:
        raise unknown_rule(rule_id) from None
    return artifact_response(artifact, negotiated=True)


@router.get(
    "/versions/{version}",
    summary="Eine Version des Regelwerks, im ausgehandelten Format",
    responses={**alternative_content(html_first(RULEBOOK_FORMATS)), 404: UNKNOWN_VERSION},
)
def version(version: str, site: SiteDep, format_name: RulebookFormat) -> Response:
    """The rulebook as published in one version."""
    try:
        artifact = rulebook_representation(site, version, format_name)
    except KeyError:
        raise unknown_version(version) from None
    return artifact_response(artifact, cache_control=VERSIONED, negotiated=True)


@router.get(
    "/versions/{version}/rules/{rule_id}",
    summary="Eine Regel in der Fassung einer Version, im ausgehandelten Format",
    responses={**alternative_content(html_first(RULE_FORMATS)), 404: UNKNOWN_VERSION_OR_RULE},
)
def version_rule(version: str, rule_id: str, site: SiteDep, format_name: RuleFormat) -> Response:
    """A rule as worded in one version."""
    if version not in site.version_labels:
        raise unknown_version(version)
    links = SiteLinks(root="../../../", version=version)
    try:
        artifact = rule_representation(site, version, rule_id, format_name, links)
    except KeyError:
        raise unknown_rule(rule_id) from None
    return artifact_response(artifact, cache_control=VERSIONED, negotiated=True)


@router.get(
    "/dcat",
    summary="Der DCAT-AP.de-Datensatz des Regelwerks, als Turtle oder JSON-LD",
    responses=alternative_content(tuple(DCAT_FILES)),
)
def dcat(site: SiteDep, format_name: DcatFormat) -> Response:
    """The catalogue record whose node URIs (`dcat#dataset`, …) live under this address."""
    return artifact_response(site.artifacts[DCAT_FILES[format_name]], negotiated=True)
