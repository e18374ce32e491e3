"""The public list of official presences as files: JSON, CSV and JSON-LD (schema.org).

All three hold the same presences in the same order (authority, platform, handle) and name
them by stable URIs below the base URL: `praesenzen/<id>` for a presence, `behoerden/<slug>`
for an authority, `praesenzen` for the list. Equal input gives equal bytes.

In JSON-LD each authority is a `schema:GovernmentOrganization` whose `schema:sameAs` are the
URLs of its accounts (how search engines and platforms recognise official profiles); each
presence a `schema:ProfilePage` about (`schema:mainEntity`) its authority, with the handle as
a `schema:identifier` whose `schema:propertyID` is the platform, the status as
`schema:creativeWorkStatus` and imprint, privacy notice and page on berlin.de as
`schema:relatedLink`.
"""

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python

from leitplanke.database.base import now
from leitplanke.registry.handles import fold
from leitplanke.registry.queries import PUBLIC_STATUSES
from leitplanke.registry.schemas import AuthorityPublic, PresencePublic

TITLE = "Offizielle Social-Media-Präsenzen"
SCHEMA = "http://schema.org/"  # as in the rulebook's RDF: schema.org's own context uses http
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Licence:
    """The licence the list is published under."""

    title: str
    uri: str


DL_ZERO = Licence(
    "Datenlizenz Deutschland – Zero – Version 2.0",
    "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
)


@dataclass(frozen=True)
class Listing:
    """Where and under what licence the list is published, and when it was made."""

    base_url: str
    licence: Licence = DL_ZERO
    generated_at: datetime = field(default_factory=now)

    def __post_init__(self) -> None:
        if not self.base_url.endswith("/"):
            raise ValueError(f"base URL must end with '/': {self.base_url!r}")
        if self.generated_at.tzinfo is None:
            raise ValueError("naive datetime: give the time zone")

    @property
    def list_uri(self) -> str:
        """The URI of the public list (its page)."""
        return f"{self.base_url}praesenzen"

    def presence_uri(self, presence_id: int) -> str:
        """The stable URI of a presence."""
        return f"{self.base_url}praesenzen/{presence_id}"

    def authority_uri(self, slug: str) -> str:
        """The stable URI of an authority (its slug never changes)."""
        return f"{self.base_url}behoerden/{slug}"


def ordered(presences: Sequence[PresencePublic]) -> list[PresencePublic]:
    """`presences` by authority, platform and handle (without case and "@"), then ID."""
    return sorted(
        presences,
        key=lambda presence: (
            presence.authority.name,
            presence.platform,
            fold(presence.handle).removeprefix("@"),
            presence.id,
        ),
    )


def _authority(authority: AuthorityPublic, listing: Listing) -> dict[str, Any]:
    return {"uri": listing.authority_uri(authority.slug), **authority.model_dump(mode="json")}


def entry(presence: PresencePublic, listing: Listing) -> dict[str, Any]:
    """One presence of the JSON list: its fields, its URI and its authority's URI."""
    values = presence.model_dump(mode="json")
    values["authority"] = _authority(presence.authority, listing)
    return {"id": values.pop("id"), "uri": listing.presence_uri(presence.id), **values}


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def presences_json(presences: Sequence[PresencePublic], listing: Listing) -> bytes:
    """`{"metadata": {…}, "presences": […]}`: the list with when, how many, licence, source."""
    entries = [entry(presence, listing) for presence in ordered(presences)]
    metadata = {
        "title": TITLE,
        "generated_at": to_jsonable_python(listing.generated_at),
        "count": len(entries),
        "statuses": [status.value for status in sorted(PUBLIC_STATUSES)],
        "licence": {"title": listing.licence.title, "uri": listing.licence.uri},
        "source": listing.list_uri,
    }
    return _json_bytes({"metadata": metadata, "presences": entries})


CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "uri",
    "name",
    "platform",
    "handle",
    "url",
    "status",
    "status_since",
    "purpose",
    "authority_uri",
    "authority_id",
    "authority_slug",
    "authority_name",
    "authority_short_name",
    "authority_website",
    "imprint_url",
    "privacy_notice_url",
    "berlin_de_url",
)


def csv_row(presence: PresencePublic, listing: Listing) -> dict[str, str]:
    """One CSV row: the JSON entry with the authority's fields flattened, None as empty."""
    values = entry(presence, listing)
    authority = values.pop("authority")
    values |= {f"authority_{name}": value for name, value in authority.items()}
    return {name: "" if value is None else str(value) for name, value in values.items()}


def presences_csv(presences: Sequence[PresencePublic], listing: Listing) -> bytes:
    """The list as CSV (RFC 4180, UTF-8, header row, columns in `CSV_COLUMNS` order)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(presence, listing) for presence in ordered(presences))
    return buffer.getvalue().encode()


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _authority_node(
    authority: AuthorityPublic, accounts: list[str], listing: Listing
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": listing.authority_uri(authority.slug),
        "@type": "schema:GovernmentOrganization",
        "schema:name": authority.name,
    }
    if authority.short_name:
        node["schema:alternateName"] = authority.short_name
    if authority.website:
        node["schema:url"] = _iri(authority.website)
    if accounts:
        node["schema:sameAs"] = [_iri(url) for url in sorted(set(accounts))]
    return node


def _presence_node(presence: PresencePublic, listing: Listing) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": listing.presence_uri(presence.id),
        "@type": "schema:ProfilePage",
        "schema:name": presence.name,
        "schema:description": presence.purpose,
        "schema:identifier": {
            "@type": "schema:PropertyValue",
            "schema:propertyID": presence.platform,
            "schema:value": presence.handle,
        },
        "schema:creativeWorkStatus": presence.status.value,
        "schema:mainEntity": _iri(listing.authority_uri(presence.authority.slug)),
        "schema:isPartOf": _iri(listing.list_uri),
    }
    if presence.url:
        node["schema:url"] = _iri(presence.url)
    links = [presence.imprint_url, presence.privacy_notice_url, presence.berlin_de_url]
    if related := [_iri(link) for link in links if link]:
        node["schema:relatedLink"] = related
    return node


def presences_jsonld(presences: Sequence[PresencePublic], listing: Listing) -> bytes:
    """The list as JSON-LD with an inline context: a `schema:Dataset`, the authorities and
    the presences."""
    presences = ordered(presences)
    authorities: dict[str, AuthorityPublic] = {}
    accounts: dict[str, list[str]] = {}
    for presence in presences:
        authorities[presence.authority.slug] = presence.authority
        accounts.setdefault(presence.authority.slug, [])
        if presence.url:
            accounts[presence.authority.slug].append(presence.url)
    dataset = {
        "@id": listing.list_uri,
        "@type": "schema:Dataset",
        "schema:name": TITLE,
        "schema:dateModified": {
            "@value": to_jsonable_python(listing.generated_at),
            "@type": "xsd:dateTime",
        },
        "schema:license": _iri(listing.licence.uri),
    }
    graph = [
        dataset,
        *(
            _authority_node(authorities[slug], accounts[slug], listing)
            for slug in sorted(authorities)
        ),
        *(_presence_node(presence, listing) for presence in presences),
    ]
    return _json_bytes({"@context": {"schema": SCHEMA, "xsd": XSD}, "@graph": graph})


Renderer = Callable[[Sequence[PresencePublic], Listing], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """A format of the public list: its file name below the base URL, media type, renderer."""

    file_name: str
    media_type: str
    render: Renderer


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("praesenzen.json", "application/json", presences_json),
    "csv": ExportFormat("praesenzen.csv", "text/csv; charset=utf-8", presences_csv),
    "jsonld": ExportFormat("praesenzen.jsonld", "application/ld+json", presences_jsonld),
}
