"""The documentation keeps up with the code: every format, renderer and API route is described."""

import re
from pathlib import Path

from leitplanke.publish.formats import FORMATS
from leitplanke.publish.renderers import BUILT_IN
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
    documented = set(re.findall(r"`GET (/[^` ?]*)", PUBLICATION))
    routes = {path for path in app.openapi()["paths"] if path.startswith(("/api/", "/dcat"))}
    assert routes, "no API routes found"
    missing = {path for path in routes if path not in documented}
    assert not missing
