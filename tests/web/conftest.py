"""Fixtures of the web app: the mini rulebook (two versions) served under http://testserver/."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from leitplanke.web import create_app

MINI = Path(__file__).parents[1] / "data" / "rulebooks" / "mini"
BASE_URL = "http://testserver/"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="session")
def app():
    """The app serving the mini rulebook, its URIs minted under the test client's address."""
    return create_app(MINI, BASE_URL)


@pytest.fixture(scope="session")
def client(app):
    """A test client of the app."""
    return TestClient(app)
