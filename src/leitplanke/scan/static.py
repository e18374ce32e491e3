"""Static analysis of a page's HTML: what loads before consent, what waits, what is friendly.

The HTML is parsed once with lxml. Every element that loads a URL (scripts, frames, images,
style sheets, media, preconnects) is matched against the catalogue; so are URLs and patterns in
inline scripts, after undoing simple obfuscation (joined string pieces, `atob("…")` literals,
`\\x`/`\\u` escapes). An element inside a safeguard that holds content back (two-click
placeholder, consent manager) is `blocked`; a URL in a lazy-loading attribute (`data-src`) is
`deferred`; `noscript` and `template` content and a script of a type that does not run are
`inert`. Plugin markup (`blockquote.twitter-tweet`) is recorded as `inert` evidence that joins a
finding only when the plugin also loads.
"""

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urldefrag, urljoin

import lxml.html
from lxml import etree

from leitplanke.scan.parties import PartyRule, url_host
from leitplanke.scan.result import Effect, Evidence, EvidenceKind, Party, SafeguardHit
from leitplanke.scan.signatures import Match, SignatureIndex

MAX_EVIDENCE_PER_SIGNATURE = 25
SNIPPET_LENGTH = 200
JS_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
        "application/x-javascript",
        "text/jscript",
    }
)
LOADING_LINK_RELS = frozenset(
    {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon"}
)
# (tag, attribute, resource type) of elements that load what the attribute names.
URL_ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("script", "src", "script"),
    ("iframe", "src", "iframe"),
    ("frame", "src", "iframe"),
    ("img", "src", "image"),
    ("img", "srcset", "image"),
    ("input", "src", "image"),
    ("embed", "src", "object"),
    ("object", "data", "object"),
    ("video", "src", "media"),
    ("video", "poster", "image"),
    ("audio", "src", "media"),
    ("source", "src", "media"),
    ("source", "srcset", "image"),
    ("track", "src", "media"),
    ("link", "href", "stylesheet"),
)
RESOURCE_TYPE_OF_TAG = {"iframe": "iframe", "frame": "iframe", "img": "image", "script": "script"}
URL_IN_SCRIPT = re.compile(
    r"""(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?:[/?#][^\s'"`<>\\)]*)?""", re.I
)
JOINED_PIECES = re.compile(r"""(['"])\s*\+\s*\1""")
ATOB_LITERAL = re.compile(r"""atob\(\s*(['"])([A-Za-z0-9+/=]{8,})\1\s*\)""")
ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\(/)")


@dataclass
class StaticAnalysis:
    """What the HTML of one page shows."""

    evidence: list[Evidence] = field(default_factory=list)
    safeguards: list[SafeguardHit] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    title: str | None = None
    third_party_hosts: set[str] = field(default_factory=set)


