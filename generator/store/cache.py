"""Analysis cache: one ArticleAnalysis per article in the cache folder, as JSON.

An entry's key hashes the article's content (every field but its path, and every block), the
spaCy model's name and version (read from its meta.json, without loading it), the spaCy version,
`PIPELINE_VERSION` and the source of every module the analysis runs. A build re-analyses only the
articles without a valid entry, and loads the model only when there is one. A corrupt, truncated
or foreign entry is a miss, logged, never a crash (Pelican's habit). Entries are data that
cannot run code when read (generator.store.entries), whoever wrote the cache folder. The folder
is `analyses/` in `cache_dir`, or in `cache_url`'s folder or URL (generator.store.shared).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import multiprocessing as mp
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import PIPELINE_VERSION
from generator.atomic import write_atomically
from generator.background import Background
from generator.collector import collector_paused
from generator.digest import value_digest
from generator.model import Article, ArticleAnalysis
from generator.store.entries import (
    ENTRY_SUFFIX,
    FORMAT,
    MAX_ENTRY_BYTES,
    CorruptEntry,
    cached_analysis,
    entry_bytes,
)
from generator.store.shared import SharedAnalysisCache

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]
# From this many articles on, a second (forked) process pays for itself: measured with 8 BBC
# articles, 0.49 s with two processes against 0.76 s with one.
PARALLEL_THRESHOLD = 8

Analyser = Callable[[Sequence[Article]], Iterable[ArticleAnalysis]]


@dataclass(frozen=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0

    @property
    def analysed(self) -> int:
        return self.misses


# -- keys --------------------------------------------------------------------------------------


def article_digest(article: Article) -> str:
    """A hash of everything the analysis reads from an article (not where the file lives)."""
    return value_digest(dataclasses.replace(article, path=""))


def entry_key(article: Article, fingerprint: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{article_digest(article)}".encode()).hexdigest()


@functools.cache
def pipeline_fingerprint(model: str) -> str:
    """Model name and version, spaCy version, PIPELINE_VERSION and the analysis code, hashed."""
    parts = [
        f"format={FORMAT}",
        f"pipeline={PIPELINE_VERSION}",
        f"model={model_identity(model)}",
        f"spacy={_version('spacy')}",
        f"code={analysis_code_digest()}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def model_identity(model: str) -> str:
    """`lang_name-version` from the model's meta.json (package or folder), without loading it."""
    meta = _model_meta(model)
    if meta is None:
        return f"{model}-unknown"
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"


def _model_meta(model: str) -> dict[str, object] | None:
    folder = Path(model)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


@functools.cache
def analysis_code_digest() -> str:
    """A hash of the analysis stage's code: generator/nlp/analyse.py, every generator module it
    imports (transitively, by module name, packages included), and the package data, so that a
    change to the analysis code invalidates the cache by itself."""
    digest = hashlib.sha256()
    paths = sorted(analysis_modules()) + sorted((PACKAGE / "data").rglob("*.yml"))
    for path in paths:
        name = path.relative_to(PACKAGE).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def analysis_modules(start: str = "generator.nlp.analyse") -> set[Path]:
    """The files of `start` and of every generator module it imports, transitively, with the
    packages that hold them (importing a module runs its package's __init__.py first)."""
    seen: set[Path] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        path = module_file(module)
        if path is None or path in seen:
            continue
        seen.add(path)
        todo.extend(_generator_imports(path))
        todo.append(module.rpartition(".")[0])
    return seen


