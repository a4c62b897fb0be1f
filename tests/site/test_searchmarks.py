"""The MkDocs plugin that marks pages for Pagefind (generator.site.searchmarks)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.site import paths, searchmarks
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("src_uri", "kind"),
    [
        (paths.person("sergei-shoigu"), "person"),
        ("organisations/state-department.md", "organisation"),
        (paths.country("iran"), "country"),
        (paths.article("2024-08-07-a-title"), "article"),
        (paths.quotes_month("2024-08"), "quote"),
        (paths.quotes_month("undated"), "quote"),
        (paths.quotes_part("undated", "speakers-a-m"), "quote"),
        (paths.quotes_part("2024-08", "unnamed"), "quote"),
        (paths.QUOTES, None),
        (paths.PEOPLE, None),
        (paths.HOME, None),
        (paths.TIMELINE, None),
        ("people/old/index.md", None),
        ("people/deeper/x.md", None),
    ],
)
def test_each_page_has_its_kind_and_index_pages_none(src_uri: str, kind: str | None) -> None:
    assert searchmarks.page_kind(src_uri) == kind


def test_an_article_is_dated_by_its_file_name() -> None:
    assert searchmarks.page_date("articles/2024-08-07-a-title.md") == "2024-08-07"
    assert searchmarks.page_date("articles/a-title.md") is None
    assert searchmarks.page_date("people/2024-08-07.md") == "2024-08-07"


def test_the_body_holds_the_filters_and_the_names_weighted_first() -> None:
    html = searchmarks.marked_body(
        "<h1>Ann Lee</h1>", "person", "2024-08-07", ["Ann Lee", "A&amp;B <i>"]
    )
    assert html.startswith("<div data-pagefind-body>")
    assert '<span data-pagefind-filter="kind" hidden>person</span>' in html
    assert '<span data-pagefind-filter="year" hidden>2024</span>' in html
    assert '<span data-pagefind-sort="date" hidden>2024-08-07</span>' in html
    assert 'data-pagefind-weight="10" hidden>Ann Lee · A&amp;B &lt;i&gt;</p>' in html


def test_names_are_the_tags_of_the_front_matter_as_text() -> None:
    assert searchmarks.search_names({"tags": ["Ann Lee", 1984, None, " "]}) == ["Ann Lee", "1984"]
    assert searchmarks.search_names({"tags": "Ann"}) == []
    assert searchmarks.search_names({}) == []


def test_mkdocs_yml_lists_the_plugin_and_the_build_does_not_add_it_twice(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))
    assert searchmarks.NAME in config.plugins
    assert "search" not in config.plugins  # Material's lunr search: replaced by Pagefind
    before = list(config.plugins)
    searchmarks.install(config)
    assert list(config.plugins) == before
    (found,) = entry_points(group="mkdocs.plugins", name=searchmarks.NAME)
    assert found.load() is searchmarks.SearchMarks


def test_sections_left_out_of_search_are_ignored_when_whole() -> None:
    html = (
        "<h1>Ann</h1><p>a</p><h2 id='q'>Quotes</h2><p>b</p>"
        "<h2 data-search-exclude id='m'>Mentions</h2><ul><li>x</li></ul>"
        "<h2 data-search-exclude>Open</h2><div><p>y</p>"
    )
    marked = searchmarks.without_repeated_sections(html)
    assert "<div data-pagefind-ignore><h2 data-search-exclude id='m'>Mentions</h2><ul>" in marked
    assert "<h2 id='q'>Quotes</h2><p>b</p><div data-pagefind-ignore>" in marked
    assert marked.endswith("<h2 data-search-exclude>Open</h2><div><p>y</p>")  # not closed


def test_a_country_page_marks_its_flag_for_the_search_results() -> None:
    html = '<p>Country: <span class="flag" data-code="IR" aria-hidden="true">x</span> Iran</p>'
    assert searchmarks.flag_code(html, "country") == "IR"
    assert searchmarks.flag_code(html, "person") is None
    marked = searchmarks.marked_body(html, "country", None, [], "IR")
    assert '<span data-pagefind-meta="flag" hidden>IR</span>' in marked


def test_the_names_are_metadata_and_written_once_more_per_doubling_of_mentions() -> None:
    html = searchmarks.marked_body("<h1>Ann Lee</h1>", "person", None, ["Ann Lee", "Lee"], None, 5)
    weighted = 'data-pagefind-weight="10" hidden>' + " · ".join(["Ann Lee · Lee"] * 3) + "</p>"
    assert weighted in html
    assert '<span data-pagefind-meta="names" hidden>Ann Lee · Lee</span>' in html
    assert "data-pagefind-meta" not in searchmarks.marked_body("<p>x</p>", "article", None, [])


@pytest.mark.parametrize(
    ("mentions", "repeats"), [(0, 1), (1, 1), (2, 2), (3, 2), (4, 3), (148, 8), (10**6, 8)]
)
def test_name_repeats_grow_with_the_log_of_the_mentions(mentions: int, repeats: int) -> None:
    assert searchmarks.name_repeats(mentions) == repeats


def test_the_mention_count_is_read_from_the_profiles_facts() -> None:
    facts = "<li><strong>In the dossier:</strong> 148 mentions in 42 articles · 64 quotes</li>"
    assert searchmarks.mention_count(facts) == 148
    one = "<li><strong>In the dossier:</strong> 1 mention in 1 article</li>"
    assert searchmarks.mention_count(one) == 1
    assert searchmarks.mention_count("<p>no facts</p>") == 1


@pytest.mark.parametrize(
    "page",
    [
        "people/sergei-shoigu.md",
        "countries/iran.md",
        "organised/organisations/movement-for-democratic-change.md",
    ],
)
def test_the_mention_count_is_found_in_the_html_of_a_golden_profile(page: str) -> None:
    text = (ROOT / "tests" / "golden" / page).read_text(encoding="utf-8")
    facts = next(line for line in text.splitlines() if "In the dossier:" in line)
    written = int(facts.split(":** ")[1].split()[0])
    html = markdown.markdown(facts)
    assert written > 1 and searchmarks.mention_count(html) == written