def deobfuscate(script: str) -> str:
    """The script with joined string pieces undone, escapes decoded and `atob` literals appended."""
    text = JOINED_PIECES.sub("", script)
    text = ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if (m[1] or m[2]) else "/", text)
    decoded = []
    for found in ATOB_LITERAL.finditer(text):
        try:
            decoded.append(base64.b64decode(found[2], validate=True).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            continue
    return "\n".join([text, *decoded])


class SourcePositions:
    """Line and column of elements in the HTML text (lxml knows the line; the column is found)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self._cursor: dict[tuple[int, str], int] = {}

    def of(self, element: etree._Element) -> tuple[int | None, int | None]:
        """1-based line and column of the element's start tag; (None, None) if unknown."""
        line = element.sourceline
        if not isinstance(line, int) or not 1 <= line <= len(self.lines):
            return None, None
        tag = f"<{element.tag}".lower()
        source = self.lines[line - 1]
        start = self._cursor.get((line, tag), 0)
        column = source.lower().find(tag, start)
        if column < 0:
            return line, 1
        self._cursor[(line, tag)] = column + 1
        return line, column + 1


def start_tag(element: etree._Element) -> str:
    """The element's start tag, rebuilt from its attributes and cut to SNIPPET_LENGTH."""
    attributes = "".join(f' {name!s}="{value!s}"' for name, value in element.attrib.items())
    tag = f"<{element.tag}{attributes}>"
    return tag if len(tag) <= SNIPPET_LENGTH else tag[: SNIPPET_LENGTH - 1] + "…"


def _excerpt(text: str, found: re.Match[str]) -> str:
    start = max(0, found.start() - 40)
    excerpt = " ".join(text[start : found.end() + 40].split())
    return excerpt[:SNIPPET_LENGTH]


def parse_document(text: str) -> etree._Element | None:
    """The document tree, or None for text that holds no element."""
    text = text.replace("\x00", "\ufffd")
    if not text.strip():
        return None
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    return root


class HtmlAnalyser:
    """Analyses one page's HTML against the compiled catalogue."""

    def __init__(self, index: SignatureIndex) -> None:
        self.index = index
        self.deferred_attributes = tuple(index.catalogue.deferred_attributes)

    def analyse(self, text: str, page_url: str, parties: PartyRule) -> StaticAnalysis:
        """Evidence, safeguards, links and title of the page at `page_url` with HTML `text`."""
        result = StaticAnalysis()
        root = parse_document(text)
        if root is None:
            return result
        positions = SourcePositions(text)
        base_url = page_url
        for base in root.iter("base"):
            if base.get("href"):
                base_url = urljoin(page_url, base.get("href", "").strip())
                break
        title = root.find(".//title")
        if title is not None and title.text:
            result.title = " ".join(title.text.split())[:300]
        held = self._safeguards(root, positions, result)
        inert: set[etree._Element] = set()
        for container in root.iter("template", "noscript"):
            inert.update(container.iter())
        counts: dict[str, int] = {}

        def add(evidence: Evidence) -> None:
            count = counts.get(evidence.signature, 0)
            if count < MAX_EVIDENCE_PER_SIGNATURE:
                result.evidence.append(evidence)
            counts[evidence.signature] = count + 1

        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            tag = element.tag.lower()
            if tag in ("a", "area"):
                self._link(element, base_url, positions, result)
                continue
            effect = (
                Effect.BLOCKED
                if element in held
                else Effect.INERT
                if element in inert
                else Effect.LOADS
            )
            if tag == "script":
                script_type = element.get("type", "").strip().lower()
                if script_type not in JS_TYPES and effect is Effect.LOADS:
                    continue  # does not run: JSON-LD, templates, or a type of a consent tool
                if element.get("src") is None and element.text:
                    for evidence in self._inline_script(
                        element, base_url, effect, positions, parties
                    ):
                        if (
                            evidence.host
                            and evidence.party is Party.THIRD
                            and effect is Effect.LOADS
                        ):
                            result.third_party_hosts.add(evidence.host)
                        add(evidence)
            for url, resource_type, url_effect in self._urls(element, tag, base_url, effect):
                host = url_host(url)
                party = parties.of_host(host)
                if party is Party.THIRD and url_effect in (Effect.LOADS, Effect.DEFERRED):
                    result.third_party_hosts.add(host)
                match = self.index.match_url(url, source_url=page_url, resource_type=resource_type)
                if match is None:
                    continue
                line, column = positions.of(element)
                detail = _detail(element, url_effect, inert)
                add(
                    _evidence(
                        match,
                        EvidenceKind.ELEMENT,
                        party,
                        url_effect,
                        url=url,
                        host=host,
                        resource_type=resource_type,
                        line=line,
                        column=column,
                        snippet=start_tag(element),
                        detail=detail,
                    )
                )
        for xpath, signature_id in self.index.selectors:
            for element in _elements(xpath, root):
                match = self.index.matches[signature_id]
                line, column = positions.of(element)
                effect = Effect.BLOCKED if element in held else Effect.INERT
                add(
                    _evidence(
                        match,
                        EvidenceKind.MARKUP,
                        Party.THIRD,
                        effect,
                        line=line,
                        column=column,
                        snippet=start_tag(element),
                        detail="Markup des Plugins; lädt nur mit dem Skript des Anbieters",
                    )
                )
        return result

    def _safeguards(
        self, root: etree._Element, positions: SourcePositions, result: StaticAnalysis
    ) -> set[etree._Element]:
        """Record the safeguards; the elements whose loading they hold back."""
        held: set[etree._Element] = set()
        seen: set[tuple[str, int]] = set()
        for xpath, safeguard in self.index.safeguard_selectors:
            for element in _elements(xpath, root):
                if (safeguard.id, id(element)) in seen:
                    continue
                seen.add((safeguard.id, id(element)))
                line, _ = positions.of(element)
                result.safeguards.append(
                    SafeguardHit(
                        safeguard=safeguard.id,
                        name=safeguard.name,
                        kind=str(safeguard.kind),
                        line=line,
                        snippet=start_tag(element),
                    )
                )
                if safeguard.holds_content:
                    held.update(element.iter())
        return held

    def _link(
        self,
        element: etree._Element,
        base_url: str,
        positions: SourcePositions,
        result: StaticAnalysis,
    ) -> None:
        href = element.get("href", "").strip()
        if not href:
            return
        try:
            url = urldefrag(urljoin(base_url, href)).url
        except ValueError:
            return
        if url.startswith(("http://", "https://")):
            result.links.append(url)
        safeguard = self.index.safeguard_link(url)
        if safeguard is not None:
            line, _ = positions.of(element)
            result.safeguards.append(
                SafeguardHit(
                    safeguard=safeguard.id,
                    name=safeguard.name,
                    kind=str(safeguard.kind),
                    line=line,
                    snippet=start_tag(element),
                )
            )

    def _urls(
        self, element: etree._Element, tag: str, base_url: str, effect: Effect
    ) -> Iterator[tuple[str, str, Effect]]:
        """The URLs an element loads, with resource type and effect."""
        for url_tag, attribute, resource_type in URL_ATTRIBUTES:
            if tag != url_tag or element.get(attribute) is None:
                continue
            if tag == "link":
                rels = set(element.get("rel", "").lower().split())
                if not rels & LOADING_LINK_RELS:
                    continue
                if "stylesheet" not in rels:
                    resource_type = "other"
            for value in _candidates(element.get(attribute, ""), attribute):
                url = _absolute(base_url, value)
                if url:
                    yield url, resource_type, effect
        for attribute in self.deferred_attributes:
            deferred_value = element.get(attribute)
            url = _absolute(base_url, deferred_value.strip()) if deferred_value else None
            if url:
                deferred = Effect.DEFERRED if effect is Effect.LOADS else effect
                yield url, RESOURCE_TYPE_OF_TAG.get(tag, "other"), deferred

    def _inline_script(
        self,
        element: etree._Element,
        base_url: str,
        effect: Effect,
        positions: SourcePositions,
        parties: PartyRule,
    ) -> Iterator[Evidence]:
        """Evidence from an inline script: URLs in it and catalogue script patterns."""
        source = element.text or ""
        text = deobfuscate(source)
        line, column = positions.of(element)
        seen: set[str] = set()
        for found in URL_IN_SCRIPT.finditer(text):
            url = _absolute(base_url, found.group())
            if not url:
                continue
            match = self.index.match_url(url, source_url=base_url, resource_type="script")
            if match is None or match.signature_id in seen:
                continue
            seen.add(match.signature_id)
            host = url_host(url)
            obfuscated = found.start() >= len(source) or found.group() not in source
            yield _evidence(
                match,
                EvidenceKind.SCRIPT,
                parties.of_host(host),
                effect,
                url=url,
                host=host,
                resource_type="script",
                line=line,
                column=column,
                snippet=_excerpt(text, found),
                detail=_script_detail(
                    "verschleierte Adresse im Skript" if obfuscated else "Adresse im Skript", effect
                ),
            )
        for match, found in self.index.match_script(text):
            if match.signature_id in seen:
                continue
            seen.add(match.signature_id)
            yield _evidence(
                match,
                EvidenceKind.SCRIPT,
                Party.THIRD,
                effect,
                resource_type="script",
                line=line,
                column=column,
                snippet=_excerpt(text, found),
                detail=_script_detail("Aufruf im Skript", effect),
            )


def _elements(xpath: etree.XPath, root: etree._Element) -> list[etree._Element]:
    """The elements an XPath compiled from a CSS selector finds."""
    return cast(list[etree._Element], xpath(root))


def _candidates(value: str, attribute: str) -> list[str]:
    """The URLs of an attribute; a `srcset` lists several, each followed by a size."""
    value = value.strip()
    if attribute != "srcset":
        return [value] if value else []
    return [part.split()[0] for part in value.split(",") if part.split()]


def _absolute(base_url: str, value: str) -> str | None:
    """`value` resolved against the base, if it is an http(s) URL."""
    if not value or value.lower().startswith(("data:", "javascript:", "about:", "blob:", "#")):
        return None
    try:
        url = urljoin(base_url, value)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) and url_host(url) else None


def _script_detail(where: str, effect: Effect) -> str:
    if effect is Effect.BLOCKED:
        return f"{where}; wartet auf Einwilligung"
    if effect is Effect.INERT:
        return f"{where}; im noscript- oder template-Bereich"
    return where


def _detail(element: etree._Element, effect: Effect, inert: set[etree._Element]) -> str | None:
    if effect is Effect.DEFERRED:
        return "wird per Skript nachgeladen (Lazy Loading), ohne Klick"
    if effect is Effect.BLOCKED:
        return "wartet auf Klick oder Einwilligung"
    if effect is Effect.INERT and element in inert:
        return "im noscript- oder template-Bereich"
    if element.get("loading", "").lower() == "lazy":
        return "loading=lazy: lädt beim Scrollen, ohne Klick"
    return None


def _evidence(
    match: Match,
    kind: EvidenceKind,
    party: Party,
    effect: Effect,
    **fields: object,
) -> Evidence:
    return Evidence.model_validate(
        {
            "kind": kind,
            "signature": match.signature_id,
            "vendor": match.vendor,
            "name": match.name,
            "category": match.category.id,
            "party": party,
            "effect": effect,
            **fields,
        }
    )
