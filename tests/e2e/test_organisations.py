"""Organisations end to end: a site built by the real pipeline from the article of
tests/organised.py, its analysis put in through the test-only seam (`with_organised_analysis`:
no model), then read in Chromium; and their stable addresses, redirects, curation and
incremental builds."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from devkit.browser import serve
from generator.cli import main
from generator.publish.manifest import span_key
from generator.publish.redirects import (
    TO_ORGANISATION,
    derived_organisation_redirects,
    derived_redirects,
    redirect_pages,
)
from generator.resolve.dossier import resolve
from tests.conftest import ROOT, needs_chromium
from tests.e2e.test_browser import Visit, search, visiting
from tests.e2e.test_incremental import copy_inputs, tree
from tests.organised import (
    ARTICLE,
    ARTICLE_ID,
    MDC,
    MINISTRY,
    organised_analysis,
    with_organised_analysis,
)

MDC_PAGE = f"organisations/{MDC}/"
MINISTRY_PAGE = f"organisations/{MINISTRY}/"
ARTICLE_PAGE = f"articles/{ARTICLE_ID}/"


def organised_project(where: Path) -> Path:
    """The project's configuration, templates and pages, with ARTICLE as its only article."""
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", where / "templates")
    shutil.copytree(ROOT / "content", where / "content", ignore=shutil.ignore_patterns("*.md"))
    (where / "content" / "articles" / f"{ARTICLE_ID}.md").write_text(ARTICLE, encoding="utf-8")
    return where


def build(root: Path, *extra: str, status: int = 0) -> None:
    with with_organised_analysis():
        assert main(["--root", str(root), "build", "--strict", *extra]) == status


@pytest.fixture()
def organised(tmp_path: Path) -> Path:
    return organised_project(tmp_path)


# -- the build ----------------------------------------------------------------------------------


def test_the_build_makes_a_page_per_organisation_and_an_index(organised: Path) -> None:
    build(organised)
    site = organised / "site"
    for page in (MDC_PAGE, MINISTRY_PAGE, "organisations/"):
        assert (site / page / "index.html").is_file(), page
    # Pagefind indexes the page as an organisation, its acronym among the names weighed most.
    page = (site / MDC_PAGE / "index.html").read_text(encoding="utf-8")
    assert '<span data-pagefind-filter="kind" hidden>organisation</span>' in page
    names = re.search(
        r'<p class="dossier-search-names" data-pagefind-weight="\d+" hidden>(.*?)</p>', page
    )
    assert names is not None and "MDC" in names.group(1).split(" · ")
    assert (site / "pagefind" / "profiles" / "pagefind-entry.json").is_file()


def test_a_renamed_organisation_keeps_its_old_address(organised: Path) -> None:
    build(organised)
    curation = organised / "content" / "curation.yml"
    curation.write_text(
        "organisations:\n  rename:\n    - {id: movement-for-democratic-change, name: MDC Party}\n",
        encoding="utf-8",
    )
    build(organised)
    moved = organised / "site" / MDC_PAGE / "index.html"
    assert 'url=../mdc-party/"' in moved.read_text(encoding="utf-8")
    assert (organised / "site" / "organisations" / "mdc-party" / "index.html").is_file()
    curation.write_text("", encoding="utf-8")
    build(organised)  # the name is back: its page again, and no redirect in its place
    assert "<h1" in moved.read_text(encoding="utf-8")
    cache = json.loads((organised / ".cache" / "dossier" / "published.json").read_text())
    assert cache["organisation_redirects"] == {"mdc-party": MDC}
    assert (organised / "site" / "organisations" / "mdc-party" / "index.html").is_file()


