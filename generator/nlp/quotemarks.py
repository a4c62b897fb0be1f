"""Quotation marks in one paragraph: the quoted stretches and the sentences around them.

Pure string functions, no spaCy. Curly quotes are paired by their glyph; straight ones (`"`, `'`)
and the typewriter pairs (`` ``...'' ``, `` `...' ``) by what stands on either side of them.
A double quote that opens while another is still open closes the first at its last sentence end
(news copy often drops the closing mark of a quote that runs on into the next paragraph).
Single quotes inside a double quote are part of its words, not quotes of their own.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator import lexicon
from generator.text import ABBREVIATIONS

OPEN, CLOSE, EITHER = "open", "close", "either"  # EITHER: closes an open quote, else opens
_BEFORE_OPEN = set("([{—–-/“‘\"'`")
_AFTER_CLOSE = set(",.;:?!)]}—–-…/”’\"'")
_ELISION = re.compile(r"'(?:\d0s|\d\ds|n'|em\b|til\b|cause\b|tis\b|twas\b)", re.I)
_SENTENCE_END = re.compile(r"[.?!…]+['’”\")\]]*(?=\s+[\"“‘'`(\[A-Z])")
_ABBREVIATION = re.compile(
    rf"(?:\b{lexicon.alternation(ABBREVIATIONS)}|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
MAX_SINGLE_WORDS = 80
_NEXT_SENTENCE = re.compile(r"\s+[\"“‘'`(A-Z]")


@dataclass(frozen=True)
class Mark:
    at: int  # offset of the mark
    size: int  # 1, or 2 for `` and ''
    double: bool
    role: str  # open | close


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch of a text: its words (`start`..`end`) and its marks (`open`..`close`)."""

    start: int
    end: int
    open: int
    close: int  # just past the closing mark; == end when the quote is not closed
    double: bool
    closed: bool


_MARK_CHARACTER = re.compile("[“”‘’`\"']")  # the characters `_role_of` may give a role


def quote_marks(text: str) -> list[Mark]:
    """Every character that opens or closes a quotation, in order."""
    out: list[Mark] = []
    i = 0
    while (found := _MARK_CHARACTER.search(text, i)) is not None:
        i = found.start()  # every other character has no role: skipped in one step
        pair = text[i : i + 2]
        if pair in ("``", "''"):
            role = _role_of_straight(text, i, 2)
            if role:
                out.append(Mark(i, 2, True, role))
            i += 2
            continue
        role = _role_of(text, i)
        if role:
            out.append(Mark(i, 1, text[i] in '“”"', role))
        i += 1
    return out


def _role_of(text: str, i: int) -> str | None:
    char = text[i]
    if char == "“":
        return OPEN
    if char == "”":
        return CLOSE
    if char in "‘`":
        return OPEN if i + 1 < len(text) and not text[i + 1].isspace() else None
    if char == "’":
        return CLOSE if _closes(text, i, 1) else None
    if char == '"':
        return _role_of_straight(text, i, 1)
    if char == "'":
        if _ELISION.match(text, i) and _opens(text, i, 1):
            return None
        return _role_of_straight(text, i, 1)
    return None


def _opens(text: str, i: int, size: int) -> bool:
    left = text[i - 1] if i > 0 else " "
    right = text[i + size] if i + size < len(text) else " "
    return (left.isspace() or left in _BEFORE_OPEN) and not right.isspace()


def _closes(text: str, i: int, size: int) -> bool:
    left = text[i - 1] if i > 0 else " "
    right = text[i + size] if i + size < len(text) else " "
    return not left.isspace() and (right.isspace() or right in _AFTER_CLOSE)


def _role_of_straight(text: str, i: int, size: int) -> str | None:
    opens, closes = _opens(text, i, size), _closes(text, i, size)
    if opens and closes:  # between two marks or two dashes: decide by what is nearer a word
        left = text[i - 1] if i > 0 else " "
        return CLOSE if left.isalnum() or left in ".,?!" else OPEN
    if opens or closes:
        return OPEN if opens else CLOSE
    left = text[i - 1] if i > 0 else " "
    right = text[i + size] if i + size < len(text) else " "
    return EITHER if left in ",.?!;:" or right in ",.?!;:" else None  # ',"said' or ':"We'


_TRANSCRIPT_LABEL = re.compile(r"(?:[QA]|[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3}): +(?=\S)")
_NAME_LABEL = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}: +(?=\S)")  # "Craner: "
_NON_SPEAKERS = frozenset(lexicon.words("speech", "non_speaker_labels"))
MIN_TRANSCRIPT_LINES = 2  # a transcript has several lines; one label is a heading


def transcript_line(text: str, names: bool = False) -> Quoted | None:
    """The words of a transcript or interview line, which has no quotation marks: "MR. SMITH:
    We did.", "Q: Why?", "A: Because."; with `names`, also "Craner: We're getting there."
    (the label names the speaker). The caller reads such lines only in an article that has
    several (`MIN_TRANSCRIPT_LINES`) of the labels in capitals."""
    label = _TRANSCRIPT_LABEL.match(text) or (_NAME_LABEL.match(text) if names else None)
    if label is None or label.group().rstrip(": ").casefold() in _NON_SPEAKERS:
        return None
    start = label.end()
    if not re.search(r"\w", text[start:]) or any(m in text for m in '“”"'):
        return None
    return Quoted(start, len(text), start - 1, len(text), True, True)


