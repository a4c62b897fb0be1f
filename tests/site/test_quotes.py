"""The quotes split by month, with an index of months and speakers (generator/site/quotes.py)."""

from __future__ import annotations

import re

import pytest

from generator.model import (
    PARAGRAPH,
    Article,
    Block,
    Dossier,
    DossierQuote,
    KeptPage,
    Page,
    Person,
    Quote,
)
from generator.site import paths, quotes
from generator.site.index import SiteIndex
from generator.site.quotes import UNDATED, month_of, month_parts, quotes_by_month, quotes_index
from generator.site.render import render
from tests.site.inline import TEMPLATES, span_of

SAID = "Ada Quill said the bridge would open. Ada Quill said the road would close."


def dossier() -> Dossier:
    """One speaker quoted in three articles: two of August 2024 and one undated."""
    articles, quotes, mentions = [], [], []
    for number, published in enumerate(("2024-08-02", "2024-08-20", "")):
        ident = f"a{number}"
        articles.append(
            Article(
                ident,
                f"{ident}.md",
                f"Story {number}",
                (Block("p1", PARAGRAPH, SAID),),
                published=published,
            )
        )
        mentions.append(span_of(SAID, "Ada Quill", ident, "p1"))
        for words in ("the bridge would open", "the road would close"):
            quotes.append(
                DossierQuote(
                    f"{ident}-q{len(quotes)}", Quote(span_of(SAID, words, ident, "p1"), "ada-quill")
                )
            )
    person = Person("ada-quill", "Ada Quill", (), "subject", tuple(mentions))
    return Dossier(tuple(articles), (person,), (), tuple(quotes))


@pytest.mark.parametrize(
    ("published", "month"),
    [("2024-08-07", "2024-08"), ("2024-12", "2024-12"), ("", UNDATED), ("2024-13-01", UNDATED)],
)
def test_the_month_of_an_article(published: str, month: str) -> None:
    assert month_of(published) == month


def test_quotes_are_grouped_by_month_newest_article_first_and_undated_last() -> None:
    months = quotes_by_month(SiteIndex(dossier()))
    assert list(months) == ["2024-08", UNDATED]
    assert [q.id for q in months["2024-08"]] == ["a1-q2", "a1-q3", "a0-q0", "a0-q1"]
    assert [q.id for q in months[UNDATED]] == ["a2-q4", "a2-q5"]


def test_the_index_lists_months_and_speakers_with_their_counts() -> None:
    index = quotes_index(SiteIndex(dossier()))
    assert index["months"] == [
        ("August 2024", "2024-08.md", 4, []),
        ("Undated articles", "undated.md", 2, []),
    ]
    assert [(s["name"], s["href"], s["count"]) for s in index["speakers"]] == [
        ("Ada Quill", "../people/ada-quill.md#quotes", 6)
    ]


def test_every_quote_is_on_exactly_one_month_page_which_links_its_neighbours() -> None:
    pages = {p.path: p.text for p in render(dossier(), TEMPLATES) if isinstance(p, Page)}
    august, undated = pages[paths.quotes_month("2024-08")], pages[paths.quotes_month(UNDATED)]
    assert august.count("{: #a") == 4 and undated.count("{: #a") == 2
    assert "older: [Undated articles](undated.md)" in august
    assert "newer: [August 2024](2024-08.md)" in undated
    assert "[All months and speakers](index.md)" in august
    assert "[August 2024](2024-08.md)" in pages[paths.QUOTES]


def test_a_month_page_whose_text_is_unchanged_is_kept() -> None:
    first = {p.path: p for p in render(dossier(), TEMPLATES)}
    month = paths.quotes_month("2024-08")
    kept = {path: p.inputs for path, p in first.items() if p.inputs}
    assert month in kept and paths.QUOTES in kept
    again = {p.path: p for p in render(dossier(), TEMPLATES, kept=kept)}
    assert isinstance(again[month], KeptPage) and isinstance(again[paths.QUOTES], KeptPage)
    changed = {**kept, month: "text:something else"}
    assert isinstance({p.path: p for p in render(dossier(), TEMPLATES, kept=changed)}[month], Page)


# -- a busy month, split ---------------------------------------------------------------------------

SPEAKERS = ("Ada Quill", "Ben Bloom", "Nia Noon", "Zed Zane", "Mo Moss", "Ann Adams")


