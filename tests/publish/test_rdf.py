"""The RDF publication: one ELI and schema.org graph, the same in JSON-LD and in Turtle."""

import json
import os
import subprocess
import sys

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD

from leitplanke.publish.formats import FORMAT_BY_NAME
from leitplanke.publish.json_document import render_json
from leitplanke.publish.publication import Publication
from leitplanke.publish.rdf import (
    ELI,
    IN_FORCE,
    NOT_IN_FORCE,
    PARTIALLY_IN_FORCE,
    SCHEMA,
    jsonld_bytes,
    jsonld_context,
    language_uri,
    rdf_graph,
    render_rdf,
    turtle_bytes,
)
from leitplanke.rulebook.loader import BUNDLED
from leitplanke.rulebook.versions import RulebookHistory
from leitplanke.rulebook.vocabulary import Status

# rdflib's JSON-LD parser builds a ConjunctiveGraph, a class rdflib itself now deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PARSER_FORMAT = {"application/ld+json": "json-ld", "text/turtle": "turtle"}


def parsed(publication: Publication) -> dict[str, Graph]:
    """Each published RDF file, parsed back into a graph."""
    return {
        artifact.path: Graph().parse(
            data=artifact.content, format=PARSER_FORMAT[artifact.media_type]
        )
        for artifact in render_rdf(publication)
    }


@pytest.fixture(scope="module")
def graphs(publication: Publication) -> dict[str, Graph]:
    return parsed(publication)


@pytest.fixture(scope="module")
def turtle(graphs: dict[str, Graph]) -> Graph:
    return graphs["rulebook.ttl"]


def test_renders_the_jsonld_and_turtle_files_the_format_catalogue_promises(publication):
    artifacts = {artifact.path: artifact.media_type for artifact in render_rdf(publication)}
    promised = [FORMAT_BY_NAME["jsonld"], FORMAT_BY_NAME["turtle"]]
    assert artifacts == {info.file: info.media_type for info in promised}


def test_jsonld_and_turtle_parse_to_the_same_graph_as_the_one_built(publication, graphs):
    built = rdf_graph(publication)
    assert isomorphic(graphs["rulebook.jsonld"], graphs["rulebook.ttl"])
    assert isomorphic(graphs["rulebook.ttl"], built)


def test_jsonld_uses_a_compact_context(publication):
    artifact = next(a for a in render_rdf(publication) if a.path == "rulebook.jsonld")
    document = json.loads(artifact.content)
    assert document["@context"]["eli"] == str(ELI)
    assert document["@context"]["@language"] == "de"
    rulebook = next(node for node in document["@graph"] if node["@id"] == publication.rulebook_uri)
    first = publication.history.versions[0].meta
    assert rulebook["eli:date_document"] == first.adopted.isoformat()
    assert rulebook["dct:title"] == publication.rulebook.meta.title


def test_every_rule_is_a_legal_resource_with_its_id_and_part_of_the_rulebook(publication, turtle):
    rulebook = URIRef(publication.rulebook_uri)
    for rule in publication.rulebook.rules:
        node = URIRef(publication.rule_uri(rule.id))
        assert (node, RDF.type, ELI.LegalResource) in turtle
        assert (node, RDF.type, SCHEMA.Legislation) in turtle
        assert (node, ELI.id_local, Literal(rule.id)) in turtle
        assert (node, ELI.is_part_of, rulebook) in turtle
        assert (rulebook, ELI.has_part, node) in turtle


def test_the_rulebook_is_a_legal_resource_with_its_dates_issuer_and_jurisdiction(
    publication, turtle
):
    meta, first = publication.rulebook.meta, publication.history.versions[0].meta
    rulebook = URIRef(publication.rulebook_uri)
    assert (rulebook, RDF.type, ELI.LegalResource) in turtle
    assert turtle.value(rulebook, ELI.date_document).toPython() == first.adopted
    assert turtle.value(rulebook, ELI.first_date_entry_in_force).toPython() == first.valid_from
    assert turtle.value(rulebook, ELI.passed_by) == URIRef(str(meta.issuer.uri))
    assert turtle.value(rulebook, ELI.jurisdiction) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/11"
    )
    assert turtle.value(rulebook, SCHEMA.legislationIdentifier) == Literal(meta.id)


