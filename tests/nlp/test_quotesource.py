"""The medium, occasion and date of a quotation, read from the words around it.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.nlp.quotesource import _AT_OCCASION, _occasions, date_in, source_in
from tests.nlp.inline import pasted, speaker_name


def test_name_after_the_quote_with_cue_source_and_date(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“The harbour will reopen next month,” John Harper said on Tuesday, in remarks carried "
        "by the Northern Gazette.",
    )
    (q,) = a.quotes
    assert (speaker_name(a, q), q.via, q.cue, q.date, q.partial) == (
        "John Harper",
        "name",
        "said",
        "Tuesday",
        False,
    )
    assert q.source == "in remarks carried by the Northern Gazette"


@pytest.mark.parametrize(
    ("context", "source"),
    [
        ("told Russia's Sputnik news agency on Monday", "told Russia's Sputnik news agency"),
        ("he said at an Aug. 5 press briefing.", "at an Aug. 5 press briefing"),
        ("in remarks carried by local media outlets", "in remarks carried by local media outlets"),
        (
            "according to Russian state media outlets, he said",
            "according to Russian state media outlets",
        ),
        ("in a statement", "in a statement"),
        ("told reporters", ""),  # an unnamed audience is no medium
    ],
)
def test_source_in_the_words_around_a_quote(context: str, source: str) -> None:
    assert source_in(context, "") == source


def test_according_to_the_speaker_is_no_source() -> None:
    assert source_in("according to David Moore", "David Moore") == ""


@pytest.mark.parametrize(
    ("context", "date"),
    [
        ("Speaking on Aug. 6, he", "Aug. 6"),
        ("on 5 March 2024", "5 March 2024"),
        ("July 31, 2023 and", "July 31, 2023"),
        ("last Tuesday morning", "last Tuesday morning"),
        ("nothing here", ""),
    ],
)
def test_date_in_the_words_around_a_quote(context: str, date: str) -> None:
    assert date_in(context) == date


PIECES = ["at a ", "at an ", "during an ", "At A ", "briefing", "meeting", "ameeting", "x", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, ",", '"', "|"]), max_size=16))
def test_occasions_are_what_the_pattern_finds(pieces: list[str]) -> None:
    context = "".join(pieces)
    assert list(_occasions(context)) == [m.group(0) for m in _AT_OCCASION.finditer(context)]


def test_a_long_stretch_of_at_a_without_an_occasion_is_read_once() -> None:
    """ "at a x" 30,000 times before a comma: the pattern read on to the comma from each of them
    (minutes); now milliseconds."""
    context = "Anna Berg said " + "at a x " * 30_000 + ", at a press briefing"
    assert source_in(context, "Anna Berg") == "at a press briefing"
