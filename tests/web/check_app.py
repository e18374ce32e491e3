"""The web app serving the rulebook with checks, built once for the API and page tests."""

from functools import cache

from fastapi import FastAPI
from fastapi.testclient import TestClient

from leitplanke.web import create_app
from tests.checks.check_rulebook import CHECKS
from tests.web.conftest import BASE_URL


@cache
def check_app() -> FastAPI:
    """The app of the checks rulebook (three rules, each with a pattern check)."""
    return create_app(CHECKS, BASE_URL)


@cache
def check_client() -> TestClient:
    """A test client of that app."""
    return TestClient(check_app())
