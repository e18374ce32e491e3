"""The compiled catalogue: which signature a URL, inline script, cookie or element belongs to.

A URL is matched by the signatures' URL patterns first (they are the more specific: the Meta
pixel and the Facebook SDK share a host), then by host name, the longest listed suffix winning,
and at last by the filter lists (EasyPrivacy, EasyList), whose hits are attributed to the
registrable domain of the host. CSS selectors are compiled to XPath once.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cssselect import GenericTranslator
from lxml import etree

from leitplanke.scan.catalogue import Catalogue, Category, Safeguard, Signature
from leitplanke.scan.filter_lists import EASYLIST, EASYPRIVACY, FilterLists
from leitplanke.scan.parties import registrable_domain, url_host

LIST_CATEGORY = {EASYPRIVACY: "tracking", EASYLIST: "advertising"}
LIST_NAME = {EASYPRIVACY: "Tracker (EasyPrivacy)", EASYLIST: "Werbedienst (EasyList)"}


@dataclass(frozen=True)
class Match:
    """A signature that something belongs to, and the vendor it is attributed to."""

    signature_id: str
    vendor: str
    name: str
    category: Category
    rule: str | None
    note: str | None = None
    report_first_party: bool = True


def _xpath(selector: str) -> etree.XPath:
    return etree.XPath(GenericTranslator().css_to_xpath(selector, prefix="descendant-or-self::"))


class SignatureIndex:
    """Every pattern of a catalogue, compiled for matching."""

    def __init__(self, catalogue: Catalogue, filter_lists: FilterLists | None = None) -> None:
        self.catalogue = catalogue
        self.filter_lists = filter_lists
        self.matches = {s.id: self._match_of(s) for s in catalogue.signatures}
        self._url_patterns = [
            (re.compile("|".join(f"(?:{p})" for p in s.urls), re.IGNORECASE), s.id)
            for s in catalogue.signatures
            if s.urls
        ]
        self._hosts = {host: s.id for s in reversed(catalogue.signatures) for host in s.hosts}
        self._scripts = [
            (re.compile("|".join(f"(?:{p})" for p in s.scripts)), s.id)
            for s in catalogue.signatures
            if s.scripts
        ]
        self._cookies = [
            (re.compile("|".join(f"(?:{p})" for p in s.cookies)), s.id)
            for s in catalogue.signatures
            if s.cookies
        ]
        self.selectors = [
            (_xpath(selector), s.id) for s in catalogue.signatures for selector in s.selectors
        ]
        self.safeguard_selectors: list[tuple[etree.XPath, Safeguard]] = [
            (_xpath(selector), g) for g in catalogue.safeguards for selector in g.selectors
        ]
        self.safeguard_links = [
            (re.compile("|".join(f"(?:{p})" for p in g.links), re.IGNORECASE), g)
            for g in catalogue.safeguards
            if g.links
        ]
        self._categories = {c.id: c for c in catalogue.categories}

    def _match_of(self, signature: Signature) -> Match:
        category = self.catalogue.category(signature.category)
        return Match(
            signature.id,
            signature.vendor,
            signature.name,
            category,
            signature.rule or category.rule,
            signature.note,
            signature.report_first_party,
        )

    def match_url(
        self, url: str, *, source_url: str = "", resource_type: str = "other"
    ) -> Match | None:
        """The signature of a requested URL, a filter-list match, or None."""
        for pattern, signature_id in self._url_patterns:
            if pattern.search(url):
                return self.matches[signature_id]
        host = url_host(url)
        while host:
            if host in self._hosts:
                return self.matches[self._hosts[host]]
            host = host.partition(".")[2]
        if self.filter_lists is not None:
            hit = self.filter_lists.match(url, source_url, resource_type)
            if hit is not None:
                category = self._categories.get(LIST_CATEGORY[hit])
                if category is not None:
                    return Match(
                        hit,
                        registrable_domain(url_host(url)),
                        LIST_NAME[hit],
                        category,
                        category.rule,
                    )
        return None

    def match_script(self, text: str) -> Iterator[tuple[Match, re.Match[str]]]:
        """Signatures whose inline-script patterns occur in `text`, with the first occurrence."""
        for pattern, signature_id in self._scripts:
            found = pattern.search(text)
            if found:
                yield self.matches[signature_id], found

    def match_cookie(self, name: str) -> Match | None:
        """The signature a cookie or storage key belongs to by its name, or None."""
        for pattern, signature_id in self._cookies:
            if pattern.search(name):
                return self.matches[signature_id]
        return None

    def safeguard_link(self, href: str) -> Safeguard | None:
        """The share-link pattern a link matches, or None."""
        for pattern, safeguard in self.safeguard_links:
            if pattern.search(href):
                return safeguard
        return None
