"""DCAT renderer: a DCAT-AP.de 3.0 catalogue record of the rulebook and its downloadable formats.

One `dcat:Catalog` lists one `dcat:Dataset` (the published rulebook, linked to the ELI work by
`dct:relation`) with one `dcat:Distribution` per entry of `FORMATS`. Controlled values come from
the EU Publications Office authority tables and the DCAT-AP.de vocabularies; each such value
states its `skos:inScheme`, which is how the DCAT-AP.de shapes check vocabularies. Catalogue,
dataset, distributions and contact point are fragments of `<base>dcat`, the record itself.
"""

from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from leitplanke.publish.formats import FORMAT_BY_NAME, FORMATS, FormatInfo
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.publish.rdf import (
    GERMAN_STATE_KEYS,
    compact_context,
    date_literal,
    jsonld_bytes,
    jurisdiction_uri,
    language_uri,
    turtle_bytes,
)

# rdflib ships DCAT 2 as a closed namespace, which warns on DCAT 3 terms such as dcat:version.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_AUTHORITY = "http://publications.europa.eu/resource/authority"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types"

PREFIXES: dict[str, str] = {
    "dcat": str(DCAT),
    "dcatde": str(DCATDE),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}

LICENCE_SCHEME = URIRef("http://dcat-ap.de/def/licenses")
CONTRIBUTOR_SCHEME = URIRef("http://dcat-ap.de/def/contributors")
# Jurisdiction -> DCAT-AP.de contributor ID, the portal that delivers the record to GovData:
# for the Berlin administration, Berlin's open-data portal daten.berlin.de.
CONTRIBUTOR_IDS: dict[str, URIRef] = {
    "DE-BE": URIRef("http://dcat-ap.de/def/contributors/berlinOpenData"),
}
GEOCODING_LEVEL_SCHEME = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level")
PUBLISHER_TYPE_SCHEME = URIRef("http://purl.org/adms/publishertype/1.0")
REGIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
NATIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/NationalAuthority")

# Media type -> code in the EU file-type table; formats without a code get no dct:format.
EU_FILE_TYPES: dict[str, str] = {
    "application/json": "JSON",
    "application/schema+json": "JSON",
    "application/ld+json": "JSON_LD",
    "text/turtle": "RDF_TURTLE",
    "application/akn+xml": "XML",
    "text/csv": "CSV",
    "text/html": "HTML",
    "application/pdf": "PDF",
}

