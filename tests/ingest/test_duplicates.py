"""The same story twice: same address, same text, near-identical text (MinHash candidates
confirmed on their shingles); different stories on one subject are not repeats."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import generator.ingest.duplicates as duplicates_module
from generator.commands import ingested
from generator.ingest.duplicates import (
    BANDS,
    NEAR,
    PERMUTATIONS,
    ROWS,
    DuplicateIndex,
    Signature,
    duplicates,
    minhash,
    shingles,
    signature,
    similarity,
)
from generator.ingest.paste import Metadata
from generator.model import PARAGRAPH, Article, Block
from tests.conftest import SHARED, needs_shared
from tests.ingest.webpages import STORIES


def article(path: str, *paragraphs: str, url: str = "") -> Article:
    blocks = tuple(Block(f"p{n}", PARAGRAPH, text) for n, text in enumerate(paragraphs, 1))
    return Article(id=Path(path).stem, path=path, title="T", blocks=blocks, url=url)


FERRY = article("ferry.md", *STORIES["ferry"].paragraphs)
ORCHARD = article("orchard.md", *STORIES["orchard"].paragraphs)


def one_word_changed(original: Article, path: str) -> Article:
    first, *rest = [b.text for b in original.blocks]
    return article(path, first.replace("Tuesday", "Wednesday"), *rest)


def test_a_one_word_edit_is_a_near_duplicate() -> None:
    index = DuplicateIndex([FERRY, ORCHARD])
    repeat = index.repeat_of(one_word_changed(FERRY, "copy.md"))
    assert repeat is not None and repeat.original is FERRY
    assert repeat.why.startswith("near-identical text: ") and repeat.why.endswith("% the same")
    assert not repeat.same_url and not repeat.same_text


def test_the_same_text_and_the_same_address() -> None:
    index = DuplicateIndex([FERRY, article("o.md", "Other words.", url="https://a.example/x")])
    same = index.repeat_of(article("again.md", *[b.text.upper() for b in FERRY.blocks]))
    assert same is not None and same.why == "same text" and same.same_text
    moved = index.repeat_of(article("m.md", "Changed.", url="https://a.example/x"))
    assert moved is not None and moved.why == "same url" and moved.same_url and not moved.same_text


def test_different_stories_are_not_repeats() -> None:
    index = DuplicateIndex([FERRY])
    assert index.repeat_of(ORCHARD) is None
    for story in STORIES.values():
        assert similarity(shingles(FERRY), shingles(article("x.md", *story.paragraphs))) in (
            0.0,
            1.0,
        )


def test_a_story_retold_with_half_its_text_new_is_not_a_repeat() -> None:
    half = article("half.md", *FERRY.blocks[0].text.split(". ")[:1], *STORIES["orchard"].paragraphs)
    assert similarity(shingles(FERRY), shingles(half)) < NEAR
    assert DuplicateIndex([FERRY]).repeat_of(half) is None


def test_a_removed_article_is_forgotten() -> None:
    index = DuplicateIndex([FERRY])
    index.remove("ferry.md")
    assert index.repeat_of(FERRY) is None
    index.add(FERRY)
    assert index.repeat_of(FERRY) is not None


def test_duplicates_in_order_name_the_first_copy() -> None:
    copy = one_word_changed(FERRY, "copy.md")
    found = duplicates([FERRY, ORCHARD, copy])
    assert [(c.path, r.original.path) for c, r in found] == [("copy.md", "ferry.md")]


@needs_shared
def test_a_one_word_edit_of_corpus_articles_is_reported() -> None:
    files = sorted((SHARED / "corpora").rglob("*.txt"))
    rng = random.Random(16)
    for path in rng.sample(files, 20):
        original = ingested(path, Metadata(), Path("/nowhere"))[0]
        words = [b.text for b in original.blocks]
        first = words[0].split()
        first[len(first) // 2] = "zebra"
        edited = article("edited.md", " ".join(first), *words[1:])
        repeat = DuplicateIndex([original]).repeat_of(edited)
        assert repeat is not None and repeat.original is original, path


def test_the_signature_is_datasketchs_minhash_byte_for_byte() -> None:
    from datasketch import MinHash

    for story in [FERRY, ORCHARD, one_word_changed(FERRY, "c.md"), article("e.md", "One.")]:
        grams = shingles(story)
        theirs = MinHash(num_perm=PERMUTATIONS, hashfunc=lambda s: int.from_bytes(s[:4], "little"))
        theirs.update_batch(sorted(grams))
        assert minhash(grams) == theirs.hashvalues.astype("<u4").tobytes()
    empty = MinHash(num_perm=PERMUTATIONS)
    assert minhash(frozenset()) == empty.hashvalues.astype("<u4").tobytes()


def test_the_bands_are_datasketchs_choice_for_the_candidates_threshold() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=PERMUTATIONS)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_signatures_are_made_once_per_article_and_shingles_only_for_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = one_word_changed(FERRY, "copy.md")
    signatures = {a.path: signature(a) for a in (FERRY, ORCHARD, copy)}
    asked: list[str] = []

    def signature_of(article: Article) -> Signature:
        asked.append(article.path)
        return signatures[article.path]

    read: list[str] = []
    real = duplicates_module.shingles
    monkeypatch.setattr(duplicates_module, "shingles", lambda a: read.append(a.path) or real(a))
    found = duplicates([FERRY, ORCHARD, copy], signature_of)
    assert [(c.path, r.original.path) for c, r in found] == [("copy.md", "ferry.md")]
    assert asked == ["ferry.md", "orchard.md", "copy.md"]
    assert sorted(read) == ["copy.md", "ferry.md"]  # the orchard is no candidate


def test_an_index_given_signatures_uses_them() -> None:
    """A signature from elsewhere (a cache) is what the index compares: the same signature for
    two texts makes the second a candidate, and an equal text key makes it the same text."""
    twin = Signature(signature(FERRY).text, signature(FERRY).minhash)
    index = DuplicateIndex([FERRY], signature_of=lambda a: twin)
    repeat = index.repeat_of(ORCHARD)
    assert repeat is not None and repeat.why == "same text"
