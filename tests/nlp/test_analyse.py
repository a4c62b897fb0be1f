"""The analyse stage (nlp.analyse): bylines and photo credits are credits, not subjects.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

import generator.nlp.analyse as analyse
from generator.nlp.analyse import BATCH, batch_sizes, parsed, pieces
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_byline_and_photographer_are_credits_and_agencies_are_nobody(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Talks resumed in Geneva on Monday.",
        author="Laura Finch",
        credit="Pierre Dumas/AFP via Getty Images",
    )
    dossier = resolve([a])
    credits = {p.name: p for p in dossier.people if p.kind == "credit"}
    assert set(credits) == {"Laura Finch", "Pierre Dumas"}
    assert not [p for p in dossier.people if p.name in {"AFP", "Getty Images"}]
    assert not subjects(dossier)


def test_a_text_over_the_limit_is_parsed_in_pieces_into_one_doc(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy holds about 1 GB per 100,000 characters of one text: a longer text (no news article
    is) is parsed in pieces and joined, the others whole."""
    monkeypatch.setattr(analyse, "LONG_TEXT", 400)
    monkeypatch.setattr(analyse, "PIECE", 150)
    short = "Anna Berg met Tomas Weller in Geneva."
    long = "\n\n".join(
        ["Anna Berg met Tomas Weller in Geneva on Monday. He said it went well."] * 8
    )
    docs = list(parsed(nlp, [short, long, short]))
    assert [d.text for d in docs] == [short, long, short]
    assert [t.text for t in docs[1]] == [t.text for t in nlp(long)]
    assert {e.text for e in docs[1].ents if e.label_ == "PERSON"} >= {"Anna Berg", "Tomas Weller"}
    assert len(list(docs[1].sents)) >= 16


@given(st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=300), st.integers(4, 40))
def test_pieces_make_up_the_text_and_are_no_longer_than_asked(text: str, size: int) -> None:
    cut = pieces(text, size)
    assert "".join(cut) == text
    assert all(0 < len(p) <= size for p in cut) or text == ""


@given(st.integers(0, 2000), st.integers(1, 8))
def test_batches_cover_the_articles_and_shrink_towards_the_end(count: int, processes: int) -> None:
    sizes = batch_sizes(count, processes)
    assert sum(sizes) == count
    assert all(0 < s <= BATCH for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert count < 4 * BATCH * processes or sizes[-processes:] <= [2] * processes


def test_a_worker_hands_the_heap_back_after_each_batch(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's parse arrays are freed with it, and the C heap's free pages handed back then:
    otherwise each worker kept the high-water mark of every batch before (measured: 170 MB to
    375 MB over 600 corpus articles)."""
    from generator.model import Article, Block
    from generator.nlp.layout import article_layout

    trims: list[int] = []
    monkeypatch.setattr(analyse, "trim_heap", lambda: trims.append(1))
    monkeypatch.setattr(analyse, "_worker_nlp", nlp)
    texts = ["Anna Berg met Tomas Weller in Geneva.", "Talks resumed in Oslo on Monday."]
    layouts = [
        article_layout(Article(f"a{i}", f"a{i}.md", f"Title {i}", (Block("p1", "paragraph", t),)))
        for i, t in enumerate(texts)
    ]
    analyses = analyse._analysed_batch(layouts)
    assert [a.article.id for a in analyses] == ["a0", "a1"]
    assert trims == [1]
