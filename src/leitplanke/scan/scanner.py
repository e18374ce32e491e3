"""The scanner: catalogue, filter lists and rules compiled once, and a page's result assembled.

`Scanner` is made once (the web app at start-up, the CLI per run) and scans any number of
pages and sites. `page_result` merges what the static analysis of the HTML and the browser
recorded into one `PageScan` with evidence and findings.
"""

from datetime import datetime
from functools import cache

from leitplanke.publish.publication import Publication
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.versions import load_history
from leitplanke.rulebook.vocabulary import Status
from leitplanke.scan.browser import BrowserRecording
from leitplanke.scan.catalogue import Catalogue, load_catalogue
from leitplanke.scan.filter_lists import FilterLists
from leitplanke.scan.findings import FindingMaker, rule_references, summary_of
from leitplanke.scan.parties import PartyRule
from leitplanke.scan.result import (
    CookieRecord,
    Effect,
    Evidence,
    EvidenceKind,
    PageScan,
    Party,
    RequestRecord,
    ScanMode,
    StorageRecord,
)
from leitplanke.scan.signatures import Match, SignatureIndex
from leitplanke.scan.static import HtmlAnalyser, StaticAnalysis


@cache
def bundled_publication() -> Publication:
    """The bundled Berlin rulebook, published under its own base URI."""
    history = load_history(BUNDLED)
    return Publication(history, str(history.current.meta.base_uri))


class Scanner:
    """Everything a scan needs that does not change between pages."""

    def __init__(
        self,
        *,
        publication: Publication | None = None,
        catalogue: Catalogue | None = None,
        filter_lists: bool = True,
    ) -> None:
        publication = publication or bundled_publication()
        self.publication = publication
        self.rules = rule_references(
            rule for rule in publication.document.rules if rule.status == Status.IN_FORCE
        )
        self.catalogue = catalogue or load_catalogue(rule_ids=self.rules.keys())
        self.index = SignatureIndex(self.catalogue, FilterLists() if filter_lists else None)
        self.analyser = HtmlAnalyser(self.index)
        self.finding_maker = FindingMaker(self.index, self.rules)
        meta = publication.rulebook.meta
        self.rulebook = f"{meta.id} {meta.version}"

    def analyse_html(self, html: str, page_url: str, parties: PartyRule) -> StaticAnalysis:
        """The static analysis of one page's HTML."""
        return self.analyser.analyse(html, page_url, parties)

    def _cookie_setter(self, domain: str, by_host: dict[str, str], page_url: str) -> Match | None:
        """The signature of the first request to the cookie's domain, else the domain's own."""
        for host, signature_id in by_host.items():
            if host == domain or host.endswith("." + domain):
                match = self.index.matches.get(signature_id)
                if match is not None:
                    return match
        return self.index.match_url(f"https://{domain}/", source_url=page_url)

    def page_result(
        self,
        *,
        url: str,
        page_url: str,
        mode: ScanMode,
        depth: int,
        started_at: datetime,
        duration_ms: float,
        parties: PartyRule,
        status: int | None = None,
        static: StaticAnalysis | None = None,
        recording: BrowserRecording | None = None,
        error: str | None = None,
    ) -> PageScan:
        """One page's result from its static analysis and browser recording."""
        evidence = list(static.evidence) if static else []
        requests: list[RequestRecord] = []
        cookies: list[CookieRecord] = []
        storage: list[StorageRecord] = []
        if recording is not None:
            for request in recording.requests:
                match = self.index.match_url(
                    request.url, source_url=page_url, resource_type=request.resource_type
                )
                if match is not None:
                    request = request.model_copy(
                        update={"signature": match.signature_id, "vendor": match.vendor}
                    )
                    evidence.append(
                        _evidence(
                            match,
                            EvidenceKind.REQUEST,
                            request.party,
                            request.moment,
                            url=request.url,
                            host=request.host,
                            resource_type=request.resource_type,
                            frame_url=request.frame_url,
                            detail=_outcome_detail(request.outcome),
                        )
                    )
                requests.append(request)
            by_host = {r.host: r.signature for r in requests if r.signature is not None}
            for cookie in recording.cookies:
                domain = cookie.domain.lstrip(".")
                match = self.index.match_cookie(cookie.name) or self._cookie_setter(
                    domain, by_host, page_url
                )
                if match is not None:
                    cookie = cookie.model_copy(
                        update={"signature": match.signature_id, "vendor": match.vendor}
                    )
                    evidence.append(
                        _evidence(
                            match,
                            EvidenceKind.COOKIE,
                            cookie.party,
                            cookie.moment,
                            host=domain,
                            name_in_browser=cookie.name,
                        )
                    )
                cookies.append(cookie)
            for write in recording.storage:
                match = self.index.match_cookie(write.key)
                if match is None and write.party is Party.THIRD:
                    match = self.index.match_url(write.origin, source_url=page_url)
                if match is not None:
                    write = write.model_copy(
                        update={"signature": match.signature_id, "vendor": match.vendor}
                    )
                    evidence.append(
                        _evidence(
                            match,
                            EvidenceKind.STORAGE,
                            write.party,
                            write.moment,
                            name_in_browser=f"{write.area}: {write.key}",
                            frame_url=write.origin,
                        )
                    )
                storage.append(write)
        if recording is not None:
            before, after = _hosts_by_moment(requests)
        else:
            before, after = sorted(static.third_party_hosts) if static else [], []
        findings = self.finding_maker.findings(evidence) if error is None else []
        return PageScan(
            url=url,
            final_url=page_url,
            mode=mode,
            depth=depth,
            status=status,
            error=error,
            started_at=started_at,
            duration_ms=round(duration_ms, 1),
            title=(recording.title if recording and recording.title else None)
            or (static.title if static else None),
            third_party_hosts_before_consent=before,
            third_party_hosts_after_consent=after,
            findings=findings,
            evidence=evidence,
            safeguards=static.safeguards if static else [],
            requests=requests,
            cookies=cookies,
            storage=storage,
            consent=recording.consent if recording else None,
            summary=summary_of(findings),
        )


def _hosts_by_moment(requests: list[RequestRecord]) -> tuple[list[str], list[str]]:
    """Third-party hosts contacted before consent, and those first contacted after it."""
    before = {r.host for r in requests if r.party is Party.THIRD and r.moment == "before_consent"}
    after = {r.host for r in requests if r.party is Party.THIRD and r.moment == "after_consent"}
    return sorted(before), sorted(after - before)


def _outcome_detail(outcome: str) -> str | None:
    return {
        "stubbed": "Offline-Modus: vom Scanner beantwortet, Anbieter nicht kontaktiert",
        "refused": "vom Scanner abgelehnt (nicht öffentliche Adresse)",
        "failed": "Anfrage gescheitert",
    }.get(outcome)


def _evidence(
    match: Match, kind: EvidenceKind, party: Party, moment: str, **fields: object
) -> Evidence:
    return Evidence.model_validate(
        {
            "kind": kind,
            "signature": match.signature_id,
            "vendor": match.vendor,
            "name": match.name,
            "category": match.category.id,
            "party": party,
            "moment": moment,
            "effect": Effect.LOADS,
            **fields,
        }
    )
