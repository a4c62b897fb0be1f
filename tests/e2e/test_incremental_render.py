"""Incremental rendering: a build keeps the previous build's pages whose inputs are unchanged,
and its docs are byte for byte those of a full build from nothing."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from generator.model import KeptPage, Page
from generator.site.render import render
from generator.store.writer import kept_pages, write_docs
from tests.conftest import ROOT
from tests.e2e.test_incremental import NEW_ARTICLE, build, copy_inputs, tree

TEMPLATES = ROOT / "templates"
SEED_PAGE = "articles/2024-08-07-as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia.md"


def docs(root: Path) -> Path:
    return root / "build" / "docs"


def full_build(project: Path, where: Path) -> dict[str, str]:
    """The docs a build from nothing makes of the same inputs, elsewhere."""
    build(copy_inputs(project, where), "--no-cache", "--no-site")
    return tree(docs(where))


def inode(root: Path, page: str) -> int:
    return (docs(root) / page).stat().st_ino


def add_article(project: Path) -> None:
    path = project / "content" / "articles" / "2020-01-01-putin-and-pezeshkian.md"
    path.write_text(NEW_ARTICLE, encoding="utf-8")


def test_a_new_article_renders_only_what_it_touches_and_equals_a_full_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    build(project, "--no-site")
    # Shoigu is named with Putin in the seed article, not in the new one.
    shown = (SEED_PAGE, "people/vladimir-putin.md", "people/sergei-shoigu.md")
    before = {page: inode(project, page) for page in shown}
    add_article(project)
    build(project, "--no-site")
    assert tree(docs(project)) == full_build(project, tmp_path_factory.mktemp("full"))
    # The seed article's page shows nothing the new article changed: the same file, kept.
    assert inode(project, SEED_PAGE) == before[SEED_PAGE]
    assert inode(project, "people/sergei-shoigu.md") == before["people/sergei-shoigu.md"]
    # Putin is in the new article: his page is rendered again.
    assert inode(project, "people/vladimir-putin.md") != before["people/vladimir-putin.md"]


def test_an_edited_article_and_a_curation_change_equal_a_full_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    add_article(project)
    build(project, "--no-site")
    article = project / "content" / "articles" / "2020-01-01-putin-and-pezeshkian.md"
    article.write_text(NEW_ARTICLE.replace("constructive and frank", "useful"), encoding="utf-8")
    curation = project / "content" / "curation.yml"
    rule = "rename:\n  - id: dmitry-peskov\n    name: Dmitry S. Peskov\n"
    curation.write_text(
        curation.read_text(encoding="utf-8").replace("rename: []\n", rule), encoding="utf-8"
    )
    build(project, "--no-site")
    assert tree(docs(project)) == full_build(project, tmp_path_factory.mktemp("full"))


def page_key(root: Path, page: str) -> str:
    """The digest of the inputs the last build rendered `page` from (its manifest's)."""
    manifest = root / ".cache" / "dossier" / "pages.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["pages"][page][0])


def test_a_changed_template_renders_every_page_again_and_keeps_the_files_still_the_same(
    project: Path,
) -> None:
    build(project, "--no-site")
    before, key = inode(project, SEED_PAGE), page_key(project, SEED_PAGE)
    macros = project / "templates" / "_macros.j2"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(project, "--no-site")
    assert page_key(project, SEED_PAGE) != key  # rendered again: the templates are its inputs
    assert inode(project, SEED_PAGE) == before  # the same text: the same file, for MkDocs


def test_a_page_edited_by_hand_in_the_docs_folder_is_rendered_again(project: Path) -> None:
    build(project, "--no-site")
    good = (docs(project) / SEED_PAGE).read_bytes()
    (docs(project) / SEED_PAGE).write_text("tampered\n", encoding="utf-8")
    build(project, "--no-site")
    assert (docs(project) / SEED_PAGE).read_bytes() == good


def test_an_unreadable_page_manifest_means_a_full_render(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build(project, "--no-site")
    manifest = project / ".cache" / "dossier" / "pages.json"
    assert json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    good = tree(docs(project))
    manifest.write_text("{not json", encoding="utf-8")
    before = inode(project, SEED_PAGE)
    with caplog.at_level(logging.WARNING):
        build(project, "--no-site")
    assert "ignoring unreadable" in caplog.text
    assert tree(docs(project)) == good
    assert inode(project, SEED_PAGE) == before  # rendered again, the same: the file is kept
    assert json.loads(manifest.read_text(encoding="utf-8"))["pages"][SEED_PAGE]  # readable again


def test_render_keeps_exactly_the_pages_whose_inputs_match(seed_dossier) -> None:  # type: ignore[no-untyped-def]
    first = render(seed_dossier, TEMPLATES)
    inputs = {p.path: p.inputs for p in first if p.inputs}
    assert SEED_PAGE in inputs
    assert inputs["index.md"].startswith("text:")  # index pages: rendered, kept when the same
    kept = dict(inputs)
    kept["people/vladimir-putin.md"] = "something else"
    kept["people/index.md"] = "text:something else"
    again = render(seed_dossier, TEMPLATES, kept=kept)
    by_path = {p.path: p for p in again}
    assert isinstance(by_path[SEED_PAGE], KeptPage)
    assert isinstance(by_path["index.md"], KeptPage)
    assert isinstance(by_path["people/vladimir-putin.md"], Page)
    assert isinstance(by_path["people/index.md"], Page)
    assert sum(isinstance(p, Page) for p in again) == 1 + 1 + 1  # Putin, people, graph
    forked = render(seed_dossier, TEMPLATES, processes=2, parallel_from=0, kept=kept)
    assert forked == again


def test_kept_pages_are_linked_and_checked_against_the_manifest(tmp_path: Path) -> None:
    target, manifest = tmp_path / "docs", tmp_path / "pages.json"
    write_docs([Page("a.md", "A\n", "1"), Page("b.md", "B\n", "2")], None, target, manifest)
    assert kept_pages(target, manifest) == {"a.md": "1", "b.md": "2"}
    first = (target / "a.md").stat().st_ino
    write_docs([KeptPage("a.md", "1"), Page("b.md", "B2\n", "3")], None, target, manifest)
    assert (target / "a.md").read_text(encoding="utf-8") == "A\n"
    assert (target / "a.md").stat().st_ino == first
    assert kept_pages(target, manifest) == {"a.md": "1", "b.md": "3"}
    os.utime(target / "b.md", ns=(0, 0))  # touched since: not trusted any more
    assert kept_pages(target, manifest) == {"a.md": "1"}
    assert kept_pages(tmp_path / "elsewhere", manifest) == {}  # written for another folder
