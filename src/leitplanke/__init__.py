"""Leitplanke: social-media guidelines and rules for public administrations, as code."""

__version__ = "0.1.0"
