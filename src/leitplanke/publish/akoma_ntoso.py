"""Akoma Ntoso renderer: `rulebook.akn.xml`, the rulebook as an OASIS LegalDocML 3.0 document.

The document is an `<act name="guideline">`: a guideline is no statute, but `act` is the Akoma
Ntoso type for prescriptive texts with a hierarchical `<body>`, and `name` says which kind. The
body has one `<part>` per audience, one `<section>` per aspect and one `<article>` per rule. An
article carries the rule ID as `<num>`, the title as `<heading>`, level and status as a
`<subheading>` with `<concept>` marks (and as `refersTo` on the article, pointing at
`TLCConcept`s), then one `<hcontainer>` each for the normative text, the rationale, the legal
bases, the examples and the cross-references. The normative text is converted from the
published HTML of its Markdown, so it says what `rulebook.json` says.

eIds follow the Akoma Ntoso Naming Convention 1.0: unnumbered containers are counted by
position (`part_1__sec_2`); articles are named by their number, the stable rule ID, without
the prefixes of the containers above them (`art_INST-KP-01`), like articles numbered through
a whole act; generic containers by their name (`art_INST-KP-01__rationale`); lists and their
items are counted (`art_INST-KP-01__provision__list_1__item_2`).
"""

import re
from typing import Any, Final

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from leitplanke.publish.document import PublishedExample, PublishedRule, PublishedRulebook
from leitplanke.publish.presentation import german_date, grouped_rules
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.rulebook.vocabulary import (
    LEVEL_KEYWORD,
    STATUS_LABEL,
    Level,
    Status,
)

AKN_NS: Final = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
FILE: Final = "rulebook.akn.xml"
MEDIA_TYPE: Final = "application/akn+xml"
DOCUMENT_NAME: Final = "guideline"
ISSUER_EID: Final = "issuer"

PROVISION: Final = "provision"
"""Name of the `<hcontainer>` that holds a rule's normative text."""

_ISO_639_2: Final = {"de": "deu", "en": "eng", "fr": "fra", "it": "ita", "es": "spa", "pl": "pol"}
_LEVEL_EID: Final = {Level.MUSS: "muss", Level.SOLL: "soll", Level.KANN: "kann"}
_STATUS_EID: Final = {
    Status.DRAFT: "draft",
    Status.IN_FORCE: "inForce",
    Status.REPEALED: "repealed",
}
_EXAMPLE_LABEL: Final = {"good": "Gutes Beispiel", "bad": "Schlechtes Beispiel"}

_HTML_INLINE: Final = {
    "strong": "b",
    "b": "b",
    "em": "i",
    "i": "i",
    "u": "u",
    "sub": "sub",
    "sup": "sup",
}
_HTML_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_BLOCKS: Final = _HTML_HEADINGS | {"p", "ul", "ol", "li", "blockquote", "pre", "hr", "div"}
_MIXED: Final = frozenset(
    f"{{{AKN_NS}}}{name}"
    for name in (
        "p",
        "num",
        "heading",
        "subheading",
        "docTitle",
        "shortTitle",
        "docAuthority",
        "docNumber",
        "docDate",
    )
)
_WHITESPACE: Final = re.compile(r"\s+")
_NSMAP: Final[Any] = {None: AKN_NS}
_INDENT: Final = "  "


def render_akoma_ntoso(publication: Publication) -> list[Artifact]:
    """`rulebook.akn.xml`: the current version as an Akoma Ntoso 3.0 document."""
    root = akoma_ntoso_tree(publication)
    _indent(root)
    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return [Artifact(FILE, MEDIA_TYPE, content + b"\n")]


def akoma_ntoso_tree(publication: Publication) -> etree._Element:
    """The `<akomaNtoso>` element of the publication's current version."""
    document = publication.document
    root = etree.Element(_tag("akomaNtoso"), nsmap=_NSMAP)
    act = _sub(root, "act", name=DOCUMENT_NAME)
    law_eids = _law_eids(document)
    _meta(_sub(act, "meta"), publication, law_eids)
    _preface(_sub(act, "preface"), document)
    _sub(_sub(act, "preamble"), "p", _flat(document.description))
    _body(_sub(act, "body"), publication, law_eids)
    return root


def article_eid(rule_id: str) -> str:
    """eId of a rule's article: its number, the rule ID, is unique in the whole document."""
    return f"art_{rule_id}"


# --- metadata ----------------------------------------------------------------------------------


