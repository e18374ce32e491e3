"""The word lists the detectors look names, places and plate codes up in, loaded once."""

from functools import cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML

DATA = files("leitplanke.checks.personal_data") / "data"


def read_list(name: str) -> frozenset[str]:
    """The entries of `data/<name>`: one a line, `#` starts a comment line."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def word_names() -> frozenset[str]:
    """Names that are also everyday words, months or places ("Wolf", "Mai", "Berlin")."""
    return read_list("word_names.txt")


@cache
def places() -> frozenset[str]:
    """Town, district, state and country names."""
    return read_list("faker_places.txt") | read_list("places.txt")


@cache
def first_names() -> frozenset[str]:
    """First names (Faker's lists of the locales frequent in Berlin, plus curated additions)."""
    return read_list("faker_first_names.txt") | read_list("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    """Surnames (Faker's lists plus curated additions)."""
    return read_list("faker_surnames.txt") | read_list("surnames.txt")


@cache
def plate_codes() -> frozenset[str]:
    """Distinguishing district codes of German vehicle registration plates ("B", "HH", "P")."""
    return read_list("faker_plate_codes.txt")


@cache
def yaml_data(name: str) -> dict[str, Any]:
    """The mapping in `data/<name>` (a YAML file)."""
    data = YAML(typ="safe", pure=False).load((DATA / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: eine Zuordnung erwartet")
    return data


def words(name: str, key: str) -> tuple[str, ...]:
    """The words listed under `key` in `data/<name>`: a YAML list or one space-separated string."""
    value = yaml_data(name)[key]
    return tuple(value.split() if isinstance(value, str) else (str(item) for item in value))