# Licences that ask for no attribution; all others get dcatde:licenseAttributionByText.
NO_ATTRIBUTION_LICENCES = frozenset(
    {"http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "http://dcat-ap.de/def/licenses/cc-zero"}
)

IRI_TERMS = (
    "dcat:accessURL", "dcat:contactPoint", "dcat:dataset", "dcat:distribution",
    "dcat:downloadURL", "dcat:landingPage", "dcat:mediaType", "dcat:theme", "dcatde:contributorID",
    "dcatde:politicalGeocodingLevelURI", "dct:accessRights", "dct:accrualPeriodicity",
    "dct:conformsTo", "dct:format", "dct:language", "dct:license", "dct:publisher",
    "dct:relation", "dct:spatial", "dct:type", "foaf:homepage", "skos:inScheme", "vcard:hasEmail",
)  # fmt: skip
DATE_TERMS = ("dct:issued", "dct:modified")
PLAIN_TERMS = ("dcat:version", "dct:identifier")


def authority(table: str, code: str) -> URIRef:
    """A concept of an EU Publications Office authority table, e.g. ('data-theme', 'GOVE')."""
    return URIRef(f"{EU_AUTHORITY}/{table}/{code}")


def authority_table(table: str) -> URIRef:
    """An EU Publications Office authority table as a concept scheme, e.g. 'file-type'."""
    return URIRef(f"{EU_AUTHORITY}/{table}")


def record_uri(publication: Publication, fragment: str) -> URIRef:
    """A node of the DCAT record: a fragment of `<base>dcat`."""
    return URIRef(f"{publication.base_url}dcat#{fragment}")


def dcat_graph(publication: Publication) -> Graph:
    """The DCAT-AP.de catalogue record of the publication."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    add_catalog(graph, publication)
    add_dataset(graph, publication)
    for info in FORMATS:
        add_distribution(graph, publication, info)
    return graph


def concept(graph: Graph, node: URIRef, kind: URIRef, scheme: URIRef) -> URIRef:
    """A controlled value with its class and its concept scheme; returns the node."""
    graph.add((node, RDF.type, kind))
    graph.add((node, SKOS.inScheme, scheme))
    return node


def add_publisher(graph: Graph, publication: Publication) -> URIRef:
    """The issuer as a foaf:Agent with its ADMS publisher type."""
    issuer = publication.document.issuer
    agent = URIRef(issuer.uri)
    regional = publication.document.jurisdiction in GERMAN_STATE_KEYS
    kind = REGIONAL_AUTHORITY if regional else NATIONAL_AUTHORITY
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(issuer.name, lang=publication.document.language)))
    graph.add((agent, DCTERMS.type, concept(graph, kind, SKOS.Concept, PUBLISHER_TYPE_SCHEME)))
    return agent


def add_licence(graph: Graph, publication: Publication) -> URIRef:
    """The rulebook's licence, a concept of the DCAT-AP.de licence vocabulary."""
    licence = concept(
        graph, URIRef(publication.document.licence.uri), DCTERMS.LicenseDocument, LICENCE_SCHEME
    )
    graph.add((licence, DCTERMS.title, Literal(publication.document.licence.title)))
    return licence


def add_language(graph: Graph, publication: Publication) -> URIRef:
    """The rulebook's language, a concept of the EU language table."""
    return concept(
        graph,
        language_uri(publication.document.language),
        DCTERMS.LinguisticSystem,
        authority_table("language"),
    )


def add_catalog(graph: Graph, publication: Publication) -> None:
    """The catalogue: this publication's record, listing the one dataset."""
    document, add = publication.document, graph.add
    catalog = record_uri(publication, "catalog")
    add((catalog, RDF.type, DCAT.Catalog))
    add((catalog, DCTERMS.title, Literal(f"Datenkatalog: {document.short_title}", lang="de")))
    add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                f"Maschinenlesbare Fassungen des Regelwerks „{document.title}“ "
                "in allen veröffentlichten Formaten.",
                lang="de",
            ),
        )
    )
    add((catalog, DCTERMS.publisher, add_publisher(graph, publication)))
    add((catalog, FOAF.homepage, URIRef(publication.base_url)))
    add((catalog, DCTERMS.language, add_language(graph, publication)))
    add((catalog, DCTERMS.license, add_licence(graph, publication)))
    add((catalog, DCTERMS.modified, date_literal(document.adopted)))
    add((catalog, DCAT.dataset, record_uri(publication, "dataset")))


def add_dataset(graph: Graph, publication: Publication) -> None:
    """The rulebook as a dataset: what it is, who answers for it, where and when it applies."""
    document, add = publication.document, graph.add
    language = document.language
    dataset = record_uri(publication, "dataset")
    contact = record_uri(publication, "contact-point")
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal(document.title, lang=language)))
    add((dataset, DCTERMS.description, Literal(document.description, lang=language)))
    add((dataset, DCTERMS.identifier, Literal(document.uri)))
    add((dataset, DCTERMS.relation, URIRef(document.uri)))
    add((dataset, DCAT.landingPage, URIRef(publication.base_url)))
    for keyword in document.keywords:
        add((dataset, DCAT.keyword, Literal(keyword, lang=language)))
    add((dataset, DCTERMS.publisher, add_publisher(graph, publication)))
    add((dataset, DCAT.contactPoint, contact))
    add((contact, RDF.type, VCARD.Kind))
    add((contact, VCARD.fn, Literal(document.issuer.name, lang=language)))
    add((contact, VCARD.hasEmail, URIRef(f"mailto:{document.issuer.email}")))
    add((dataset, DCTERMS.issued, date_literal(publication.history.versions[0].meta.adopted)))
    add((dataset, DCTERMS.modified, date_literal(document.adopted)))
    add((dataset, DCAT.version, Literal(document.version)))
    add((dataset, DCTERMS.language, add_language(graph, publication)))
    theme = authority("data-theme", "GOVE")
    add((dataset, DCAT.theme, concept(graph, theme, SKOS.Concept, authority_table("data-theme"))))
    access = authority("access-right", "PUBLIC")
    rights = concept(graph, access, DCTERMS.RightsStatement, authority_table("access-right"))
    add((dataset, DCTERMS.accessRights, rights))
    frequency = authority("frequency", "IRREG")
    periodicity = concept(graph, frequency, DCTERMS.Frequency, authority_table("frequency"))
    add((dataset, DCTERMS.accrualPeriodicity, periodicity))
    spatial = jurisdiction_uri(document.jurisdiction)
    if spatial is not None:
        graph.add((spatial, RDF.type, DCTERMS.Location))
        add((dataset, DCTERMS.spatial, spatial))
    level = _geocoding_level(document.jurisdiction)
    if level is not None:
        add((dataset, DCATDE.politicalGeocodingLevelURI, level))
        add((level, SKOS.inScheme, GEOCODING_LEVEL_SCHEME))
    contributor = CONTRIBUTOR_IDS.get(document.jurisdiction)
    if contributor is not None:
        add((dataset, DCATDE.contributorID, contributor))
        add((contributor, SKOS.inScheme, CONTRIBUTOR_SCHEME))
    for info in FORMATS:
        add((dataset, DCAT.distribution, record_uri(publication, f"distribution-{info.name}")))


