"""The Akoma Ntoso publication: valid against the OASIS schema, one article per rule, same text."""

import json
import re
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from lxml import html as lxml_html

from leitplanke.publish.akoma_ntoso import AKN_NS, FILE, MEDIA_TYPE, render_akoma_ntoso
from leitplanke.publish.json_document import render_json
from leitplanke.publish.publication import Publication
from leitplanke.rulebook.vocabulary import Status

NS = {"akn": AKN_NS}

# element -> the abbreviation its eId ends with (Akoma Ntoso Naming Convention 1.0)
EID_ABBREVIATION = {"part": "part", "section": "sec", "article": "art", "blockList": "list"}


@pytest.fixture(scope="module")
def schema(official_schemas: Path) -> xmlschema.XMLSchema:
    """The Akoma Ntoso 3.0 schema (loading takes about a second, so once per module)."""
    return xmlschema.XMLSchema(str(official_schemas / "akoma-ntoso-3.0" / "akomantoso30.xsd"))


def akn_bytes(publication: Publication) -> bytes:
    (artifact,) = render_akoma_ntoso(publication)
    assert (artifact.path, artifact.media_type) == (FILE, MEDIA_TYPE)
    return artifact.content


def akn_tree(publication: Publication) -> etree._Element:
    return etree.fromstring(akn_bytes(publication))


def schema_errors(schema: xmlschema.XMLSchema, tree: etree._Element) -> list[str]:
    return [error.reason or str(error) for error in schema.iter_errors(tree)]


def plain_text(element: etree._Element) -> str:
    """The words of an element in document order, markup and list numbers left out."""
    words = element.xpath(".//text()[not(ancestor::akn:num)]", namespaces=NS)
    return " ".join(" ".join(words).split())


def html_plain_text(fragment: str) -> str:
    wrapper = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(" ".join(wrapper.itertext()).split())


def articles(tree: etree._Element) -> list[etree._Element]:
    return tree.findall(".//akn:body//akn:article", NS)


def articles_with_rules(tree: etree._Element, publication: Publication) -> list[tuple]:
    rules = {rule.id: rule for rule in publication.document.rules}
    return [
        (article, rules[article.findtext("akn:num", namespaces=NS)]) for article in articles(tree)
    ]


def hcontainer(article: etree._Element, name: str) -> etree._Element:
    (container,) = article.xpath("akn:hcontainer[@name=$name]", namespaces=NS, name=name)
    return container


def one_rule_publication(publication: Publication, **changes: object) -> Publication:
    rule = publication.rulebook.rules[0].model_copy(update=changes)
    return publication.restricted_to((rule,))


def test_document_validates_against_the_akoma_ntoso_schema(schema, publication):
    assert schema_errors(schema, akn_tree(publication)) == []


BROKEN = [
    pytest.param(
        lambda tree: tree.find(".//akn:meta", NS).remove(tree.find(".//akn:identification", NS)),
        id="meta without identification",
    ),
    pytest.param(
        lambda tree: etree.SubElement(articles(tree)[0], f"{{{AKN_NS}}}rulebookNote"),
        id="unknown element in an article",
    ),
    pytest.param(
        lambda tree: articles(tree)[1].set("eId", articles(tree)[0].get("eId")),
        id="two articles with one eId",
    ),
]


@pytest.mark.parametrize("breakage", BROKEN)
def test_a_broken_document_fails_validation(schema, publication, breakage):
    two_rules = publication.restricted_to(publication.rulebook.rules[:2])
    tree = akn_tree(two_rules)
    assert schema_errors(schema, tree) == []
    breakage(tree)
    assert schema_errors(schema, tree)


def test_a_view_without_rules_still_validates(schema, publication):
    tree = akn_tree(publication.restricted_to(()))
    assert articles(tree) == []
    assert schema_errors(schema, tree) == []


def test_every_rule_appears_once_as_an_article_numbered_by_its_id(publication):
    found = [
        (article.get("eId"), article.findtext("akn:num", namespaces=NS))
        for article in articles(akn_tree(publication))
    ]
    expected = [(f"art_{rule.id}", rule.id) for rule in publication.rulebook.rules]
    assert sorted(found) == sorted(expected)


def test_articles_agree_with_rulebook_json(publication):
    (document,) = (a for a in render_json(publication) if a.path == "rulebook.json")
    rules = {rule["id"]: rule for rule in json.loads(document.content)["rules"]}
    by_id = {
        article.findtext("akn:num", namespaces=NS): article
        for article in articles(akn_tree(publication))
    }
    assert by_id.keys() == rules.keys()
    for rule_id, rule in rules.items():
        article = by_id[rule_id]
        assert article.findtext("akn:heading", namespaces=NS) == rule["title"]
        assert plain_text(hcontainer(article, "provision")) == html_plain_text(rule["text_html"])
        rationale = plain_text(hcontainer(article, "rationale").find("akn:content", NS))
        assert rationale == html_plain_text(rule["rationale_html"])


def test_parts_are_audiences_and_sections_are_aspects(publication):
    tree = akn_tree(publication)
    for article, rule in articles_with_rules(tree, publication):
        section = article.getparent()
        part = section.getparent()
        assert (etree.QName(section).localname, etree.QName(part).localname) == ("section", "part")
        assert part.findtext("akn:heading", namespaces=NS) == rule.audience_label
        assert section.findtext("akn:heading", namespaces=NS) == rule.aspect_label


def test_eids_are_unique_and_follow_the_naming_convention(publication):
    tree = akn_tree(publication)
    eids = [element.get("eId") for element in tree.iter() if element.get("eId")]
    assert len(eids) == len(set(eids))
    for element in tree.find(".//akn:body", NS).iter():
        eid = element.get("eId")
        if eid is None:
            continue
        local = etree.QName(element).localname
        last = eid.split("__")[-1]
        if local == "hcontainer":
            assert last == element.get("name"), eid
        else:
            abbreviation = EID_ABBREVIATION.get(local, local)
            assert re.fullmatch(rf"{abbreviation}_[^_\s]+", last), eid
        parent = element.getparent()
        while parent is not None and parent.get("eId") is None:
            parent = parent.getparent()
        if local not in ("part", "article") and parent is not None:
            assert eid.startswith(parent.get("eId") + "__"), eid


def test_level_and_status_are_marked_as_concepts(publication):
    tree = akn_tree(publication)
    concepts = {c.get("eId") for c in tree.findall(".//akn:references/akn:TLCConcept", NS)}
    for article, rule in articles_with_rules(tree, publication):
        refers = [ref.removeprefix("#") for ref in article.get("refersTo").split()]
        assert set(refers) <= concepts
        marks = article.findall("akn:subheading/akn:concept", NS)
        assert [mark.text for mark in marks] == [rule.level.value, rule.status_label]


def test_a_repealed_rule_is_marked_removed(publication):
    tree = akn_tree(one_rule_publication(publication, status=Status.REPEALED))
    (article,) = articles(tree)
    assert article.get("status") == "removed"
    assert "#repealed" in article.get("refersTo").split()


def test_legal_bases_refer_to_the_law_and_link_to_its_text(publication):
    tree = akn_tree(publication)
    references = {
        element.get("eId"): element
        for element in tree.findall(".//akn:references/akn:TLCReference", NS)
    }
    for article, rule in articles_with_rules(tree, publication):
        refs = hcontainer(article, "legalBases").findall(".//akn:ref", NS)
        assert [ref.text for ref in refs] == [basis.citation for basis in rule.legal_bases]
        for ref, basis in zip(refs, rule.legal_bases, strict=True):
            law = references[ref.get("refersTo").removeprefix("#")]
            assert law.get("shortForm") == basis.law
            assert law.get("showAs") == basis.law_title
            assert ref.get("href") == (basis.url or "#" + law.get("eId"))


