"""The shipped word lists: present, clean, and consistent with each other."""

import pytest

from leitplanke.checks.personal_data import lexicon


@pytest.mark.parametrize(
    "load", [lexicon.first_names, lexicon.surnames, lexicon.places, lexicon.plate_codes]
)
def test_word_lists_are_loaded_and_clean(load):
    words = load()
    assert len(words) > 300
    assert all(word == word.strip() and word and " " not in word for word in words)


def test_places_are_no_names_and_words_like_berlin_need_support():
    assert "Berlin" in lexicon.places()
    assert "Berlin" not in lexicon.first_names()
    assert {"Wolf", "Mai", "Berlin", "Fischer"} <= lexicon.word_names()


def test_common_german_names_are_known():
    assert {"Anna", "Mehmet", "Olena", "Thi"} & lexicon.first_names() >= {"Anna", "Mehmet"}
    assert {"Müller", "Schmidt", "Yılmaz", "Nowak", "Nguyen"} <= lexicon.surnames()
