"""Quotation marks in one paragraph: quoted stretches and the sentences around them (no model).

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from generator.nlp.quotemarks import quoted_stretches, sentence_bounds


def words_of(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted_stretches(text)]


def test_curly_and_straight_quotes_are_found_without_their_marks() -> None:
    text = '“We will stay,” she said. He called it "a fair deal" on Monday.'
    assert words_of(text) == ["We will stay,", "a fair deal"]


def test_a_quote_reopened_before_it_closes_ends_at_its_last_sentence() -> None:
    text = 'He said: "We are ready. He added: "Nobody will stop us." Then he left.'
    assert words_of(text) == ["We are ready.", "Nobody will stop us."]


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph() -> None:
    stretches = quoted_stretches('She said: "The work goes on. We will finish it.')
    assert [s.closed for s in stretches] == [False]


def test_single_quotes_inside_double_quotes_are_part_of_the_words() -> None:
    assert words_of("\"I reject the 'no deal' idea,\" he said.") == ["I reject the 'no deal' idea,"]


def test_single_quotes_quote_speech_but_apostrophes_do_not() -> None:
    text = "'We can't wait,' said the boss of the players' union in the '90s."
    assert words_of(text) == ["We can't wait,"]


def test_typewriter_quotes_pair_up() -> None:
    assert words_of("a so-called ``clean break'' and the `three rules' plan") == [
        "clean break",
        "three rules",
    ]


@given(st.text(alphabet=st.sampled_from(list("ab .,:?\"'`“”‘’-")), max_size=60))
def test_any_text_gives_ordered_quotes_inside_it_and_sentences_around_them(text: str) -> None:
    stretches = quoted_stretches(text)
    for q in stretches:
        assert 0 <= q.open < q.start <= q.end <= q.close <= len(text)
    for a, b in itertools.pairwise(stretches):
        assert a.close <= b.open
    bounds = sentence_bounds(text, stretches)
    assert all(0 <= a < b <= len(text) for a, b in bounds)
    assert all(any(a <= q.open < b for a, b in bounds) for q in stretches)


def test_a_sentence_ends_after_a_quote_that_ends_one() -> None:
    text = "“It was late.” The meeting ended. Dr. Ruiz left at 5 p.m."
    bounds = sentence_bounds(text, quoted_stretches(text))
    assert [text[a:b].strip() for a, b in bounds] == [
        "“It was late.”",
        "The meeting ended.",
        "Dr. Ruiz left at 5 p.m.",
    ]


def test_a_quote_mark_glued_to_the_next_word_closes_or_opens_by_position() -> None:
    assert words_of('"We all signed it,"said Dr. Lee. She said:"It is over."') == [
        "We all signed it,",
        "It is over.",
    ]
