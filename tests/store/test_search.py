"""Pagefind over a built site (generator.store.search)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.errors import DossierError
from generator.site.searchmarks import marked_body, without_repeated_sections
from generator.store import search
from generator.store.searchindex import ENTRY, SIGNATURE, make_reproducible, unpack_chunks
from generator.store.searchscript import split_words_once

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation text</nav><article>{body}</article><footer>Footer</footer></body></html>"""


def page_html(title: str, kind: str, text: str) -> str:
    ignored = '<h2 id="links" data-search-exclude>Links</h2><ul><li>Someone Else</li></ul>'
    html = without_repeated_sections(f"<h1>{title}</h1><p>{text}</p>{ignored}")
    return PAGE.format(title=title, body=marked_body(html, kind, None, [title]))


def small_site(folder: Path) -> Path:
    for name, title, kind in [
        ("people/ann-lee", "Ann Lee", "person"),
        ("people/bo-li", "Bo Li", "person"),
        ("countries/iran", "Iran", "country"),
        ("articles/a", "An article", "article"),
    ]:
        (folder / name).mkdir(parents=True)
        page = page_html(title, kind, f"Some words about {title} for the index.")
        (folder / name / "index.html").write_text(page, encoding="utf-8")
    (folder / "index.html").write_text("<html><body>Not marked</body></html>", encoding="utf-8")
    return folder


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / search.BUNDLE
    return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def test_the_index_is_written_into_the_site_a_bundle_per_shard_with_its_ui(
    tmp_path: Path,
) -> None:
    site = small_site(tmp_path / "site")
    search.index_site(site)
    bundle = site / search.BUNDLE
    listed = json.loads((bundle / search.SHARDS).read_text(encoding="utf-8"))["shards"]
    assert [(s["name"], s["pages"]) for s in listed] == [
        ("articles", 1),
        ("profiles", 3),
    ]  # the unmarked home page stays out
    for shard in listed:
        assert (bundle / shard["name"] / "pagefind.js").is_file()
        assert (bundle / shard["name"] / "pagefind-ui.js").is_file()
        entry = json.loads((bundle / shard["name"] / ENTRY).read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == shard["pages"]
        chunks = list((bundle / shard["name"] / "index").glob("*.pf_index"))
        assert chunks and all(c.read_bytes().startswith(SIGNATURE) for c in chunks)  # unpacked


def test_the_search_sources_give_the_index_of_the_whole_pages(tmp_path: Path) -> None:
    """Pagefind over the pages themselves (navigation, ignored sections and all) and over
    their search sources writes the same bytes."""
    site = small_site(tmp_path / "site")
    search.index_site(site)
    ours = site / search.BUNDLE / "profiles"
    with search._scratch(tmp_path) as scratch:  # where the sources go, so listed alike
        whole = scratch / "whole"
        for name in ("countries/iran", "people/ann-lee", "people/bo-li"):  # the shard's order
            shutil.copytree(site / name, whole / name)
        out = scratch / "out"
        search._ended(search._started_pagefind(whole, out), whole)
        make_reproducible(out)
        unpack_chunks(out)
        split_words_once(out)
        theirs = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert theirs == {
        str(p.relative_to(ours)): p.read_bytes() for p in ours.rglob("*") if p.is_file()
    }


def test_indexing_again_replaces_the_index_with_the_same_bytes(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    search.index_site(site)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for _ in range(3):  # Pagefind's filter order changes from run to run; ours must not
        shutil.rmtree(site / search.BUNDLE)
        search.index_site(site)
        again = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        assert again == first


def test_a_shard_whose_pages_are_unchanged_keeps_its_index(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    manifest = tmp_path / "manifest.json"
    search.index_site(site, manifest)
    bundle = site / search.BUNDLE

    def inodes(shard: str) -> set[int]:
        return {p.stat().st_ino for p in (bundle / shard).rglob("*") if p.is_file()}

    profiles, articles = inodes("profiles"), inodes("articles")
    page = site / "people" / "bo-li" / "index.html"
    page.write_text(page_html("Bo Li", "person", "New words."), encoding="utf-8")
    search.index_site(site, manifest)
    assert inodes("articles") == articles  # not indexed again
    assert inodes("profiles") != profiles
    rebuilt = bundle_files(site)
    shutil.rmtree(bundle)
    search.index_site(site)  # a full index of the same pages: the same bytes
    assert bundle_files(site) == rebuilt


def test_a_page_gone_leaves_its_shard_and_an_empty_shard_goes(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    manifest = tmp_path / "manifest.json"
    search.index_site(site, manifest)
    shutil.rmtree(site / "articles")
    search.index_site(site, manifest)
    listed = json.loads((site / search.BUNDLE / search.SHARDS).read_text(encoding="utf-8"))
    assert [s["name"] for s in listed["shards"]] == ["profiles"]
    assert [s["pages"] for s in listed["shards"]] == [3]
    assert not (site / search.BUNDLE / "articles").exists()


def test_an_index_of_an_earlier_layout_is_removed(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    (site / search.BUNDLE).mkdir()
    (site / search.BUNDLE / ENTRY).write_text("{}", encoding="utf-8")
    search.index_site(site)
    assert not (site / search.BUNDLE / ENTRY).exists()


def test_replace_folder_keeps_equal_files_and_never_writes_through_a_link(tmp_path: Path) -> None:
    new, target, previous = tmp_path / "new", tmp_path / "target", tmp_path / "previous"
    for folder in (new / "fragment", target / "fragment", previous):
        folder.mkdir(parents=True)
    (new / "fragment" / "same").write_text("same", encoding="utf-8")
    (new / "entry.json").write_text("new", encoding="utf-8")
    (previous / "entry.json").write_text("old", encoding="utf-8")
    (target / "fragment" / "same").write_text("same", encoding="utf-8")
    os.link(previous / "entry.json", target / "entry.json")  # a link to the previous site's
    (target / "fragment" / "gone").write_text("gone", encoding="utf-8")
    same = (target / "fragment" / "same").stat().st_ino
    search.replace_folder(new, target)
    assert (target / "entry.json").read_text(encoding="utf-8") == "new"
    assert (previous / "entry.json").read_text(encoding="utf-8") == "old"
    assert (target / "fragment" / "same").stat().st_ino == same
    assert not (target / "fragment" / "gone").exists()


def test_a_missing_site_is_an_error_that_names_it(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="Pagefind"):
        search.index_site(tmp_path / "nowhere")


def test_the_allocator_tuning_leaves_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def index_files(site: Path) -> dict[str, bytes]:
        search.index_site(site)
        return bundle_files(site)

    tuned = index_files(small_site(tmp_path / "tuned"))
    monkeypatch.setattr(search, "ALLOCATOR", {})
    assert index_files(small_site(tmp_path / "plain")) == tuned


def fake_pagefind(folder: Path, script: str) -> Path:
    """An executable standing for Pagefind, running `script` (sh) with Pagefind's arguments."""
    path = folder / "pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_next_shards_sources_are_written_while_pagefind_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One Pagefind at a time, the next shard's sources written meanwhile: when writing them
    fails, the Pagefind still running is stopped, not waited for (its sources would go)."""
    started = tmp_path / "started"
    script = f'echo $$ >> {started}; case "$2" in *articles) exec sleep 60;; esac'
    fake = fake_pagefind(tmp_path, script)
    monkeypatch.setattr(search, "pagefind_executable", lambda: fake)
    written = []

    def write_sources(*args: object) -> None:
        if written:
            for _ in range(100):  # the first shard's Pagefind is running (it may not be up yet)
                if started.is_file():
                    break
                time.sleep(0.05)
            raise OSError("disk full")
        written.append(args)
        real_write_sources(*args)

    real_write_sources = search.write_sources
    monkeypatch.setattr(search, "write_sources", write_sources)
    site = small_site(tmp_path / "site")
    begun = time.monotonic()
    with pytest.raises(OSError, match="disk full"):
        search.index_site(site)
    assert time.monotonic() - begun < 30
    pid = int(started.read_text(encoding="utf-8").split()[0])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped (and reaped), not left to sleep


def test_a_failing_pagefind_is_an_error_that_names_its_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_pagefind(tmp_path, 'case "$2" in *articles) echo "no space" >&2; exit 3;; esac')
    monkeypatch.setattr(search, "pagefind_executable", lambda: fake)
    with pytest.raises(DossierError, match=r"could not index .*articles: no space"):
        search.index_site(small_site(tmp_path / "site"))