def test_every_version_is_a_legal_expression_that_realizes_the_rulebook(publication, turtle):
    rulebook = URIRef(publication.rulebook_uri)
    for version in publication.history.versions:
        meta = version.meta
        node = URIRef(publication.version_uri(meta.version))
        assert (node, RDF.type, ELI.LegalExpression) in turtle
        assert (node, ELI.realizes, rulebook) in turtle
        assert (rulebook, ELI.is_realized_by, node) in turtle
        assert (node, ELI.language, language_uri(meta.language)) in turtle
        assert (node, ELI.title, Literal(meta.title, lang=meta.language)) in turtle
        assert turtle.value(node, ELI.version_date).toPython() == meta.valid_from
        assert (node, SCHEMA.version, Literal(meta.version)) in turtle


def test_each_rules_wording_is_a_legal_expression_of_the_current_version(publication, turtle):
    meta = publication.rulebook.meta
    for rule in publication.rulebook.rules:
        node = URIRef(publication.rule_version_uri(meta.version, rule.id))
        assert (node, RDF.type, ELI.LegalExpression) in turtle
        assert (node, ELI.realizes, URIRef(publication.rule_uri(rule.id))) in turtle
        assert (node, SCHEMA.text, Literal(rule.text, lang=meta.language)) in turtle
        assert (node, ELI.language, language_uri(meta.language)) in turtle
        assert (node, SCHEMA.isPartOf, URIRef(publication.version_uri(meta.version))) in turtle


def test_rdf_agrees_with_rulebook_json_on_ids_titles_and_texts(publication, graphs):
    document = json.loads(
        next(a for a in render_json(publication) if a.path == "rulebook.json").content
    )
    for graph in graphs.values():
        rule_nodes = set(graph.subjects(ELI.is_part_of, URIRef(publication.rulebook_uri)))
        from_rdf = {
            str(graph.value(node, ELI.id_local)): (
                str(graph.value(node, DCTERMS.title)),
                str(graph.value(graph.value(node, ELI.is_realized_by), SCHEMA.text)),
            )
            for node in rule_nodes
        }
        from_json = {rule["id"]: (rule["title"], rule["text"]) for rule in document["rules"]}
        assert from_rdf == from_json


def test_see_also_references_become_eli_citations(publication, turtle):
    for rule in publication.rulebook.rules:
        cited = set(turtle.objects(URIRef(publication.rule_uri(rule.id)), ELI.cites))
        assert cited == {URIRef(publication.rule_uri(target)) for target in rule.see_also}


def test_every_legal_basis_points_into_a_declared_law(publication, turtle):
    rulebook = publication.rulebook
    law_titles = {Literal(law.title, lang="de") for law in rulebook.laws}
    for rule in rulebook.rules:
        bases = set(turtle.objects(URIRef(publication.rule_uri(rule.id)), ELI.based_on))
        assert 1 <= len(bases) <= len(rule.legal_bases)
        for basis in bases:
            law = turtle.value(basis, ELI.is_part_of) or basis
            assert turtle.value(law, DCTERMS.title) in law_titles


def test_a_provision_is_numbered_and_part_of_its_law(publication, turtle):
    rulebook = publication.rulebook
    basis = next(
        b
        for rule in rulebook.rules
        for b in rule.legal_bases
        if b.provision and not b.url and rulebook.law(b.law).url
    )
    law = URIRef(str(rulebook.law(basis.law).url))
    provisions = set(turtle.subjects(ELI.is_part_of, law))
    assert Literal(basis.provision) in {turtle.value(p, ELI.number) for p in provisions}


def test_in_force_follows_the_rule_status_and_the_rulebook_is_partially_in_force(publication):
    first, *rest = publication.rulebook.rules
    others = [rule.model_copy(update={"status": Status.IN_FORCE}) for rule in rest]
    drafted = publication.restricted_to(
        (first.model_copy(update={"status": Status.DRAFT}), *others)
    )
    graph = rdf_graph(drafted)
    assert graph.value(URIRef(drafted.rule_uri(first.id)), ELI.in_force) == NOT_IN_FORCE
    assert graph.value(URIRef(drafted.rule_uri(first.id)), SCHEMA.legislationLegalForce) == (
        SCHEMA.NotInForce
    )
    for rule in others:
        assert graph.value(URIRef(drafted.rule_uri(rule.id)), ELI.in_force) == IN_FORCE
    expected = PARTIALLY_IN_FORCE if others else NOT_IN_FORCE
    assert graph.value(URIRef(drafted.rulebook_uri), ELI.in_force) == expected


