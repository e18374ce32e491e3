"""The documentation keeps up with the code: every format, renderer, route and check type."""

import re
from pathlib import Path

from leitplanke.accounts.roles import Permission, Role
from leitplanke.checks.types import CHECK_TYPES
from leitplanke.publish.formats import FORMATS
from leitplanke.publish.renderers import BUILT_IN
from leitplanke.settings import Settings
from leitplanke.web.app import create_app

DOCS = Path(__file__).parents[1] / "docs"
PUBLICATION = (DOCS / "publication.md").read_text(encoding="utf-8")


def test_every_published_format_and_renderer_is_documented():
    for info in FORMATS:
        assert f"`{info.file}`" in PUBLICATION, info.file
    for name, _ in BUILT_IN:
        assert f"`{name}`" in PUBLICATION, name


def test_every_api_route_is_documented():
    app = create_app()
    docs = "".join(path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md")))
    documented = set(re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^` ?]*)", docs))
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(("/api/", "/dcat"))
        for method in operations
    }
    assert routes, "no API routes found"
    missing = routes - documented
    assert not missing


def test_every_check_type_and_parameter_is_documented():
    checks = (DOCS / "checks.md").read_text(encoding="utf-8")
    for name, model in CHECK_TYPES.items():
        assert f"## `{name}`" in checks, name
        section = checks.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for field in set(model.model_fields) - {"type", "message", "fix", "drafts"}:
            assert f"`{field}`" in section, f"{name}.{field}"


def test_every_setting_role_and_permission_is_documented():
    web_application = (DOCS / "web-application.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"| `{name}` |" in web_application, name
    for item in (*Role, *Permission):
        assert f"| `{item.value}` |" in web_application, item