def _meta(meta: etree._Element, publication: Publication, law_eids: dict[str, str]) -> None:
    document = publication.document
    source = f"#{ISSUER_EID}"
    identification = _sub(meta, "identification", source=source)
    first = document.versions[0]
    adopted = document.adopted.isoformat()

    work = _sub(identification, "FRBRWork")
    _sub(work, "FRBRthis", value=document.uri)
    _sub(work, "FRBRuri", value=document.uri)
    _sub(work, "FRBRdate", date=first.adopted.isoformat(), name="adoption")
    _sub(work, "FRBRauthor", href=source)
    _sub(work, "FRBRcountry", value=document.jurisdiction.lower())
    _sub(work, "FRBRsubtype", value=DOCUMENT_NAME)
    _sub(work, "FRBRnumber", value=document.id)
    _sub(work, "FRBRname", value=document.short_title)
    _sub(work, "FRBRprescriptive", value="true")

    expression = _sub(identification, "FRBRExpression")
    _sub(expression, "FRBRthis", value=document.version_uri)
    _sub(expression, "FRBRuri", value=document.version_uri)
    _sub(expression, "FRBRdate", date=adopted, name="adoption")
    _sub(expression, "FRBRauthor", href=source)
    _sub(expression, "FRBRversionNumber", value=document.version)
    _sub(expression, "FRBRlanguage", language=_ISO_639_2.get(document.language, document.language))

    manifestation = _sub(identification, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=publication.file_url(FILE))
    _sub(manifestation, "FRBRuri", value=publication.file_url(FILE))
    _sub(manifestation, "FRBRdate", date=adopted, name="adoption")
    _sub(manifestation, "FRBRauthor", href=source)
    _sub(manifestation, "FRBRformat", value=MEDIA_TYPE)

    if document.keywords:
        classification = _sub(meta, "classification", source=source)
        for keyword in document.keywords:
            _sub(classification, "keyword", value=keyword, showAs=keyword, dictionary=source)

    lifecycle = _sub(meta, "lifecycle", source=source)
    references = _sub(meta, "references", source=source)
    for number, version in enumerate(document.versions, start=1):
        reference_eid = "original" if number == 1 else _version_eid(version.version)
        _sub(
            lifecycle,
            "eventRef",
            eId=f"eref_{number}",
            date=version.valid_from.isoformat(),
            source=f"#{reference_eid}",
            type="generation" if number == 1 else "amendment",
        )
        _sub(
            references,
            "original" if number == 1 else "passiveRef",
            eId=reference_eid,
            href=version.uri,
            showAs=f"{document.short_title}, Version {version.version}",
        )
    _sub(
        references,
        "TLCOrganization",
        eId=ISSUER_EID,
        href=document.issuer.uri,
        showAs=document.issuer.name,
    )
    for level, eid in _LEVEL_EID.items():
        _sub(
            references,
            "TLCConcept",
            eId=eid,
            href=f"/akn/ontology/concept/leitplanke.level.{eid}",
            showAs=f"{level.value} ({LEVEL_KEYWORD[level]})",
        )
    for status, eid in _STATUS_EID.items():
        _sub(
            references,
            "TLCConcept",
            eId=eid,
            href=f"/akn/ontology/concept/leitplanke.status.{eid}",
            showAs=STATUS_LABEL[status],
        )
    for law in document.laws:
        eid = law_eids[law.id]
        _sub(
            references,
            "TLCReference",
            eId=eid,
            href=law.url or f"/akn/ontology/reference/leitplanke.law.{eid}",
            showAs=law.title,
            shortForm=law.id,
            name="law",
        )


def _law_eids(document: PublishedRulebook) -> dict[str, str]:
    """An eId for each law's TLCReference, unique beside every other eId in the document."""
    taken = {ISSUER_EID, "original", *_LEVEL_EID.values(), *_STATUS_EID.values()}
    taken |= {_version_eid(version.version) for version in document.versions}
    eids: dict[str, str] = {}
    for law in document.laws:
        base = re.sub(r"[^a-z0-9]+", "-", law.id.lower()).strip("-") or "law"
        eid, number = base, 1
        while eid in taken:
            number += 1
            eid = f"{base}-{number}"
        taken.add(eid)
        eids[law.id] = eid
    return eids


def _version_eid(version: str) -> str:
    return "version_" + version.replace(".", "-")


def _preface(preface: etree._Element, document: PublishedRulebook) -> None:
    _sub(_sub(_sub(preface, "longTitle"), "p"), "docTitle", document.title)
    _sub(_sub(preface, "p"), "shortTitle", document.short_title)
    _sub(_sub(preface, "p"), "docAuthority", document.issuer.name, refersTo=f"#{ISSUER_EID}")
    dates = _sub(preface, "p", "Version ")
    _sub(dates, "docNumber", document.version).tail = " vom "
    adopted = document.adopted
    _sub(dates, "docDate", german_date(adopted), date=adopted.isoformat()).tail = ", gültig ab "
    valid_from = document.valid_from
    _sub(dates, "date", german_date(valid_from), date=valid_from.isoformat(), refersTo="#inForce")
    licence = _sub(preface, "p", "Lizenz: ")
    _sub(licence, "a", document.licence.title, href=document.licence.uri)


