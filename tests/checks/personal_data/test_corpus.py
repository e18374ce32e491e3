"""The labelled post corpus is well-formed, consistent with its guidelines and up to date."""

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from leitplanke.checks.personal_data.entity import KINDS

POSTS = Path(__file__).resolve().parents[2] / "data" / "posts"
CORPUS = POSTS / "corpus.jsonl"
SOURCE = POSTS / "corpus.md"

ROLES = {"office", "organisation"}
PLATFORMS = {"mastodon", "bluesky", "x", "instagram", "facebook", "linkedin", "threads", "youtube"}
LENGTH_LIMITS = {"x": 280, "bluesky": 300, "mastodon": 500, "threads": 500}


def load_compiler() -> ModuleType:
    """`tests/data/posts/compile_corpus.py`, which is a script, not a package module."""
    spec = importlib.util.spec_from_file_location("compile_corpus", POSTS / "compile_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def posts() -> list[dict[str, Any]]:
    """Every post of the compiled corpus."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def spans(posts: list[dict[str, Any]], kind: str) -> list[str]:
    """Surface texts of all entities of one kind."""
    return [
        post["text"][entity["start"] : entity["end"]]
        for post in posts
        for entity in post["entities"]
        if entity["kind"] == kind
    ]


def is_personal(entity: dict[str, Any]) -> bool:
    """An entity without a role (office holder, organisation) is personal data."""
    return "role" not in entity


# Checksums, written out here so the test needs nothing beyond the standard library.


def iban_is_valid(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def iso7064_mod_11_10_is_valid(digits: str) -> bool:
    product = 10
    for digit in digits[:-1]:
        total = (int(digit) + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10 == int(digits[-1])


def tax_id_is_valid(value: str) -> bool:
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"[1-9]\d{10}", digits):
        return False
    return max(Counter(digits[:10]).values()) <= 3 and iso7064_mod_11_10_is_valid(digits)


def vat_id_is_valid(value: str) -> bool:
    return bool(re.fullmatch(r"DE[1-9]\d{8}", value)) and iso7064_mod_11_10_is_valid(value[2:])


def icao_check_digit(value: str) -> str:
    weights = (7, 3, 1)
    return str(sum(int(char, 36) * weights[i % 3] for i, char in enumerate(value)) % 10)


# Structure


def test_compiled_corpus_is_up_to_date_with_its_source() -> None:
    compiler = load_compiler()
    compiled = compiler.render_jsonl(compiler.compile_source(SOURCE.read_text(encoding="utf-8")))
    assert CORPUS.read_text(encoding="utf-8") == compiled, (
        "run: python tests/data/posts/compile_corpus.py"
    )


def test_every_line_has_exactly_the_documented_fields(posts: list[dict[str, Any]]) -> None:
    for post in posts:
        assert set(post) == {"id", "platform", "text", "entities"}, post["id"]
        assert isinstance(post["text"], str) and post["text"].strip(), post["id"]
        for entity in post["entities"]:
            assert set(entity) <= {"kind", "start", "end", "role"}, post["id"]


def test_ids_are_unique(posts: list[dict[str, Any]]) -> None:
    ids = Counter(post["id"] for post in posts)
    assert [post_id for post_id, count in ids.items() if count > 1] == []


def test_platforms_kinds_and_roles_are_known(posts: list[dict[str, Any]]) -> None:
    for post in posts:
        assert post["platform"] in PLATFORMS, post["id"]
        for entity in post["entities"]:
            assert entity["kind"] in KINDS, post["id"]
            assert entity.get("role", "office") in ROLES, post["id"]
            if entity.get("role") == "office":
                assert entity["kind"] == "PERSON", post["id"]


def test_offsets_lie_inside_the_text_and_cover_no_outer_white_space(
    posts: list[dict[str, Any]],
) -> None:
    for post in posts:
        for entity in post["entities"]:
            start, end = entity["start"], entity["end"]
            assert 0 <= start < end <= len(post["text"]), post["id"]
            surface = post["text"][start:end]
            assert surface == surface.strip(), (post["id"], surface)


def test_spans_are_sorted_and_do_not_overlap(posts: list[dict[str, Any]]) -> None:
    for post in posts:
        entities = post["entities"]
        for before, after in pairwise(entities):
            assert before["end"] <= after["start"], post["id"]


def test_posts_fit_the_length_limits_of_their_platform(posts: list[dict[str, Any]]) -> None:
    too_long = [
        (post["id"], len(post["text"]))
        for post in posts
        if len(post["text"]) > LENGTH_LIMITS.get(post["platform"], 5000)
    ]
    assert too_long == []


# Composition


def test_corpus_has_at_least_300_posts(posts: list[dict[str, Any]]) -> None:
    assert len(posts) >= 300


def test_at_least_40_percent_of_posts_carry_no_personal_data(
    posts: list[dict[str, Any]],
) -> None:
    """Posts whose only entities are office holders or organisations' contact data count too."""
    without = [post for post in posts if not any(map(is_personal, post["entities"]))]
    assert len(without) >= 0.4 * len(posts)


def test_at_least_40_percent_of_posts_carry_personal_data(posts: list[dict[str, Any]]) -> None:
    with_personal = [post for post in posts if any(map(is_personal, post["entities"]))]
    assert len(with_personal) >= 0.4 * len(posts)


def test_every_kind_has_at_least_eight_personal_examples(posts: list[dict[str, Any]]) -> None:
    counts = Counter(
        entity["kind"] for post in posts for entity in post["entities"] if is_personal(entity)
    )
    assert {kind: counts[kind] for kind in KINDS if counts[kind] < 8} == {}


def test_every_platform_occurs(posts: list[dict[str, Any]]) -> None:
    assert {post["platform"] for post in posts} == PLATFORMS


# Consistency with the annotation guidelines in corpus.md


def test_person_spans_leave_salutations_and_titles_outside(posts: list[dict[str, Any]]) -> None:
    outside = re.compile(r"(Frau|Herr|Herrn|Dr\.|Prof\.)\s")
    assert [name for name in spans(posts, "PERSON") if outside.match(name)] == []


def test_value_spans_leave_their_labels_outside(posts: list[dict[str, Any]]) -> None:
    label = re.compile(r"(geb\.|geboren|Az\.|GZ|Tel\.|IBAN|Steuer|USt)", re.IGNORECASE)
    kinds = ("DATE_OF_BIRTH", "FILE_REFERENCE", "PHONE", "IBAN", "TAX_ID", "VAT_ID")
    assert [value for kind in kinds for value in spans(posts, kind) if label.match(value)] == []


def test_marked_ibans_have_valid_checksums(posts: list[dict[str, Any]]) -> None:
    assert [value for value in spans(posts, "IBAN") if not iban_is_valid(value)] == []


def test_marked_tax_ids_have_valid_check_digits(posts: list[dict[str, Any]]) -> None:
    assert [value for value in spans(posts, "TAX_ID") if not tax_id_is_valid(value)] == []


def test_marked_vat_ids_have_valid_check_digits(posts: list[dict[str, Any]]) -> None:
    assert [value for value in spans(posts, "VAT_ID") if not vat_id_is_valid(value)] == []


def test_german_id_card_numbers_use_the_document_alphabet_and_a_right_check_digit(
    posts: list[dict[str, Any]],
) -> None:
    wrong = []
    for value in spans(posts, "ID_CARD"):
        if re.fullmatch(r"T\d{8}", value):
            continue  # the older format
        assert re.fullmatch(r"[LMNPRTVWXY][CFGHJKLMNPRTVWXYZ0-9]{8}\d?", value), value
        if len(value) == 10 and icao_check_digit(value[:9]) != value[9]:
            wrong.append(value)
    assert wrong == []


def test_no_valid_iban_tax_id_or_e_mail_address_is_left_unmarked(
    posts: list[dict[str, Any]],
) -> None:
    """Look-alikes in the corpus are invalid on purpose; a valid one must carry markup."""
    finders: dict[str, tuple[re.Pattern[str], Callable[[str], bool]]] = {
        "IBAN": (
            re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"),
            iban_is_valid,
        ),
        "TAX_ID": (re.compile(r"(?<![\d.])[1-9]\d{10}(?![\d.])"), tax_id_is_valid),
        "EMAIL": (re.compile(r"(?<![@\w.])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}"), bool),
    }
    unmarked = []
    for post in posts:
        covered = {
            offset
            for entity in post["entities"]
            for offset in range(entity["start"], entity["end"])
        }
        for kind, (pattern, is_valid) in finders.items():
            for match in pattern.finditer(post["text"]):
                if is_valid(match.group()) and match.start() not in covered:
                    unmarked.append((post["id"], kind, match.group()))
    assert unmarked == []
