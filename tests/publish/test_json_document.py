"""The JSON publication: rulebook.json and the source files validate against their schemas."""

import json

import jsonschema
from ruamel.yaml import YAML

from leitplanke.publish.json_document import render_json
from leitplanke.rulebook.loader import BUNDLED


def by_path(publication):
    return {artifact.path: json.loads(artifact.content) for artifact in render_json(publication)}


def test_rulebook_json_validates_against_its_published_schema(publication):
    files = by_path(publication)
    jsonschema.Draft202012Validator.check_schema(files["rulebook.schema.json"])
    jsonschema.validate(files["rulebook.json"], files["rulebook.schema.json"])


def test_schema_rejects_a_document_without_rules(publication):
    files = by_path(publication)
    broken = {key: value for key, value in files["rulebook.json"].items() if key != "rules"}
    errors = list(
        jsonschema.Draft202012Validator(files["rulebook.schema.json"]).iter_errors(broken)
    )
    assert any("rules" in error.message for error in errors)


def test_rulebook_json_holds_every_rule_with_its_uri(publication):
    document = by_path(publication)["rulebook.json"]
    assert [rule["id"] for rule in document["rules"]] == [r.id for r in publication.rulebook.rules]
    for rule in document["rules"]:
        assert rule["uri"] == f"{publication.base_url}rules/{rule['id']}"
        assert rule["level_keyword"] in {"MUST", "SHOULD", "MAY"}


def test_source_schemas_accept_the_bundled_source_files(publication):
    files = by_path(publication)
    yaml = YAML(typ="safe")
    rule_schema = files["schema/rules-source.schema.json"]
    for path in sorted((BUNDLED / "rules").glob("*.yaml")):
        source = json.loads(json.dumps(yaml.load(path), default=str))
        jsonschema.validate(source, rule_schema)
    meta = json.loads(json.dumps(yaml.load(BUNDLED / "rulebook.yaml"), default=str))
    jsonschema.validate(meta, files["schema/rulebook-source.schema.json"])


def test_questionnaire_and_catalogue_are_published_and_fit_their_source_schemas(publication):
    files = by_path(publication)
    yaml = YAML(typ="safe")
    for name, schema in (
        ("questionnaire", "schema/questionnaire-source.schema.json"),
        ("platforms", "schema/platforms-source.schema.json"),
    ):
        jsonschema.Draft202012Validator.check_schema(files[schema])
        source = json.loads(json.dumps(yaml.load(BUNDLED / f"{name}.yaml"), default=str))
        jsonschema.validate(source, files[schema])
        jsonschema.validate(files[f"{name}.json"], files[schema])
