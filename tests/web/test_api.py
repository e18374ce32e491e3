"""The JSON API: the rulebook, filtered rules, single rules, versions and diffs."""

import csv
import io

import pytest

from leitplanke.publish.document import PublishedRule, PublishedRulebook
from leitplanke.rulebook.diff import RulebookDiff
from tests.web.conftest import BROWSER


def rule_ids(response) -> list[str]:
    return [rule["id"] for rule in response.json()]


def test_rulebook_is_the_published_document(client):
    response = client.get("/api/v1/rulebook")
    document = PublishedRulebook.model_validate(response.json())
    assert document.version == "1.0.0"
    assert response.content == client.get("/rulebook.json").content


def test_rules_without_filter_are_all_rules_in_rulebook_order(client):
    response = client.get("/api/v1/rules")
    assert rule_ids(response) == ["INST-SP-01", "MA-DS-01"]
    for rule in response.json():
        PublishedRule.model_validate(rule)


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("audience=employee", ["MA-DS-01"]),
        ("audience=institution", ["INST-SP-01"]),
        ("aspect=social_plugins", ["INST-SP-01"]),
        ("level=soll", ["MA-DS-01"]),
        ("level=kann", []),
        ("status=in_force", ["INST-SP-01", "MA-DS-01"]),
        ("status=repealed", []),
        ("audience=employee&aspect=data_protection&level=soll", ["MA-DS-01"]),
        ("audience=employee&level=muss", []),
        ("audience=&aspect=", ["INST-SP-01", "MA-DS-01"]),
    ],
)
def test_rules_are_filtered_by_audience_aspect_level_and_status(client, query, want):
    assert rule_ids(client.get(f"/api/v1/rules?{query}")) == want


@pytest.mark.parametrize("parameter", ["audience", "aspect", "level", "status"])
def test_unknown_filter_value_is_422_naming_the_parameter(client, parameter):
    response = client.get(f"/api/v1/rules?{parameter}=quatsch")
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", parameter]
    assert f"„{parameter}“" in error["msg"]
    assert "'quatsch'" in error["msg"]


def test_filtered_rules_as_csv_hold_only_the_chosen_rows(client):
    response = client.get("/api/v1/rules?audience=employee", headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["id"] for row in rows] == ["MA-DS-01"]


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_filtered_rules_as_linked_data_describe_only_the_chosen_rules(client, accept):
    response = client.get("/api/v1/rules?audience=institution", headers={"Accept": accept})
    assert response.status_code == 200
    assert "http://testserver/rules/INST-SP-01" in response.text
    assert "http://testserver/rules/MA-DS-01" not in response.text


def test_rule_by_id(client):
    response = client.get("/api/v1/rules/INST-SP-01")
    rule = PublishedRule.model_validate(response.json())
    assert (rule.id, rule.level, rule.level_keyword) == ("INST-SP-01", "muss", "MUST")


def test_unknown_rule_is_404_with_a_german_message(client):
    response = client.get("/api/v1/rules/XX-YY-99")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Eine Regel mit der ID XX-YY-99 gibt es in diesem Regelwerk nicht."
    }


def test_rule_as_html_links_back_to_the_site(client):
    response = client.get("/api/v1/rules/INST-SP-01", headers=BROWSER)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert 'href="../../../assets/leitplanke.css"' in response.text


def test_versions_are_listed_oldest_first(client):
    versions = client.get("/api/v1/versions").json()
    assert [(v["version"], v["rule_count"]) for v in versions] == [("0.9.0", 1), ("1.0.0", 2)]


def test_diff_lists_added_and_changed_rules(client):
    diff = RulebookDiff.model_validate(client.get("/api/v1/versions/0.9.0/diff/1.0.0").json())
    assert [rule.id for rule in diff.added] == ["MA-DS-01"]
    assert diff.removed == []
    (changed,) = diff.changed
    assert changed.id == "INST-SP-01"
    assert [change.field for change in changed.changes] == ["level", "text", "legal_bases"]


def test_diff_backwards_lists_removed_rules(client):
    diff = RulebookDiff.model_validate(client.get("/api/v1/versions/1.0.0/diff/0.9.0").json())
    assert [rule.id for rule in diff.removed] == ["MA-DS-01"]
    assert diff.added == []
    assert [rule.id for rule in diff.changed] == ["INST-SP-01"]


def test_diff_as_html_has_the_redline(client):
    response = client.get("/api/v1/versions/0.9.0/diff/1.0.0", headers={"Accept": "text/html"})
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<del><span class="visually-hidden">gelöscht: </span>' in response.text
    assert 'href="../../../../../rules/MA-DS-01.html"' in response.text


@pytest.mark.parametrize(
    "url", ["/api/v1/versions/0.1.0/diff/1.0.0", "/api/v1/versions/1.0.0/diff/9.9.9"]
)
def test_diff_with_an_unknown_version_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Veröffentlicht: 0.9.0, 1.0.0" in response.json()["detail"]


def test_rulebook_of_an_unknown_version_is_404(client):
    assert client.get("/api/v1/versions/2.0.0").status_code == 404
    assert client.get("/versions/2.0.0").status_code == 404
    assert client.get("/versions/0.9.0/rules/MA-DS-01").status_code == 404