def test_frbr_identification_names_work_expression_and_manifestation(publication):
    tree = akn_tree(publication)
    document = publication.document
    values = {
        level: tree.find(f".//akn:{level}/akn:FRBRthis", NS).get("value")
        for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation")
    }
    assert values == {
        "FRBRWork": document.uri,
        "FRBRExpression": document.version_uri,
        "FRBRManifestation": publication.file_url(FILE),
    }
    assert tree.find(".//akn:FRBRversionNumber", NS).get("value") == document.version
    assert tree.find(".//akn:FRBRlanguage", NS).get("language") == "deu"
    issuer = tree.find(".//akn:TLCOrganization", NS)
    assert issuer.get("showAs") == document.issuer.name
    assert tree.find(".//akn:preface//akn:docTitle", NS).text == document.title


MARKDOWN = [
    pytest.param(
        "Die Behörde **muss** prüfen,\nob der Auftritt nötig ist.\n\nZweiter Absatz.",
        "<p>Die Behörde <b>muss</b> prüfen, ob der Auftritt nötig ist.</p><p>Zweiter Absatz.</p>",
        id="paragraphs and bold",
    ),
    pytest.param(
        "Sie benennt\n\n- die Aufgabe,\n- die *Zielgruppe*.",
        '<p>Sie benennt</p><blockList eId="L1"><item eId="L1__item_1"><p>die Aufgabe,</p></item>'
        '<item eId="L1__item_2"><p>die <i>Zielgruppe</i>.</p></item></blockList>',
        id="bullet list",
    ),
    pytest.param(
        "Schritte der Prüfung:\n\n3. prüfen\n4. dokumentieren",
        '<p>Schritte der Prüfung:</p><blockList eId="L1"><item eId="L1__item_1"><num>3.</num>'
        '<p>prüfen</p></item><item eId="L1__item_2"><num>4.</num><p>dokumentieren</p></item>'
        "</blockList>",
        id="ordered list keeps its numbers",
    ),
    pytest.param(
        "Zu beachten sind\n\n- Recht\n  - DSGVO\n  - TDDDG\n- Technik",
        '<p>Zu beachten sind</p><blockList eId="L1"><item eId="L1__item_1"><p>Recht</p>'
        '<blockList eId="L1__item_1__list_1"><item eId="L1__item_1__list_1__item_1"><p>DSGVO</p>'
        '</item><item eId="L1__item_1__list_1__item_2"><p>TDDDG</p></item></blockList></item>'
        '<item eId="L1__item_2"><p>Technik</p></item></blockList>',
        id="nested list",
    ),
    pytest.param(
        "Siehe [berlin.de](https://www.berlin.de/) und `#hashtag`.",
        '<p>Siehe <a href="https://www.berlin.de/">berlin.de</a> und '
        '<inline name="code">#hashtag</inline>.</p>',
        id="link and code",
    ),
    pytest.param(
        "Erster Punkt:\n\n- lose Liste mit Absatz\n\n  und zweitem Absatz\n\n- zweiter Punkt",
        '<p>Erster Punkt:</p><blockList eId="L1"><item eId="L1__item_1">'
        "<p>lose Liste mit Absatz</p><p>und zweitem Absatz</p></item>"
        '<item eId="L1__item_2"><p>zweiter Punkt</p></item></blockList>',
        id="loose list",
    ),
]


@pytest.mark.parametrize(("markdown", "want"), MARKDOWN)
def test_markdown_structure_becomes_akoma_ntoso_markup(schema, publication, markdown, want):
    tree = akn_tree(one_rule_publication(publication, text=markdown))
    (article,) = articles(tree)
    content = hcontainer(article, "provision").find("akn:content", NS)
    prefix = f"{article.get('eId')}__provision__list_1"
    got = "".join(
        etree.tostring(child, encoding="unicode", with_tail=False).replace(f' xmlns="{AKN_NS}"', "")
        for child in content
    )
    got = re.sub(r">\s+<", "><", got).replace(prefix, "L1")
    assert got == want
    assert schema_errors(schema, tree) == []


def test_rendering_twice_gives_the_same_bytes(publication):
    assert akn_bytes(publication) == akn_bytes(
        Publication(publication.history, publication.base_url)
    )


@pytest.mark.slow
def test_a_thousand_rule_document_validates(schema, large_publication):
    tree = akn_tree(large_publication)
    assert len(articles(tree)) == 1000
    assert schema_errors(schema, tree) == []
