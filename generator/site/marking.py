"""An article's text as Markdown with its quotes marked and its names linked; all text escaped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Span
from generator.site.markdown import attr, link, md

CLOSING_QUOTES = "”\"’'"


@dataclass(frozen=True)
class QuoteMark:
    """How a quote is marked in an article's text: its words, and who said them."""

    span: Span
    speaker: str  # short name shown after the quote ("" when no speaker)
    href: str
    title: str


def marked_text(text: str, mentions: list[tuple[Span, str]], quotes: Iterable[QuoteMark]) -> str:
    """A block's text as Markdown: each quote wrapped in <span class="quote"> and followed by a
    link to its speaker, each mention a link to its profile; all of the article's text escaped."""
    out, position = [], 0
    for mark in _non_overlapping(quotes, len(text)):
        start, end = mark.span.start, mark.span.end
        out.append(linked(text, position, start, mentions))
        out.append(f'<span class="quote" title="{attr(mark.title)}">')
        out.append(linked(text, start, end, mentions))
        out.append("</span>")
        position = end
        while position < len(text) and text[position] in CLOSING_QUOTES:
            position += 1
        out.append(md(text[end:position]))
        if mark.speaker:
            out.append(
                '<sup class="said-by">' + link(mark.speaker, mark.href, mark.title) + "</sup>"
            )
    out.append(linked(text, position, len(text), mentions))
    return "".join(out)


def _non_overlapping(quotes: Iterable[QuoteMark], length: int) -> list[QuoteMark]:
    kept: list[QuoteMark] = []
    for mark in sorted(quotes, key=lambda m: (m.span.start, m.span.end)):
        span = mark.span
        if span.start >= span.end or span.end > length:
            continue
        if kept and span.start < kept[-1].span.end:
            continue
        kept.append(mark)
    return kept


def linked(text: str, start: int, end: int, mentions: list[tuple[Span, str]]) -> str:
    """text[start:end] escaped, with the mentions that lie wholly inside it as links (in bold
    when their target is ""; the bold one wins when both cover the same words). Of mentions that
    overlap, the first to start wins, and of those that start together the longest: the
    organisation "Russian Security Council" over the country "Russian"."""
    out, position = [], start
    for span, target in sorted(mentions, key=lambda m: (m[0].start, -m[0].end, m[1] != "")):
        if span.start < position or span.end > end or span.start >= span.end:
            continue
        words = text[span.start : span.end]
        out.append(md(text[position : span.start]))
        out.append(link(words, target) if target else f"<strong>{md(words)}</strong>")
        position = span.end
    out.append(md(text[position:end]))
    return "".join(out)
