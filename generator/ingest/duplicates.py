"""The same story twice: the same address, the same text, or near-identical text.

Near-identical is measured on the word 5-grams ("shingles") of the body text: two articles whose
sets of shingles overlap by NEAR (Jaccard) or more tell the same story, give or take an edit.
MinHash signatures (datasketch's) in a locality-sensitive index find the candidates among many
articles without comparing every pair; each candidate is then confirmed on its exact shingles.
A signature depends on the text alone: a build finds those of the articles it read before in
the cache folder (generator.ingest.signatures), and makes only the new articles' ones.
Measured on the 2,800 corpus articles: a one-word edit of an article keeps about 0.98 of its
shingles; the updated versions of the same BBC story overlap by 0.74 to 1; different stories on
the same subject stay below 0.7.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.model import Article
from generator.text import content_hash

NEAR = 0.7  # Jaccard similarity of the shingles from which two articles are the same story
SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
# The candidates' index: bands of ROWS values of the signature, an article a candidate when one
# band is equal. 25 bands of 5 is datasketch's MinHashLSH choice for a threshold of 0.5 (lower
# than NEAR, so that no match is missed) with 128 permutations.
BANDS = 25
ROWS = 5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Repeat:
    """An article that `original` already tells, and why."""

    original: Article
    why: str  # "same url", "same text", "near-identical text: 97% the same"
    same_url: bool = False
    same_text: bool = False


def text_key(article: Article) -> str:
    """A fingerprint of the body text, blind to case, whitespace and Unicode form."""
    return content_hash("\n".join(" ".join(b.text.casefold().split()) for b in article.blocks))


def shingles(article: Article) -> frozenset[bytes]:
    """The article's word 5-grams (lower case, punctuation ignored), hashed to 8 bytes each."""
    words = _WORD.findall(" ".join(block.text for block in article.blocks).casefold())
    grams = (" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1)))
    return frozenset(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams if g)


def similarity(first: frozenset[bytes], second: frozenset[bytes]) -> float:
    """The Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


@dataclass(frozen=True)
class Signature:
    """What the index keeps of an article's text: its `text_key`, and the MinHash of its
    shingles (PERMUTATIONS 32-bit values as little-endian bytes). A function of the blocks'
    text alone, so that it can be cached by a digest of that text (generator.ingest.signatures).
    """

    text: str
    minhash: bytes


def signature(article: Article) -> Signature:
    return Signature(text_key(article), minhash(shingles(article)))


SignatureOf = Callable[[Article], Signature]


class DuplicateIndex:
    """Articles by url, by exact text and by MinHash, to find what a new article repeats.

    The MinHash index is datasketch's MinHashLSH scheme done with plain dicts: the signature
    cut into BANDS bands of ROWS values, and an article a candidate when one of its bands is
    equal. Its candidates are then confirmed on their shingles, made only for them."""

    def __init__(self, articles: Iterable[Article] = (), signature_of: SignatureOf = signature):
        self._signature_of = signature_of
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self._by_url: dict[str, Article] = {}
        self._by_text: dict[str, Article] = {}
        self._signatures: dict[str, Signature] = {}
        self._shingles: dict[str, frozenset[bytes]] = {}
        self._articles: dict[str, Article] = {}
        self._last: tuple[Article, Signature] | None = None
        for article in articles:
            self.add(article)

    def repeat_of(self, article: Article) -> Repeat | None:
        """What `article` repeats among the indexed articles (same url first), or None."""
        found = self._signature(article)
        if article.url and article.url in self._by_url:
            original = self._by_url[article.url]
            same = self._signatures[original.path].text == found.text
            return Repeat(original, "same url", same_url=True, same_text=same)
        if found.text in self._by_text:
            return Repeat(self._by_text[found.text], "same text", same_text=True)
        return self._near(article, found.minhash)

    def _near(self, article: Article, signature: bytes) -> Repeat | None:
        grams: frozenset[bytes] | None = None
        best: tuple[float, str] | None = None
        for path in self._candidates(signature):
            if grams is None:
                grams = shingles(article)
            score = similarity(grams, self._shingles_of(path))
            if score >= NEAR and (best is None or score > best[0]):
                best = (score, path)
        if best is None:
            return None
        score, path = best
        return Repeat(self._articles[path], f"near-identical text: {score:.0%} the same")

    def _candidates(self, signature: bytes) -> list[str]:
        """The indexed articles with a band of their signature equal to the same band of
        `signature`, in a fixed order (band by band, each band's in the order they were added)."""
        found: dict[str, None] = {}
        for band, bucket in zip(_bands(signature), self._buckets, strict=True):
            found.update(dict.fromkeys(bucket.get(band, ())))
        return list(found)

    def _shingles_of(self, path: str) -> frozenset[bytes]:
        grams = self._shingles.get(path)
        if grams is None:
            grams = self._shingles[path] = shingles(self._articles[path])
        return grams

    def _signature(self, article: Article) -> Signature:
        """The article's signature, made once when `add` follows `repeat_of` for it."""
        if self._last is None or self._last[0] is not article:
            self._last = (article, self._signature_of(article))
        return self._last[1]

    def with_url(self, url: str) -> Article | None:
        """The indexed article at `url`, or None."""
        return self._by_url.get(url)

    def add(self, article: Article) -> None:
        """Index `article` (a later article with its url or text repeats it)."""
        if article.path in self._articles:
            self.remove(article.path)
        found = self._signature(article)
        self._articles[article.path] = article
        self._signatures[article.path] = found
        for band, bucket in zip(_bands(found.minhash), self._buckets, strict=True):
            bucket.setdefault(band, []).append(article.path)
        if article.url:
            self._by_url.setdefault(article.url, article)
        self._by_text.setdefault(found.text, article)

    def remove(self, path: str) -> None:
        """Forget the article of `path` (it is being replaced)."""
        article = self._articles.pop(path, None)
        if article is None:
            return
        found = self._signatures.pop(path)
        self._shingles.pop(path, None)
        for band, bucket in zip(_bands(found.minhash), self._buckets, strict=True):
            bucket[band].remove(path)
            if not bucket[band]:
                del bucket[band]
        if self._by_url.get(article.url) is article:
            del self._by_url[article.url]
        if self._by_text.get(found.text) is article:
            del self._by_text[found.text]


def _bands(signature: bytes) -> list[bytes]:
    width = ROWS * 4
    return [signature[i * width : (i + 1) * width] for i in range(BANDS)]


def minhash(grams: frozenset[bytes]) -> bytes:
    """The MinHash signature of the shingles, as datasketch's MinHash (its "affine32" scheme,
    seed 1) makes it, byte for byte (tests/ingest/test_duplicates.py compares them): each
    shingle's first 4 bytes are its 32-bit hash, mixed by MurmurHash3's finalizer, permuted by
    a * h + b (mod 2**32), the least value kept for each permutation. Done here with numpy
    because importing datasketch imports scipy, a second that every build adding an article
    paid for this alone."""
    import numpy as np

    first, second = _permutations()
    least = np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    if grams:
        hashes = np.frombuffer(b"".join(g[:4] for g in grams), dtype="<u4").astype(np.uint32)
        mixed = _murmur_finalised(hashes).reshape(-1, 1)
        least = np.minimum(least, (mixed * first + second).min(axis=0))
    return least.astype("<u4").tobytes()


@functools.cache
def _permutations() -> tuple[Any, Any]:
    """The PERMUTATIONS affine permutations (odd a, any b) datasketch draws with seed 1."""
    import numpy as np

    draw = np.random.RandomState(1)
    first = draw.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    second = draw.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)
    return first, second


def _murmur_finalised(values: Any) -> Any:
    """MurmurHash3's 32-bit finalizer on an array of uint32 (the products wrap, as meant)."""
    import numpy as np

    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def duplicates(
    articles: Iterable[Article], signature_of: SignatureOf = signature
) -> list[tuple[Article, Repeat]]:
    """(copy, what it repeats) for every article that repeats an earlier one, in order;
    `signature_of` makes each article's signature (or finds it in a cache)."""
    index = DuplicateIndex(signature_of=signature_of)
    out = []
    for article in articles:
        repeat = index.repeat_of(article)
        if repeat is None:
            index.add(article)
        else:
            out.append((article, repeat))
    return out
