"""Test helper: what `detect_personal_data` found, as matched text by kind."""

from leitplanke.checks.personal_data import detect_personal_data


def found(text: str, kinds: list[str] | None = None) -> dict[str, list[str]]:
    """The matched text of every reported entity, by kind (kinds without entities left out)."""
    result: dict[str, list[str]] = {}
    for entity in detect_personal_data(text, kinds):
        result.setdefault(entity.kind, []).append(text[entity.start : entity.end])
    return result
