"""Settings: defaults, dossier.yml, DOSSIER_<KEY> overrides, every bad key reported."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.settings import DEFAULT_MODEL, Settings, load_settings


@pytest.fixture(autouse=True)
def _no_dossier_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in (f.name.upper() for f in fields(Settings)):
        monkeypatch.delenv(f"DOSSIER_{key}", raising=False)


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert (settings.model, settings.processes, settings.docs_dir) == (
        DEFAULT_MODEL,
        0,
        "build/docs",
    )
    assert settings.articles_path == tmp_path / "content" / "articles"
    assert settings.curation_path == tmp_path / "content" / "curation.yml"


def test_dossier_yml_overrides_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "dossier.yml").write_text("model: other_model\nprocesses: '3'\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert (settings.model, settings.processes) == ("other_model", 3)


def test_the_environment_overrides_dossier_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dossier.yml").write_text("site_dir: public\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_SITE_DIR", "out/site")
    monkeypatch.setenv("DOSSIER_PROCESSES", "-2")
    settings = load_settings(tmp_path)
    assert (settings.site_dir, settings.processes) == ("out/site", 0)
    assert settings.path("site_dir") == tmp_path / "out" / "site"


def test_an_unknown_key_and_a_bad_value_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "dossier.yml").write_text("modle: x\nprocesses: many\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path)
    message = str(raised.value)
    assert "unknown setting 'modle'" in message and "model" in message
    assert "'processes' must be a whole number, not 'many'" in message


def test_a_config_that_is_not_a_mapping_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "dossier.yml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dossier\.yml: expected a mapping"):
        load_settings(tmp_path)


def test_an_output_folder_may_not_overlap_an_input(tmp_path: Path) -> None:
    (tmp_path / "dossier.yml").write_text("docs_dir: content/docs\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'docs_dir' must not overlap 'content_dir'"):
        load_settings(tmp_path)


def test_fetching_settings_are_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (load_settings(tmp_path).replace_updated, load_settings(tmp_path).fetch_timeout) == (
        True,
        20.0,
    )
    (tmp_path / "dossier.yml").write_text("replace_updated: no\nfetch_timeout: 2.5\n", "utf-8")
    settings = load_settings(tmp_path)
    assert (settings.replace_updated, settings.fetch_timeout) == (False, 2.5)
    monkeypatch.setenv("DOSSIER_REPLACE_UPDATED", "maybe")
    monkeypatch.setenv("DOSSIER_FETCH_TIMEOUT", "0")
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path)
    assert "'replace_updated' must be true or false, not 'maybe'" in str(raised.value)
    assert "'fetch_timeout' must be seconds (0-600), not '0'" in str(raised.value)
    assert settings.feeds_path == tmp_path / "content" / "feeds.yml"


def test_the_executor_settings_and_their_environment_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(tmp_path)
    assert (settings.executor, settings.dask_scheduler, settings.cache_url) == ("local", "", "")
    (tmp_path / "dossier.yml").write_text(
        "executor: dask\ndask_scheduler: tcp://10.0.0.5:8786\ncache_url: s3://bucket/dossier\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert (settings.executor, settings.dask_scheduler) == ("dask", "tcp://10.0.0.5:8786")
    assert settings.cache_url == "s3://bucket/dossier"
    monkeypatch.setenv("DOSSIER_EXECUTOR", "local")
    monkeypatch.setenv("DOSSIER_DASK_SCHEDULER", "tcp://[::1]:9000")
    monkeypatch.setenv("DOSSIER_CACHE_URL", "memory://dossier")
    settings = load_settings(tmp_path)
    assert (settings.executor, settings.dask_scheduler) == ("local", "tcp://[::1]:9000")
    assert settings.cache_url == "memory://dossier"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("executor: spark\n", "'executor' must be local or dask, not 'spark'"),
        ("executor: dask\n", "'dask_scheduler' is empty"),
        ("dask_scheduler: 'tcp://two words'\n", "must be a scheduler's address"),
    ],
)
def test_a_bad_executor_setting_is_reported(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "dossier.yml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(tmp_path)


@pytest.mark.parametrize("where", ["content/cache", "build/docs/cache", "CWD/templates"])
def test_a_local_shared_cache_may_not_overlap_an_input_or_an_output(
    tmp_path: Path, where: str
) -> None:
    folder = where.replace("CWD", str(tmp_path))
    url = (tmp_path / folder).as_uri() if folder.startswith("/") else folder
    (tmp_path / "dossier.yml").write_text(f"cache_url: '{url}'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'cache_url' must not overlap"):
        load_settings(tmp_path)
