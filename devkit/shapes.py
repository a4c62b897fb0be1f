"""Hostile article shapes of a chosen size, for the analysis's complexity tests and benchmark.

Each shape repeats one pattern until the article's analysed text (its blocks joined by a blank
line, as `ingest.reader.analysed_length` counts it) reaches the size asked for, and never passes
the reader's limit. The articles go through the real reader (`parse_article`), so headings,
paragraphs and captions are what `dossier build` would see. Every text here is invented.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from generator.ingest.reader import MAX_CHARS, body_blocks, parse_article
from generator.model import Article

KB = 1000  # characters of analysed text

FRONT_MATTER = "---\ntitle: A hostile shape\npublished: 2024-08-07\n---\n\n"

# An invented news story: names, titles, pronouns, countries, quotes with and without cues.
STORY = (
    "## Talks in Geneva",
    "Norwegian Foreign Minister Anna Berg met her Chilean counterpart, Tomas Weller, in Geneva "
    "on Monday. “We will stay at the table until there is a deal,” Ms Berg said after the "
    "meeting. Mr Weller told reporters the talks were “difficult but honest”.",
    "According to a statement from the ministry, the two sides agreed to meet again in March. "
    'The statement called the plan "a fair deal for both countries" and said Chile would '
    "send a delegation to Oslo.",
    "“It is not over,” she added. “Nobody should expect miracles.”",
    "Caption: Anna Berg speaks to reporters in Geneva.\nCredit: Lena Holt/Example Agency",
    "Weller, a former trade minister, said his government wanted “practical steps” rather than "
    "promises. The so-called 'Oslo track' had stalled, he said, because Russia and China "
    "objected to the timetable.",
    '"We have heard this before," said Peter Lund, an analyst at the Nordic Institute. '
    "He called the meeting 'a modest start'. The minister was asked whether she would travel "
    "to Santiago. “Not this year,” Berg replied.",
)
SENTENCES = (
    "Norwegian Foreign Minister Anna Berg met Tomas Weller in Geneva on Monday.",
    "“We will stay at the table until there is a deal,” Ms Berg said.",
    "Mr Weller told reporters the talks were “difficult but honest”.",
    "According to a statement from the ministry, the two sides agreed to meet again in March.",
    'The statement called the plan "a fair deal for both countries".',
    "Weller, a former trade minister, said his government wanted practical steps.",
    '"We have heard this before," said Peter Lund, an analyst at the Nordic Institute.',
    "He said the delegation would travel to Oslo and Santiago before the summer.",
)
QUOTES = (
    "“We will stay,” Anna Berg said.",
    'Tomas Weller called it "a fair deal" on Monday.',
    "‘Not yet,’ he said.",
    '"It is over," said Peter Lund.',
    "Ms Berg added: “Nobody should expect miracles.”",
    "The plan was “practical”, according to Lund.",
)
FIRST_NAMES = (
    "Anna", "Tomas", "Peter", "Maria", "Jonas", "Lena", "Karim", "Sofia", "David", "Elena",
    "Omar", "Julia", "Marek", "Ines", "Pavel", "Clara", "Yusuf", "Hanna", "Luis", "Greta",
)  # fmt: skip
SYLLABLES = ("ber", "wel", "lun", "kar", "dov", "min", "sal", "tor", "vik", "hol", "ran", "sen")


def surnames() -> Iterator[str]:
    """Invented surnames, all different: "Berwel", "Berlun", ..., then three syllables."""
    for size in itertools.count(2):
        for parts in itertools.product(SYLLABLES, repeat=size):
            yield "".join(parts).capitalize()


def unmatched_blocks() -> Iterator[str]:
    """One paragraph: a speaker, then a straight quote mark that never closes, again and again."""
    yield "Anna Berg said " + '"a ' * (MAX_CHARS // 3)


def heading_blocks() -> Iterator[str]:
    yield "Anna Berg said the talks in Geneva went well."
    while True:
        yield "## H"


def paragraph_blocks() -> Iterator[str]:
    """One paragraph of ordinary sentences, as long as the article."""
    sentences = itertools.cycle(SENTENCES)
    yield " ".join(next(sentences) for _ in range(MAX_CHARS // 40))


def quote_blocks() -> Iterator[str]:
    """Short paragraphs of short quotes, each with its speaker."""
    quotes = itertools.cycle(QUOTES)
    while True:
        yield " ".join(next(quotes) for _ in range(3))


def name_blocks() -> Iterator[str]:
    """Paragraphs naming new people: every name appears once or twice in the whole article."""
    firsts = itertools.cycle(FIRST_NAMES)
    family = surnames()
    while True:
        a, b = f"{next(firsts)} {next(family)}", f"{next(firsts)} {next(family)}"
        yield f"{a} met {b} in Geneva on Monday. {a.split()[1]} said the talks had gone well."


def alternating_blocks() -> Iterator[str]:
    """One paragraph of quote marks that alternate between curly and straight, single and double."""
    yield "Anna Berg said " + "“a\" ‘b' \"c” 'd’ " * (MAX_CHARS // 16)


def speaker_blocks() -> Iterator[str]:
    """One sentence as long as the article: quotes, speakers and pronouns, never a full stop."""
    unit = 'Anna Berg said "we stay", she told Tomas Weller "not yet", he said at a meeting, '
    yield unit * (MAX_CHARS // len(unit) + 1)


def occasion_blocks() -> Iterator[str]:
    """A quote whose sentence says "at a" again and again and names no occasion until its end."""
    yield 'Anna Berg said "we stay" ' + "at a time " * (MAX_CHARS // 10)


def story_blocks() -> Iterator[str]:
    """The invented story above, over and over."""
    return itertools.cycle(STORY)


SHAPES: dict[str, Callable[[], Iterator[str]]] = {
    "unmatched": unmatched_blocks,
    "headings": heading_blocks,
    "paragraph": paragraph_blocks,
    "quotes": quote_blocks,
    "names": name_blocks,
    "alternating": alternating_blocks,
    "speakers": speaker_blocks,
    "occasions": occasion_blocks,
    "story": story_blocks,
}


def shape_markdown(shape: str, size: int) -> str:
    """The article file of a shape whose analysed text is at most `size` characters, as close to
    it as the shape's pieces allow; a long piece (one-paragraph shapes) is cut at a space."""
    size = min(size, MAX_CHARS)
    pieces: list[str] = []
    used = 0
    for piece in SHAPES[shape]():
        room = size - used - (2 if pieces else 0)
        length = analysed_size(piece)
        if length > room:
            cut = piece[:room].rsplit(" ", 1)[0].rstrip() if length > KB else ""
            if cut:
                pieces.append(cut)
            break
        pieces.append(piece)
        used += length + (2 if len(pieces) > 1 else 0)
    return FRONT_MATTER + "\n\n".join(pieces) + "\n"


def analysed_size(piece: str) -> int:
    """How many characters a piece of Markdown body adds to the analysed text."""
    return sum(len(block.text) for block in body_blocks(piece))


def shape_article(shape: str, size: int) -> Article:
    """The article of `shape_markdown`, read as `dossier build` reads it."""
    return parse_article(shape_markdown(shape, size), f"{shape}-{size}.md", f"{shape}-{size}")
