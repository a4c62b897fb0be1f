"""The site stage in proportion to the change (generator.store.incremental): MkDocs rebuilds only
the pages whose Markdown changed, and the site is byte for byte that of a full build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.store import incremental
from tests.e2e.test_incremental import NEW_ARTICLE, build, copy_inputs, tree

SHOIGU = "people/sergei-shoigu/index.html"
PUTIN = "people/vladimir-putin/index.html"
NEW = "articles/2020-01-01-putin-and-pezeshkian/index.html"


def site(root: Path) -> Path:
    return root / "site"


def inode(root: Path, page: str) -> int:
    return (site(root) / page).stat().st_ino


def add_article(project: Path, text: str = NEW_ARTICLE) -> Path:
    path = project / "content" / "articles" / "2020-01-01-putin-and-pezeshkian.md"
    path.write_text(text, encoding="utf-8")
    return path


def published_record(project: Path) -> bytes:
    """The record of the last published build, which what's new and the feed are made from."""
    return (project / ".cache" / "dossier" / "published.json").read_bytes()


def full_site(project: Path, where: Path, record: bytes) -> dict[str, str]:
    """The site a full build makes of the same inputs after the same published build."""
    copy_inputs(project, where)
    (where / ".cache" / "dossier").mkdir(parents=True)
    (where / ".cache" / "dossier" / "published.json").write_bytes(record)
    build(where, "--no-cache")
    return tree(site(where))


def test_a_new_article_rebuilds_only_what_it_touches_and_equals_a_full_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    build(project)
    shoigu, putin = inode(project, SHOIGU), inode(project, PUTIN)
    record = published_record(project)
    add_article(project)
    build(project)
    assert tree(site(project)) == full_site(project, tmp_path_factory.mktemp("full"), record)
    # Shoigu is not in the new article: his page is the previous site's file, not written again.
    assert inode(project, SHOIGU) == shoigu
    assert inode(project, PUTIN) != putin
    assert (site(project) / NEW).is_file()


def test_a_deleted_article_leaves_no_page_and_equals_a_full_build(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    article = add_article(project)
    build(project)
    record = published_record(project)
    article.unlink()
    build(project)
    assert not (site(project) / NEW).exists()
    assert tree(site(project)) == full_site(project, tmp_path_factory.mktemp("full"), record)


def test_the_previous_site_is_never_written_through_a_link(project: Path, tmp_path: Path) -> None:
    build(project)
    before = tree(site(project))
    kept = tmp_path / "kept"
    incremental.link_copy(site(project), kept)  # holds the same files as the site, linked
    add_article(project)
    build(project)
    assert tree(kept) == {k: v for k, v in before.items() if not k.startswith("pagefind/")}


def test_a_changed_configuration_rebuilds_every_page(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build(project)
    shoigu = inode(project, SHOIGU)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        build(project)
    assert inode(project, SHOIGU) != shoigu
    assert "reusing" not in caplog.text


def test_a_state_of_another_site_or_format_is_not_used(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("x", encoding="utf-8")
    state = tmp_path / "site.json"
    incremental.save_state(state, site_dir, "k")
    assert incremental.previous_site(state, site_dir, "k") == site_dir.resolve()
    assert incremental.previous_site(state, site_dir, "other") is None
    assert incremental.previous_site(state, tmp_path / "elsewhere", "k") is None
    state.write_text("{not json", encoding="utf-8")
    assert incremental.previous_site(state, site_dir, "k") is None
    assert incremental.previous_site(tmp_path / "absent.json", site_dir, "k") is None
