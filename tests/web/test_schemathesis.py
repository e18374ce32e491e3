"""Every operation of the OpenAPI schema, fuzzed by schemathesis: no server error, and every
answer is one the schema documents (status code, content type, headers, body).

Operations are read from the app's `/openapi.json`, so new routes are fuzzed as they come; each
status code a route can answer (404, 401, …) must be in its `responses`.
"""

import atexit
import tempfile

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from leitplanke.settings import Settings
from leitplanke.web import create_app
from tests.web.conftest import BASE_URL, MINI, sign_in
from tests.web.registry_setup import fill

pytestmark = pytest.mark.slow

# Loaded at import: schemathesis needs the schema to collect one test per operation (its
# `pytest.from_fixture` would take a fixture, but fails under pytest 9). The app serves the mini
# rulebook (two rules, two versions), is called in process and keeps its data in a temporary
# folder, removed at exit.
DATA = tempfile.TemporaryDirectory(prefix="leitplanke-schemathesis-")
atexit.register(DATA.cleanup)
APP = create_app(MINI, BASE_URL, Settings(data_dir=DATA.name))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_operation_answers_as_its_schema_says(case):
    case.call_and_validate(checks=CHECKS)


# The registry's API once more, as a signed-in administrator sending the session's CSRF token,
# on a filled registry: every write is tried for real, and every refusal is a documented 4xx.
SIGNED_IN_DATA = tempfile.TemporaryDirectory(prefix="leitplanke-schemathesis-")
atexit.register(SIGNED_IN_DATA.cleanup)
SIGNED_IN_APP = create_app(MINI, BASE_URL, Settings(data_dir=SIGNED_IN_DATA.name))
fill(SIGNED_IN_APP)
SIGNED_IN = TestClient(SIGNED_IN_APP)
CSRF_TOKEN = sign_in(SIGNED_IN, "admin")
SESSION_COOKIES = dict(SIGNED_IN.cookies)
registry_schema = schemathesis.openapi.from_asgi("/openapi.json", SIGNED_IN_APP).include(
    path_regex=r"^/api/v1/(presences|authorities|units|people|contact-points)"
)


@registry_schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_registry_answers_a_signed_in_administrator_as_its_schema_says(case):
    case.call_and_validate(
        headers={"X-CSRF-Token": CSRF_TOKEN}, cookies=SESSION_COOKIES, checks=CHECKS
    )
