"""Incremental builds: identical output for identical input, addresses that do not move when
articles arrive, redirects for merged people, stale pages removed, and what's new."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import posixpath
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from devkit.browser import opened_page, serve
from generator.cli import main
from generator.model import (
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Dossier,
    PersonRef,
    Span,
)
from generator.publish.manifest import span_key
from generator.publish.redirects import derived_redirects, redirect_pages
from generator.resolve.dossier import resolve
from generator.resolve.ids import qualified, stable_ids
from tests.conftest import needs_chromium

NEW_ARTICLE = """---
title: Putin and Pezeshkian meet in Moscow
published: 2020-01-01
---

Russian President Vladimir Putin met Iranian President Masoud Pezeshkian in Moscow on Monday.

Kremlin spokesman Dmitry Peskov said the talks were "constructive and frank."
"""


def build(root: Path, *extra: str) -> None:
    assert main(["--root", str(root), "build", "--strict", *extra]) == 0


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_inputs(project: Path, where: Path) -> Path:
    """A copy of a project's inputs (configuration, templates, content) in `where`."""
    for name in ("mkdocs.yml", "templates", "content"):
        source = project / name
        if source.is_dir():
            shutil.copytree(source, where / name)
        else:
            shutil.copy(source, where / name)
    return where


def pages(root: Path, kind: str) -> set[str]:
    return {p.stem for p in (root / "build" / "docs" / kind).glob("*.md")} - {"index"}


# -- determinism -------------------------------------------------------------------------------


