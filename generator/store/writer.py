"""Write stage: pages -> docs folder, then MkDocs -> site folder; each swapped in only on success.

Every output folder is built in a hidden staging folder beside it and swapped in at the end, so
the previous version stays whole until the new one is complete:

- on Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: the folder always exists;
- elsewhere it is two renames (target -> `.NAME.old`, staging -> target); a crash between them is
  repaired by the next build, which puts `.NAME.old` back before anything else;
- staging folders left by a killed build are removed by the next build, under a lock (on the
  parent folder) that keeps two builds from writing the same folder at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.atomic import write_atomically
from generator.errors import DossierError
from generator.memory import release_memory
from generator.model import KeptPage, Page
from generator.site import paths
from generator.store.incremental import NAME as FRESH_OUTPUTS
from generator.store.incremental import PACKED as PACKED_CONTENTS
from generator.store.incremental import (
    FreshOutputs,
    PackedContents,
    QuietDirtyWarning,
    link_copy,
    previous_site,
    remove_unlisted,
    save_state,
    site_key,
)
from generator.store.search import index_site

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1  # of the page manifest: each page's digest of inputs, size and time

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_offline_graph(site: Path) -> None:
    """The graph's data as a script beside it (`graph.data.js`), for a site opened from disk,
    where a page cannot fetch a file; its addresses are those of `page.html` files."""
    source = site / paths.GRAPH
    if not source.is_file():
        return
    data = json.loads(source.read_text(encoding="utf-8"))
    for node in data.get("nodes", []):
        node["url"] = paths.file_url(str(node["url"]))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    source.with_name(source.stem + ".data.js").write_text(
        f"window.dossierGraphData = {text};\n", encoding="utf-8"
    )


def write_docs(
    pages: Iterable[Page | KeptPage],
    extra: Path | None,
    target: Path,
    manifest: Path | None = None,
) -> int:
    """Write every page (and the hand-written pages in `extra`) into a new `target` folder: the
    one the last build replaced, brought up to date (a page unchanged since then is the same
    file already), where it was kept; removing and linking 13,500 files per build cost half a
    minute on some file systems.

    A KeptPage is the file of the same path in the current `target`, linked (or copied) into the
    new folder instead of rendered again. Once the new folder is in place, `manifest` records
    each page's digest of inputs with the size and time of its file: the next build keeps a page
    only if both are unchanged (a manifest left stale by a crash just before it is written still
    describes the files it names, or fails their check)."""
    described: dict[str, tuple[str, Path]] = {}
    with staging_folder(target, spare=True) as staging:
        count = 0
        written: set[str] = set()
        if extra is not None and extra.is_dir():
            shutil.copytree(
                extra, staging, dirs_exist_ok=True, ignore=_links_ignored, copy_function=_copy_anew
            )
            written.update(_files_below(extra))
        root = staging.resolve()  # once, not twice per page
        live = target.resolve()
        folders = {root}
        for page in pages:
            path = inside(root, page.path, resolved=True)
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            before = inside(live, page.path, resolved=True)
            if isinstance(page, KeptPage):
                _keep(before, path)
            else:
                _write_anew(page.text.encode(), before, path)
            if page.inputs:
                described[page.path] = (page.inputs, path)
            written.add(page.path)
            count += 1
        remove_unlisted(staging, written)  # the spare's files this build did not write
        files = _files_of(described)
    if manifest is not None:
        _write_manifest(manifest, target, files)
    return count


def _write_anew(data: bytes, live: Path, destination: Path) -> None:
    """Write a rendered page, never through a link to a file of the live docs; where the live
    file holds `data` already (a page rendered again, its inputs or the generator changed, but
    the same), keep that file instead, with its time, so that MkDocs does not build it again."""
    if _holds(live, data):
        _keep(live, destination)
        return
    destination.unlink(missing_ok=True)
    destination.write_bytes(data)


def _holds(live: Path, data: bytes) -> bool:
    """Whether the file `live` is `data` (false where there is none)."""
    try:
        if os.stat(live, follow_symlinks=False).st_size != len(data):
            return False
        return live.read_bytes() == data
    except OSError:
        return False


def _copy_anew(source: str, destination: str) -> None:
    """Copy a hand-written page over whatever the spare folder held there, never through a
    link to a file of the live docs."""
    Path(destination).unlink(missing_ok=True)
    shutil.copy2(source, destination)


def _files_below(folder: Path) -> Iterator[str]:
    """The paths (relative, POSIX) of the files below `folder`, symbolic links left out."""
    for here, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(here, name)
            if not os.path.islink(path):
                yield os.path.relpath(path, folder).replace(os.sep, "/")


def kept_pages(target: Path, manifest: Path) -> dict[str, str]:
    """The pages of the previous build in `target` that are still as it wrote them (same size and
    modification time), by path, with the digest of the inputs they were rendered from. Empty
    when there is no usable manifest: then every page is rendered."""
    root = target.resolve()
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT or data.get("docs") != str(root):
            return {}
        entries = [
            (str(path), str(inputs), int(size), int(mtime))
            for path, (inputs, size, mtime) in data["pages"].items()
        ]
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("ignoring unreadable %s (%s: %s)", manifest, type(exc).__name__, exc)
        return {}
    kept = {}
    for path, inputs, size, mtime in entries:
        try:
            found = os.stat(inside(root, path, resolved=True), follow_symlinks=False)
        except (OSError, DossierError):
            continue
        if stat.S_ISREG(found.st_mode) and found.st_size == size and found.st_mtime_ns == mtime:
            kept[path] = inputs
    return kept


def _keep(source: Path, destination: Path) -> None:
    """The previous build's file at `destination`: a hard link (left alone where the spare
    folder has it already), or a copy where links fail."""
    try:
        if os.stat(destination, follow_symlinks=False).st_ino == os.stat(source).st_ino:
            return
    except FileNotFoundError:
        pass
    destination.unlink(missing_ok=True)  # a hand-written page of that name gives way, as always
    try:
        os.link(source, destination)
    except FileNotFoundError:
        raise DossierError(
            f"{source} vanished during the build: run it again (or with --no-cache)"
        ) from None
    except OSError:
        shutil.copy2(source, destination)


def _files_of(described: dict[str, tuple[str, Path]]) -> dict[str, list[object]]:
    """Each described page's digest, size and modification time (renames keep both)."""
    files: dict[str, list[object]] = {}
    for name in sorted(described):
        inputs, file = described[name]
        found = file.stat()
        files[name] = [inputs, found.st_size, found.st_mtime_ns]
    return files


