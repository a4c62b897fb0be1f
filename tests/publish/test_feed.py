"""What's new and the Atom feed (generator.publish.feed) from a hostile published.json (red-team
item 13): whatever the labels say, the feed is well-formed XML and the what's-new page shows them
as text. (A manifest holding a value of the wrong type or form is corrupt: tests/publish/
test_manifest.py.)"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import PARAGRAPH, Article, Block, Dossier, Person, Span
from generator.publish.feed import feed_page, latest_changes, whatsnew_page
from generator.publish.manifest import Published, parse_published
from generator.site.render import template_environment
from tests.conftest import ROOT
from tests.publish.test_manifest import manifest_json, record_json

ATOM = "{http://www.w3.org/2005/Atom}"
ARTICLE = Article(
    "a1", "a1.md", "First", (Block("p1", PARAGRAPH, "Ann Lee spoke."),), published="2024-01-02"
)
ANN = Person("ann-lee", "Ann Lee", (), "subject", (Span("a1", "p1", 0, 7, "Ann Lee"),))
DOSSIER = Dossier((ARTICLE,), (ANN,), (), ())
HOSTILE = [
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; &#60;",
    "]]> <![CDATA[ x ]]>",
    "\"double\" 'single'",
    "</content></entry><entry>",
    '{: onclick="alert(1)" }',
    "[x](javascript:alert(1))",
]


def labelled(label: str) -> Published:
    items = [["a1", label, "articles/a1.md"], ["gone", label, "articles/gone.md"]]
    people = [["ann-lee", label, "people/ann-lee.md"]]
    quotes = [["a1-q1", label, "articles/a1.md#p1"]]
    data = manifest_json(
        [record_json(articles=items, people=people, quotes=quotes, counts=[2, 1, 1])]
    )
    return parse_published(json.dumps(data))


def feed_labels(state: Published) -> list[str]:
    """The text of every item of the feed's entries, after parsing the XML and its HTML."""
    feed = ET.fromstring(feed_page(state, DOSSIER, "Dossier").text)
    labels = []
    for entry in feed.findall(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.text is not None
        html = ET.fromstring(f"<div>{content.text}</div>")
        labels += ["".join(li.itertext()) for li in html.iter("li")]
    return labels


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def whatsnew_html(state: Published) -> _Page:
    text = whatsnew_page(template_environment(ROOT / "templates"), state, DOSSIER).text
    page = _Page()
    page.feed(markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"]))
    return page


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_text_in_the_feed_and_on_the_page(label: str) -> None:
    state = labelled(label)
    assert feed_labels(state) == [label] * 3  # the item of a deleted article is dropped
    page = whatsnew_html(state)
    assert {tag for tag, _ in page.tags} <= {"h1", "h2", "h3", "p", "ul", "li", "a"}
    assert all(name in ("href", "id") for _, attrs in page.tags for name in attrs)
    assert "".join(page.text).count(label) == 3


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_label_gives_a_well_formed_feed_or_a_corrupt_manifest(label: str) -> None:
    try:
        state = labelled(label)
    except ValueError:
        return
    assert feed_labels(state) == [label] * 3


def test_the_valid_manifest_of_these_tests_is_read() -> None:
    state = parse_published(json.dumps(manifest_json()))
    assert state.history[0].quotes[0].page == "articles/a1.md#p1"
    assert feed_labels(state) == ["First", "Ann Lee", "“We spoke.” — Ann Lee"]


def test_what_a_build_added_that_is_gone_since_is_dropped_and_not_counted() -> None:
    items = [["gone", "Gone article", "articles/gone.md"]]
    people = [["old-name", "Old Name", "people/old-name.md"]]
    data = manifest_json(
        [
            record_json(people=[], quotes=[], counts=[1, 0, 0]),
            record_json(id="1" * 16, articles=items, people=people, quotes=[], counts=[3, 1, 0]),
        ]
    )
    state = parse_published(json.dumps(data))
    text = whatsnew_page(template_environment(ROOT / "templates"), state, DOSSIER).text
    assert "Gone article" not in text and "Old Name" not in text
    assert "New articles (2)" in text  # the two not listed may still be there
    assert "New people" not in text
    feed = feed_page(state, DOSSIER, "Dossier").text
    assert "Gone article" not in feed and "Old Name" not in feed


def test_the_home_page_gets_the_latest_build_that_added_something() -> None:
    assert latest_changes(Published(), DOSSIER) is None
    items = [["a1", "First", "articles/a1.md"], ["gone", "Gone", "articles/gone.md"]]
    data = manifest_json([record_json(articles=items, people=[], quotes=[], counts=[9, 0, 0])])
    news = latest_changes(parse_published(json.dumps(data)), DOSSIER)
    assert news is not None
    assert news["articles"] == {"items": [("First", "articles/a1.md")], "more": 7, "count": 8}
    assert news["organisations"]["count"] == 0 and news["whatsnew"] == "whatsnew.md"
