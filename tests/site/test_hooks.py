"""The MkDocs plugin that keeps page titles text (generator.site.hooks), as mkdocs.yml loads it:
`make serve` (plain MkDocs) gets it as well as `dossier build` (red-team item 3)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from generator.site import hooks
from tests.conftest import ROOT


def safe_title_plugins(config: Any) -> list[hooks.SafeTitles]:
    return [p for p in config.plugins.values() if isinstance(p, hooks.SafeTitles)]


def project_config(docs: Path) -> Any:
    """The project's mkdocs.yml, read as MkDocs reads it; `docs` stands in for the generated
    docs folder, which a fresh clone does not have before its first build."""
    return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs))


def test_mkdocs_yml_lists_the_plugin_and_it_is_installed(tmp_path: Path) -> None:
    config = project_config(tmp_path)
    assert hooks.NAME in config.plugins
    assert len(safe_title_plugins(config)) == 1
    (found,) = entry_points(group="mkdocs.plugins", name=hooks.NAME)
    assert found.load() is hooks.SafeTitles


def test_the_build_does_not_install_it_twice(tmp_path: Path) -> None:
    config = project_config(tmp_path)
    plugins = list(config.plugins)
    hooks.install(config)
    assert list(config.plugins) == plugins
    assert len(safe_title_plugins(config)) == 1