def test_laws_without_url_become_blank_nodes_that_survive_both_formats(publication):
    current = publication.rulebook
    laws = tuple(law.model_copy(update={"url": None}) for law in current.laws)
    few_rules = current.rules[:5]  # comparing graphs full of blank nodes is slow
    without_urls = Publication(
        RulebookHistory((current.model_copy(update={"laws": laws, "rules": few_rules}),)),
        publication.base_url,
    )
    graphs = parsed(without_urls)
    assert any(isinstance(node, BNode) for node in graphs["rulebook.ttl"].subjects())
    assert isomorphic(graphs["rulebook.jsonld"], graphs["rulebook.ttl"])
    assert isomorphic(graphs["rulebook.ttl"], rdf_graph(without_urls))


AWKWARD_TEXTS = [
    "",
    'ends with a quote "',
    'three quotes """ inside',
    "back\\slash and \\n written out",
    "tab\tand CRLF\r\n",
    'line\nbreak before a quote"',
    "Anführungszeichen „so“ und ß",
]


WRITERS = {
    "turtle": turtle_bytes,
    "json-ld": lambda graph: jsonld_bytes(graph, jsonld_context("de")),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_writers_round_trip_awkward_literals_names_and_blank_nodes(writer):
    graph = Graph(bind_namespaces="none")
    graph.bind("eli", ELI)
    graph.bind("xsd", XSD)
    subject = URIRef("https://example.org/rules/A-1")
    for text in AWKWARD_TEXTS:
        graph.add((subject, ELI.title, Literal(text, lang="de")))
        graph.add((subject, ELI.title_short, Literal(text, lang="en")))
        graph.add((subject, ELI.number, Literal(text)))
        graph.add((subject, ELI.description, Literal(text)))
    graph.add((subject, ELI.version_date, Literal("2026-01-01", datatype=XSD.date)))
    graph.add((subject, ELI.date_publication, Literal("2026-01-02", datatype=XSD.date)))
    graph.add((subject, ELI.number, Literal(3)))
    graph.add((subject, ELI["name.with.dots"], URIRef("https://example.org/a%20b?c=(d)")))
    graph.add((subject, ELI.based_on, BNode("provision1")))
    graph.add((subject, ELI.based_on, URIRef("https://example.org/law")))
    graph.add((BNode("provision1"), ELI.number, Literal("Art. 1")))
    assert isomorphic(Graph().parse(data=WRITERS[writer](graph), format=writer), graph)


def test_rendering_twice_gives_identical_bytes(publication):
    first, second = render_rdf(publication), render_rdf(publication)
    assert [a.content for a in first] == [a.content for a in second]


RENDER_DIGESTS = """
import hashlib, sys
from pathlib import Path
from leitplanke.publish.publication import Publication
from leitplanke.publish.dcat import render_dcat
from leitplanke.publish.rdf import render_rdf
from leitplanke.rulebook.versions import load_history
publication = Publication(load_history(Path(sys.argv[1])), sys.argv[2])
for artifact in render_rdf(publication) + render_dcat(publication):
    print(artifact.path, hashlib.sha256(artifact.content).hexdigest())
"""


@pytest.mark.slow
def test_output_bytes_do_not_depend_on_the_hash_seed(publication):
    def digests(seed: str) -> str:
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", RENDER_DIGESTS, str(BUNDLED), publication.base_url]
        return subprocess.run(
            command, env=environment, capture_output=True, text=True, check=True
        ).stdout

    assert digests("1") == digests("2")


@pytest.mark.slow
def test_a_1000_rule_rulebook_round_trips(large_publication):
    artifacts = render_rdf(large_publication)
    jsonld, ttl = (
        Graph().parse(data=a.content, format=PARSER_FORMAT[a.media_type]) for a in artifacts
    )
    assert len(set(ttl.subjects(RDF.type, ELI.LegalResourceSubdivision))) == 1000
    assert isomorphic(jsonld, ttl)
