"""The result model of a scan: plain data (Pydantic), stored as JSON and rendered as reports.

A `SiteScan` is one crawl from one start (a URL or a saved HTML file); it holds a `PageScan`
per page. A page's `evidence` is every sighting of a catalogue signature (an element in the
HTML, a request, a cookie, a storage write); its `findings` group the evidence by signature and
rule: one finding says that a vendor's plugin or tracker on that page breaks a rule, before or
after consent. `third_party_hosts_before_consent` lists the hosts of other parties that the page
contacts (browser) or makes the browser contact (static) before any interaction, for comparison
with other scanners.
"""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from leitplanke.checks.finding import Severity

RESULT_FORMAT = "leitplanke-scan/1"


class Party(StrEnum):
    """Whose server: the site's own registrable domain, or another."""

    FIRST = "first"
    THIRD = "third"


class Moment(StrEnum):
    """When it happened: before any interaction, or after the consent button was clicked."""

    BEFORE_CONSENT = "before_consent"
    AFTER_CONSENT = "after_consent"


class Effect(StrEnum):
    """What a sighting means for the visitor."""

    LOADS = "loads"  # contacted, or contacted as the page loads (before any click)
    DEFERRED = "deferred"  # loaded by a script later without a click (lazy loading), probably
    BLOCKED = "blocked"  # held back by a two-click placeholder or a consent manager
    INERT = "inert"  # markup, a link, `noscript` or `template` content: nothing loads by itself


class EvidenceKind(StrEnum):
    """Where a sighting comes from."""

    ELEMENT = "element"  # an HTML element that loads a URL (script, iframe, img, link, …)
    SCRIPT = "script"  # a URL or pattern inside an inline script
    MARKUP = "markup"  # markup of a plugin (e.g. `blockquote.twitter-tweet`)
    REQUEST = "request"  # a request the browser made
    COOKIE = "cookie"  # a cookie in the browser after the page loaded
    STORAGE = "storage"  # a write to localStorage, sessionStorage or document.cookie


class ScanMode(StrEnum):
    """Static (the HTML as served) or browser (what headless Chromium does)."""

    STATIC = "static"
    BROWSER = "browser"


class Model(BaseModel):
    """Base of the result models: immutable, unknown fields rejected when read back."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Model):
    """One sighting of a signature on a page."""

    kind: EvidenceKind
    signature: str = Field(description="Catalogue ID, or easyprivacy/easylist for list hits.")
    vendor: str
    name: str
    category: str
    party: Party
    moment: Moment = Moment.BEFORE_CONSENT
    effect: Effect = Effect.LOADS
    url: str | None = None
    host: str | None = None
    resource_type: str | None = Field(default=None, description="script, iframe, image, …")
    line: int | None = Field(default=None, description="1-based line in the HTML source.")
    column: int | None = Field(default=None, description="1-based column in the HTML source.")
    snippet: str | None = Field(default=None, description="The element or script excerpt.")
    name_in_browser: str | None = Field(default=None, description="Cookie or storage key.")
    frame_url: str | None = None
    detail: str | None = Field(default=None, description="German remark.")


class ScanFinding(Model):
    """A signature on a page that breaks a rule, with its evidence."""

    rule_id: str
    rule_title: str
    level: Severity
    message: str
    fix: str | None
    legal_basis: list[str]
    rule_url: str
    signature: str
    vendor: str
    name: str
    category: str
    party: Party
    moment: Moment
    confidence: float = Field(ge=0, le=1)
    evidence: list[Evidence]

    @property
    def position(self) -> tuple[int, int] | None:
        """Line and column of the first evidence located in the HTML source, if any."""
        for item in self.evidence:
            if item.line is not None:
                return item.line, item.column or 1
        return None


class RequestRecord(Model):
    """A request the browser made (or that a page would make), in order of occurrence."""

    url: str
    host: str
    party: Party
    moment: Moment
    resource_type: str
    outcome: str = Field(description="contacted, stubbed (offline mode), refused or failed")
    signature: str | None = None
    vendor: str | None = None
    frame_url: str | None = None


class CookieRecord(Model):
    """A cookie present in the browser after the page loaded (or after consent)."""

    name: str
    domain: str
    path: str
    party: Party
    moment: Moment
    expires: float | None = Field(description="Unix time; null: a session cookie.")
    secure: bool
    http_only: bool
    same_site: str | None
    signature: str | None = None
    vendor: str | None = None


class StorageRecord(Model):
    """A write by a script to localStorage, sessionStorage or document.cookie."""

    area: str = Field(description="localStorage, sessionStorage or cookie")
    key: str
    origin: str
    party: Party
    moment: Moment
    signature: str | None = None
    vendor: str | None = None


class SafeguardHit(Model):
    """A privacy-friendly pattern found on the page (Shariff, two-click, consent manager)."""

    safeguard: str
    name: str
    kind: str
    line: int | None = None
    snippet: str | None = None


class ConsentPass(Model):
    """The second pass: clicking the consent button the user named."""

    selector: str
    clicked: bool
    error: str | None = None


class PageSummary(Model):
    """Counts of a page's findings by level."""

    error: int = 0
    warning: int = 0
    info: int = 0


class PageScan(Model):
    """The scan of one page."""

    url: str = Field(description="The URL or file as asked for.")
    final_url: str | None = Field(default=None, description="After redirects.")
    mode: ScanMode
    depth: int = 0
    status: int | None = Field(default=None, description="HTTP status of the page.")
    error: str | None = Field(default=None, description="German; set when it was not scanned.")
    started_at: datetime
    duration_ms: float
    title: str | None = None
    third_party_hosts_before_consent: list[str] = Field(default_factory=list)
    third_party_hosts_after_consent: list[str] = Field(default_factory=list)
    findings: list[ScanFinding] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    safeguards: list[SafeguardHit] = Field(default_factory=list)
    requests: list[RequestRecord] = Field(default_factory=list)
    cookies: list[CookieRecord] = Field(default_factory=list)
    storage: list[StorageRecord] = Field(default_factory=list)
    consent: ConsentPass | None = None
    summary: PageSummary = PageSummary()


class SkippedUrl(Model):
    """A URL the crawl found but did not scan, and why."""

    url: str
    reason: str = Field(description="robots, refused, not_html, limit or error")
    message: str = Field(description="German explanation.")


class SiteSummary(Model):
    """Counts over a site's pages."""

    pages: int = 0
    pages_with_findings: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    vendors: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    third_party_hosts_before_consent: list[str] = Field(default_factory=list)


class SiteScan(Model):
    """One crawl from one start URL or file, with every page scanned."""

    format: str = RESULT_FORMAT
    tool_version: str
    catalogue_version: str
    rulebook: str = Field(description="ID and version of the rulebook the findings cite.")
    start: str
    mode: ScanMode
    started_at: datetime
    finished_at: datetime
    state: str = Field(description="complete, limited (page limit reached) or cancelled")
    pages: list[PageScan] = Field(default_factory=list)
    skipped: list[SkippedUrl] = Field(default_factory=list)
    summary: SiteSummary = SiteSummary()


class ScanProgress(Model):
    """What a progress callback is told after each page."""

    site: str
    done: int
    queued: int
    limit: int
    url: str | None = None
    findings: int = 0