def busy(speakers: tuple[str, ...], published: str = "") -> Dossier:
    """One article per quote, all of one month: each speaker quoted once, and one quote that
    names no speaker."""
    articles, quotes, people = [], [], []
    for number, name in enumerate((*speakers, "")):
        ident, said = f"a{number}", f"{name or 'Someone'} said the bridge would open."
        articles.append(
            Article(
                ident, f"{ident}.md", f"Story {number}", (Block("p1", PARAGRAPH, said),), published
            )
        )
        speaker = name.lower().replace(" ", "-") if name else None
        quotes.append(
            DossierQuote(
                f"{ident}-q1", Quote(span_of(said, "the bridge would open", ident, "p1"), speaker)
            )
        )
        if name:
            people.append(Person(speaker, name, (), "subject", (span_of(said, name, ident, "p1"),)))
    return Dossier(tuple(articles), tuple(people), (), tuple(quotes))


def quote_pages(dossier: Dossier) -> dict[str, str]:
    return {
        p.path: p.text
        for p in render(dossier, TEMPLATES)
        if isinstance(p, Page) and p.path.startswith("quotes/")
    }


def test_a_month_of_the_most_quotes_stays_one_page_and_one_more_is_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quotes, "QUOTES_PER_PAGE", 7)
    assert sorted(quote_pages(busy(SPEAKERS))) == [paths.QUOTES, paths.quotes_month(UNDATED)]
    monkeypatch.setattr(quotes, "QUOTES_PER_PAGE", 6)
    assert sorted(quote_pages(busy(SPEAKERS))) == [
        paths.QUOTES,
        paths.quotes_month(UNDATED),
        paths.quotes_part(UNDATED, "speakers"),
        paths.quotes_part(UNDATED, "unnamed"),
    ]


def test_each_quote_anchor_is_on_the_part_of_its_speaker_and_parts_link_each_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quotes, "QUOTES_PER_PAGE", 4)
    pages = quote_pages(busy(SPEAKERS))
    first, second = (
        paths.quotes_part(UNDATED, "speakers-a-m"),
        paths.quotes_part(UNDATED, "speakers-n-z"),
    )
    unnamed = paths.quotes_part(UNDATED, "unnamed")
    anchors = {path: re.findall(r"\{: #(a\d+-q1) ", text) for path, text in pages.items()}
    assert anchors[first] == ["a1-q1", "a4-q1", "a5-q1"]  # Bloom, Moss, Adams
    assert anchors[second] == ["a0-q1", "a2-q1", "a3-q1"]  # Quill, Noon, Zane
    assert anchors[unnamed] == ["a6-q1"]
    assert anchors[paths.quotes_month(UNDATED)] == anchors[paths.QUOTES] == []
    parts = month_parts(
        SiteIndex(busy(SPEAKERS)), UNDATED, quotes_by_month(SiteIndex(busy(SPEAKERS)))[UNDATED]
    )
    assert [(p.path, p.title) for p in parts] == [
        (first, "speakers A–M"),
        (second, "speakers N–Z"),
        (unnamed, "no named speaker"),
    ]
    assert "# Quotes: Undated articles, speakers N–Z" in pages[second]
    assert (
        "previous: [speakers A–M](speakers-a-m.md) · next: [no named speaker](unnamed.md)"
        in pages[second]
    )
    assert "[Undated articles, all parts](../undated.md)" in pages[second]
    assert "[All months and speakers](../index.md)" in pages[second]
    assert "- [speakers N–Z](undated/speakers-n-z.md)" in pages[paths.quotes_month(UNDATED)]
    assert "    - [speakers N–Z](undated/speakers-n-z.md)" in pages[paths.QUOTES]
    assert 'class="quote-filter"' in pages[second]


def test_a_quote_added_under_b_leaves_the_part_n_z_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quotes, "QUOTES_PER_PAGE", 4)
    before = quote_pages(busy(SPEAKERS))
    after = quote_pages(busy((*SPEAKERS, "Bo Brand")))
    unchanged = paths.quotes_part(UNDATED, "speakers-n-z")
    assert after[unchanged] == before[unchanged]
    changed = paths.quotes_part(UNDATED, "speakers-a-m")
    assert after[changed] != before[changed] and "{: #a6-q1 " in after[changed]
