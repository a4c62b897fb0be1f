"""Link check over the built site: every internal link and #anchor resolves, nothing is fetched
from another host, and every node of the graph data points at a page that exists."""

from __future__ import annotations

import json
import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.cli import main
from generator.site import quotes
from tests.sitebuild import ROOT, built_site

# Attributes that make the browser fetch something when the page is viewed.
FETCHED = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
}


@dataclass(frozen=True)
class Ref:
    page: Path
    tag: str
    attribute: str
    value: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.duplicates: list[str] = []
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                if value in self.ids and name == "id":
                    self.duplicates.append(value)
                self.ids.add(value)
            if name in ("href", "src"):
                self.refs.append((tag, name, value))


@dataclass
class SiteMap:
    site: Path
    ids: dict[Path, set[str]]
    refs: list[Ref]
    duplicate_ids: dict[Path, list[str]]


def site_map(site: Path) -> SiteMap:
    ids: dict[Path, set[str]] = {}
    refs: list[Ref] = []
    duplicates: dict[Path, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Collector()
        parser.feed(page.read_text(encoding="utf-8"))
        ids[page] = parser.ids
        refs += [Ref(page, tag, name, value) for tag, name, value in parser.refs]
        if parser.duplicates:
            duplicates[page] = parser.duplicates
    return SiteMap(site, ids, refs, duplicates)


def is_external(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc)


def target_file(site: Path, page: Path, path: str) -> Path:
    """The file a relative URL path opens (a folder means its index.html)."""
    if not path:
        return page
    base = "" if path.startswith("/") else posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    target = site / joined
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site_data: SiteMap) -> list[str]:
    problems = []
    for ref in site_data.refs:
        if is_external(ref.value) or ref.value.startswith(("javascript:", "data:")):
            continue
        parts = urlsplit(ref.value)
        target = target_file(site_data.site, ref.page, parts.path)
        where = f"{ref.page.relative_to(site_data.site)}: <{ref.tag} {ref.attribute}={ref.value!r}>"
        if not target.is_file():
            problems.append(f"{where}: no file {target.relative_to(site_data.site)}")
        elif (
            parts.fragment
            and target.suffix == ".html"
            and unquote(parts.fragment) not in site_data.ids.get(target, set())
        ):
            problems.append(f"{where}: no id {parts.fragment!r} in {target.name}")
    return problems


@pytest.fixture(scope="module")
def site() -> SiteMap:
    return site_map(built_site())


def test_every_internal_link_and_anchor_resolves(site: SiteMap) -> None:
    internal = [r for r in site.refs if not is_external(r.value)]
    anchored = [r for r in internal if "#" in r.value and not r.value.startswith("#")]
    # The seed article alone yields hundreds of links, many to paragraph anchors.
    assert len(internal) > 500 and len(anchored) > 100, (len(internal), len(anchored))
    assert broken_links(site) == []


def test_every_id_is_unique_on_its_page(site: SiteMap) -> None:
    """An anchor must name one place: a repeated id would make a source link ambiguous."""
    assert site.duplicate_ids == {}


def test_nothing_is_fetched_from_another_host(site: SiteMap) -> None:
    fetched = [r for r in site.refs if (r.tag, r.attribute) in FETCHED and is_external(r.value)]
    assert fetched == []
    for css in site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import url(http" not in text and "fonts.googleapis" not in text, css


def test_links_out_of_the_site_are_plain_links(site: SiteMap) -> None:
    external = [r for r in site.refs if is_external(r.value)]
    assert {r.tag for r in external} == {"a"}
    originals = {r.value for r in external if "original" in r.page.read_text(encoding="utf-8")}
    assert any(v.startswith("https://www.theepochtimes.com/") for v in originals)


def test_graph_nodes_link_to_pages_that_exist(site: SiteMap) -> None:
    data = json.loads((site.site / "assets" / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) > 10 and data["edges"]
    for node in data["nodes"]:
        assert (site.site / node["url"] / "index.html").is_file(), node
    count = len(data["nodes"])
    assert all(0 <= s < count and 0 <= t < count and s != t for s, t, _, _ in data["edges"])


def test_the_checker_finds_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="p1">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#p1">ok</a><a href="a/#p2">no anchor</a><a href="b/">no page</a>'
        '<a href="https://example.org/">external</a>',
        encoding="utf-8",
    )
    problems = broken_links(site_map(tmp_path))
    assert len(problems) == 2
    assert "no id 'p2'" in problems[0] and "no file b/index.html" in problems[1]


def test_search_indexes_each_text_once(site: SiteMap) -> None:
    """Pagefind indexes the profiles, articles and quotes pages only (not the index pages, which
    list every name), without the lists of links and text repeated from the articles; a quote
    weighs most on its speaker's profile (a heading there, body text on its month's quotes page)."""
    indexed = 0
    for entry in (site.site / "pagefind").glob("*/pagefind-entry.json"):  # a bundle per shard
        indexed += json.loads(entry.read_text("utf-8"))["languages"]["en"]["page_count"]
    marked = [p for p in site.site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert indexed == len(marked)
    assert not (site.site / "people" / "index.html").read_text("utf-8").count("data-pagefind-body")
    shoigu = (site.site / "people" / "sergei-shoigu" / "index.html").read_text("utf-8")
    for section in ("Mentions in context", "Sources", "Articles"):
        start = shoigu.rfind("<h2", 0, shoigu.index(f">{section}</h2>"))
        assert shoigu[:start].endswith("<div data-pagefind-ignore>"), section
    quotes = (site.site / "quotes" / "2024-08" / "index.html").read_text("utf-8")
    assert "data-search-exclude" not in quotes and 'data-pagefind-weight="1"' in quotes


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The committed content built with its month of quotes split into parts of at most 5."""
    project = tmp_path_factory.mktemp("split")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, project / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes, "QUOTES_PER_PAGE", 5)
        assert main(["--root", str(project), "build", "--strict"]) == 0
    yield project / "site"


def test_a_split_months_parts_link_resolve_and_are_searched(split_site: Path) -> None:
    site = site_map(split_site)
    assert broken_links(site) == [] and site.duplicate_ids == {}
    parts = sorted((split_site / "quotes" / "2024-08").glob("*/index.html"))
    assert len(parts) > 3
    cards = [p.read_text("utf-8").count('class="quote-card"') for p in parts]
    month = (split_site / "quotes" / "2024-08" / "index.html").read_text("utf-8")
    assert all(cards) and f"{sum(cards)} quotes, in {len(parts)} parts" in month
    assert "quote-card" not in month and "data-pagefind-body" not in month
    for part in parts:
        html = part.read_text("utf-8")
        assert 'data-pagefind-filter="kind" hidden>quote<' in html
        assert 'class="quote-filter"' in html
        assert f'href="{part.parent.name}/"' in month