class NextYear(dt.datetime):
    """What MkDocs sees as "now" in the second build: a year later."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> NextYear:
        moment = dt.datetime.now(tz) + dt.timedelta(days=365)
        return cls.fromtimestamp(moment.timestamp(), tz)


def test_same_input_gives_identical_docs_and_site(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.utils

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(project)
    docs, site = tree(project / "build" / "docs"), tree(project / "site")
    build(project)  # again, with the cache and the previous build's manifest
    assert tree(project / "build" / "docs") == docs
    assert tree(project / "site") == site
    other = copy_inputs(project, tmp_path_factory.mktemp("other"))
    monkeypatch.setattr(mkdocs.utils, "datetime", NextYear)
    build(other, "--no-cache")  # elsewhere, from nothing, a year later as far as MkDocs knows
    assert tree(other / "build" / "docs") == docs
    assert tree(other / "site") == site
    assert "sitemap.xml" in site and "feed.xml" in docs and "whatsnew.md" in docs


def test_pages_of_people_who_are_gone_are_removed(project: Path) -> None:
    extra = project / "content" / "articles" / "2020-01-01-putin-and-pezeshkian.md"
    extra.write_text(NEW_ARTICLE, encoding="utf-8")
    build(project)
    assert "dmitry-peskov" in pages(project, "people")
    assert (project / "site" / "people" / "dmitry-peskov" / "index.html").is_file()
    extra.unlink()
    build(project)
    assert "dmitry-peskov" not in pages(project, "people")
    assert not (project / "site" / "people" / "dmitry-peskov").exists()


# -- stable addresses --------------------------------------------------------------------------


def test_a_new_article_moves_no_address_and_is_new(project: Path) -> None:
    build(project)
    before = pages(project, "people")
    countries = pages(project, "countries")
    whatsnew = (project / "build" / "docs" / "whatsnew.md").read_text(encoding="utf-8")
    extra = project / "content" / "articles" / "2020-01-01-putin-and-pezeshkian.md"
    extra.write_text(NEW_ARTICLE, encoding="utf-8")  # sorts before the seed article
    build(project)
    after = pages(project, "people")
    assert before <= after, f"addresses lost: {sorted(before - after)}"
    assert countries <= pages(project, "countries")
    assert "dmitry-peskov" in after - before
    new = (project / "build" / "docs" / "whatsnew.md").read_text(encoding="utf-8")
    latest = new.split("\n## ")[1]  # the newest build comes first
    assert "Putin and Pezeshkian meet in Moscow" in latest
    assert "Dmitry Peskov" in latest
    assert "Vladimir Putin" not in latest  # not new: he had a page already
    assert whatsnew.split("\n## ")[1] in new  # the previous build's record is still listed
    feed = ET.parse(project / "build" / "docs" / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 2
    ids = [e.findtext(f"{atom}id") or "" for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        dt.datetime.fromisoformat(entry.findtext(f"{atom}updated") or "")
    assert "dmitry-peskov" in (entries[0].findtext(f"{atom}content") or "")


def analysis(ident: str, *names: str) -> ArticleAnalysis:
    text = " and ".join(names) + " met."
    article = Article(ident, f"{ident}.md", ident, (Block("p1", PARAGRAPH, text),))
    refs, start = [], 0
    for name in names:
        span = Span(ident, "p1", start, start + len(name), name)
        refs.append(PersonRef(name, name, (), (span,)))
        start += len(name) + len(" and ")
    return ArticleAnalysis(article, tuple(refs), (), ())


def test_names_sharing_a_slug_do_not_depend_on_article_order() -> None:
    first = resolve([analysis("b-later", "Jose Perez")])
    assert [p.id for p in first.people] == ["jose-perez"]
    registry = {"jose-perez": "jose perez"}
    both = [analysis("a-earlier", "José Pérez"), analysis("b-later", "Jose Perez")]
    ids = {p.name: p.id for p in resolve(both, addresses=registry).people}
    assert ids["Jose Perez"] == "jose-perez"  # kept the address it had
    assert ids["José Pérez"] == qualified("jose-perez", "josé pérez")  # from its own name
    assert ids == {p.name: p.id for p in resolve(list(reversed(both)), addresses=registry).people}
    fresh = {p.name: p.id for p in resolve(both).people}  # no registry: still deterministic
    assert fresh == {p.name: p.id for p in resolve(list(reversed(both))).people}


def test_stable_ids_are_distinct_even_for_repeated_names() -> None:
    ids = stable_ids([("ann", "ann"), ("ann", "ann"), ("ann", "ANN x")], {})
    assert len(set(ids)) == 3
    assert stable_ids([("a-b", "a b"), ("a-b", "a. b")], {"a-b": "a. b"})[1] == "a-b"


# -- redirects ---------------------------------------------------------------------------------


def test_a_merge_leaves_a_working_redirect_page(project: Path, seed_dossier: Dossier) -> None:
    from generator.pipeline import previous_build, site_pages, source_date
    from generator.settings import load_settings
    from generator.store.writer import build_site, write_docs

    settings = load_settings(project)
    merged = dataclasses.replace(seed_dossier, redirects={"putin": "vladimir-putin"})
    pages_, _ = site_pages(settings, merged, previous_build(settings), "2024-08-07")
    write_docs(pages_, None, settings.path("docs_dir"))
    with source_date("2024-08-07"):
        build_site(project / "mkdocs.yml", settings.path("docs_dir"), project / "site", True)
    page = project / "site" / "people" / "putin" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../vladimir-putin/">' in html
    assert '<a href="../vladimir-putin/">' in html
    target = posixpath.normpath(posixpath.join("people/putin/", "../vladimir-putin/"))
    assert (project / "site" / target / "index.html").is_file()
    # The page names an icon the site has: without one the browser asks for /favicon.ico (404).
    assert '<link rel="icon" href="../../assets/images/favicon.png">' in html
    assert (project / "site" / "assets" / "images" / "favicon.png").is_file()


def test_people_merged_since_the_previous_build_get_redirects(seed_dossier: Dossier) -> None:
    shoigu = seed_dossier.person("sergei-shoigu")
    anchors = {"shoigu": [span_key(shoigu.mentions[-1])], "gone-person": ["x#p1:0-4"]}
    earlier = {"older": "shoigu", "loop": "loop", "../../etc": "sergei-shoigu"}
    found = derived_redirects(anchors, earlier, seed_dossier)
    assert found == {"older": "sergei-shoigu", "shoigu": "sergei-shoigu"}
    pages_ = redirect_pages(found, seed_dossier)
    assert [p.path for p in pages_] == ["people/older/index.html", "people/shoigu/index.html"]
    assert 'url=../sergei-shoigu/"' in pages_[0].text
    to_country = redirect_pages({"iran-person": "iran"}, seed_dossier)[0]
    assert 'url=../../countries/iran/"' in to_country.text


def test_redirects_are_kept_by_later_builds(project: Path) -> None:
    from generator.publish.manifest import load_published, save_published
    from generator.settings import load_settings

    cache = load_settings(project).path("cache_dir")
    build(project)
    state = load_published(cache)
    save_published(
        cache,
        dataclasses.replace(
            state,
            people={**state.people, "shoigu": "shoigu"},
            anchors={**state.anchors, "shoigu": state.anchors["sergei-shoigu"]},
        ),
    )
    build(project)
    build(project)  # "shoigu" is no longer in the manifest, but its redirect is
    assert load_published(cache).redirects == {"shoigu": "sergei-shoigu"}
    assert (project / "site" / "people" / "shoigu" / "index.html").is_file()


def test_an_unreadable_manifest_is_a_first_build(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.publish.manifest import PUBLISHED
    from generator.settings import load_settings

    cache = load_settings(project).path("cache_dir")
    build(project)
    (cache / PUBLISHED).write_text('{"format": 1, "articles": [', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator.publish.manifest"):
        build(project, "--no-site")
    assert "ignoring unreadable" in caplog.text
    assert "New people (14)" in (project / "build" / "docs" / "whatsnew.md").read_text("utf-8")


@pytest.mark.browser
@needs_chromium
def test_the_redirect_page_lands_on_the_new_address_in_chromium(
    project: Path, seed_dossier: Dossier, browser: Any
) -> None:
    from generator.pipeline import previous_build, site_pages
    from generator.settings import load_settings
    from generator.store.writer import build_site, write_docs

    settings = load_settings(project)
    merged = dataclasses.replace(seed_dossier, redirects={"putin": "vladimir-putin"})
    pages_, _ = site_pages(settings, merged, previous_build(settings), "2024-08-07")
    write_docs(pages_, None, settings.path("docs_dir"))
    build_site(project / "mkdocs.yml", settings.path("docs_dir"), project / "site", True)
    with serve(project / "site") as url, opened_page(browser) as page:
        page.goto(f"{url}people/putin/")
        page.wait_for_url("**/people/vladimir-putin/", timeout=10_000)
        page.wait_for_load_state()
        title = page.title()
    assert "Vladimir Putin" in title


def test_a_big_build_lists_the_first_items_and_counts_the_rest(
    seed_dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.publish import manifest
    from generator.publish.feed import whatsnew_page
    from generator.site.render import template_environment
    from tests.conftest import ROOT

    monkeypatch.setattr(manifest, "SHOWN", 5)
    state = manifest.published_state(seed_dossier, manifest.Published(), {}, "2024-08-07")
    record = state.history[0]
    assert len(record.people) == 5 and record.counts == (1, 14, 22)
    again = manifest.parse_published(manifest.published_json(state))
    assert again == state
    page = whatsnew_page(template_environment(ROOT / "templates"), state, seed_dossier)
    assert "### New people (14)" in page.text and "- and 9 more" in page.text
    assert "- and 17 more" in page.text  # quotes
    assert manifest.published_state(seed_dossier, state, {}, "2024-08-08").history == (record,)


# -- cache damage (red-team item 15) -----------------------------------------------------------


def entry_into_folder(analyses: Path) -> None:
    (entry,) = analyses.iterdir()
    entry.unlink()
    (entry / "inside").mkdir(parents=True)


def folder_into_file(analyses: Path) -> None:
    shutil.rmtree(analyses)
    analyses.write_text("not a folder", encoding="utf-8")


@pytest.mark.parametrize("damage", [entry_into_folder, folder_into_file])
def test_cache_damage_is_repaired_by_the_next_build(
    project: Path, damage: Callable[[Path], None]
) -> None:
    from generator.pipeline import run_build
    from generator.settings import load_settings

    settings = load_settings(project)
    assert run_build(settings, with_site=False).analysed == 1
    damage(settings.path("cache_dir") / "analyses")
    assert run_build(settings, with_site=False).analysed == 1  # repairs the cache
    assert run_build(settings, with_site=False).analysed == 0


def test_pages_made_with_processes_are_those_made_in_one(
    project: Path, seed_dossier: Dossier
) -> None:
    """With more than one process and pages of a previous build to keep, the data pages are
    made in a process of their own while the pages render (and the pages in forked
    processes): the same pages, in the same order."""
    from generator.model import Page
    from generator.pipeline import data_pages_meanwhile, previous_build, site_pages
    from generator.settings import load_settings

    kept = {"people/nobody.md": "a page of a previous build"}

    def made(processes: int) -> list[tuple[str, str]]:
        settings = dataclasses.replace(load_settings(project), processes=processes)
        previous = previous_build(settings)
        pages_, _ = site_pages(settings, seed_dossier, previous, "2024-08-07", kept)
        return [(p.path, p.text if isinstance(p, Page) else p.key) for p in pages_]

    assert data_pages_meanwhile(2, kept)
    assert not data_pages_meanwhile(2, {})  # a first build: after the pages
    assert not data_pages_meanwhile(1, kept)
    alone, forked = made(1), made(2)
    assert [path for path, _ in forked if path.startswith("dossier")] == [
        "dossier.json",
        "dossier.schema.json",
        "dossier.ftm.json",
    ]
    assert forked == alone