def add_distribution(graph: Graph, publication: Publication, info: FormatInfo) -> None:
    """One downloadable format of the rulebook."""
    document, add = publication.document, graph.add
    distribution = record_uri(publication, f"distribution-{info.name}")
    url = URIRef(publication.file_url(info.file))
    add((distribution, RDF.type, DCAT.Distribution))
    add((distribution, DCTERMS.title, Literal(info.title, lang="de")))
    add((distribution, DCTERMS.description, Literal(info.description, lang="de")))
    add((distribution, DCAT.accessURL, url))
    add((distribution, DCAT.downloadURL, url))
    add((distribution, DCAT.mediaType, URIRef(f"{IANA_MEDIA_TYPES}/{info.media_type}")))
    if info.media_type in EU_FILE_TYPES:
        file_type = authority("file-type", EU_FILE_TYPES[info.media_type])
        kind = DCTERMS.MediaTypeOrExtent
        add(
            (
                distribution,
                DCTERMS.format,
                concept(graph, file_type, kind, authority_table("file-type")),
            )
        )
    if info.name == "json":
        schema = publication.file_url(FORMAT_BY_NAME["json-schema"].file)
        add((distribution, DCTERMS.conformsTo, URIRef(schema)))
    add((distribution, DCTERMS.language, add_language(graph, publication)))
    add((distribution, DCTERMS.license, add_licence(graph, publication)))
    if document.licence.uri not in NO_ATTRIBUTION_LICENCES:
        attribution = Literal(document.issuer.name, lang=document.language)
        add((distribution, DCATDE.licenseAttributionByText, attribution))
    add((distribution, DCTERMS.modified, date_literal(document.adopted)))


def _geocoding_level(jurisdiction: str) -> URIRef | None:
    """DCAT-AP.de level of political geocoding: a Land is 'state', Germany 'federal'."""
    if jurisdiction in GERMAN_STATE_KEYS:
        return URIRef(f"{GEOCODING_LEVEL_SCHEME}/state")
    if jurisdiction == "DE":
        return URIRef(f"{GEOCODING_LEVEL_SCHEME}/federal")
    return None


def jsonld_context(language: str) -> dict[str, Any]:
    """The compact JSON-LD context of `dcat.jsonld`."""
    return compact_context(language, PREFIXES, IRI_TERMS, DATE_TERMS, PLAIN_TERMS)


def render_dcat(publication: Publication) -> list[Artifact]:
    """`dcat.ttl` and `dcat.jsonld`, two serialisations of the same catalogue record."""
    graph = dcat_graph(publication)
    context = jsonld_context(publication.document.language)
    return [
        Artifact("dcat.ttl", "text/turtle", turtle_bytes(graph)),
        Artifact("dcat.jsonld", "application/ld+json", jsonld_bytes(graph, context)),
    ]
