"""Golden files: the Markdown generated for the committed content, checked in under tests/golden/.

After an intended change, regenerate with `make golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator.site.render import render
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
GENERATED = {".md", ".json"}


@pytest.fixture(scope="module")
def pages(seed_dossier: Any) -> dict[str, str]:
    return {page.path: page.text for page in render(seed_dossier, ROOT / "templates")}


def test_golden_pages(pages: dict[str, str]) -> None:
    if UPDATE:
        for old in _generated_files():
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in _generated_files()
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` and review"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/{path}: run `make golden`"


def test_render_is_deterministic(seed_dossier: Any, pages: dict[str, str]) -> None:
    again = {page.path: page.text for page in render(seed_dossier, ROOT / "templates")}
    assert again == pages


def test_golden_folder_is_only_generated_pages() -> None:
    assert all(p.suffix in GENERATED for p in Path(GOLDEN).rglob("*") if p.is_file())


def _generated_files() -> list[Path]:
    """Markdown pages and the graph's JSON data."""
    return [p for p in GOLDEN.rglob("*") if p.is_file() and p.suffix in GENERATED]
