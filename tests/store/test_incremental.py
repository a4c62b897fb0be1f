"""The site stage in proportion to the change (generator.store.incremental): MkDocs rebuilds only
the pages whose Markdown changed, and the site is byte for byte that of a full build."""

from __future__ import annotations

import logging
import os
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
    assert tree(kept) == before  # the search index's kept shards included


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


def test_link_copy_brings_a_spare_up_to_date_with_links(tmp_path: Path) -> None:
    source, spare = tmp_path / "site", tmp_path / "spare"
    for folder in (source / "a", source / "b", source / "pagefind", spare / "a", spare / "gone"):
        folder.mkdir(parents=True)
    (source / "a" / "index.html").write_text("A", encoding="utf-8")
    (source / "b" / "index.html").write_text("B", encoding="utf-8")
    (source / "pagefind" / "entry.json").write_text("{}", encoding="utf-8")
    (source / "top.html").write_text("T", encoding="utf-8")
    os.link(source / "a" / "index.html", spare / "a" / "index.html")  # already the same file
    (spare / "top.html").write_text("old", encoding="utf-8")  # another file of that name
    (spare / "gone" / "index.html").write_text("G", encoding="utf-8")  # a page since removed
    (spare / "pagefind").mkdir()  # the index: linked too (its unchanged shards are kept)
    assert incremental.link_copy(source, spare) == 4
    assert tree(spare) == tree(source)
    for name in ("a/index.html", "b/index.html", "top.html", "pagefind/entry.json"):
        assert (spare / name).stat().st_ino == (source / name).stat().st_ino
    assert not (spare / "gone").exists()


def test_an_incremental_build_updates_the_site_the_last_build_replaced(project: Path) -> None:
    build(project)
    add_article(project)
    build(project)  # the first site is kept aside as the spare
    spare = project / ".site.spare"
    assert (spare / "index.html").is_file()
    pages = {p.relative_to(spare) for p in spare.rglob("*.html")}
    add_article(project, NEW_ARTICLE.replace("Pezeshkian", "Shoigu"))
    build(project)
    assert NEW not in {str(p) for p in pages}  # the first site
    assert (spare / NEW).is_file()  # now the second one
    assert (site(project) / NEW).stat().st_ino != (spare / NEW).stat().st_ino  # rewritten


class _Page:
    def __init__(self, content: str) -> None:
        self.content: str | None = content


def test_packed_contents_give_each_page_its_html_back_when_it_is_written() -> None:
    plugin = incremental.PackedContents()
    first, second = _Page("<p>first é</p>"), _Page("<p>second</p>")
    for page in (first, second):
        assert plugin.on_page_content(str(page.content), page=page, config=None, files=None)
    assert first.content == "" and second.content == "<p>second</p>"
    plugin.on_env(None, config=None, files=None)
    assert second.content == ""
    plugin.on_page_context({}, page=first, config=None, nav=None)
    assert first.content == "<p>first é</p>"
    assert plugin.on_post_page("out", page=first, config=None) == "out" and first.content is None
    plugin.on_page_context({}, page=second, config=None, nav=None)
    assert second.content == "<p>second</p>"
