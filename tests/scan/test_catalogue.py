"""The signature catalogue: the bundled one is valid; errors name file, line and field."""

from pathlib import Path

import pytest

from leitplanke.scan.catalogue import CATALOGUE_FILE, CatalogueError, load_catalogue

RULES = {"INST-SP-01", "INST-SP-02", "INST-SP-03"}


def test_the_bundled_catalogue_is_valid_and_cites_rules_of_the_rulebook(bundled_rulebook):
    catalogue = load_catalogue(rule_ids={rule.id for rule in bundled_rulebook.rules})
    assert {c.rule for c in catalogue.categories if c.rule} == RULES


def test_every_signature_of_the_issue_is_in_the_catalogue():
    ids = {signature.id for signature in load_catalogue().signatures}
    assert ids >= {
        "facebook-plugins",
        "meta-pixel",
        "instagram-embed",
        "threads-embed",
        "x-widgets",
        "youtube",
        "youtube-nocookie",
        "tiktok-embed",
        "tiktok-pixel",
        "linkedin-plugins",
        "linkedin-insight",
        "pinterest-widgets",
        "mastodon-embed",
        "google-maps",
        "google-analytics",
        "google-sign-in",
    }


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "signatures.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = """version: 1.0.0
updated: 2026-11-25
categories:
  - id: social-plugin
    label: Social Plugin
    rule: INST-SP-01
signatures:
"""


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            "  - id: x\n    vendor: X Corp.\n    name: X-Plugin\n    category: social-plugin\n"
            "    urls: ['([unclosed']\n",
            "signatures.yaml:12:12: signatures[0] (x).urls[0]: ungültiger regulärer Ausdruck",
        ),
        (
            "  - id: x\n    vendor: X Corp.\n    name: X-Plugin\n    category: social-plugin\n"
            "    selectors: ['div[']\n",
            "signatures.yaml:12:17: signatures[0] (x).selectors[0]: ungültiger CSS-Selektor",
        ),
        (
            "  - id: x\n    vendor: X Corp.\n    name: X-Plugin\n    category: plugins\n"
            "    hosts: [x.com]\n",
            "signatures.yaml:11:15: signatures[0] (x).category: unbekannte Kategorie plugins",
        ),
        (
            "  - id: x\n    vendor: X Corp.\n    name: X-Plugin\n    category: social-plugin\n"
            "    rule: INST-XX-99\n    hosts: [x.com]\n",
            "signatures.yaml:12:11: signatures[0] (x).rule: "
            "Verweis auf unbekannte Regel INST-XX-99",
        ),
        (
            "  - id: x\n    vendor: X Corp.\n    name: X-Plugin\n    category: social-plugin\n"
            "    hosts: ['not a host']\n",
            "signatures.yaml:12:13: signatures[0] (x).hosts[0]: Format ungültig",
        ),
    ],
    ids=["bad regex", "bad selector", "unknown category", "unknown rule", "bad host"],
)
def test_a_bad_entry_is_reported_with_file_line_and_field(tmp_path, entry, error):
    path = write(tmp_path, HEAD + entry)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path, rule_ids=RULES)
    assert error in str(raised.value)


def test_a_yaml_syntax_error_has_its_position(tmp_path):
    with pytest.raises(CatalogueError, match=r"signatures.yaml:2:\d+: YAML-Fehler"):
        load_catalogue(write(tmp_path, "version: [1\nupdated: x\n"))


def test_the_catalogue_file_lies_beside_the_scanner():
    assert CATALOGUE_FILE.name == "signatures.yaml" and CATALOGUE_FILE.parent.name == "scan"
