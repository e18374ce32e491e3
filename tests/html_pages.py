"""The checks every published HTML page must pass: HTML5, German, landmarks, one h1, labels."""

from urllib.parse import urljoin, urlsplit

import html5rdf
import lxml.html

STRICT_HTML5 = html5rdf.HTMLParser(strict=True, namespaceHTMLElements=False)
LABELLED_CONTROLS = ("input", "select", "textarea")
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def page_problems(html: str) -> list[str]:
    """What is wrong with a page, as readable sentences; empty when nothing is."""
    problems = []
    if not html.startswith("<!DOCTYPE html>"):
        problems.append("does not start with <!DOCTYPE html>")
    try:
        STRICT_HTML5.parse(html)
    except html5rdf.html5parser.ParseError as error:
        problems.append(f"is not well-formed HTML5: {error}")
    tree = lxml.html.document_fromstring(html)
    if tree.get("lang") != "de":
        problems.append(f"has lang={tree.get('lang')!r}, not 'de'")
    for tag, wanted in (("h1", 1), ("main", 1), ("header", 1), ("footer", 1), ("title", 1)):
        found = len(tree.findall(f".//{tag}"))
        if found != wanted:
            problems.append(f"has {found} <{tag}> elements, not {wanted}")
    skip = tree.xpath("//body//a")[:1]
    if not skip or skip[0].get("href") != "#inhalt" or not tree.xpath("//main[@id='inhalt']"):
        problems.append("does not start with a skip link to <main id='inhalt'>")
    ids = tree.xpath("//@id")
    if len(ids) != len(set(ids)):
        problems.append(f"repeats ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    for nav in tree.iter("nav"):
        if not nav.get("aria-label") and not nav.get("aria-labelledby"):
            problems.append("has a <nav> without a name")
    problems += [f"has an unlabelled <{c.tag} name={c.get('name')!r}>" for c in unlabelled(tree)]
    if tree.xpath("//script[not(@src)]") or tree.xpath("//style") or tree.xpath("//@style"):
        problems.append("has inline script or style")
    return problems


def unlabelled(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Form controls without a label, aria-label or aria-labelledby."""
    label_targets = set(tree.xpath("//label/@for"))
    return [
        control
        for control in tree.iter(*LABELLED_CONTROLS)
        if control.get("type", "text") not in UNLABELLED_INPUT_TYPES
        and control.get("id") not in label_targets
        and not control.get("aria-label")
        and not control.get("aria-labelledby")
        and not any(parent.tag == "label" for parent in control.iterancestors())
    ]


def links(html: str) -> list[str]:
    """Every href, src and action of a page."""
    tree = lxml.html.document_fromstring(html)
    return [str(value) for value in tree.xpath("//@href | //@src | //@action")]


def element_ids(html: str) -> set[str]:
    """The ids of a page's elements (targets of fragment links)."""
    return {str(value) for value in lxml.html.document_fromstring(html).xpath("//@id")}


def resolve(page_url: str, link: str) -> str:
    """A link made absolute against the URL of the page it is on."""
    return urljoin(page_url, link)


def is_relative(link: str) -> bool:
    """Whether a link stays within the site it is on (no scheme, no host)."""
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc
