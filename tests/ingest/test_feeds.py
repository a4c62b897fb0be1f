"""content/feeds.yml (every mistake named by its line) and the items of RSS and Atom feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.ingest.feeds import Feed, FeedItem, feed_items, load_feeds, parse_feeds, wanted
from tests.conftest import ROOT
from tests.ingest.webpages import STORIES, atom_feed, rss_feed


def test_the_feeds_file_lists_urls_with_optional_words() -> None:
    text = (
        "feeds:\n"
        "  - url: https://example.org/rss.xml\n"
        "    include: [Iran, Russia]\n"
        "    exclude: [podcast]\n"
        "  - url: https://example.org/atom.xml\n"
    )
    assert parse_feeds(text) == (
        Feed("https://example.org/rss.xml", ("Iran", "Russia"), ("podcast",), 2),
        Feed("https://example.org/atom.xml", (), (), 5),
    )


def test_the_projects_feeds_file_is_an_empty_example() -> None:
    assert load_feeds(ROOT / "content" / "feeds.yml") == ()
    assert load_feeds(ROOT / "content" / "no-such-file.yml") == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("feeds:\n  - url: example.org/rss\n", 2, "a feed's url must be a web address"),
        ("feeds:\n  - include: [x]\n", 2, "a feed has no 'url'"),
        ("feeds:\n  - url: https://a.example/f\n    inclde: [x]\n", 3, "unknown key 'inclde'"),
        ("feed:\n  - url: https://a.example/f\n", 1, "unknown key 'feed'"),
        ("feeds: https://a.example/f\n", 1, "'feeds' must be a list"),
        ("feeds:\n  - url: [\n", 3, "not valid YAML"),
        ("feeds:\n  - url: https://a.example/f\n    include: [[x]]\n", 3, "list words"),
    ],
)
def test_mistakes_are_named_with_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        parse_feeds(text, "content/feeds.yml")
    assert raised.value.line == line and message in raised.value.message


def test_rss_and_atom_items_in_order_with_their_dates() -> None:
    stories = [(STORIES["ferry"], "https://a.example/1"), (STORIES["choir"], "https://a.example/2")]
    rss = feed_items(rss_feed(stories).encode(), "rss")
    atom = feed_items(atom_feed(stories).encode(), "atom")
    assert (
        [i.url for i in rss]
        == [i.url for i in atom]
        == ["https://a.example/1", "https://a.example/2"]
    )
    assert rss[0].title == STORIES["ferry"].title and rss[0].published == "2024-03-05"
    assert atom[1].published == STORIES["choir"].date
    assert atom[0].summary == STORIES["ferry"].paragraphs[0]


def test_something_that_is_no_feed_is_refused() -> None:
    with pytest.raises(ContentError, match="not an RSS or Atom feed"):
        feed_items(b"just some text", "https://a.example/feed")


def test_items_are_filtered_by_whole_words_in_any_case() -> None:
    item = FeedItem("https://a.example/1", "Frost spares the orchards", "Growers count losses.")
    assert wanted(item, Feed("u"))
    assert wanted(item, Feed("u", include=("FROST", "flood")))
    assert not wanted(item, Feed("u", include=("fros",)))
    assert not wanted(item, Feed("u", exclude=("growers",)))


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ContentError, match="cannot read the feeds file"):
        load_feeds(path)
