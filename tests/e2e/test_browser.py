"""The built site in a real browser (headless Chromium through Playwright), served on 127.0.0.1.

Skipped only when /usr/bin/chromium is absent and this is not CI; in CI (CI=true) they run
(`make test` installs Chromium through the `browser-deps` target).
`make screenshots` runs `test_screenshots` with DOSSIER_SCREENSHOTS=screenshots.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from devkit.browser import opened_page, search_results, serve
from tests.conftest import needs_chromium
from tests.sitebuild import built_site

SHOIGU = "people/sergei-shoigu/"
PEZESHKIAN = "people/masoud-pezeshkian/"
IRAN = "countries/iran/"
RUSSIA = "countries/russia/"
ARTICLE = "articles/2024-08-07-as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia/"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with serve(built_site()) as url:
        yield url


class Visit:
    """A browser page that records every request and every script error."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.base_url = base_url
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def goto(self, path: str) -> Any:
        self.page.goto(self.base_url + path)
        return self.page

    def offsite(self) -> list[str]:
        local = urlsplit(self.base_url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != local]


@contextmanager
def visiting(browser: Any, base_url: str) -> Iterator[Visit]:
    """A `Visit` of the site at `base_url` in a page of its own, closed on leaving."""
    with opened_page(browser, viewport={"width": 1280, "height": 800}) as page:
        yield Visit(page, base_url)


@pytest.fixture()
def visit(browser: Any, base_url: str) -> Iterator[Visit]:
    with visiting(browser, base_url) as visit:
        yield visit


def search(visit: Visit, query: str) -> list[str]:
    """Search with the site's search dialog (Pagefind); the result links, best first."""
    page = visit.goto("timeline/")  # a light page: no graph to load
    return search_results(page, query)


# An article of our own whose title and every paragraph repeat a surname: short and dense, it
# would outrank the person's page on its words alone.
REPEATING = (
    "2024-08-09-pezeshkian-week.md",
    """---
title: Pezeshkian in Tabriz as Pezeshkian week ends
publisher: Test Wire
published: 2024-08-09
---

President Masoud Pezeshkian spoke in Tabriz on Friday. Pezeshkian said the budget would wait.

Pezeshkian met the governor. Pezeshkian then met the mayor, and Pezeshkian left at noon.

Aides to Pezeshkian said Pezeshkian would return. Pezeshkian did not say when.

Pezeshkian, Pezeshkian, Pezeshkian: the crowd chanted the name as Pezeshkian drove away.
""",
)


@pytest.fixture(scope="session")
def repeating_url() -> Iterator[str]:
    with serve(built_site(REPEATING)) as url:
        yield url


def test_a_persons_page_outranks_an_article_repeating_the_surname(
    browser: Any, repeating_url: str
) -> None:
    name, text = REPEATING
    assert text.count("Pezeshkian") >= 12
    with visiting(browser, repeating_url) as visit:
        pages = [urlsplit(link).path for link in search(visit, "Pezeshkian")]
    article = "/articles/" + name.removesuffix(".md") + "/"
    assert any(page.endswith(article) for page in pages), pages
    assert pages[0].endswith("/" + PEZESHKIAN), pages[:3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Shoigu", SHOIGU),
        ("Sergei Shoigu", SHOIGU),
        ("Pezeshkian", PEZESHKIAN),
        ("bypass this topic", SHOIGU),
        ("Tehran", IRAN),
    ],
)
def test_search_lists_the_right_page_first(visit: Visit, query: str, expected: str) -> None:
    results = search(visit, query)
    assert results, f"no results for {query!r}"
    assert urlsplit(results[0]).path.endswith("/" + expected), results[:3]
    assert visit.offsite() == []


def test_following_a_mention_in_an_article_opens_the_profile(visit: Visit) -> None:
    page = visit.goto(ARTICLE)
    page.locator(f"#p7 a[href$='{SHOIGU}']").first.click()
    page.wait_for_url(re.compile(re.escape(SHOIGU) + "$"))
    assert page.locator("h1").inner_text().strip() == "Sergei Shoigu"
    assert visit.errors == []


def test_a_quotes_source_link_lands_on_its_paragraph(visit: Visit) -> None:
    page = visit.goto(SHOIGU)
    quote = page.locator(".quote-card", has_text="bypass this topic")
    quote.get_by_role("link", name="source", exact=True).click()
    page.wait_for_url(re.compile(r"#p10$"))
    target = page.locator(":target")
    assert target.get_attribute("id") == "p10"
    assert "bypass this topic" in target.inner_text()
    box, height = target.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height and box["y"] + box["height"] > 0
    # Not hidden under Material's sticky header.
    header = page.locator("header.md-header").bounding_box()
    assert header is not None and box["y"] >= header["y"] + header["height"] - 1