# --- body --------------------------------------------------------------------------------------


def _body(body: etree._Element, publication: Publication, law_eids: dict[str, str]) -> None:
    document = publication.document
    present = {rule.id for rule in document.rules}
    if not document.rules:  # a filtered view may hold none; the body must not be empty
        empty = _sub(body, "hcontainer", eId="noRules", name="noRules")
        _sub(_sub(empty, "content"), "p", "Dieses Regelwerk enthält keine Regeln.")
    for part_number, sections in enumerate(grouped_rules(document.rules), start=1):
        part_eid = f"part_{part_number}"
        part = _sub(body, "part", eId=part_eid)
        _sub(part, "heading", sections[0][0].audience_label)
        for section_number, rules in enumerate(sections, start=1):
            section = _sub(part, "section", eId=f"{part_eid}__sec_{section_number}")
            _sub(section, "heading", rules[0].aspect_label)
            for rule in rules:
                _article(section, rule, publication, law_eids, present)


def _article(
    section: etree._Element,
    rule: PublishedRule,
    publication: Publication,
    law_eids: dict[str, str],
    present: set[str],
) -> None:
    eid = article_eid(rule.id)
    level, status = _LEVEL_EID[rule.level], _STATUS_EID[rule.status]
    article = _sub(section, "article", eId=eid, GUID=rule.uri, refersTo=f"#{level} #{status}")
    if rule.status == Status.REPEALED:
        article.set("status", "removed")
    _sub(article, "num", rule.id)
    _sub(article, "heading", rule.title)
    subheading = _sub(article, "subheading", "Verbindlichkeit: ")
    level_mark = _sub(subheading, "concept", rule.level.value, refersTo=f"#{level}")
    level_mark.tail = f" ({rule.level_keyword}) · Status: "
    _sub(subheading, "concept", rule.status_label, refersTo=f"#{status}")

    provision = _hcontainer(article, eid, PROVISION)
    _html_blocks(_sub(provision, "content"), rule.text_html, f"{eid}__{PROVISION}")

    rationale = _hcontainer(article, eid, "rationale", "Begründung")
    _html_blocks(_sub(rationale, "content"), rule.rationale_html, f"{eid}__rationale")

    bases = _hcontainer(article, eid, "legalBases", "Rechtsgrundlagen")
    items = _items(_sub(bases, "content"), f"{eid}__legalBases", len(rule.legal_bases))
    for item, basis in zip(items, rule.legal_bases, strict=True):
        law_eid = law_eids[basis.law]
        paragraph = _sub(item, "p")
        href = basis.url or f"#{law_eid}"
        ref = _sub(paragraph, "ref", basis.citation, href=href, refersTo=f"#{law_eid}")
        if basis.note:
            ref.tail = f" – {basis.note}"

    if rule.examples:
        examples = _hcontainer(article, eid, "examples", "Beispiele")
        items = _items(_sub(examples, "content"), f"{eid}__examples", len(rule.examples))
        for item, example in zip(items, rule.examples, strict=True):
            _example(item, example)

    if rule.see_also:
        see_also = _hcontainer(article, eid, "seeAlso", "Siehe auch")
        paragraph = _sub(_sub(see_also, "content"), "p")
        for index, target in enumerate(rule.see_also):
            local = target in present
            href = f"#{article_eid(target)}" if local else publication.rule_uri(target)
            ref = _sub(paragraph, "ref", target, href=href)
            if index < len(rule.see_also) - 1:
                ref.tail = ", "


def _hcontainer(
    article: etree._Element, eid: str, name: str, heading: str | None = None
) -> etree._Element:
    container = _sub(article, "hcontainer", eId=f"{eid}__{name}", name=name)
    if heading:
        _sub(container, "heading", heading)
    return container


def _items(content: etree._Element, prefix: str, count: int) -> list[etree._Element]:
    block_list = _sub(content, "blockList", eId=f"{prefix}__list_1")
    return [
        _sub(block_list, "item", eId=f"{prefix}__list_1__item_{number}")
        for number in range(1, count + 1)
    ]


def _example(item: etree._Element, example: PublishedExample) -> None:
    paragraph = _sub(item, "p")
    label = _sub(paragraph, "b", _EXAMPLE_LABEL.get(example.kind, example.kind) + ":")
    label.tail = " " + _flat(example.text)
    if example.note:
        _sub(item, "p", _flat(example.note))


