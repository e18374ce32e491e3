"""The decision record as PDF: everything the decision rests on, and the data to verify it."""

import io
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader

from leitplanke.assessments.record_pdf import render_record_pdf, signed_at_label
from leitplanke.assessments.signing import SigningKey
from tests.assessments.sample_record import signed_record


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


@pytest.fixture(scope="module")
def rejected(bundled_rulebook, key):
    """A record of a refusal: individual casework as a purpose, and Facebook with conditions."""
    changes = {"zweck-art": ["information", "einzelfall"], "plattform-wahl": "facebook"}
    changes |= {"plattform-alternative": "ja"}
    return signed_record(bundled_rulebook, key, changes)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_names_presence_outcome_reasons_answers_version_signer_and_proof(rejected):
    pdf = render_record_pdf(rejected)
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    flat = re.sub(r"\s+", "", text)
    content = rejected.content
    for expected in (
        "Entscheidung im Klärungsprozess",
        "Bürgerämter Berlin",
        "@buergeraemter@berlin.social",
        "Senatsverwaltung für Inneres",
        "Der Auftritt kann so nicht eingerichtet werden.",
        "Ausschlussgrund",
        "Auflage",
        "Rita Review",
        signed_at_label(content["signed_at"]),
    ):
        assert expected in text, expected
    version = content["rulebook"]["version"]
    assert f"Version{version}" in flat
    assert f"https://www.berlin.de/leitplanke/versions/{version}" in flat
    for reason in content["reasons"]:
        assert ", ".join(reason["rules"]).replace(" ", "") in flat
    for step in content["steps"]:
        assert re.sub(r"\s+", "", step["title"]) in flat
        for answer in step["answers"]:
            assert re.sub(r"\s+", "", answer["question"]) in flat, answer["question_id"]
    for proof in (rejected.content_hash, rejected.signature, rejected.key_id):
        assert proof in flat


def test_the_same_record_gives_the_same_bytes(rejected):
    assert render_record_pdf(rejected) == render_record_pdf(rejected)


def test_a_record_without_reasons_says_so(bundled_rulebook, key):
    text = text_of(render_record_pdf(signed_record(bundled_rulebook, key)))
    assert "Der Auftritt kann eingerichtet werden." in text
    assert "Keine Gründe" in text