def test_a_profiles_footnote_links_to_the_paragraph_of_the_claim(visit: Visit) -> None:
    page = visit.goto(SHOIGU)
    page.locator(".facts li", has_text="Roles").locator("sup.cite a").first.click()
    page.wait_for_url(re.compile(r"#p6$"))
    assert "head of the Russian Security Council" in page.locator(":target").inner_text()


def test_quotes_in_an_article_are_marked_and_linked_to_their_speaker(visit: Visit) -> None:
    page = visit.goto(ARTICLE)
    marked = page.locator("#p10 span.quote")
    assert marked.count() == 2
    assert "Sergei Shoigu" in str(marked.first.get_attribute("title"))
    speaker = page.locator("#p10 sup.said-by a").first
    assert str(speaker.get_attribute("href")).endswith(SHOIGU)


@pytest.mark.parametrize(("path", "least", "most"), [("", 10, 30), (SHOIGU, 2, 13), (IRAN, 2, 13)])
def test_the_graph_draws_nodes(visit: Visit, path: str, least: int, most: int) -> None:
    page = visit.goto(path)
    graph = page.locator(".dossier-graph[data-nodes]").first
    graph.wait_for(timeout=10_000)
    nodes = int(str(graph.get_attribute("data-nodes")))
    assert least <= nodes <= most
    assert int(str(graph.get_attribute("data-edges"))) > 0
    assert graph.locator("canvas").count() > 0
    assert visit.errors == [] and visit.offsite() == []


def test_no_request_leaves_the_site(visit: Visit) -> None:
    for path in ("", SHOIGU, IRAN, ARTICLE, "people/", "countries/", "quotes/", "timeline/"):
        visit.goto(path).wait_for_load_state("networkidle")
    search(visit, "Pezeshkian")
    assert len(visit.requests) > 20
    assert any(url.endswith("/assets/graph.json") for url in visit.requests)
    assert visit.offsite() == []
    assert visit.errors == []


