"""The OpenAPI description lists the API and the negotiated URIs with their response models."""


def test_openapi_lists_the_routes_with_their_response_models(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) == {
        "/api/v1/rulebook",
        "/api/v1/rules",
        "/api/v1/rules/{rule_id}",
        "/api/v1/versions",
        "/api/v1/versions/{version}",
        "/api/v1/versions/{old}/diff/{new}",
        "/api/v1/check",
        "/api/v1/check/batch",
        "/rulebook",
        "/rules/{rule_id}",
        "/versions/{version}",
        "/versions/{version}/rules/{rule_id}",
        "/dcat",
        "/plattformen",
        "/plattformen/{platform_id}",
        "/praesenzen",
        "/praesenzen.json",
        "/praesenzen.csv",
        "/praesenzen.jsonld",
        "/praesenzen/{presence_id}",
        "/api/v1/presences",
        "/api/v1/presences/{presence_id}",
        "/api/v1/presences/{presence_id}/internal",
        "/api/v1/presences/{presence_id}/status",
        "/api/v1/presences/{presence_id}/team",
        "/api/v1/presences/{presence_id}/history",
        "/api/v1/authorities",
        "/api/v1/units",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/contact-points",
        "/api/v1/contact-points/{contact_point_id}",
        "/api/v1/scans",
        "/api/v1/scans/{scan_id}",
        "/api/v1/scans/{scan_id}/report",
        "/api/v1/scans/{scan_id}/cancel",
    }

    def schema_of(path: str) -> dict:
        return paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]

    assert schema_of("/api/v1/rulebook") == {"$ref": "#/components/schemas/PublishedRulebook"}
    assert schema_of("/api/v1/rules")["items"] == {"$ref": "#/components/schemas/PublishedRule"}
    assert schema_of("/api/v1/versions/{old}/diff/{new}") == {
        "$ref": "#/components/schemas/RulebookDiff"
    }


def test_openapi_names_the_filters_and_the_alternative_formats(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/rules"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert parameters == {"audience", "aspect", "level", "status", "format"}
    assert {"application/json", "text/csv", "text/turtle", "application/ld+json"} <= set(
        operation["responses"]["200"]["content"]
    )


def test_every_operation_has_a_german_summary(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["summary"], (method, path)
