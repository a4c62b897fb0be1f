"""`dossier build --offline`: a site that opens from disk (file://) in Chromium, links, graph and
all, with nothing fetched from anywhere else."""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devkit.browser import opened_page
from generator.cli import main
from tests.conftest import ROOT, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


@functools.cache
def offline_site() -> Path:
    project = Path(tempfile.mkdtemp(prefix="dossier-offline-"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, project / name)
    assert main(["--root", str(project), "build", "--strict", "--offline"]) == 0
    return project / "site"


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    with opened_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        yield page


def test_no_page_links_to_a_folder() -> None:
    folder = re.compile(r'href="(?![a-z]+:)[^"#?]*/"')
    for html in offline_site().rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in text:  # the redirect pages of old addresses
            assert not folder.search(text), html


def test_a_link_from_the_home_page_opens_a_profile_from_disk(page: Any) -> None:
    page.goto((offline_site() / "index.html").as_uri())
    page.locator("a[href$='people/index.html']").first.click()
    page.wait_for_url(re.compile(r"people/index\.html$"))
    page.locator("a[href$='sergei-shoigu.html']").first.click()
    page.wait_for_url(re.compile(r"sergei-shoigu\.html$"))
    assert page.locator("h1").inner_text().strip() == "Sergei Shoigu"
    assert all(url.startswith("file://") for url in page.requests), page.requests


def test_the_graph_draws_from_disk_and_links_to_page_files(page: Any) -> None:
    page.goto((offline_site() / "index.html").as_uri())
    graph = page.locator(".dossier-graph[data-nodes]").first
    graph.wait_for(timeout=10_000)
    assert int(str(graph.get_attribute("data-nodes"))) > 5
    href = graph.evaluate("e => e.dossierGraph.nodes()[0].data('href')")
    assert href.startswith("file://") and href.endswith(".html")
    assert all(url.startswith("file://") for url in page.requests), page.requests


def test_search_says_it_needs_a_server(page: Any) -> None:
    page.goto((offline_site() / "timeline.html").as_uri())
    page.locator("body").press("/")
    assert "Serve the folder" in page.locator(".dossier-search").inner_text()
