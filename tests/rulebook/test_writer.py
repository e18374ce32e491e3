"""Writing a rulebook back to source: what is written loads back unchanged."""

from leitplanke.rulebook.loader import load_rulebook
from leitplanke.rulebook.synthetic import grow_rulebook
from leitplanke.rulebook.writer import write_rulebook


def test_written_rulebook_loads_back_equal(bundled_rulebook, tmp_path):
    write_rulebook(bundled_rulebook, tmp_path / "copy")
    assert load_rulebook(tmp_path / "copy") == bundled_rulebook


def test_grown_rulebook_has_unique_valid_ids_and_round_trips(bundled_rulebook, tmp_path):
    grown = grow_rulebook(bundled_rulebook, 2600)
    assert len({rule.id for rule in grown.rules}) == 2600
    write_rulebook(grown, tmp_path / "grown")
    assert load_rulebook(tmp_path / "grown") == grown
