"""The check API: one draft or a batch in, findings with a summary out; 422 names each field."""

import shutil

import pytest

from leitplanke.checks.draft import Draft
from leitplanke.checks.engine import CheckEngine, CheckSpecError
from leitplanke.checks.finding import Finding
from leitplanke.web import create_app
from leitplanke.web.check_schemas import MAX_BATCH, CheckPublic
from tests.checks.check_rulebook import CHECKS, finding
from tests.web.check_app import check_app, check_client
from tests.web.conftest import BASE_URL

POST = {"id": "b-1", "text": "Unser Like-Button\nim Rosenweg 12", "platform": "mastodon"}


@pytest.fixture
def client():
    return check_client()


def test_a_draft_gets_its_findings_and_a_summary(client):
    response = client.post("/api/v1/check", json=POST)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert (body["id"], body["audience"]) == ("b-1", "institution")
    findings = [Finding.model_validate(item) for item in body["findings"]]
    assert [(f.rule_id, f.level, f.line, f.column) for f in findings] == [
        ("INST-CI-01", "info", 1, 7),
        ("INST-SP-01", "error", 1, 7),
    ]
    assert findings[1].rule_url == f"{BASE_URL}rules/INST-SP-01.html"
    assert body["summary"] == {"drafts": 1, "error": 1, "warning": 0, "info": 1, "findings": 2}


# (audience sent, audience answered, rule IDs of the findings)
AUDIENCES = [
    ({}, "institution", ["INST-CI-01", "INST-SP-01"]),
    ({"audience": None}, "institution", ["INST-CI-01", "INST-SP-01"]),
    ({"audience": "institution"}, "institution", ["INST-CI-01", "INST-SP-01"]),
    ({"audience": "employee"}, "employee", ["MA-DS-01"]),
]


@pytest.mark.parametrize(
    ("sent", "answered", "rule_ids"), AUDIENCES, ids=["unset", "null", "institution", "employee"]
)
def test_a_draft_is_checked_by_the_rules_of_the_audience_that_posts_it(
    client, sent, answered, rule_ids
):
    body = client.post("/api/v1/check", json=POST | sent).json()
    assert body["audience"] == answered
    assert [finding["rule_id"] for finding in body["findings"]] == rule_ids


def test_a_clean_draft_has_no_findings(client):
    body = client.post("/api/v1/check", json={"text": "Alles gut."}).json()
    assert body == {
        "id": None,
        "audience": "institution",
        "findings": [],
        "summary": {"drafts": 1, "error": 0, "warning": 0, "info": 0, "findings": 0},
    }


@pytest.mark.parametrize(
    ("body", "field", "error_type"),
    [
        ({}, "text", "missing"),
        ({"text": "a", "platform": "tiktok"}, "platform", "enum"),
        ({"text": "a", "audience": "staff"}, "audience", "enum"),
        ({"text": "a", "farbe": "rot"}, "farbe", "extra_forbidden"),
        ({"text": "a", "media": [{"kind": "gif"}]}, "media[0].kind", "enum"),
        ({"text": "x" * 100_001}, "text", "string_too_long"),
    ],
    ids=[
        "missing text",
        "unknown platform",
        "unknown audience",
        "unknown field",
        "bad media",
        "too long",
    ],
)
def test_a_bad_draft_is_422_naming_the_field(client, body, field, error_type):
    response = client.post("/api/v1/check", json=body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert (str(error["loc"][-1]), error["type"]) == (field.split(".")[-1], error_type)
    assert f"„{field}“" in error["msg"]
    assert "x" * 50 not in error["msg"]  # the input is not echoed


def test_a_batch_gets_the_results_of_each_draft_in_order(client):
    private = POST | {"id": "b-4", "audience": "employee"}
    drafts = [POST, {"text": "Alles gut."}, {"id": "b-3", "text": "#Hashtag"}, private]
    response = client.post("/api/v1/check/batch", json={"drafts": drafts})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert [result["id"] for result in body["results"]] == ["b-1", None, "b-3", "b-4"]
    assert [result["audience"] for result in body["results"]] == [
        "institution",
        "institution",
        "institution",
        "employee",
    ]
    assert [result["summary"]["findings"] for result in body["results"]] == [2, 0, 1, 1]
    assert body["summary"] == {"drafts": 4, "error": 1, "warning": 1, "info": 2, "findings": 4}


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ({"drafts": []}, ["body", "drafts"]),
        ({"drafts": [{"text": "a"}] * (MAX_BATCH + 1)}, ["body", "drafts"]),
        ({"drafts": [{"text": "a"}, {"txt": "b"}]}, ["body", "drafts", 1, "text"]),
        ({"entwuerfe": []}, ["body", "drafts"]),
    ],
    ids=["empty", "too many", "bad draft", "wrong key"],
)
def test_a_bad_batch_is_422_naming_the_field(client, body, location):
    response = client.post("/api/v1/check/batch", json=body)
    assert response.status_code == 422
    assert location in [error["loc"] for error in response.json()["detail"]]


def test_personal_data_in_findings_is_masked():
    class SensitiveEngine:
        def check(self, draft: Draft) -> list[Finding]:
            return [finding(0, 5, sensitive=True, matched="Erika", message="Name Erika")]

    result = CheckPublic.of(SensitiveEngine(), Draft(text="Erika kommt"))
    assert (result.findings[0].matched, result.findings[0].message) == ("E***a", "Name E***a")


def test_the_engine_is_built_once_at_start_up_from_the_sites_publication():
    app = check_app()
    engine = app.state.engine
    assert isinstance(engine, CheckEngine)
    assert engine.publication is app.state.site.publication
    assert {check.rule.id for check in engine.checks} == {"INST-SP-01", "MA-DS-01", "INST-CI-01"}


def test_a_broken_check_stops_the_app_at_start_up(tmp_path):
    rulebook = tmp_path / "checks"
    shutil.copytree(CHECKS, rulebook)
    rules = rulebook / "rules" / "checks.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("words: [Like, Hashtag]", "ignore_case: true")
    )
    with pytest.raises(CheckSpecError, match="INST-CI-01"):
        create_app(rulebook, BASE_URL)


def test_openapi_describes_both_routes_with_their_schemas(client):
    paths = client.get("/openapi.json").json()["paths"]
    single, batch = paths["/api/v1/check"]["post"], paths["/api/v1/check/batch"]["post"]
    assert single["summary"] and batch["summary"]

    def schemas(operation):
        request = operation["requestBody"]["content"]["application/json"]["schema"]
        response = operation["responses"]["200"]["content"]["application/json"]["schema"]
        return request["$ref"].rpartition("/")[2], response["$ref"].rpartition("/")[2]

    assert schemas(single) == ("DraftCreate", "CheckPublic")
    assert schemas(batch) == ("BatchCreate", "BatchPublic")


def test_openapi_documents_the_audience_of_draft_and_answer(client):
    components = client.get("/openapi.json").json()["components"]["schemas"]
    sent = components["DraftCreate"]["properties"]["audience"]
    assert "institution" in sent["description"] and "employee" in sent["description"]
    assert "audience" not in components["DraftCreate"].get("required", [])
    assert "audience" in components["CheckPublic"]["required"]
    assert components["Audience"]["enum"] == ["institution", "employee"]


def test_a_body_that_is_not_json_gets_a_german_422(client):
    response = client.post(
        "/api/v1/check", content=b"\xff\xfe kein JSON", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Feld „[0]“: kein gültiges JSON"
