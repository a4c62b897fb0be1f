"""The analysis grows linearly with the article: hostile shapes (devkit/shapes.py) at two sizes.

The tests parse the repeated part once and repeat its Doc to make the 20 KB and 80 KB articles,
so that they time our analysis, not spaCy (whose parse is linear; `python bench/complexity.py`
times both, up to 1,000 KB). Every text here is invented.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from typing import Any

import pytest
from spacy.tokens import Doc

from devkit.shapes import FRONT_MATTER, KB, SHAPES, shape_markdown
from generator.ingest.reader import parse_article
from generator.model import Article
from generator.nlp.analyse import analysis_of
from generator.nlp.layout import article_layout

SMALL, LARGE = 20 * KB, 80 * KB
QUADRATIC = (LARGE / SMALL) ** 2  # 16: what the time ratio would be if the analysis were


def article(body: str) -> Article:
    return parse_article(FRONT_MATTER + body, "shape.md", "shape")


def repeated(nlp: Any, shape: Shape, size: int) -> tuple[Any, Any]:
    """The layout and Doc of the article `head + unit * n + tail` of about `size` characters,
    the unit parsed once and its Doc repeated."""
    times = size // len(shape.unit)
    layout = article_layout(article(shape.head + shape.unit * times + shape.tail))
    text = layout.text
    unit = shape.unit_text
    start = text.index(unit * times)
    end = start + len(unit) * times
    docs = [nlp(text[:start]), *([nlp(unit)] * times), nlp(text[end:])]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text
    return layout, doc


def analysis_seconds(layout: Any, doc: Any) -> float:
    """The CPU time of one analysis, the cyclic garbage collector paused: its passes grow with
    every object the process holds, the model's included, and would blur the growth of the
    analysis itself."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        analysis_of(doc, layout)
        return time.process_time() - started
    finally:
        gc.enable()


def least_seconds(small: tuple[Any, Any], large: tuple[Any, Any], runs: int) -> tuple[float, float]:
    """The least CPU time of `runs` analyses of each article (the least is the least disturbed),
    the two taken in turn, so that a spell of contention on a shared machine (CI) slows both
    rather than the large one alone."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(analysis_seconds(*small))
        times[1].append(analysis_seconds(*large))
    return min(times[0]), min(times[1])


@dataclass(frozen=True)
class Shape:
    head: str  # Markdown of the article body before the part repeated
    unit: str  # the Markdown repeated
    tail: str
    unit_text: str  # the unit as it stands in the analysed text


SPEAKERS = 'Anna Berg said "we stay", she told Tomas Weller "not yet", he said at a meeting, '
GROWING = {
    # the red team's: a speaker, then a straight quote mark that never closes, again and again
    "unmatched quotes": Shape('Anna Berg said "a ', '"a ' * 10, "end.\n", '"a ' * 10),
    # blocks of one heading each
    "headings": Shape("Anna Berg said it went well.\n\n", "## H\n\n" * 4, "End.\n", "H\n\n" * 4),
    # one sentence as long as the article, with quotes, speakers and pronouns: each pronoun once
    # read the whole sentence before it
    "pronouns": Shape("", SPEAKERS, "end.\n", SPEAKERS),
}


@pytest.mark.parametrize("name", GROWING)
def test_the_analysis_grows_linearly_with_the_article(nlp: Any, name: str) -> None:
    shape = GROWING[name]
    small, large = least_seconds(repeated(nlp, shape, SMALL), repeated(nlp, shape, LARGE), runs=3)
    assert large / small < QUADRATIC / 2, f"{name}: {small:.3f} s, then {large:.3f} s"


def test_the_shapes_stay_within_the_size_asked_for() -> None:
    for shape in SHAPES:
        layout = article_layout(article(shape_markdown(shape, 10 * KB).removeprefix(FRONT_MATTER)))
        body = len(layout.text) - len(layout.source.title) - 2  # the title is analysed after it
        assert 9 * KB < body <= 10 * KB, shape
