"""The options of a scan, as one plain model the CLI, the web app and stored results share."""

from pydantic import BaseModel, ConfigDict, Field

from leitplanke import __version__

USER_AGENT = f"Leitplanke/{__version__} (Datenschutz-Scan)"


class ScanOptions(BaseModel):
    """How to scan: static or in the browser, how far to crawl, what may be contacted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    browser: bool = Field(default=False, description="Load pages in headless Chromium.")
    depth: int = Field(default=0, ge=0, le=20, description="Link depth to follow from the start.")
    max_pages: int = Field(default=50, ge=1, le=100_000, description="Most pages per site.")
    concurrency: int = Field(default=4, ge=1, le=64, description="Pages scanned at once.")
    per_host_delay: float = Field(
        default=0.5, ge=0, le=60, description="Seconds between requests to one host."
    )
    respect_robots: bool = Field(default=True, description="Obey robots.txt.")
    include_subdomains: bool = Field(
        default=False, description="Follow links to other hosts of the same registrable domain."
    )
    allow_private: bool = Field(
        default=False, description="Allow loopback, private and link-local addresses."
    )
    offline: bool = Field(
        default=False,
        description="Browser: answer third-party requests with stubs instead of contacting them.",
    )
    consent_selector: str | None = Field(
        default=None, description="Browser: CSS selector of the consent button for a 2nd pass."
    )
    scroll: bool = Field(default=True, description="Browser: scroll through the page once.")
    settle_ms: int = Field(
        default=250, ge=0, le=10_000, description="Browser: quiet network time that ends a phase."
    )
    timeout: float = Field(default=15.0, gt=0, le=300, description="Seconds per page.")
    max_bytes: int = Field(default=5_000_000, ge=1_000, description="Most bytes of HTML read.")
    user_agent: str = Field(default=USER_AGENT, pattern=r"^[ -~]{1,200}$", description="ASCII.")
    first_party_domains: tuple[str, ...] = Field(
        default=(), description="Further domains that count as the site's own."
    )
    base_url: str | None = Field(
        default=None, description="For a saved HTML file: the URL it was saved from."
    )
