"""What a word can be in a name (nlp.names): given names, suffixes, common words."""

from __future__ import annotations

import pytest

import generator.nlp.names as names
from generator.nlp.names import is_given_name, is_glued_word, is_name_suffix, named_like_a_person


@pytest.mark.parametrize("word", ["Per", "Mukesh", "Avi", "Graham", "Katya"])
def test_given_names_from_many_countries_are_known(word: str) -> None:
    assert is_given_name(word)


@pytest.mark.parametrize("word", ["Conservative", "Representatives", "Breakfast", "Labour"])
def test_a_common_word_that_is_no_given_name_is_glued(word: str) -> None:
    assert is_glued_word(word)


@pytest.mark.parametrize("word", ["Graham", "Young", "Rose", "Kowalczyk", "Ambani"])
def test_names_and_rare_words_are_not_glued(word: str) -> None:
    assert not is_glued_word(word)


@pytest.mark.parametrize("word", ["QC", "MP", "OBE", "Jr", "Jr.", "III"])
def test_suffixes_written_after_a_name(word: str) -> None:
    assert is_name_suffix(word)


@pytest.mark.parametrize("word", ["Sands", "qc", "V", "Moller"])
def test_surnames_and_lower_case_acronyms_are_no_suffix(word: str) -> None:
    assert not is_name_suffix(word)


def test_a_given_name_and_a_rare_surname_are_named_like_a_person() -> None:
    assert named_like_a_person("Clarence Seedorf")
    assert not named_like_a_person("Morgan Stanley")
    assert not named_like_a_person("Rolling Stones")


def test_the_name_lists_load_before_their_first_use() -> None:
    names._detector.cache_clear()
    names.load_name_lists()
    assert names._detector.cache_info().currsize == 1
