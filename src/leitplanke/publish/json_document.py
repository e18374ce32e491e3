"""JSON renderer: `rulebook.json`, its JSON Schema, and the JSON Schemas of the YAML source.

The questionnaire and the platform catalogue, where the rulebook has them, are published as
they are in the source, as `questionnaire.json` and `platforms.json`.
"""

import json
from typing import Any

from pydantic import BaseModel

from leitplanke.publish.document import PublishedRulebook
from leitplanke.publish.publication import Artifact, Publication
from leitplanke.rulebook.catalogue import PlatformCatalogue
from leitplanke.rulebook.model import LawsFile, RulebookMeta, RulesFile
from leitplanke.rulebook.questionnaire import Questionnaire

SOURCE_SCHEMAS: dict[str, type[BaseModel]] = {
    "schema/rulebook-source.schema.json": RulebookMeta,
    "schema/laws-source.schema.json": LawsFile,
    "schema/rules-source.schema.json": RulesFile,
    "schema/questionnaire-source.schema.json": Questionnaire,
    "schema/platforms-source.schema.json": PlatformCatalogue,
}


def json_bytes(data: Any) -> bytes:
    """Stable, readable JSON encoding used for every published JSON file."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def json_schema(model: type[BaseModel], schema_id: str) -> dict[str, Any]:
    """A model's JSON Schema (draft 2020-12) with its `$id`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **model.model_json_schema(),
    }


def render_json(publication: Publication) -> list[Artifact]:
    """`rulebook.json`, `rulebook.schema.json` and the source schemas."""
    document = publication.document.model_dump(mode="json")
    artifacts = [
        Artifact("rulebook.json", "application/json", json_bytes(document)),
        Artifact(
            "rulebook.schema.json",
            "application/schema+json",
            json_bytes(
                json_schema(PublishedRulebook, publication.file_url("rulebook.schema.json"))
            ),
        ),
    ]
    artifacts += [
        Artifact(
            path,
            "application/schema+json",
            json_bytes(json_schema(model, publication.file_url(path))),
        )
        for path, model in SOURCE_SCHEMAS.items()
    ]
    rulebook = publication.rulebook
    artifacts += [
        Artifact(path, "application/json", json_bytes(supplement.model_dump(mode="json")))
        for path, supplement in (
            ("questionnaire.json", rulebook.questionnaire),
            ("platforms.json", rulebook.platforms),
        )
        if supplement is not None
    ]
    return artifacts