def module_file(module: str) -> Path | None:
    """The source file of a generator module or package, None for anything else."""
    parts = module.split(".")
    if parts[0] != "generator":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _generator_imports(path: Path) -> Iterator[str]:
    """The generator modules `path` imports (`from generator.x import y` may name a module y)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "generator" or node.module.startswith("generator."):
                yield node.module
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


# -- entries -----------------------------------------------------------------------------------


class AnalysisCache:
    """The entry files of one cache folder, for one pipeline fingerprint."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.usable = True  # False once the folder turned out unusable: nothing is written

    def entry_names(self) -> set[str]:
        """The names of the plain files in the folder, after repairing the damage that would
        make every later build miss: the folder is made (or put back, when a file or a broken
        link took its place) and anything in it that is not a plain file (a folder, a link, a
        FIFO where an entry belongs) is removed. Each repair is logged by the build that makes
        it, once. An empty set when the folder cannot be made (logged once): then every article
        is analysed and no entry is written."""
        try:
            self._repair_folder()
            return self._plain_files()
        except OSError as exc:
            log.warning(
                "analysis cache: cannot use %s (%s); analysing without it", self.folder, exc
            )
            self.usable = False
            return set()

    def _repair_folder(self) -> None:
        if os.path.lexists(self.folder) and not self.folder.is_dir():
            log.warning("analysis cache: %s is not a folder; replacing it", self.folder)
            self.folder.unlink()
        self.folder.mkdir(parents=True, exist_ok=True)

    def _plain_files(self) -> set[str]:
        names, damaged = set(), []
        with os.scandir(self.folder) as found:
            for entry in found:
                if entry.is_file(follow_symlinks=False):
                    names.add(entry.name)
                else:
                    damaged.append(Path(entry.path))
        if damaged:
            shown = ", ".join(sorted(p.name for p in damaged)[:3])
            log.warning(
                "analysis cache: removing %d entries that are not plain files (%s%s)",
                len(damaged),
                shown,
                ", ..." if len(damaged) > 3 else "",
            )
            for path in damaged:
                _remove(path)
        return names

    def path_of(self, key: str) -> Path:
        return self.folder / self.entry_name(key)

    def entry_name(self, key: str) -> str:
        return f"{key}{ENTRY_SUFFIX}"

    def load(self, article: Article, key: str) -> ArticleAnalysis | None:
        """The cached analysis of `article`, or None on a miss (absent, corrupt or foreign)."""
        path = self.path_of(key)
        try:
            data = entry_file(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("analysis cache: cannot read %s (%s); re-analysing", path, exc)
            return None
        return cached_analysis(data, key, article, path.name)

    def store(self, key: str, analysis: ArticleAnalysis) -> None:
        """Write one entry atomically; a failure to write is logged, the build goes on."""
        if not self.usable:
            return
        try:
            write_atomically(self.path_of(key), entry_bytes(key, analysis))
        except OSError as exc:
            log.warning("analysis cache: cannot write %s (%s)", self.path_of(key), exc)

    def prune(self, keep: set[str]) -> int:
        """Delete the entries (and stray temporary files) whose key is not in `keep`."""
        removed = 0
        for path in self.folder.glob("*"):
            if path.is_file() and path.name.removesuffix(ENTRY_SUFFIX) not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _remove(path: Path) -> None:
    """Remove a folder (with what it holds) or anything else; a failure is logged."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError as exc:
        log.warning("analysis cache: cannot remove %s (%s)", path, exc)


def entry_file(path: Path) -> bytes:
    """The bytes of an entry file: a regular file of at most MAX_ENTRY_BYTES, never followed
    through a link nor waited on (a FIFO); OSError for anything else."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as entry:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(f"not a file: {path}")
        if found.st_size > MAX_ENTRY_BYTES:
            raise OSError(f"{found.st_size} bytes: larger than any entry")
        return entry.read()


# -- the stage ---------------------------------------------------------------------------------


def cached_analyses(
    articles: Sequence[Article],
    folder: Path | str,
    model: str,
    analyse: Analyser,
    use_cache: bool = True,
    overlap: bool = False,
) -> tuple[list[ArticleAnalysis], CacheStats]:
    """Analyses in the order of `articles`: cached ones loaded, the others analysed and stored.

    `analyse(articles)` is called with the misses only, and not at all when every article is
    cached. With `overlap`, the articles without an entry file are analysed in a forked process
    while the entries of the others load (loading spaCy and its model takes longer than loading
    2,600 entries); an entry found corrupt on loading is analysed after. With `use_cache=False`
    every article is analysed (and stored). `folder` is a folder, or the URL of one on shared
    storage (generator.store.shared); `analyse` may yield its analyses one by one, each stored
    as it comes.
    """
    cache = cache_at(folder, pipeline_fingerprint(model))
    keys = [entry_key(a, cache.fingerprint) for a in articles]
    found: list[ArticleAnalysis | None] = [None] * len(articles)
    present = cache.entry_names()
    stored = [use_cache and cache.entry_name(key) in present for key in keys]
    absent = [i for i, here in enumerate(stored) if not here]
    early: Background[list[ArticleAnalysis]] | None = None
    if overlap and absent and len(absent) < len(articles) and "fork" in mp.get_all_start_methods():
        first = [articles[i] for i in absent]
        early = Background(lambda: list(analyse(first)), "analysis")
    try:
        found, corrupt = _loaded(cache, articles, keys, stored) if use_cache else (found, 0)
        todo = [i for i, analysis in enumerate(found) if analysis is None]
        if early is not None:
            for index, analysis in zip(absent, early.result(), strict=True):
                cache.store(keys[index], analysis)
                found[index] = analysis
    finally:
        if early is not None:
            early.stop()  # nothing once its result is in
    rest = [i for i in todo if found[i] is None]
    if rest:
        for index, analysis in zip(rest, analyse([articles[i] for i in rest]), strict=True):
            cache.store(keys[index], analysis)
            found[index] = analysis
    cache.prune(set(keys))
    stats = CacheStats(hits=len(articles) - len(todo), misses=len(todo), corrupt=corrupt)
    log.info("analysis cache: %d hits, %d analysed", stats.hits, stats.misses)
    return [a for a in found if a is not None], stats


def _loaded(
    cache: AnalysisCache | SharedAnalysisCache,
    articles: Sequence[Article],
    keys: list[str],
    stored: list[bool],
) -> tuple[list[ArticleAnalysis | None], int]:
    """The analyses of the stored entries loaded (None for the others and the corrupt ones,
    which are analysed again), and how many were corrupt."""
    found: list[ArticleAnalysis | None] = [None] * len(articles)
    corrupt = 0
    with collector_paused():
        for index in (i for i, here in enumerate(stored) if here):
            try:
                found[index] = cache.load(articles[index], keys[index])
            except CorruptEntry as exc:
                corrupt += 1
                log.warning("analysis cache: corrupt entry %s; re-analysing", exc)
    return found, corrupt


def cache_at(folder: Path | str, fingerprint: str) -> AnalysisCache | SharedAnalysisCache:
    """The cache of a local folder (a Path), or of a folder on shared storage (a URL)."""
    if isinstance(folder, Path):
        return AnalysisCache(folder, fingerprint)
    return SharedAnalysisCache(folder, fingerprint)


def worker_processes(setting: int, articles: int) -> int:
    """Processes for nlp.pipe: the setting when given (> 0); else one per core (at most 2 here)
    once there are enough articles to pay for starting them."""
    if setting > 0:
        return setting
    if articles < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 2))
