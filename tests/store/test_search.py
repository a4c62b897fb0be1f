"""Pagefind over a built site (generator.store.search)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import DossierError
from generator.store import search

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation text</nav>
<div data-pagefind-body><h1>{title}</h1><p>{text}</p>
<span data-pagefind-filter="kind" hidden>{kind}</span></div></body></html>"""


def small_site(folder: Path) -> Path:
    for name, title, kind in [
        ("people/ann-lee", "Ann Lee", "person"),
        ("countries/iran", "Iran", "country"),
        ("articles/a", "An article", "article"),
    ]:
        (folder / name).mkdir(parents=True)
        text = f"Some words about {title} for the index."
        page = PAGE.format(title=title, text=text, kind=kind)
        (folder / name / "index.html").write_text(page, encoding="utf-8")
    (folder / "index.html").write_text("<html><body>Not marked</body></html>", encoding="utf-8")
    return folder


def test_the_index_is_written_into_the_site_with_its_ui(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    search.index_site(site)
    bundle = site / search.BUNDLE
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-ui.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3  # the unmarked page stays out


def test_indexing_again_replaces_the_index_with_the_same_bytes(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    search.index_site(site)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for _ in range(3):  # Pagefind's filter order changes from run to run; ours must not
        search.index_site(site)
        again = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        assert again == first


def test_a_missing_site_is_an_error_that_names_it(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="Pagefind"):
        search.index_site(tmp_path / "nowhere")


def test_the_allocator_tuning_leaves_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def index_files(site: Path) -> dict[str, bytes]:
        search.index_site(site)
        bundle = site / search.BUNDLE
        return {
            str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
        }

    tuned = index_files(small_site(tmp_path / "tuned"))
    monkeypatch.setattr(search, "ALLOCATOR", {})
    assert index_files(small_site(tmp_path / "plain")) == tuned
