"""The analysis cache and the published-build record on shared storage, through fsspec.

Setting `cache_url` names where both live: empty (the default) for `cache_dir`, a folder path, or
an fsspec URL (`s3://bucket/dossier`, `gs://bucket/dossier`, `file:///srv/dossier`,
`memory://dossier`), so that builds on several machines, or a cluster's, share one cache. A
folder path is read and written by generator.store.cache and generator.publish.manifest as
always; a URL by `SharedFolder` here, with the same entries: JSON of the same format, each
checked on loading (data, never code: nothing is unpickled) and written whole or not at all:

- on S3, GCS and Azure Blob storage in one upload: a reader sees an object whole or not at all,
  and those stores have no rename (fsspec's `mv` there is a copy and a delete, which would
  only add a visible temporary object);
- anywhere else (a local or mounted folder, `file://`, SFTP...) through a temporary object
  beside the entry and fsspec's `mv`: a rename, as generator.atomic does, where the storage
  has one;
- in `memory://` (tests), whose file is set in one assignment when written, and which has no
  rename either.

The build lock, the page manifest and the site's key stay in `cache_dir`: they describe this
machine's `build/docs/` and `site/`.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from pathlib import Path
from typing import Any

from generator.errors import ConfigError
from generator.model import Article, ArticleAnalysis
from generator.publish.manifest import (
    PUBLISHED,
    Published,
    load_published,
    parse_published,
    published_json,
    save_published,
)
from generator.settings import Settings, is_url
from generator.store.entries import (
    ENTRY_SUFFIX,
    MAX_ENTRY_BYTES,
    cached_analysis,
    entry_bytes,
)

log = logging.getLogger(__name__)

ANALYSES = "analyses"  # the entries' folder, in the cache's location
# Stores where one upload makes the object appear whole, and that have no rename. Any other
# storage writes a temporary object and moves it: a rename where it has one, else a copy, which
# is whole too (only slower).
WHOLE_OBJECT = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "memory"})
MAX_RECORD_BYTES = 64 << 20  # published.json: 20 builds' records and every id of the last one


def cache_location(settings: Settings) -> Path | str:
    """Where the analyses and the published-build record live: a folder or a URL."""
    where = settings.cache_url or settings.cache_dir
    return where.rstrip("/") if is_url(where) else settings.root / where


def analyses_location(settings: Settings) -> Path | str:
    """The analysis cache's folder (a Path) or URL (a str)."""
    where = cache_location(settings)
    return f"{where}/{ANALYSES}" if isinstance(where, str) else where / ANALYSES


