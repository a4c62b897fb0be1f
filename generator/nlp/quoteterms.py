"""Quoted words that are terms, not speech: a short name standing before a noun (the "axis of
evil" statement), and a name or title written in capitals inside the writer's sentence ("said on
'The NewsHour with Jim Lehrer'"). Such a quotation gets no speaker."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from generator import lexicon
from generator.nlp.scene import Scene

_AFTER_DETERMINER = re.compile(
    rf"\b{lexicon.alternation(lexicon.word_list('speech', 'label_determiners'))}\s*$", re.I
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


class Quotation(Protocol):
    """Where a quotation's marks and words are in the joined text (quotes.Found)."""

    @property
    def open(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def close(self) -> int: ...


def is_noun_modifier(scene: Scene, here: Quotation) -> bool:
    """A short quoted name standing before a noun: the "axis of evil" statement."""
    text = scene.layout.text
    words = scene.doc.char_span(here.start, here.end, alignment_mode="expand")
    after = scene.doc.char_span(
        here.close, min(len(text), here.close + 30), alignment_mode="expand"
    )
    if words is None or after is None or not len(after) or not len(words) or len(words) > 5:
        return False
    before = text[max(0, here.open - 12) : here.open]
    return (
        after[0].pos_ == "NOUN"
        and words[-1].pos_ in {"NOUN", "PROPN"}
        and bool(_AFTER_DETERMINER.search(before))
    )


def is_a_quoted_title(scene: Scene, here: Quotation) -> bool:
    """Whether the quoted words are written as a name or a title (see `is_a_title`), the small
    words told by the model's stop words."""
    vocab = scene.doc.vocab
    words = scene.layout.text[here.start : here.end]
    return is_a_title(words, lambda w: bool(vocab[w.casefold()].is_stop))


def is_a_title(words: str, is_small: Callable[[str], bool]) -> bool:
    """Whether quoted words are written as a name or a title ("The NewsHour with Jim Lehrer",
    "Axis of Evil"), not as speech: no sentence end, every word capitalised but the small ones
    (`is_small`: "of", "with"), and two capitalised words or more that are not small."""
    found = _TITLE_WORD.findall(words)
    if len(found) < 2 or words.rstrip(" ,'’\"”").endswith((".", "!", "?")):
        return False
    if any(w[0].islower() and not is_small(w) for w in found):
        return False
    return sum(1 for w in found if w[0].isupper() and not is_small(w)) >= 2
