"""The site stage in proportion to the change: MkDocs rebuilds only the pages whose Markdown is
newer than their HTML, on top of a copy of the previous site.

The render stage keeps every page whose inputs are unchanged as the same file (same time), so
MkDocs' dirty build (`build(config, dirty=True)`) skips exactly those. What a dirty build gets
wrong on its own is handled here:

- the previous site is copied into the staging folder as hard links (instant, no space); every
  file MkDocs is about to write is unlinked first (`FreshOutputs.on_files`), so a write never
  reaches the previous site through a shared link. The staging folder is the site the build
  before replaced, kept aside (generator/store/writer.py's spare) and brought up to date with
  the previous site by `link_copy`: creating and removing a folder per page (10,000 of them)
  took longer than the rest of an incremental build;
- files of the previous site that this build does not produce (a deleted article's page) are
  removed at the end (`FreshOutputs.on_post_build`);
- a page's HTML also depends on the configuration, the theme and our plugins: their digest
  (`site_key`) is kept in the cache beside the site's path, and any change makes a full build.

The search index is brought up to date afterwards, shard by shard: a shard whose pages are all
unchanged keeps its index (generator/store/search.py). A test builds both ways and compares every
byte.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import zlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.atomic import write_atomically
from generator.store.searchsources import BUNDLE

log = logging.getLogger(__name__)

STATE_FORMAT = 1
NAME = "dossier-fresh-outputs"
PACKED = "dossier-packed-contents"
# Written by every build besides the files MkDocs lists (its theme's templates).
ALWAYS_WRITTEN = ("sitemap.xml.gz",)
_PACKAGES = ("mkdocs", "mkdocs-material", "pagefind-bin", "markdown", "pymdown-extensions")
_PLUGIN_MODULES = ("site/hooks.py", "site/searchmarks.py", "site/paths.py", "store/incremental.py")


def site_key(config_file: Path, docs_dir: Path, offline: bool = False) -> str:
    """A digest of everything besides a page's Markdown that its HTML depends on."""
    digest = hashlib.sha256(b"offline" if offline else b"served")
    digest.update(config_file.read_bytes())
    digest.update(str(docs_dir.resolve()).encode())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    package_root = Path(__file__).resolve().parent.parent
    for module in _PLUGIN_MODULES:
        digest.update((package_root / module).read_bytes())
    return digest.hexdigest()


def previous_site(state: Path, site_dir: Path, key: str) -> Path | None:
    """The previous site, when it was built with the same key and is still in place."""
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("ignoring unreadable %s (%s)", state, exc)
        return None
    site = site_dir.resolve()
    same = isinstance(data, dict) and data.get("format") == STATE_FORMAT
    if not same or data.get("key") != key or data.get("site") != str(site):
        return None
    return site if (site / "index.html").is_file() else None


def save_state(state: Path, site_dir: Path, key: str) -> None:
    """Record the key of the site just published."""
    data = {"format": STATE_FORMAT, "key": key, "site": str(site_dir.resolve())}
    try:
        write_atomically(state, json.dumps(data) + "\n")
    except OSError as exc:  # the next build is a full one: slower, never wrong
        log.warning("cannot write %s (%s)", state, exc)


def link_copy(source: Path, target: Path) -> int:
    """Make `target` (empty, or the spare of an earlier build) hold every file of `source`, the
    search index's included (its shards whose pages are unchanged are kept), each as a hard
    link to the same file; the number of files.

    A file of `target` that is already a link to the same file is left alone, any other is
    replaced, and what `source` does not hold is removed: a spare two builds old is brought up
    to date with a few links, where a fresh copy makes (and the spare's removal deletes) a
    folder per page, which costs milliseconds each on some file systems."""
    target.mkdir(parents=True, exist_ok=True)
    return _link_folder(source, target)


def _link_folder(source: Path, target: Path) -> int:
    """Link the files of `source` into `target` (a folder), recursively; the number of files.
    The inode numbers come with each folder's listing (os.scandir), so a file already linked
    costs no system call of its own: with 13,500 pages, a stat per file was most of the time."""
    there = {entry.name: entry for entry in os.scandir(target)}
    count = 0
    for entry in os.scandir(source):
        old = there.pop(entry.name, None)
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            if old is not None and not old.is_dir(follow_symlinks=False):
                destination.unlink()
                old = None
            if old is None:
                destination.mkdir()
            count += _link_folder(Path(entry.path), destination)
            continue
        if old is not None:
            if not old.is_symlink() and not old.is_dir() and old.inode() == entry.inode():
                count += 1
                continue
            _remove(destination)
        os.link(entry.path, destination, follow_symlinks=False)
        count += 1
    for gone in there.values():  # what `source` does not hold
        _remove(Path(gone.path))
    return count


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


class QuietDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; ours cannot (the navigation
    holds only index pages, rendered at every build), and with --strict the warning would stop
    the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class FreshOutputs(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """During a dirty build over a linked copy: unlink what will be written, remove the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.expected: set[str] = set()

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        site = Path(config.site_dir)
        self.expected = {str(f.dest_uri) for f in files}
        self.expected.update(config.theme.static_templates)
        self.expected.update(ALWAYS_WRITTEN)
        for file in files:
            if file.is_modified():
                Path(file.abs_dest_path).unlink(missing_ok=True)
        for name in [*config.theme.static_templates, *ALWAYS_WRITTEN]:
            (site / name).unlink(missing_ok=True)
        return files

    def on_post_build(self, *, config: Any) -> None:
        removed = remove_unlisted(Path(config.site_dir), self.expected, skip=BUNDLE)
        log.info("dirty build: removed %d files of pages that are gone", removed)


def remove_unlisted(folder: Path, wanted: set[str], skip: str | None = None) -> int:
    """Remove from `folder` every file whose relative path is not in `wanted` (the top folder
    `skip` left as it is), then the folders left empty; the number of files removed."""
    removed = 0
    folders = []
    for here, dirs, names in os.walk(folder):
        relative = os.path.relpath(here, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        if not prefix:
            dirs[:] = [d for d in dirs if d != skip]
        else:
            folders.append(here)
        for name in names:
            if prefix + name not in wanted:
                os.unlink(os.path.join(here, name))
                removed += 1
    for here in reversed(folders):  # the deepest first
        if not os.listdir(here):
            os.rmdir(here)
    return removed


class PackedContents(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """MkDocs converts every page to HTML before it writes any, and holds all that HTML
    meanwhile (the MkDocs stage of a cold build peaked at 2.2 GB at the full corpus, 13,800
    pages). Here each page's HTML is kept compressed from the moment the next page is read (or
    all are) until its own page is written, and dropped once it is: the same output. On 300
    corpus articles (2,400 pages) MkDocs' process peaked at 119 MB instead of 169 MB."""

    def __init__(self) -> None:
        super().__init__()
        self._last: Any = None
        self._packed: dict[int, bytes] = {}

    def _pack_last(self) -> None:
        page, self._last = self._last, None
        if page is not None and isinstance(page.content, str):
            self._packed[id(page)] = zlib.compress(page.content.encode("utf-8"), 1)
            page.content = ""

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        self._pack_last()  # the page before: its HTML is final, every plugin has run on it
        self._last = page
        return html

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        self._pack_last()  # every page is read: the writing starts
        return env

    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        packed = self._packed.pop(id(page), None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        page.content = None  # written: MkDocs reads only its anchors from here on
        return output
