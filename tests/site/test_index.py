"""The site index: the sentence around a span, memoised per paragraph."""

from __future__ import annotations

import re

from generator.model import PARAGRAPH, Article, Block, Dossier, Span
from generator.site.index import _SENTENCE_BREAK, SiteIndex
from generator.site.marking import CLOSING_QUOTES


def _sentence_range_by_definition(text: str, span: Span) -> tuple[int, int]:
    """The sentence around a span, computed plainly from every break (what SiteIndex memoises)."""
    breaks = list(_SENTENCE_BREAK.finditer(text))
    start = max([0] + [m.end() for m in breaks if m.end() <= span.start])
    ends = [m.start() + 1 for m in breaks if m.start() >= span.end]
    end = ends[0] if ends else len(text)
    while end < len(text) and text[end] in CLOSING_QUOTES:
        end += 1
    return start, end


def test_the_sentence_around_every_span_matches_its_definition() -> None:
    text = (
        'Mr. Blair said "No." Then Dr Smith left! Did Gen. Jones stay? "Yes," he said. '
        "Aug. 5 was hot.  Sales rose 5.5% in St. Louis. The end"
    )
    article = Article("a1", "a1.md", "T", (Block("p1", PARAGRAPH, text),))
    site = SiteIndex(Dossier(articles=(article,), people=(), countries=(), quotes=()))
    plain = re.compile(_SENTENCE_BREAK.pattern.removeprefix("(?=[.!?])"))
    assert plain.pattern != _SENTENCE_BREAK.pattern
    assert [m.span() for m in plain.finditer(text)] == [
        m.span() for m in _SENTENCE_BREAK.finditer(text)
    ]
    for start in range(len(text)):
        for end in range(start, min(len(text), start + 12) + 1):
            span = Span("a1", "p1", start, end, text[start:end])
            assert site.sentence_range(span) == _sentence_range_by_definition(text, span)
