"""Check type `links`: tracking parameters, short links, plain http and where links should point."""

import re
from fnmatch import translate
from typing import Literal, Self

from pydantic import Field, PrivateAttr, model_validator

from leitplanke.checks.draft import Draft
from leitplanke.checks.finding import Hit
from leitplanke.checks.types.base import CheckConfig
from leitplanke.checks.urls import FoundUrl, find_urls, parse_url

TRACKING_PARAMETERS = (
    "utm_*",
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "rb_clickid",
    "s_cid",
    "_ga",
    "_gl",
)

SHORTENERS = (
    "bit.ly",
    "bitly.com",
    "t.co",
    "tinyurl.com",
    "ow.ly",
    "buff.ly",
    "goo.gl",
    "is.gd",
    "v.gd",
    "t.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "tiny.cc",
    "rb.gy",
    "s.id",
    "lnkd.in",
    "fb.me",
    "dlvr.it",
    "trib.al",
    "amzn.to",
    "shorte.st",
    "bl.ink",
    "short.io",
)

OFFICIAL_HOSTS = ("berlin.de",)

REFERENCE_HOSTS = ("creativecommons.org",)


class LinksCheck(CheckConfig):
    """Reports links that track readers, hide their target, lack encryption or point elsewhere.

    Links are read from the draft text (the hit points at the URL) and from `Draft.links` (the
    hit has the empty span 0–0, unless the same URL also stands in the text).
    """

    type: Literal["links"] = "links"
    tracking_parameters: list[str] = Field(
        default_factory=lambda: list(TRACKING_PARAMETERS),
        description="Query parameters that track readers; `*` matches any characters.",
    )
    shorteners: list[str] = Field(
        default_factory=lambda: list(SHORTENERS),
        description="Hosts of short-link services, which hide the target and count clicks.",
    )
    forbid_http: bool = Field(default=True, description="Report links written with `http://`.")
    avoid_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts links should not point to (e.g. private cloud storage, affiliates).",
    )
    official_hosts: list[str] = Field(
        default_factory=lambda: list(OFFICIAL_HOSTS),
        description="Hosts of the official web offer; subdomains count too.",
    )
    require_official_link: bool = Field(
        default=False,
        description="A draft with links must have at least one to an official host.",
    )
    reference_hosts: list[str] = Field(
        default_factory=lambda: list(REFERENCE_HOSTS),
        description="Hosts of references such as licence texts, left out of "
        "`require_official_link`.",
    )
    require_imprint_link: bool = Field(
        default=False, description="The draft must link to the imprint (see `imprint_pattern`)."
    )
    imprint_pattern: str = Field(
        default=r"impressum|imprint|anbieterkennzeichnung",
        description="Regex that the host and path of an imprint link match (case ignored).",
    )

    _tracking: re.Pattern[str] = PrivateAttr()
    _imprint: re.Pattern[str] = PrivateAttr()

    @model_validator(mode="after")
    def _compile(self) -> Self:
        if self.require_official_link and not self.official_hosts:
            raise ValueError("require_official_link braucht `official_hosts`")
        tracking = "|".join(translate(name) for name in self.tracking_parameters) or "(?!)"
        self._tracking = re.compile(tracking, re.IGNORECASE)
        try:
            self._imprint = re.compile(self.imprint_pattern, re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"ungültiger regulärer Ausdruck: {error}") from None
        return self

    def run(self, draft: Draft) -> list[Hit]:
        """One hit per problem and link, then the draft-level requirements."""
        links = _links(draft)
        hits = [hit for link in links for hit in self._link_hits(link)]
        content = [link for link in links if not link.on_host(self.reference_hosts)]
        if (
            self.require_official_link
            and content
            and not any(link.on_host(self.official_hosts) for link in content)
        ):
            first = content[0]
            hosts = ", ".join(self.official_hosts)
            hits.append(
                Hit(
                    first.start,
                    first.end,
                    "Kein Link auf das offizielle Webangebot",
                    f"Auf die passende Seite unter {hosts} verlinken statt auf Drittseiten.",
                    kind="no_official_link",
                )
            )
        if self.require_imprint_link and not any(
            self._imprint.search(link.host + link.path) for link in links
        ):
            hits.append(
                Hit(
                    0,
                    0,
                    "Kein Link auf das Impressum",
                    "Einen eindeutig bezeichneten Link „Impressum“ auf die Impressumsseite der "
                    "Behörde aufnehmen.",
                    kind="no_imprint_link",
                )
            )
        return [self.worded(hit) for hit in hits]

    def _link_hits(self, link: FoundUrl) -> list[Hit]:
        hits: list[Hit] = []
        tracking = [name for name in link.parameters if self._tracking.match(name)]
        if tracking:
            names = ", ".join(dict.fromkeys(tracking))
            hits.append(
                Hit(
                    link.start,
                    link.end,
                    f"Link mit Tracking-Parametern ({names})",
                    f"Ohne Tracking verlinken: {link.without_parameters(set(tracking))}",
                    kind="tracking",
                )
            )
        if link.on_host(self.shorteners):
            hits.append(
                Hit(
                    link.start,
                    link.end,
                    f"Kurzlink über {link.host} verbirgt das Ziel und zählt Klicks",
                    "Die vollständige Adresse des Ziels verlinken.",
                    kind="shortener",
                )
            )
        if self.forbid_http and link.scheme == "http":
            hits.append(
                Hit(
                    link.start,
                    link.end,
                    "Unverschlüsselter Link (http://)",
                    "Die Adresse mit https:// verlinken.",
                    kind="http",
                )
            )
        if self.avoid_hosts and link.on_host(self.avoid_hosts):
            hits.append(
                Hit(
                    link.start,
                    link.end,
                    f"Link auf {link.host}, einen zu meidenden Dienst",
                    "Inhalte auf berlin.de oder dem offiziellen Webangebot bereitstellen und "
                    "dorthin verlinken.",
                    kind="avoided_host",
                )
            )
        return hits


def _links(draft: Draft) -> list[FoundUrl]:
    """URLs in the text, then those of `draft.links` that the text does not already contain."""
    in_text = find_urls(draft.text)
    written = {link.url for link in in_text}
    extra = [parse_url(url) for url in draft.links if url.strip() not in written]
    return in_text + [link for link in extra if link is not None]