def test_an_incremental_build_with_organisations_equals_a_full_one(
    organised: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    build(organised, "--no-site")
    curation = organised / "content" / "curation.yml"
    curation.write_text(
        "organisations:\n  set:\n    - {id: radio-horizonte, kind: company, countries: [PT]}\n",
        encoding="utf-8",
    )
    build(organised, "--no-site")
    full = copy_inputs(organised, tmp_path_factory.mktemp("full"))
    build(full, "--no-cache", "--no-site")
    assert tree(organised / "build" / "docs") == tree(full / "build" / "docs")
    page = (organised / "build" / "docs" / "organisations" / "radio-horizonte.md").read_text()
    assert 'Portugal <small class="curated"' in page and "[Companies](index.md)" in page


def test_check_refuses_a_rename_onto_another_published_organisation(organised: Path) -> None:
    build(organised)  # published: its organisations are in the manifest
    (organised / "content" / "curation.yml").write_text(
        "organisations:\n  rename:\n    - {id: radio-horizonte, name: Ministry of Transport}\n",
        encoding="utf-8",
    )
    assert main(["--root", str(organised), "check"]) == 2
    build(organised, "--no-site", status=2)


def test_a_person_who_is_now_an_organisation_redirects_to_it() -> None:
    dossier = resolve([organised_analysis()])
    anchors = {"mdc-person": [span_key(dossier.organisation(MDC).mentions[1])]}
    found = derived_redirects(anchors, {"older": "mdc-person"}, dossier)
    assert found == {"mdc-person": TO_ORGANISATION + MDC, "older": TO_ORGANISATION + MDC}
    page = redirect_pages(found, dossier)[0]
    assert page.path == "people/mdc-person/index.html"
    assert f'url=../../{MDC_PAGE}"' in page.text
    gone = resolve([])
    assert derived_redirects(anchors, {"older": TO_ORGANISATION + MDC}, gone) == {}


def test_an_organisation_whose_mentions_went_to_another_redirects_to_it() -> None:
    dossier = resolve([organised_analysis()])
    anchors = {"mdc": [span_key(dossier.organisation(MDC).mentions[1])], MINISTRY: ["x#p1:0-1"]}
    earlier = {"older": "mdc", "gone": "nowhere"}
    found = derived_organisation_redirects(anchors, earlier, dossier)
    assert found == {"mdc": MDC, "older": MDC}
    pages = redirect_pages({}, dossier, found)
    assert [p.path for p in pages] == [
        "organisations/mdc/index.html",
        "organisations/older/index.html",
    ]
    assert f'url=../{MDC}/"' in pages[0].text


# -- in the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = organised_project(tmp_path_factory.mktemp("organised"))
    build(project)
    with serve(project / "site") as url:
        yield url


@pytest.fixture()
def visit(browser: Any, base_url: str) -> Iterator[Visit]:
    with visiting(browser, base_url) as visit:
        yield visit


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize(("query", "expected"), [("MDC", MDC), ("Horizonte", "radio-horizonte")])
def test_search_by_acronym_or_name_finds_the_organisation(
    visit: Visit, query: str, expected: str
) -> None:
    results = search(visit, query)
    assert results, f"no results for {query!r}"
    assert urlsplit(results[0]).path.endswith(f"/organisations/{expected}/"), results[:3]
    assert visit.offsite() == []


@pytest.mark.browser
@needs_chromium
def test_an_organisation_page_links_to_its_people(visit: Visit) -> None:
    page = visit.goto(MDC_PAGE)
    people = page.locator("h2#people + ul")
    people.get_by_role("link", name="Ana Ferreira").click()
    page.wait_for_url(re.compile(r"/people/ana-ferreira/$"))
    organisations = page.locator(".facts li", has_text="Organisation")
    assert organisations.get_by_role("link", name="Movement for Democratic Change").count() == 1
    assert visit.errors == []


@pytest.mark.browser
@needs_chromium
def test_an_organisation_page_links_each_quote_to_its_paragraph(visit: Visit) -> None:
    page = visit.goto(MINISTRY_PAGE)
    cards = page.locator(".quote-card")
    assert cards.count() == 1
    for n in range(cards.count()):
        card = visit.goto(MINISTRY_PAGE).locator(".quote-card").nth(n)
        words = card.locator("h3").inner_text().strip("“” \n")
        card.get_by_role("link", name="source", exact=True).click()
        page.wait_for_url(re.compile(rf"{re.escape(ARTICLE_PAGE)}#p\d+$"))
        target = page.locator(":target")
        assert words in target.inner_text()
        speaker = target.locator("sup.said-by a")
        assert str(speaker.get_attribute("href")).endswith(MINISTRY_PAGE)


@pytest.mark.browser
@needs_chromium
def test_organisations_draw_in_the_graph_and_no_request_leaves_the_site(visit: Visit) -> None:
    page = visit.goto(MDC_PAGE)
    graph = page.locator(".dossier-graph[data-nodes]").first
    graph.wait_for(timeout=10_000)
    shape = graph.evaluate(
        'e => e.dossierGraph.getElementById("organisation:' + MDC + '").style("shape")'
    )
    assert shape == "diamond"
    for path in ("", "organisations/", MINISTRY_PAGE, ARTICLE_PAGE, "quotes/", "people/"):
        visit.goto(path).wait_for_load_state("networkidle")
    search(visit, "MDC")
    assert any(url.endswith("/assets/graph.json") for url in visit.requests)
    assert visit.offsite() == []
    assert visit.errors == []
