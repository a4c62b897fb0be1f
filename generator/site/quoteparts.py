"""A busy period's quotes in parts, each the quotes whose key (a speaker's sort name, an
article's title) falls in one range of the alphabet.

One page of a period's quotes is converted by MkDocs as a whole: thousands of quote cards make
a page of megabytes that takes tens of seconds, and adding one article to the period rebuilds
all of it. In parts, an added article rebuilds only the parts its quotes land in.

The parts must stay put when quotes are added, so they are not cut by counting (every cut after
the new quote would move). The ranges come from halving the alphabet, letter after letter, as a
binary trie does: a range holding more than `most` quotes is halved (A–M, N–Z; then A–F, G–M...;
one letter, "B", is then halved on its second letter: Ba–Bm, Bn–Bz). Which ranges a period has
depends only on the counts inside each range, so a quote added under "B" can split B's part (or
one of its halves) but never moves the part "N–Z". Ranges that hold nothing make no part.

A key is the name's letters, accents taken off, in capitals: other characters are left out, and
a name with no Latin letter files before "A" (in the first part).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator.text import without_accents

T = TypeVar("T")

# What can follow a key's prefix: its end ("", filed first), then each letter.
ALPHABET = ("", *string.ascii_uppercase)

# The letters of a name a key keeps: enough to tell names apart, few enough that halving
# a range letter after letter stays shallow.
KEY_LETTERS = 24


def name_key(name: str) -> str:
    """'Sergei Shoigu' -> 'SERGEISHOIGU': the letters of a name, unaccented, in capitals."""
    letters = (ch for ch in without_accents(name).upper() if ch in string.ascii_uppercase)
    return "".join(letters)[:KEY_LETTERS]


@dataclass(frozen=True)
class KeyRange:
    """The keys that start with `prefix` and go on with ALPHABET[first] to ALPHABET[last]."""

    prefix: str
    first: int = 0
    last: int = len(ALPHABET) - 1

    @property
    def whole(self) -> bool:
        """Every key (the range of a period that was not split)."""
        return not self.prefix and self.first == 0 and self.last == len(ALPHABET) - 1

    def label(self) -> str:
        """'A–M', 'Ba–Bm', 'Sh': the range as a reader looks it up (a key that ends where the
        prefix does is filed under the prefix's first letter after it, 'A')."""
        if self.first == 0 and self.last == len(ALPHABET) - 1:
            return _capitalised(self.prefix)
        if self.last == 0:  # the keys that end with the prefix; with none: no Latin letter
            return _capitalised(self.prefix) or "#"
        low = _capitalised(self.prefix + ALPHABET[max(self.first, 1)])
        high = _capitalised(self.prefix + ALPHABET[self.last])
        return low if low == high else f"{low}–{high}"

    def slug(self) -> str:
        """The label as a file name: 'a-m', 'ba-bm', 'sh' ('other' for '#')."""
        return self.label().lower().replace("–", "-").replace("#", "other")


def _capitalised(letters: str) -> str:
    return letters[:1].upper() + letters[1:].lower()


def split_by_key(keyed: Sequence[tuple[str, T]], most: int) -> list[tuple[KeyRange, list[T]]]:
    """The items in the key ranges of the trie that holds at most `most` items a range (unless
    they all have the same key), in the order of the alphabet; each range's items in their
    order in `keyed`. Ranges with no item are left out."""
    return _split(list(keyed), KeyRange(""), most)


def _split(keyed: list[tuple[str, T]], span: KeyRange, most: int) -> list[tuple[KeyRange, list[T]]]:
    if not keyed:
        return []
    if len(keyed) <= most or len({key for key, _ in keyed}) == 1:
        return [(span, [item for _, item in keyed])]
    if span.first == span.last:  # one letter (not the end: the keys differ): the next letter
        return _split(keyed, KeyRange(span.prefix + ALPHABET[span.first]), most)
    middle = (span.first + span.last) // 2
    at = len(span.prefix)
    low = [(key, item) for key, item in keyed if _letter(key, at) <= middle]
    high = [(key, item) for key, item in keyed if _letter(key, at) > middle]
    return [
        *_split(low, KeyRange(span.prefix, span.first, middle), most),
        *_split(high, KeyRange(span.prefix, middle + 1, span.last), most),
    ]


def _letter(key: str, at: int) -> int:
    """The place in ALPHABET of the key's letter at `at` (0, the end, past its last letter)."""
    return ALPHABET.index(key[at]) if at < len(key) else 0
