"""Quotation marks in one paragraph: quoted stretches and the sentences around them (no model).

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.nlp.quotemarks import (
    _ABBREVIATION,
    _SENTENCE_END,
    Quoted,
    _paired_doubles,
    _paired_singles,
    quote_marks,
    quoted_stretches,
    sentence_bounds,
)


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


# --- the look-ups against the scans they replaced (a scan grows with the square of a paragraph)


def scanned_stretches(text: str) -> tuple[Quoted, ...]:
    """quoted_stretches as it was: every quote checked against every other."""
    marks = quote_marks(text)
    doubles = _paired_doubles(text, [m for m in marks if m.double])
    inside = [(q.open, q.close) for q in doubles]
    singles = _paired_singles(
        text, [m for m in marks if not m.double and not any(s <= m.at < e for s, e in inside)]
    )
    found = doubles + singles
    outer = [
        q
        for q in found
        if not any(o is not q and o.open <= q.open and q.close <= o.close for o in found)
    ]
    return tuple(
        q for q in sorted(outer, key=lambda q: q.open) if re.search(r"\w", text[q.start : q.end])
    )


def scanned_bounds(text: str, quotes: tuple[Quoted, ...]) -> list[tuple[int, int]]:
    """sentence_bounds as it was: every sentence end checked against every quote."""
    cuts = {0, len(text)}
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        if any(q.open < at < q.close for q in quotes) or _ABBREVIATION.search(
            text[max(0, match.start() - 12) : match.start() + 1]
        ):
            continue
        cuts.add(at)
    for q in quotes:
        if re.search(r"[.?!…]['’]?$", text[q.start : q.end]) and re.match(
            r"\s+[\"“‘'`(A-Z]", text[q.close :]
        ):
            cuts.add(q.close)
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if text[a:b].strip()]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:?\"'`“”‘’-AB")), max_size=80))
def test_quotes_and_sentences_are_what_a_scan_of_every_pair_finds(text: str) -> None:
    stretches = quoted_stretches(text)
    assert stretches == scanned_stretches(text)
    assert sentence_bounds(text, stretches) == scanned_bounds(text, stretches)