def is_transcript(texts: Iterable[str]) -> bool:
    """Several paragraphs open with a label in capitals ("Q:", "MR. SMITH:"): a transcript or an
    interview, whose lines are quotations without marks."""
    return sum(transcript_line(t) is not None for t in texts) >= MIN_TRANSCRIPT_LINES


def quoted_stretches(text: str) -> tuple[Quoted, ...]:
    """The quotations of one paragraph, outermost only, in order."""
    marks = quote_marks(text)
    doubles = _paired_doubles(text, [m for m in marks if m.double])
    in_doubles = _Holders(doubles)
    singles = _paired_singles(
        text, [m for m in marks if not m.double and not in_doubles.hold(m.at, m.at + 1)]
    )
    # Doubles follow one another, and so do singles; a single never starts inside a double, so
    # only a double can be inside another quote: inside the single that opens before it.
    in_singles = _Holders(singles)
    outer = singles + [q for q in doubles if not in_singles.hold(q.open, q.close)]
    return tuple(
        q for q in sorted(outer, key=lambda q: q.open) if re.search(r"\w", text[q.start : q.end])
    )


class _Holders:
    """Quotes that follow one another (each closes before the next opens), for bisect."""

    def __init__(self, quotes: Sequence[Quoted]) -> None:
        self.quotes = quotes
        self.opens = [q.open for q in quotes]

    def hold(self, start: int, end: int) -> bool:
        """Whether the marks of one of the quotes hold `start`..`end`."""
        at = bisect.bisect_right(self.opens, start) - 1
        return at >= 0 and end <= self.quotes[at].close


def _paired_doubles(text: str, marks: list[Mark]) -> list[Quoted]:
    out: list[Quoted] = []
    opened: Mark | None = None
    for mark in marks:
        if mark.role == OPEN or (mark.role == EITHER and opened is None):
            if opened is not None:
                out.append(_cut_before(text, opened, mark.at))
            opened = mark
        elif opened is not None:
            out.append(
                _quoted(
                    text,
                    opened.at + opened.size,
                    mark.at,
                    opened.at,
                    mark.at + mark.size,
                    True,
                    True,
                )
            )
            opened = None
    if opened is not None:
        end = len(text.rstrip())
        out.append(_quoted(text, opened.at + opened.size, end, opened.at, end, True, False))
    return out


def _cut_before(text: str, opened: Mark, next_open: int) -> Quoted:
    """A quote left open when the next one opens: it ends at its last sentence end, if any."""
    start = opened.at + opened.size
    ends = [m.end() for m in re.finditer(r"[.?!…]+(?=\s)", text[start:next_open])]
    end = start + ends[-1] if ends else next_open
    return _quoted(text, start, end, opened.at, end, True, False)


def _paired_singles(text: str, marks: list[Mark]) -> list[Quoted]:
    out: list[Quoted] = []
    opened: Mark | None = None
    for mark in marks:
        if mark.role == OPEN:
            opened = mark
        elif opened is not None:
            start = opened.at + opened.size
            if len(text[start : mark.at].split()) <= MAX_SINGLE_WORDS:
                out.append(
                    _quoted(text, start, mark.at, opened.at, mark.at + mark.size, False, True)
                )
            opened = None
    return out


def _quoted(
    text: str, start: int, end: int, open_at: int, close: int, double: bool, closed: bool
) -> Quoted:
    words = text[start:end]
    lead = len(words) - len(words.lstrip())
    trail = len(words) - len(words.rstrip())
    return Quoted(start + lead, end - trail, open_at, max(close, end - trail), double, closed)


def sentence_bounds(text: str, quotes: tuple[Quoted, ...]) -> list[tuple[int, int]]:
    """The sentences of a paragraph as (start, end), never ending inside a quotation.

    A quote whose words end a sentence ("... it.” The next ...) ends the writer's sentence too.
    """
    cuts = {0, len(text)}
    inside = _inside_quote(quotes)
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        if inside(at) or _ABBREVIATION.search(text[max(0, match.start() - 12) : match.start() + 1]):
            continue
        cuts.add(at)
    for q in quotes:
        if re.search(r"[.?!…]['’]?$", text[q.start : q.end]) and _NEXT_SENTENCE.match(
            text, q.close
        ):
            cuts.add(q.close)
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if text[a:b].strip()]


def _inside_quote(quotes: Sequence[Quoted]) -> Callable[[int], bool]:
    """Whether an offset lies strictly between the marks of one of the quotes."""
    opens = [q.open for q in quotes]
    if any(a.close > b.open for a, b in itertools.pairwise(quotes)):  # not one after another
        return lambda at: any(q.open < at < q.close for q in quotes)

    def inside(at: int) -> bool:
        n = bisect.bisect_left(opens, at) - 1
        return n >= 0 and at < quotes[n].close

    return inside
