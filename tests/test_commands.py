"""`dossier add` (files, folders, addresses) and `dossier pull` (feeds) against pages served on
127.0.0.1: exactly the expected articles, repeats skipped with the file they repeat, bad pages
refused with a clear message, and content/ untouched by a refusal."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands import add_sources, pull
from generator.ingest.reader import read_article
from tests.ingest.webpages import STORIES, Site, article_page, news_site_routes, serve, with_feeds


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve(news_site_routes()) as served:
        yield with_feeds(served)


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    (tmp_path / "dossier.yml").write_text("fetch_timeout: 1\n", encoding="utf-8")
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return tmp_path


def articles(root: Path) -> dict[str, str]:
    """File name -> title of every article of the project."""
    folder = root / "content" / "articles"
    return {p.name: read_article(p)[0].title for p in sorted(folder.glob("*.md"))}


def snapshot(root: Path) -> dict[str, str]:
    """Every file under content/ (hidden ones too) with a digest of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def run(root: Path, *arguments: str) -> int:
    return main(["--root", str(root), *arguments])


def test_add_url_writes_exactly_the_article(
    root: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(root, "add", site.url("/news/ferry")) == 0
    (name,) = articles(root)
    assert capsys.readouterr().out.strip().endswith(name)
    article = read_article(root / "content" / "articles" / name)[0]
    ferry = STORIES["ferry"]
    assert (article.title, article.author, article.published, article.publisher) == (
        ferry.title,
        ferry.author,
        ferry.date,
        "The Coastal Ledger",
    )
    assert article.url == "https://ledger.example/news/ferry"  # the page's canonical address
    assert [b.kind for b in article.blocks].count("caption") == 2


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/home", "no article text found in this page"),
        ("/huge", "more than the 10 MB a page may have"),
        ("/huge-declared", "more than the 10 MB a page may have"),
        ("/slow", "no answer within 1 s"),
        ("/loop", "redirects more than 5 times"),
        ("/report.pdf", "is application/pdf, not a web page"),
        ("/nowhere", "the server answered 404"),
    ],
)
def test_a_bad_page_is_refused_and_content_is_untouched(
    root: Path, site: Site, capsys: pytest.CaptureFixture[str], path: str, message: str
) -> None:
    assert run(root, "add", site.url("/news/orchard")) == 0
    before = snapshot(root)
    assert run(root, "add", site.url(path)) != 0
    err = capsys.readouterr().err
    assert site.url(path) in err and message in err
    assert snapshot(root) == before


def test_a_near_duplicate_page_is_skipped_naming_the_file_it_repeats(
    root: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(root, "add", site.url("/news/ferry")) == 0
    (name,) = articles(root)
    before = snapshot(root)
    assert run(root, "add", site.url("/news/ferry-copy")) == 1
    err = capsys.readouterr().err
    assert f"{name} has this article already (near-identical text: " in err
    assert snapshot(root) == before
    assert run(root, "add", "--force", site.url("/news/ferry-copy")) == 0
    assert list(articles(root)) == [name]  # replaced in place: the page keeps its address
    body = (root / "content" / "articles" / name).read_text(encoding="utf-8")
    assert "voted on Wednesday" in body


def test_add_takes_several_files_a_folder_and_addresses(
    root: Path, site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "saved"
    pages.mkdir()
    for slug in ("library", "marathon"):
        (pages / f"{slug}.html").write_text(article_page(STORIES[slug]), encoding="utf-8")
    (pages / "marathon again.htm").write_text(article_page(STORIES["marathon"]), encoding="utf-8")
    pasted = tmp_path / "bridge.txt"
    pasted.write_text(
        STORIES["bridge"].title + "\n\n" + "\n\n".join(STORIES["bridge"].paragraphs),
        encoding="utf-8",
    )
    code = run(root, "add", str(pages), str(pasted), site.url("/news/choir"), site.url("/home"))
    assert code == 2  # the page with no article
    assert sorted(articles(root).values()) == sorted(
        STORIES[s].title for s in ("library", "marathon", "bridge", "choir")
    )
    out, err = capsys.readouterr()
    assert out.count("added: ") == 4
    assert f"skipped: {pages}/marathon" in err  # one of the two copies
    assert "4 added, 1 skipped, 1 refused" in err


def test_options_describe_one_article_only(root: Path, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\nSome text here.\n", encoding="utf-8")
    with pytest.raises(Exception, match="--author describes one article"):
        list(add_sources(root, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], author="X"))


def test_pull_adds_the_new_items_of_rss_and_atom_feeds(
    root: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = f"feeds:\n  - url: {site.url('/rss.xml')}\n  - url: {site.url('/atom.xml')}\n"
    (root / "content" / "feeds.yml").write_text(feeds, encoding="utf-8")
    assert run(root, "pull") == 0  # a page with no article is reported, not an error
    expected = ("ferry", "orchard", "library", "marathon", "bridge", "choir")
    assert sorted(articles(root).values()) == sorted(STORIES[s].title for s in expected)
    out, err = capsys.readouterr()
    assert out.count("added: ") == 6
    assert "ferry-copy: " in err and "near-identical text" in err
    assert "choir-copy: " in err
    assert f"refused: {site.url('/home')}: no article text found" in err
    assert "6 added, 3 skipped, 1 refused" in err  # the library again: same url, same text
    before = snapshot(root)
    assert run(root, "pull") == 0  # a second run adds nothing
    assert snapshot(root) == before
    assert "0 added" not in capsys.readouterr().err


def test_pull_follows_include_and_exclude(root: Path, site: Site) -> None:
    feeds = (
        f"feeds:\n  - url: {site.url('/rss.xml')}\n    include: [frost, library, ferry]\n"
        "    exclude: [archive]\n"
    )
    (root / "content" / "feeds.yml").write_text(feeds, encoding="utf-8")
    outcomes = list(pull(root))
    assert [o.action for o in outcomes] == ["added", "added", "skipped"]  # ferry, orchard, copy
    assert sorted(articles(root).values()) == sorted(STORIES[s].title for s in ("ferry", "orchard"))


def test_pull_reports_a_feed_it_cannot_read(
    root: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = f"feeds:\n  - url: {site.url('/loop')}\n  - url: {site.url('/report.pdf')}\n"
    (root / "content" / "feeds.yml").write_text(feeds, encoding="utf-8")
    assert run(root, "pull") == 1
    err = capsys.readouterr().err
    assert "redirects more than 5 times" in err and "not a feed (RSS or Atom)" in err
    assert articles(root) == {}


def test_pull_without_feeds_says_how_to_list_them(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(root, "pull") == 0  # the scheduled workflow of a project without feeds
    assert "nothing to pull: content/feeds.yml lists no feed" in capsys.readouterr().err
    (root / "content" / "feeds.yml").write_text("feeds:\n  - url: nowhere\n", encoding="utf-8")
    assert run(root, "pull") == 2
    assert "feeds.yml:2: a feed's url must be a web address" in capsys.readouterr().err
