"""The read web app: serves the published rulebook, its JSON API and negotiated Linked Data URIs."""

from leitplanke.web.app import create_app

__all__ = ["create_app"]
