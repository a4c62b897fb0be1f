"""The site's search index: Pagefind, run over the built site, shard by shard.

Pagefind (a binary shipped in the `pagefind-bin` wheel) reads the search sources of the built
site (generator/store/searchsources.py: each page's marked body alone, grouped in shards) and
writes one chunked index per shard into `pagefind/<shard>/` inside the site, with its search
script and UI; `pagefind/shards.json` names them, and the browser searches them together
(content/pages/assets/dossier/search.js), downloading only the chunks a query needs, from the
site itself (no CDN). Pagefind's search script is changed to make a result's excerpts faster
(generator/store/searchscript.py).

A shard whose sources are the same as when the site already in place was indexed keeps its
index: `shards.json` records a digest of each shard's sources, and the previous site is linked
into the new one before this runs (generator/store/incremental.py). Every index is a function of
its shard's sources alone, so the site is byte for byte that of a full build (a test compares).
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DossierError
from generator.store.incremental import remove_unlisted
from generator.store.searchindex import ENTRY, make_reproducible, unpack_chunks
from generator.store.searchscript import split_words_once
from generator.store.searchsources import BUNDLE, Shard, site_shards, write_sources

log = logging.getLogger(__name__)

SHARDS = "shards.json"  # in BUNDLE: the shards, in the order the browser merges them

# Pagefind writes a file per page (13,500 at the full corpus): into memory (/dev/shm) where the
# system has one with room, that is a third of the time it takes on a disk here; the files that
# differ from the index in place are then copied (most are the same, named by their content).
FAST_SCRATCH = Path("/dev/shm")
SCRATCH_ROOM = 1 << 30  # bytes free that the fast scratch must have

# Pagefind holds the whole index in memory while it builds it (1.1 GB at the full corpus, 13,500
# pages). Its allocator (jemalloc, built in; this variable is how it is tuned) keeps one arena
# and returns freed memory at once instead of caching it per thread and for seconds: 990 MB
# there, in the same time and with the same index (turning the thread caches off too saves
# another 80 MB but costs 60% more time).
ALLOCATOR = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0,retain:false"}


def pagefind_executable() -> Path:
    """The Pagefind binary of the installed `pagefind-bin` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise DossierError(
            "the search index needs Pagefind: install the project's dependencies "
            "(`make install`, or `pip install -r requirements.lock`)"
        ) from None
    return Path(get_executable())


def index_site(site: Path, manifest: Path | None = None) -> None:
    """Write the search index of the built site in `site` into `site/pagefind/`, a bundle per
    shard. `manifest` records the search sources between builds (in the cache); without it,
    every page is read. A shard whose bundle in `site` was built from the same sources is kept.

    One Pagefind runs at a time (the profiles' alone holds 470 MB at the full corpus), while this
    process writes the next shard's sources and puts the last one's index in place."""
    if not site.is_dir():
        raise DossierError(f"Pagefind could not index {site}: no such folder")
    bundle = site / BUNDLE
    with _scratch(site) as scratch:
        shards, bodies = site_shards(site, manifest or scratch / "manifest.json", BUNDLE)
        indexed = indexed_shards(bundle)
        running: _Indexing | None = None
        try:
            for shard in shards:
                target = bundle / shard.name
                if indexed.get(shard.name) == shard.digest and (target / ENTRY).is_file():
                    served_as_is(target)  # kept from a build before those changes, maybe
                    continue
                log.info("indexing %d pages of %s (%s)", len(shard.pages), site, shard.name)
                sources, built = scratch / "sources" / shard.name, scratch / "out" / shard.name
                write_sources(site, shard, sources, bodies)
                done = running
                if done is not None:
                    done.wait()
                running = _Indexing.start(sources, built, target)
                if done is not None:
                    done.put_in_place()
            if running is not None:
                running.wait()
                running.put_in_place()
        except BaseException:
            if running is not None:
                running.stop()  # before its scratch folder goes
            raise
    _remove_others(bundle, {s.name for s in shards})
    _write_shards(bundle, shards)


@dataclass
class _Indexing:
    """One shard's Pagefind, running, and where its index goes once it has ended."""

    sources: Path
    built: Path
    target: Path
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, sources: Path, built: Path, target: Path) -> _Indexing:
        return cls(sources, built, target, _started_pagefind(sources, built))

    def wait(self) -> None:
        _ended(self.process, self.sources)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()

    def put_in_place(self) -> None:
        make_reproducible(self.built)
        served_as_is(self.built)
        replace_folder(self.built, self.target)
        shutil.rmtree(self.sources)


def served_as_is(bundle: Path) -> None:
    """What the browser reads of a Pagefind bundle made faster to read: the index chunks
    unpacked, the excerpts' words split once (each a no-op on a bundle that has it already)."""
    unpack_chunks(bundle)
    split_words_once(bundle)


def indexed_shards(bundle: Path) -> dict[str, str]:
    """The shards of the index in `bundle`, with the digest of the sources each was built from
    (empty when there is none, or an unreadable one: every shard is then built)."""
    try:
        data = json.loads((bundle / SHARDS).read_text(encoding="utf-8"))
        return {str(s["name"]): str(s["sources"]) for s in data["shards"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_shards(bundle: Path, shards: list[Shard]) -> None:
    listed = [{"name": s.name, "pages": len(s.pages), "sources": s.digest} for s in shards]
    bundle.mkdir(parents=True, exist_ok=True)
    path = bundle / SHARDS
    path.unlink(missing_ok=True)  # a link to the previous site's file: never written through
    path.write_text(json.dumps({"shards": listed}, indent=1) + "\n", encoding="utf-8")


def _started_pagefind(sources: Path, output: Path) -> subprocess.Popen[str]:
    command = [
        str(pagefind_executable()),
        "--site",
        str(sources),
        "--output-path",
        str(output),
        "--force-language",
        "en",
        "--silent",
    ]
    environment = {**os.environ, **ALLOCATOR}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )


def _ended(process: subprocess.Popen[str], sources: Path) -> None:
    """Wait for a Pagefind run; raise with what it said if it failed."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        detail = (stderr or stdout).strip()
        raise DossierError(f"Pagefind could not index {sources}: {detail}")


@contextlib.contextmanager
def _scratch(site: Path) -> Iterator[Path]:
    """A temporary folder for the search sources and Pagefind's output: in memory where the
    system has room there, else beside the site."""
    fast = FAST_SCRATCH.is_dir() and os.access(FAST_SCRATCH, os.W_OK)
    room = fast and shutil.disk_usage(FAST_SCRATCH).free >= SCRATCH_ROOM
    where = FAST_SCRATCH if room else site.parent
    folder = Path(tempfile.mkdtemp(prefix="dossier-search-", dir=where))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def replace_folder(new: Path, target: Path) -> None:
    """Make `target` hold exactly the files of `new`. A file already there with the same bytes
    stays (most of an index's files are the same from one build to the next, and it may be a
    link to the previous site's); any other is replaced by a copy, never written through a
    link; what `new` does not hold is removed."""
    wanted: set[str] = set()
    for path in sorted(new.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(new)
        wanted.add(relative.as_posix())
        old = target / relative
        if old.is_file() and filecmp.cmp(path, old, shallow=False):
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        old.unlink(missing_ok=True)
        shutil.copyfile(path, old)
    remove_unlisted(target, wanted)


def _remove_others(bundle: Path, shards: set[str]) -> None:
    """Remove from `bundle` what no shard holds (an index of an earlier layout, a shard gone)."""
    if not bundle.is_dir():
        return
    for entry in os.scandir(bundle):
        if entry.name in shards or entry.name == SHARDS:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
