"""Fetching pages and robots.txt with httpx: address checks on every hop, size and time limits.

Redirects are followed by hand, at most `MAX_REDIRECTS`, and each target is checked by the
address policy before it is contacted. Bodies are read up to a limit. The transport is a
parameter, so tests and the web app can serve pages without a network.
"""

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from leitplanke.scan.addresses import AddressPolicy

MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class FetchError(Exception):
    """A page could not be fetched; the message is German."""


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: where it ended up, its status and, for HTML, its text."""

    url: str
    final_url: str
    status: int
    content_type: str
    text: str | None

    @property
    def is_html(self) -> bool:
        """Whether the body was HTML (and so was read)."""
        return self.text is not None


class PageFetcher:
    """An httpx client that checks addresses, follows redirects by hand and limits bodies."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        user_agent: str,
        timeout: float,
        max_bytes: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.policy = policy
        self.max_bytes = max_bytes
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept-Language": "de-DE,de;q=0.9"},
            timeout=timeout,
            follow_redirects=False,
            transport=transport,
        )

    async def close(self) -> None:
        """Close the connections."""
        await self.client.aclose()

    async def get(
        self, url: str, *, accept: str = ACCEPT_HTML, html_only: bool = True
    ) -> FetchedPage:
        """Fetch `url`; raises RefusedAddressError or FetchError."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            await self.policy.check(current)
            try:
                async with self.client.stream(
                    "GET", current, headers={"Accept": accept}
                ) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    content_type = response.headers.get("content-type", "").split(";")[0].strip()
                    if html_only and content_type.lower() not in HTML_TYPES:
                        return FetchedPage(
                            url, str(response.url), response.status_code, content_type, None
                        )
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) >= self.max_bytes:
                            break
                    text = bytes(body[: self.max_bytes]).decode(
                        response.encoding or "utf-8", "replace"
                    )
                    return FetchedPage(
                        url, str(response.url), response.status_code, content_type, text
                    )
            except httpx.HTTPError as error:
                raise FetchError(f"Abruf fehlgeschlagen: {type(error).__name__}: {error}") from None
        raise FetchError(f"mehr als {MAX_REDIRECTS} Weiterleitungen")


class RobotsRules:
    """robots.txt of each origin, fetched once (Protego parses it)."""

    def __init__(self, fetcher: PageFetcher, user_agent: str) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self._rules: dict[str, Protego | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def _of(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                self._rules[origin] = await self._fetch(origin)
        return self._rules[origin]

    async def _fetch(self, origin: str) -> Protego | None:
        """The parsed rules; None stands for „disallow everything“ (robots.txt unreachable)."""
        try:
            page = await self.fetcher.get(
                f"{origin}/robots.txt", accept="text/plain", html_only=False
            )
        except FetchError:
            return None
        if 400 <= page.status < 500:
            return Protego.parse("")
        if page.status >= 500 or page.text is None:
            return None
        return Protego.parse(page.text)

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch `url`."""
        rules = await self._of(url)
        return rules is not None and bool(rules.can_fetch(url, self.user_agent))

    async def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay for our user agent, if robots.txt sets one."""
        rules = await self._of(url)
        delay = rules.crawl_delay(self.user_agent) if rules is not None else None
        return float(delay) if delay is not None else None


class HostPacer:
    """Keeps at least `delay` seconds between the starts of requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}

    async def wait(self, host: str, delay: float | None = None) -> None:
        """Wait for the host's turn, and book the next one."""
        gap = max(self.delay, delay or 0.0)
        now = time.monotonic()
        start = max(now, self._next.get(host, now))
        self._next[host] = start + gap
        if start > now:
            await asyncio.sleep(start - now)