def _write_manifest(manifest: Path, target: Path, files: dict[str, list[object]]) -> None:
    data = {"format": MANIFEST_FORMAT, "docs": str(target.resolve()), "pages": files}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        write_atomically(manifest, text)
    except OSError as exc:  # the next build renders every page: slower, never wrong
        log.warning("cannot write %s (%s)", manifest, exc)


def _links_ignored(folder: str, names: list[str]) -> list[str]:
    """Symbolic links among the hand-written pages: never followed (they could point anywhere)."""
    links = [name for name in names if os.path.islink(os.path.join(folder, name))]
    for name in links:
        log.warning("ignoring symbolic link %s: copy the file itself", os.path.join(folder, name))
    return links


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    strict: bool,
    state: Path | None = None,
    offline: bool = False,
) -> None:
    """Run MkDocs into a staging folder, index it for search and swap it in; the previous site
    survives any failure. With `state` (the cache's record of the previous site), MkDocs
    rebuilds only the pages whose Markdown changed (generator/store/incremental.py). An
    `offline` site opens from disk: each page is a `name.html` file, linked as such, instead of
    a folder's `index.html` linked by the folder (which a browser shows as a listing there)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.site.hooks import install as install_safe_titles
    from generator.site.searchmarks import install as install_search_marks
    from generator.site.tablecells import install as install_table_cells

    key = site_key(config_file, docs_dir, offline)
    previous = previous_site(state, site_dir, key) if state is not None else None
    with staging_folder(site_dir, spare=previous is not None) as staging:
        try:
            config = load_config(
                str(config_file),
                docs_dir=str(docs_dir.resolve()),
                site_dir=str(staging.resolve()),
                strict=strict,
                use_directory_urls=not offline,
            )
            install_safe_titles(config)
            install_search_marks(config)
            install_table_cells(config)
            config.plugins[PACKED_CONTENTS] = PackedContents()
            if previous is None:
                build(config)
            else:
                log.info("reusing %d files of the previous site", link_copy(previous, staging))
                config.plugins[FRESH_OUTPUTS] = FreshOutputs()
                with _quiet(logging.getLogger("mkdocs.commands.build"), QuietDirtyWarning()):
                    build(config, dirty=True)
        except MkDocsException as exc:
            raise DossierError(f"MkDocs build failed: {exc}") from exc
        if offline:
            write_offline_graph(staging)
        release_memory()  # MkDocs' pages, before Pagefind's index is built beside them
        index_site(staging, search_manifest(state))
    if state is not None:
        save_state(state, site_dir, key)


def search_manifest(state: Path | None) -> Path | None:
    """Where the record of the search sources is kept between builds: beside the record of the
    site in the cache (none without a cache: every page is then read)."""
    return state.parent / "search-sources.json" if state is not None else None


@contextlib.contextmanager
def _quiet(logger: logging.Logger, quiet: logging.Filter) -> Iterator[None]:
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


@contextlib.contextmanager
def staging_folder(target: Path, spare: bool = False) -> Iterator[Path]:
    """A fresh folder to fill; swapped in as `target` when the block ends without an exception.

    On any exception (or signal turned into one) the staging folder is removed and `target` is
    left as it was. Holds a lock so that a second build cannot swap the same folder meanwhile.

    With `spare`, the folder is the content `target` had before the last swap, when it was
    kept (not empty: the caller brings it up to date), and the content replaced now is kept
    in its turn instead of removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target):
        recover(target)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(target), dir=target.parent))
        kept = _spare(target)
        if spare and kept.is_dir() and not kept.is_symlink():
            staging.rmdir()
            kept.rename(staging)
        try:
            yield staging
            swap_in(staging, target)
            if spare and staging.is_dir():
                if kept.exists():
                    shutil.rmtree(kept, ignore_errors=True)
                staging.rename(kept)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def inside(folder: Path, relative: str, resolved: bool = False) -> Path:
    """`folder / relative`, refusing any path that could land outside `folder` (`resolved`:
    `folder` is already an absolute path without links, so it is not resolved again).

    The check is on the text alone (no file system call per page): a relative POSIX path of
    plain names, none of them empty, "." or "..". The folders below `folder` are made by the
    writer itself and never hold links (hand-written ones are not copied), so no name can lead
    elsewhere."""
    root = folder if resolved else folder.resolve()
    parts = relative.split("/")
    if (
        not relative
        or relative.startswith("/")
        or "\\" in relative
        or "\x00" in relative
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise DossierError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*parts)


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the new `target`; the old content ends up in `staging` (or is removed)."""
    if target.exists() and _exchange(staging, target):
        return
    old = _old(target)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Repair what an interrupted build left beside `target`: restore it, drop staging folders."""
    old = _old(target)
    if old.exists():
        if target.exists():
            shutil.rmtree(old)
        else:
            log.warning("restoring %s from an interrupted build", target)
            old.rename(target)
    for leftover in target.parent.glob(_staging_prefix(target) + "*"):
        log.info("removing %s, left by an interrupted build", leftover)
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _lock(target: Path) -> Iterator[None]:
    """An exclusive lock on the folder that holds `target` (no lock file left behind)."""
    handle = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DossierError(
                f"another build is writing {target} right now: wait for it to finish"
            ) from None
        yield
    finally:
        os.close(handle)  # releases the lock


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.staging-"


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def _spare(target: Path) -> Path:
    return target.with_name(f".{target.name}.spare")