class SharedFolder:
    """The files of one folder of an fsspec filesystem, by name."""

    def __init__(self, url: str) -> None:
        import fsspec

        self.url = url.rstrip("/")
        try:
            self.fs, path = fsspec.core.url_to_fs(self.url)
        except (ImportError, ValueError) as exc:
            scheme = self.url.partition("://")[0]
            raise ConfigError(
                f"cannot open {self.url} (setting 'cache_url'): {exc}; a URL needs fsspec's "
                f"support for {scheme!r} installed (s3fs for s3://, gcsfs for gs://)"
            ) from None
        self.root = str(path).rstrip("/")
        protocols = self.fs.protocol
        names = {protocols} if isinstance(protocols, str) else set(protocols)
        self.renames = not names & WHOLE_OBJECT

    def where(self, name: str) -> str:
        return f"{self.root}/{name}"

    def file_names(self) -> set[str]:
        """The names of the files in the folder (none when it does not exist yet)."""
        try:
            found: list[dict[str, Any]] = self.fs.ls(self.root, detail=True, refresh=True)
        except FileNotFoundError:
            return set()
        return {
            str(info["name"]).rstrip("/").rpartition("/")[2]
            for info in found
            if info.get("type") == "file" and not info.get("islink")
        }

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of file `name`; FileNotFoundError when absent, OSError for a file over
        `limit` bytes or anything that is not a file."""
        path = self.where(name)
        info = self.fs.info(path)
        if info.get("type") != "file" or info.get("islink"):
            raise OSError(f"not a file: {self.url}/{name}")
        if int(info.get("size") or 0) > limit:
            raise OSError(f"{info.get('size')} bytes: larger than any such file")
        return bytes(self.fs.cat_file(path))

    def write(self, name: str, data: bytes) -> None:
        """Write file `name` whole or not at all (see the module's docstring)."""
        path = self.where(name)
        if not self.renames:
            self.fs.pipe_file(path, data)
            return
        self.fs.makedirs(self.root, exist_ok=True)
        temporary = self.where(f".{name}-{secrets.token_hex(4)}")
        try:
            self.fs.pipe_file(temporary, data)
            self.fs.mv(temporary, path)
        except BaseException:
            self._remove_quietly(temporary)
            raise

    def remove(self, name: str) -> None:
        self.fs.rm_file(self.where(name))

    def _remove_quietly(self, path: str) -> None:
        with contextlib.suppress(OSError):
            self.fs.rm_file(path)


class SharedAnalysisCache:
    """The analysis cache of generator.store.cache, its entries in a SharedFolder: the same
    names, bytes and checks; a storage error is logged and the build goes on without it."""

    def __init__(self, url: str, fingerprint: str) -> None:
        self.folder = SharedFolder(url)
        self.fingerprint = fingerprint
        self.usable = True

    def entry_name(self, key: str) -> str:
        return f"{key}{ENTRY_SUFFIX}"

    def entry_names(self) -> set[str]:
        try:
            return self.folder.file_names()
        except OSError as exc:
            log.warning(
                "analysis cache: cannot use %s (%s); analysing without it", self.folder.url, exc
            )
            self.usable = False
            return set()

    def load(self, article: Article, key: str) -> ArticleAnalysis | None:
        """The cached analysis of `article`, or None on a miss; CorruptEntry for a damaged one."""
        name = self.entry_name(key)
        try:
            data = self.folder.read(name, MAX_ENTRY_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("analysis cache: cannot read %s/%s (%s)", self.folder.url, name, exc)
            return None
        return cached_analysis(data, key, article, name)

    def store(self, key: str, analysis: ArticleAnalysis) -> None:
        if not self.usable:
            return
        name = self.entry_name(key)
        try:
            self.folder.write(name, entry_bytes(key, analysis))
        except OSError as exc:
            log.warning("analysis cache: cannot write %s/%s (%s)", self.folder.url, name, exc)

    def prune(self, keep: set[str]) -> int:
        """Delete the entries (and stray temporary files) whose key is not in `keep`."""
        if not self.usable:
            return 0
        removed = 0
        for name in self.entry_names():
            if name.removesuffix(ENTRY_SUFFIX) not in keep:
                try:
                    self.folder.remove(name)
                    removed += 1
                except OSError as exc:
                    log.warning("analysis cache: cannot remove %s (%s)", name, exc)
        return removed


# -- the published-build record ----------------------------------------------------------------


def load_record(settings: Settings) -> Published:
    """The previous published build's record from the cache's location; an empty one when
    absent or unreadable (logged), as generator.publish.manifest.load_published."""
    where = cache_location(settings)
    if isinstance(where, Path):
        return load_published(where)
    folder = SharedFolder(where)
    try:
        return parse_published(folder.read(PUBLISHED, MAX_RECORD_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return Published()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("cache: ignoring unreadable %s/%s (%s)", where, PUBLISHED, exc)
        return Published()


def save_record(settings: Settings, state: Published) -> None:
    """Write this build's record whole to the cache's location; a failure is logged."""
    where = cache_location(settings)
    if isinstance(where, Path):
        save_published(where, state)
        return
    try:
        SharedFolder(where).write(PUBLISHED, published_json(state).encode("utf-8"))
    except OSError as exc:
        log.warning("cache: cannot write %s/%s (%s)", where, PUBLISHED, exc)
