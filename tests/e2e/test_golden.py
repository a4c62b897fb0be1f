"""Golden files: the Markdown generated for the committed content, checked in under tests/golden/,
and that of the article of tests/organised.py with its hand-written analysis (organisations,
people tied to them, a quote an institution speaks) under tests/golden/organised/.

After an intended change, regenerate with `make golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator.resolve.dossier import resolve
from generator.site.render import render
from tests.conftest import ROOT
from tests.organised import organised_analysis

GOLDEN = ROOT / "tests" / "golden"
ORGANISED = GOLDEN / "organised"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
GENERATED = {".md", ".json"}


@pytest.fixture(scope="module")
def pages(seed_dossier: Any) -> dict[str, str]:
    return {page.path: page.text for page in render(seed_dossier, ROOT / "templates")}


@pytest.fixture(scope="module")
def organised_pages() -> dict[str, str]:
    dossier = resolve([organised_analysis()])
    return {page.path: page.text for page in render(dossier, ROOT / "templates")}


def test_golden_pages(pages: dict[str, str]) -> None:
    compare(pages, GOLDEN, skip=ORGANISED)


def test_golden_pages_of_organisations(organised_pages: dict[str, str]) -> None:
    assert "organisations/movement-for-democratic-change.md" in organised_pages
    compare(organised_pages, ORGANISED)


def compare(pages: dict[str, str], folder: Path, skip: Path | None = None) -> None:
    if UPDATE:
        for old in _generated_files(folder, skip):
            old.unlink()
        for path, text in pages.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in _generated_files(folder, skip)
    }
    where = folder.relative_to(ROOT)
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from {where}/{path}: run `make golden`"


def test_render_is_deterministic(seed_dossier: Any, pages: dict[str, str]) -> None:
    again = {page.path: page.text for page in render(seed_dossier, ROOT / "templates")}
    assert again == pages


def test_golden_folder_is_only_generated_pages() -> None:
    assert all(p.suffix in GENERATED for p in Path(GOLDEN).rglob("*") if p.is_file())


def _generated_files(folder: Path, skip: Path | None = None) -> list[Path]:
    """Markdown pages and the graph's JSON data (but those under `skip`)."""
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in GENERATED and not (skip and p.is_relative_to(skip))
    ]
