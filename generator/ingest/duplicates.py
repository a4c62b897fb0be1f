"""The same story twice: the same address, the same text, or near-identical text.

Near-identical is measured on the word 5-grams ("shingles") of the body text: two articles whose
sets of shingles overlap by NEAR (Jaccard) or more tell the same story, give or take an edit.
MinHash signatures in a locality-sensitive index (datasketch) find the candidates among many
articles without comparing every pair; each candidate is then confirmed on its exact shingles.
Measured on the 2,800 corpus articles: a one-word edit of an article keeps about 0.98 of its
shingles; the updated versions of the same BBC story overlap by 0.74 to 1; different stories on
the same subject stay below 0.7.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Article
from generator.text import content_hash

NEAR = 0.7  # Jaccard similarity of the shingles from which two articles are the same story
SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
_CANDIDATE = 0.5  # the index's threshold: lower than NEAR, so that no match is missed
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


class DuplicateIndex:
    """Articles by url, by exact text and by MinHash, to find what a new article repeats."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=_CANDIDATE, num_perm=PERMUTATIONS)
        self._by_url: dict[str, Article] = {}
        self._by_text: dict[str, Article] = {}
        self._shingles: dict[str, frozenset[bytes]] = {}
        self._articles: dict[str, Article] = {}
        for article in articles:
            self.add(article)

    def repeat_of(self, article: Article) -> Repeat | None:
        """What `article` repeats among the indexed articles (same url first), or None."""
        if article.url and article.url in self._by_url:
            original = self._by_url[article.url]
            same = text_key(original) == text_key(article)
            return Repeat(original, "same url", same_url=True, same_text=same)
        key = text_key(article)
        if key in self._by_text:
            return Repeat(self._by_text[key], "same text", same_text=True)
        return self._near(article)

    def _near(self, article: Article) -> Repeat | None:
        grams = shingles(article)
        best: tuple[float, str] | None = None
        for path in self._lsh.query(_minhash(grams)):
            score = similarity(grams, self._shingles[path])
            if score >= NEAR and (best is None or score > best[0]):
                best = (score, path)
        if best is None:
            return None
        score, path = best
        return Repeat(self._articles[path], f"near-identical text: {score:.0%} the same")

    def with_url(self, url: str) -> Article | None:
        """The indexed article at `url`, or None."""
        return self._by_url.get(url)

    def add(self, article: Article) -> None:
        """Index `article` (a later article with its url or text repeats it)."""
        if article.path in self._articles:
            self.remove(article.path)
        grams = shingles(article)
        self._articles[article.path] = article
        self._shingles[article.path] = grams
        self._lsh.insert(article.path, _minhash(grams))
        if article.url:
            self._by_url.setdefault(article.url, article)
        self._by_text.setdefault(text_key(article), article)

    def remove(self, path: str) -> None:
        """Forget the article of `path` (it is being replaced)."""
        article = self._articles.pop(path, None)
        if article is None:
            return
        del self._shingles[path]
        self._lsh.remove(path)
        if self._by_url.get(article.url) is article:
            del self._by_url[article.url]
        key = text_key(article)
        if self._by_text.get(key) is article:
            del self._by_text[key]


def _minhash(grams: frozenset[bytes]) -> object:
    """The MinHash signature of the shingles (already hashed: their first 4 bytes are the 32-bit
    hash MinHash permutes, which spares it hashing each one again)."""
    from datasketch import MinHash

    signature = MinHash(num_perm=PERMUTATIONS, hashfunc=_hash32)
    signature.update_batch(sorted(grams))
    return signature


def _hash32(shingle: bytes) -> int:
    return int.from_bytes(shingle[:4], "little")


def duplicates(articles: Iterable[Article]) -> list[tuple[Article, Repeat]]:
    """(copy, what it repeats) for every article that repeats an earlier one, in order."""
    index = DuplicateIndex()
    out = []
    for article in articles:
        repeat = index.repeat_of(article)
        if repeat is None:
            index.add(article)
        else:
            out.append((article, repeat))
    return out
