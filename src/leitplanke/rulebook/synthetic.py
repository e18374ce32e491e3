"""Synthetic rulebooks of any size, grown from a real one, for benchmarks and load tests."""

from itertools import cycle, islice

from leitplanke.rulebook.model import Rulebook


def synthetic_id(seed_id: str, number: int) -> str:
    """A valid, unique rule ID for the `number`-th synthetic rule (up to 26,000)."""
    prefix = "SY" + chr(ord("A") + number // 1000) + chr(ord("A") + number // 100 % 10)
    return f"{prefix}-{seed_id.split('-')[1]}-{number % 100:02d}"


def grow_rulebook(seed: Rulebook, size: int) -> Rulebook:
    """A rulebook of `size` rules: the seed's rules repeated with fresh IDs and numbered titles."""
    if not seed.rules:
        raise ValueError("the seed rulebook has no rules")
    rules = tuple(
        rule.model_copy(
            update={
                "id": synthetic_id(rule.id, number),
                "title": f"{rule.title} ({number})",
                "see_also": [],
            }
        )
        for number, rule in enumerate(islice(cycle(seed.rules), size), start=1)
    )
    # the questionnaire and catalogue cite the seed's rule IDs, which the copies do not keep
    return seed.model_copy(update={"rules": rules, "questionnaire": None, "platforms": None})