def test_screenshots(visit: Visit, tmp_path: Path) -> None:
    """Screenshots of the home, a person, a country and an article page (`make screenshots`)."""
    folder = Path(os.environ.get("DOSSIER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in [
        ("home", ""),
        ("person", PEZESHKIAN),
        ("country", IRAN),
        ("article", ARTICLE + "#p10"),
    ]:
        page = visit.goto(path)
        if page.locator(".dossier-graph").count():
            page.locator(".dossier-graph[data-nodes]").first.wait_for(timeout=10_000)
        page.screenshot(path=str(folder / f"{name}.png"))
        page.screenshot(path=str(folder / f"{name}-full.png"), full_page=True)
        assert (folder / f"{name}.png").stat().st_size > 10_000
    assert visit.errors == [] and visit.offsite() == []


def test_a_graph_node_opens_its_profile(visit: Visit) -> None:
    page = visit.goto(SHOIGU)
    graph = page.locator(".dossier-graph[data-nodes]").first
    graph.wait_for(timeout=10_000)
    where = graph.evaluate(
        """element => {
            const node = element.dossierGraph.getElementById("country:russia");
            const box = element.getBoundingClientRect();
            const at = node.renderedPosition();
            return {x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    page.mouse.click(where["x"], where["y"])
    page.wait_for_url(re.compile(re.escape(RUSSIA) + "$"))
    assert page.locator("h1").inner_text().strip().endswith("Russia")


def test_a_country_shows_its_flag_or_its_code(visit: Visit) -> None:
    page = visit.goto(IRAN)
    flag = page.locator(".facts .flag[data-code='IR']")
    assert flag.count() == 1
    no_emoji = "no-flag-emoji" in str(page.locator("html").get_attribute("class"))
    shown = flag.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == ('"IR"' if no_emoji else "none")


@pytest.mark.parametrize("path", [ARTICLE, SHOIGU, IRAN, "quotes/", ""])
def test_a_page_does_not_scroll_sideways_on_a_phone(browser: Any, base_url: str, path: str) -> None:
    with opened_page(browser, viewport={"width": 390, "height": 844}) as page:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        wide = page.evaluate(
            """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                [...document.querySelectorAll('.md-content *')]
                    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' +
                        Math.round(e.getBoundingClientRect().right))]"""
        )
    assert wide[0] <= wide[1], wide


def test_the_quotes_are_split_by_month_and_filtered_by_speaker(visit: Visit) -> None:
    page = visit.goto("quotes/")
    rows = page.locator(".quote-speakers tbody tr")
    everyone = rows.count()
    assert everyone > 3
    page.locator(".quote-filter input").fill("shoigu")
    assert [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()] == [
        "Sergei Shoigu"
    ]
    page.locator(".quote-filter input").fill("")
    assert sum(r.is_visible() for r in rows.all()) == everyone
    page.locator(".quote-months a").first.click()
    page.wait_for_url(re.compile(r"/quotes/\d{4}-\d{2}/$"))
    cards = page.locator(".quote-card")
    assert cards.count() > 3
    page.locator(".quote-filter input").fill("Pezeshkian")
    shown = [c.inner_text() for c in cards.all() if c.is_visible()]
    assert 0 < len(shown) < cards.count()
    assert all("Masoud Pezeshkian" in text for text in shown)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert visit.errors == [] and visit.offsite() == [] and height > 0


def test_the_home_page_leads_with_what_the_latest_build_added(visit: Visit) -> None:
    page = visit.goto("")
    first = page.locator(".md-content .panel").first
    assert "new in the latest build" in first.locator("h2").text_content().casefold()
    text = first.inner_text()
    assert "1 new article" in text and "14 new people" in text and "new quotes" in text
    assert first.locator("a", has_text="Every build in What's new").count() == 1
    assert page.locator(".panel-people h2").text_content() == "Key people"
    assert page.locator(".panel-organisations h2").text_content() == "Key organisations"


@pytest.mark.parametrize(("path", "width"), [("", 1280), (SHOIGU, 1280), ("", 390)])
def test_the_graphs_labels_do_not_overlap(
    browser: Any, base_url: str, path: str, width: int
) -> None:
    with opened_page(browser, viewport={"width": width, "height": 800}) as page:
        page.goto(base_url + path)
        graph = page.locator(".dossier-graph[data-nodes]").first
        graph.wait_for(timeout=10_000)
        found = graph.evaluate(
            """element => {
                const cy = element.dossierGraph;
                const shown = cy.nodes().filter(n => !n.hasClass("label-hidden"));
                const boxes = shown.map(n => [n.data("label"), n.renderedBoundingBox(
                    {includeNodes: false, includeEdges: false, includeLabels: true})]);
                const clash = [];
                boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
                    if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) clash.push([a, b]);
                }));
                const shapes = {};
                cy.nodes().forEach(n => { shapes[n.data("kind")] = n.style("shape"); });
                return {clash, shown: boxes.length, shapes};
            }"""
        )
    assert found["clash"] == []
    assert found["shown"] >= 3
    if not path:  # people, organisations and countries each drawn as their own shape
        assert found["shapes"] == {
            "person": "ellipse",
            "organisation": "diamond",
            "country": "round-rectangle",
        }


def test_a_countrys_search_result_shows_its_flag(visit: Visit) -> None:
    page = visit.goto("timeline/")
    assert search_results(page, "Tehran")[0].endswith("/" + IRAN)
    title = page.locator(".pagefind-ui__result-link").first.inner_text()
    no_emoji = "no-flag-emoji" in str(page.locator("html").get_attribute("class"))
    assert title == ("IR Iran" if no_emoji else "\U0001f1ee\U0001f1f7 Iran")
    # Neither the flag's code nor the names (the ranking's metadata) are listed as tags.
    assert page.locator(".pagefind-ui__result-tag").count() == 0


def test_keys_typed_in_a_burst_search_for_the_whole_query(visit: Visit) -> None:
    # The first key searches at once; the keys that follow it within 50 ms are held back and
    # searched together once the typing pauses: the results are those of the whole query.
    page = visit.goto("timeline/")
    page.locator("body").press("/")
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(timeout=10_000)
    box.press_sequentially("Pezeshkian", delay=5)
    page.wait_for_function(
        """() => {
            const shown = document.querySelector(".pagefind-ui__message");
            return shown && shown.textContent.trim().endsWith("for Pezeshkian")
                && !document.querySelector(".pagefind-ui__loading");
        }""",
        timeout=10_000,
    )
    first = page.locator(".pagefind-ui__result-link").first.get_attribute("href")
    assert urlsplit(str(first)).path.endswith("/" + PEZESHKIAN)
    assert visit.errors == []


def test_the_search_loads_its_ui_and_filters_before_it_is_opened(visit: Visit) -> None:
    # Pagefind's UI loads its Pagefind and the filters' counts when its box is first focused:
    # search.js has that done while the reader reads, not when the dialog opens.
    page = visit.goto("timeline/")
    for _ in range(100):
        if any(url.endswith(".pf_filter") for url in visit.requests):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("no filter was loaded before the search was opened")
    assert page.locator("dialog.dossier-search[open]").count() == 0
    assert visit.errors == []


def test_the_first_results_data_is_asked_for_before_the_others(visit: Visit) -> None:
    # Pagefind's UI asks for the data of every listed result at once: the first result's page
    # (its excerpts) is fetched alone, the others once it has come, so that it is painted first.
    fragments: list[tuple[float, float, str]] = []

    def finished(request: Any) -> None:
        if request.url.endswith(".pf_fragment"):
            timing = request.timing
            start = timing["startTime"]
            fragments.append((start, start + timing["responseEnd"], request.url))

    visit.page.on("requestfinished", finished)
    results = search(visit, "Iran")
    assert len(results) >= 3
    visit.page.wait_for_timeout(300)
    fragments.sort()
    assert len(fragments) >= 3
    first_end = fragments[0][1]
    assert all(start >= first_end for start, _end, _url in fragments[1:]), fragments
    assert visit.errors == []
