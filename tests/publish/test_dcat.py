"""The DCAT record: conforms to the official DCAT-AP.de 3.0 shapes with no result at all."""

from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, SH, SKOS

from leitplanke.publish.dcat import DCAT, dcat_graph, render_dcat
from leitplanke.publish.formats import FORMATS
from leitplanke.publish.publication import Publication

# rdflib's JSON-LD parser builds a ConjunctiveGraph, a class rdflib itself now deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# The profile's five shape files; dcat-ap-de-imports.ttl only imports remote vocabularies.
SHAPE_FILES = (
    "dcat-ap-SHACL.ttl",
    "dcat-ap-SHACL-DE.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-de-controlledvocabularies.ttl",
)
PARSER_FORMAT = {"application/ld+json": "json-ld", "text/turtle": "turtle"}


@pytest.fixture(scope="module")
def shapes(official_schemas: Path) -> Graph:
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(official_schemas / "dcat-ap-de-3.0" / name, format="turtle")
    return graph


def validation_results(data: Graph, shapes: Graph) -> list[tuple[str, str]]:
    """Every SHACL result of any severity, as (severity, message)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return sorted(
        (
            str(report.value(result, SH.resultSeverity)).removeprefix(str(SH)),
            str(report.value(result, SH.resultMessage)),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    )


def parsed(publication: Publication) -> dict[str, Graph]:
    return {
        artifact.path: Graph().parse(
            data=artifact.content, format=PARSER_FORMAT[artifact.media_type]
        )
        for artifact in render_dcat(publication)
    }


def test_renders_turtle_and_jsonld_with_their_media_types(publication):
    artifacts = {artifact.path: artifact.media_type for artifact in render_dcat(publication)}
    assert artifacts == {"dcat.ttl": "text/turtle", "dcat.jsonld": "application/ld+json"}


def test_both_files_parse_to_the_same_graph_as_the_one_built(publication):
    graphs = parsed(publication)
    assert isomorphic(graphs["dcat.ttl"], graphs["dcat.jsonld"])
    assert isomorphic(graphs["dcat.ttl"], dcat_graph(publication))


@pytest.mark.parametrize("path", ["dcat.ttl", "dcat.jsonld"])
def test_published_record_conforms_with_no_violation_warning_or_info(publication, shapes, path):
    assert validation_results(parsed(publication)[path], shapes) == []


def _without_licences(graph: Graph) -> None:
    graph.remove((None, DCTERMS.license, None))


def _without_licence_scheme(graph: Graph) -> None:
    graph.remove((None, SKOS.inScheme, URIRef("http://dcat-ap.de/def/licenses")))


def _with_deprecated_version_info(graph: Graph) -> None:
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        graph.add((dataset, OWL.versionInfo, Literal("1.0.0")))


# (what is broken, how, the severity and message the validator must then report)
BREAKAGES: list[tuple[str, Callable[[Graph], None], str, str]] = [
    (
        "licence removed",
        _without_licences,
        "Violation",
        "DE: dcat:Distribution: MUSS eine dcterms:license haben.",
    ),
    (
        "licence outside the DCAT-AP.de vocabulary",
        _without_licence_scheme,
        "Warning",
        "dcat:Distribution: dcterms:license SOLL folgendes Vokabular benutzen",
    ),
    (
        "deprecated owl:versionInfo",
        _with_deprecated_version_info,
        "Warning",
        "Deprecated: owl:versionInfo soll nicht mehr verwendet werden.",
    ),
]


@pytest.mark.parametrize(
    ("note", "breakage", "severity", "message"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_validator_reports_a_broken_record(publication, shapes, note, breakage, severity, message):
    graph = dcat_graph(publication)
    breakage(graph)
    results = validation_results(graph, shapes)
    assert any(s == severity and m.startswith(message) for s, m in results), results


def test_dataset_has_one_distribution_per_format_with_its_download_url(publication):
    graph = dcat_graph(publication)
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    distributions = set(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(FORMATS)
    urls = {graph.value(d, DCAT.downloadURL): graph.value(d, DCAT.accessURL) for d in distributions}
    expected = {URIRef(publication.file_url(info.file)) for info in FORMATS}
    assert set(urls) == expected
    assert all(download == access for download, access in urls.items())


def test_each_distribution_names_its_iana_media_type_and_the_rulebook_licence(publication):
    graph = dcat_graph(publication)
    licence = URIRef(str(publication.rulebook.meta.licence.uri))
    by_url = {
        graph.value(d, DCAT.downloadURL): d for d in graph.subjects(RDF.type, DCAT.Distribution)
    }
    for info in FORMATS:
        distribution = by_url[URIRef(publication.file_url(info.file))]
        media_type = f"https://www.iana.org/assignments/media-types/{info.media_type}"
        assert graph.value(distribution, DCAT.mediaType) == URIRef(media_type)
        assert graph.value(distribution, DCTERMS.license) == licence
    assert (licence, SKOS.inScheme, URIRef("http://dcat-ap.de/def/licenses")) in graph


def test_formats_come_from_the_eu_file_type_table(publication):
    graph = dcat_graph(publication)
    by_url = {
        graph.value(d, DCAT.downloadURL): d for d in graph.subjects(RDF.type, DCAT.Distribution)
    }
    table = "http://publications.europa.eu/resource/authority/file-type/"
    expected = {"rulebook.ttl": "RDF_TURTLE", "rulebook.jsonld": "JSON_LD", "rules.csv": "CSV"}
    for file, code in expected.items():
        distribution = by_url[URIRef(publication.file_url(file))]
        assert graph.value(distribution, DCTERMS.format) == URIRef(table + code)


def test_dataset_describes_the_rulebook_version_place_and_publisher(publication):
    graph = dcat_graph(publication)
    meta = publication.rulebook.meta
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    assert graph.value(dataset, DCTERMS.title) == Literal(meta.title, lang="de")
    assert graph.value(dataset, DCAT.version) == Literal(meta.version)
    assert graph.value(dataset, DCTERMS.modified).toPython() == meta.adopted
    assert graph.value(dataset, DCTERMS.relation) == URIRef(publication.rulebook_uri)
    assert graph.value(dataset, DCTERMS.publisher) == URIRef(str(meta.issuer.uri))
    assert graph.value(dataset, DCTERMS.spatial) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/11"
    )
    assert set(graph.objects(dataset, DCAT.keyword)) == {
        Literal(keyword, lang="de") for keyword in meta.keywords
    }
