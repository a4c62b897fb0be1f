"""Web pages -> Article: the article's text, headings, captions with credits and metadata,
none of the page's chrome; a page with no article is refused. The Wikinews articles of
../shared, dressed as web pages, survive the round trip."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from lxml import etree

from generator.cli import main
from generator.errors import ContentError
from generator.ingest.html import figure_caption, is_html, page_article
from generator.ingest.paste import Metadata
from generator.ingest.reader import read_article
from generator.model import CAPTION, HEADING, PARAGRAPH
from tests.conftest import SHARED, needs_shared
from tests.ingest.webpages import CHROME, NO_ARTICLE_PAGE, STORIES, Story, article_page

FERRY = STORIES["ferry"]


def article_text(article: object) -> str:
    blocks = article.blocks  # type: ignore[attr-defined]
    return "\n".join(f"{b.text} {b.credit}" for b in blocks)


def test_an_article_page_gives_its_text_headings_captions_and_metadata() -> None:
    article = page_article(article_page(FERRY), "ferry.html", "ferry")
    assert article.title == FERRY.title
    assert article.author == FERRY.author
    assert article.published == FERRY.date
    assert article.publisher == "The Coastal Ledger"
    assert article.url == "https://ledger.example/news/ferry"
    kinds = [(b.kind, b.text, b.credit) for b in article.blocks]
    p1, p2, p3, p4 = FERRY.paragraphs
    (c1, k1), (c2, k2) = FERRY.captions
    assert kinds == [
        (PARAGRAPH, p1, ""),
        (CAPTION, c1, k1),
        (PARAGRAPH, p2, ""),
        (HEADING, FERRY.heading, ""),
        (PARAGRAPH, p3, ""),
        (CAPTION, c2, k2),
        (PARAGRAPH, p4, ""),
    ]


def test_no_chrome_reaches_the_article() -> None:
    text = article_text(page_article(article_page(FERRY), "ferry.html", "ferry"))
    assert [c for c in CHROME if c.casefold() in text.casefold()] == []


def test_options_override_what_the_page_says() -> None:
    meta = Metadata(title="Ferry Line Approved", author="Desk", published="2024-03-06")
    article = page_article(article_page(FERRY), "ferry.html", "ferry", meta)
    assert (article.title, article.author, article.published) == (
        "Ferry Line Approved",
        "Desk",
        "2024-03-06",
    )


def test_a_page_with_no_article_is_refused_by_name() -> None:
    with pytest.raises(ContentError, match=r"home\.html: no article text found in this page"):
        page_article(NO_ARTICLE_PAGE, "home.html", "home")


def test_html_is_recognised_by_its_first_bytes() -> None:
    assert is_html(b"\xef\xbb\xbf\n<!DOCTYPE html><html>")
    assert is_html(b"  <html lang='en'>")
    assert not is_html(b"Talks Resume\n\nAnna Berg met <b>Tomas</b>.")


@pytest.mark.parametrize(
    ("markup", "caption", "credit"),
    [
        ('A quay. <span class="credit">Photo: J. Ek/Ledger</span>', "A quay.", "J. Ek/Ledger"),
        ("A quay. <cite>Reuters</cite>", "A quay.", "Reuters"),
        (
            "A quay at dawn. (Anna Holm/Coastal Agency)",
            "A quay at dawn.",
            "Anna Holm/Coastal Agency",
        ),
        ("A quay at dawn. Photograph: Anna Holm", "A quay at dawn.", "Anna Holm"),
        ('<span itemprop="copyrightHolder">AFP</span> A quay.', "A quay.", "AFP"),
        ("A quay at dawn.", "A quay at dawn.", ""),
    ],
)
def test_a_caption_and_its_credit(markup: str, caption: str, credit: str) -> None:
    element = etree.fromstring(f"<figcaption>{markup}</figcaption>")
    found = figure_caption(element)
    assert (found.caption, found.credit) == (caption, credit)


def test_add_a_saved_page_writes_the_article_file(tmp_path: Path) -> None:
    saved = tmp_path / "saved page.htm"
    saved.write_text(article_page(FERRY), encoding="utf-8")
    assert main(["--root", str(tmp_path), "add", str(saved)]) == 0
    (path,) = (tmp_path / "content" / "articles").glob("*.md")
    assert path.name == "2024-03-05-harbour-council-approves-new-ferry-line.md"
    article = read_article(path)[0]
    assert article.title == FERRY.title and len(article.blocks) == 7


# -- Wikinews, dressed as web pages -----------------------------------------------------------

WIKINEWS = SHARED / "corpora" / "wikinews"
SENTENCE_END = re.compile(r"[.!?'\"”’)]$")


def wikinews_story(path: Path) -> Story:
    """A corpus article (line 1 the title, then paragraphs) as a Story for `article_page`;
    its first paragraph-length line that does not end a sentence becomes its heading."""
    title, *paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
    body = tuple(" ".join(p.split()) for p in paragraphs if p.strip())
    return Story(path.stem, title, "Wikinews", "2020-01-01", body)


def surviving(story: Story, article_blocks: list[str]) -> float:
    """The share of the story's paragraphs found whole among the article's blocks."""
    found = set(article_blocks)
    return sum(p in found for p in story.paragraphs) / len(story.paragraphs)


@needs_shared
@pytest.mark.shared
def test_wikinews_pages_round_trip_through_add(tmp_path: Path) -> None:
    files = sorted(WIKINEWS.glob("[0-9]*.txt"))
    assert len(files) == 40
    scores = []
    for path in files:
        story = wikinews_story(path)
        saved = tmp_path / "pages" / f"{path.stem}.html"
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(article_page(story), encoding="utf-8")
        assert main(["--root", str(tmp_path), "add", str(saved)]) == 0, path
        written = sorted((tmp_path / "content" / "articles").glob("*.md"))
        article = read_article(max(written, key=lambda p: p.stat().st_mtime_ns))[0]
        assert article.title == story.title.strip(), path
        text, source = article_text(article).casefold(), path.read_text(encoding="utf-8").casefold()
        leaked = [c for c in CHROME if c.casefold() in text and c.casefold() not in source]
        assert not leaked, (path, leaked)
        scores.append(surviving(story, [html.unescape(b.text) for b in article.blocks]))
    mean = sum(scores) / len(scores)
    print(f"wikinews round trip: {mean:.3f} of body paragraphs intact, worst {min(scores):.3f}")
    assert mean >= 0.95
