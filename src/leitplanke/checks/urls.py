"""URLs in post text: found by a careful pattern, split by `urllib.parse`, without network access.

A URL with a scheme (`https://…`) is found whatever its host. A URL written without one
(`berlin.de/…`, `www.…`, `bit.ly/…`) is found only when it starts with `www.` or its top-level
domain is one of `BARE_TLDS` in lower case, so that abbreviations such as „z.B.“ or „Abs.1“ and a
missing space („Termine.In“) never count as links. Punctuation that ends a sentence or closes a
bracket is not part of the URL, unless the URL opened that bracket itself (as Wikipedia addresses
do).
"""

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

# Top-level domains a URL written without scheme may end its host in: the common ones, those of
# the German-speaking countries and the EU, and those of well-known short-link services.
BARE_TLDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "de com org net eu info io berlin at ch li lu be nl fr it es pl dk cz uk gov edu social "
        "online app dev me co ly gl gd cc to tv in id ms gy al link page"
    ).split()
)

_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_BARE_TLD = "|".join(sorted(BARE_TLDS, key=len, reverse=True))
_PORT = r"(?::\d{1,5})?"
_REST = r"(?:[/?#][^\s<>\"«»“”„‚‘]*)?"
_WITH_SCHEME = (
    rf"(?:https?|ftp)://(?:[^\s/@<>]+@)?"
    rf"(?:(?:{_LABEL}\.)+{_TLD}|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|localhost|\[[0-9a-f:.]+\])"
    rf"{_PORT}{_REST}"
)
_WITHOUT_SCHEME = (
    rf"(?<![\w@.\-/:])"
    rf"(?:www\.(?:{_LABEL}\.)*{_LABEL}\.{_TLD}|(?:{_LABEL}\.)+(?-i:{_BARE_TLD}))"
    rf"(?![\w@-]){_PORT}{_REST}"
)
_HOST = re.compile(
    rf"(?:{_LABEL}\.)+{_TLD}\.?|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|localhost|[0-9a-f:.]+", re.IGNORECASE
)
_URL = re.compile(rf"{_WITH_SCHEME}|{_WITHOUT_SCHEME}", re.IGNORECASE)
_TRAILING = ".,;:!?'\"’)]}>»›…*"
_CLOSING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class FoundUrl:
    """One URL: where it stands in the text (0–0 for a link given beside the text) and its parts."""

    start: int
    end: int
    url: str
    has_scheme: bool
    scheme: str
    host: str
    path: str
    query: str

    @property
    def parameters(self) -> list[str]:
        """Names of the query parameters, in order."""
        return [part.split("=", 1)[0] for part in self.query.split("&") if part]

    def without_parameters(self, names: set[str]) -> str:
        """The URL as written, with the query parameters `names` removed."""
        kept = [
            part for part in self.query.split("&") if part and part.split("=", 1)[0] not in names
        ]
        cut = self.url.find("?")
        if cut < 0:
            return self.url
        fragment = self.url.find("#", cut)
        tail = self.url[fragment:] if fragment >= 0 else ""
        return self.url[:cut] + ("?" + "&".join(kept) if kept else "") + tail

    def on_host(self, domains: list[str] | tuple[str, ...] | frozenset[str]) -> bool:
        """Whether the host is one of `domains` or below one of them (`service.berlin.de`)."""
        return any(
            self.host == domain or self.host.endswith("." + domain)
            for domain in (d.lower().strip(".") for d in domains)
        )


def _trim(url: str) -> str:
    """`url` without trailing punctuation, keeping a closing bracket the URL opened."""
    unmatched = {close: url.count(close) - url.count(open_) for close, open_ in _CLOSING.items()}
    end = len(url)
    while end and url[end - 1] in _TRAILING:
        last = url[end - 1]
        if last in unmatched:
            if unmatched[last] <= 0:
                break
            unmatched[last] -= 1
        end -= 1
    return url[:end]


def _split(url: str) -> SplitResult | None:
    has_scheme = "://" in url[:8]
    try:
        parts = urlsplit(url if has_scheme else "https://" + url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    return parts if parts.hostname else None


def parse_url(url: str, start: int = 0, end: int = 0) -> FoundUrl | None:
    """A URL given on its own (e.g. in `Draft.links`) split into its parts; None if it is none."""
    url = url.strip()
    parts = _split(url)
    if parts is None or not _HOST.fullmatch(parts.hostname or "") or any(c.isspace() for c in url):
        return None
    has_scheme = "://" in url[:8]
    host = (parts.hostname or "").rstrip(".")
    return FoundUrl(
        start, end, url, has_scheme, parts.scheme.lower(), host, parts.path, parts.query
    )


def find_urls(text: str, *, scheme_only: bool = False) -> list[FoundUrl]:
    """Every URL in `text`, in order; with `scheme_only`, only those written with a scheme."""
    found: list[FoundUrl] = []
    for match in _URL.finditer(text):
        url = _trim(match.group())
        if scheme_only and "://" not in url[:8]:
            continue
        parsed = parse_url(url, match.start(), match.start() + len(url))
        if parsed is not None and parsed.end > parsed.start:
            found.append(parsed)
    return found
