"""The MkDocs plugin that keeps page titles text (generator.site.hooks), as mkdocs.yml loads it:
`make serve` (plain MkDocs) gets it as well as `dossier build` (red-team item 3)."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from mkdocs.config import load_config

from generator.site import hooks
from tests.conftest import ROOT


def safe_title_plugins(config: Any) -> list[hooks.SafeTitles]:
    return [p for p in config.plugins.values() if isinstance(p, hooks.SafeTitles)]


def test_mkdocs_yml_lists_the_plugin_and_it_is_installed() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert hooks.NAME in config.plugins
    assert len(safe_title_plugins(config)) == 1
    (found,) = entry_points(group="mkdocs.plugins", name=hooks.NAME)
    assert found.load() is hooks.SafeTitles


def test_the_build_does_not_install_it_twice() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugins = list(config.plugins)
    hooks.install(config)
    assert list(config.plugins) == plugins
    assert len(safe_title_plugins(config)) == 1
