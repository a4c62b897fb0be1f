"""Quoted words that are terms, not speech (nlp.quoteterms): titles and names in capitals.

Every text here is written for the test.
"""

from __future__ import annotations

from typing import Any

from generator.nlp.quoteterms import is_a_title
from tests.nlp.inline import analysed

SMALL = {"the", "of", "with", "and", "a", "all", "us", "they", "can't"}


def small(word: str) -> bool:
    return word.casefold() in SMALL


def test_a_name_or_a_title_in_capitals_is_a_title() -> None:
    for words in [
        "The Evening Hour with Jim Lane,",
        "Axis of Evil",
        "Storm the Fort, They Can't Stop All of Us",
    ]:
        assert is_a_title(words, small), words


def test_speech_a_sentence_or_a_single_word_is_no_title() -> None:
    for words in [
        "free and fair",
        "We Will Win.",  # a sentence end: someone said it
        "Never",  # one word: a capital says nothing
        "The talks Went Well",  # a word in lower case that is not small
    ]:
        assert not is_a_title(words, small), words


def test_a_quoted_title_in_the_writers_sentence_has_no_speaker(nlp: Any) -> None:
    a = analysed(
        nlp,
        'Senator Ann Lowry said on the "Evening Hour with Jim Lane" that the bill would pass.',
        'Lowry also described the vote as "a victory for common sense".',
    )
    speakers = {q.span.text: q.speaker for q in a.quotes}
    assert speakers == {
        "Evening Hour with Jim Lane": None,
        "a victory for common sense": "ann-lowry",
    }