# --- the HTML of Markdown texts as Akoma Ntoso blocks ------------------------------------------


class _ListCounter:
    """Counts the block lists below one eId prefix, so they become list_1, list_2, …"""

    def __init__(self) -> None:
        self.count = 0

    def next_eid(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}__list_{self.count}"


def _html_blocks(content: etree._Element, html: str, prefix: str) -> None:
    """Append the blocks of an HTML fragment, the rendered Markdown, to `content`."""
    wrapper = lxml_html.fragment_fromstring(html, create_parent="div") if html.strip() else None
    if wrapper is not None:
        _blocks(content, wrapper, prefix, _ListCounter())
    if len(content) == 0:
        _sub(content, "p")


def _blocks(parent: etree._Element, node: HtmlElement, prefix: str, lists: _ListCounter) -> None:
    """The children of `node` as blocks of `parent`; loose inline content becomes a `<p>`."""
    loose: etree._Element | None = None
    if node.text and node.text.strip():
        loose = _sub(parent, "p")
        _append_text(loose, node.text)
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _HTML_BLOCKS:
            if loose is not None:
                _trim(loose)
            loose = None
            _block(parent, child, prefix, lists)
            if child.tail and child.tail.strip():
                loose = _sub(parent, "p")
                _append_text(loose, child.tail)
        elif tag:
            if loose is None:
                loose = _sub(parent, "p")
            _inline(loose, child)
    if loose is not None:
        _trim(loose)


def _block(parent: etree._Element, node: HtmlElement, prefix: str, lists: _ListCounter) -> None:
    tag = node.tag
    if tag in ("ul", "ol"):
        list_eid = lists.next_eid(prefix)
        block_list = _sub(parent, "blockList", eId=list_eid)
        start = node.get("start", "1")
        first = int(start) if start.isdigit() else 1
        for number, li in enumerate((child for child in node if child.tag == "li"), start=1):
            item_eid = f"{list_eid}__item_{number}"
            item = _sub(block_list, "item", eId=item_eid)
            if tag == "ol":
                _sub(item, "num", f"{first + number - 1}.")
            _blocks(item, li, item_eid, _ListCounter())
            if len(item) == 0 or item[-1].tag == _tag("num"):
                _sub(item, "p")
        if len(block_list) == 0:
            _sub(_sub(block_list, "item", eId=f"{list_eid}__item_1"), "p")
    elif tag in ("blockquote", "div", "li"):
        _blocks(parent, node, prefix, lists)
    elif tag in _HTML_HEADINGS:
        paragraph = _sub(parent, "p")
        _inline_children(_sub(paragraph, "b"), node)
        _trim(paragraph)
    elif tag == "pre":
        _sub(parent, "p", node.text_content().strip("\n"))
    elif tag != "hr":
        paragraph = _sub(parent, "p")
        _inline_children(paragraph, node)
        _trim(paragraph)


def _inline(target: etree._Element, node: HtmlElement) -> None:
    """Append an inline HTML element and its tail to `target` as Akoma Ntoso inline markup."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _HTML_INLINE:
        _inline_children(_sub(target, _HTML_INLINE[tag]), node)
    elif tag == "a" and node.get("href"):
        _inline_children(_sub(target, "a", href=node.get("href", "")), node)
    elif tag == "code":
        _sub(target, "inline", node.text_content(), name="code")
    elif tag == "br":
        _sub(target, "eol")
    elif tag == "img":
        _append_text(target, node.get("alt", ""))
    elif tag:
        _append_text(target, node.text_content())
    if node.tail:
        _append_text(target, node.tail)


def _inline_children(target: etree._Element, node: HtmlElement) -> None:
    if node.text:
        _append_text(target, node.text)
    for child in node:
        _inline(target, child)


def _append_text(element: etree._Element, text: str) -> None:
    """Append text after the last child, with soft line breaks of the source as spaces."""
    text = _WHITESPACE.sub(" ", text)
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _trim(paragraph: etree._Element) -> None:
    """Strip the white space at both ends of a paragraph."""
    if paragraph.text:
        paragraph.text = paragraph.text.lstrip() or None
    if len(paragraph) == 0:
        if paragraph.text:
            paragraph.text = paragraph.text.rstrip()
        return
    last = paragraph[-1]
    if last.tail:
        last.tail = last.tail.rstrip() or None


def _flat(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


# --- serialisation -----------------------------------------------------------------------------


def _tag(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, _tag(tag), attributes)
    if text is not None:
        element.text = text
    return element


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the element structure, leaving the white space inside mixed content alone."""
    if element.tag in _MIXED or len(element) == 0:
        return
    inner = "\n" + _INDENT * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + _INDENT * level
