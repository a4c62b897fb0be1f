"""What Pagefind reads: each indexed page's search body alone, in shards.

Pagefind spends most of its time parsing HTML, and most of each page's HTML is Material's
navigation, header and footer, or sections its body marks `data-pagefind-ignore` (lists of
links, mentions repeated from the articles), none of which it indexes. A search source is the
page's `data-pagefind-body` element alone, without those sections, in a minimal HTML document at
the page's own path: Pagefind writes the same index from it, byte for byte (a test compares),
with half the work.

A manifest kept between builds (in the cache) records each HTML file's size and modification
time with the digest of its search body: an incremental build reads again only the pages MkDocs
wrote again, and a shard whose pages' bodies are all the same keeps its index
(generator/store/search.py). The sources of a shard to index are written afresh, in the order of
their paths, into a new folder: Pagefind numbers pages in the order the file system lists them.

Shards bound Pagefind's memory, which grows with the pages of one run (990 MB for the 13,500
pages of the full corpus): the profiles (people, organisations, countries) are one shard, the
articles and the quotes are others, cut by a hash of the page's path into as many as they need
to hold at most SHARD_PAGES pages each. The browser searches them together
(content/pages/assets/dossier/search.js).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomically
from generator.site.searchmarks import BODY_END, BODY_START, IGNORED_START

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the index's folder in the site

SOURCE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>{}</body></html>'
)
MANIFEST_FORMAT = 1

# The most pages of one Pagefind run of articles or quotes. Pagefind holds about 200 KB per
# article page while it builds (540 MB for the 2,636 article pages of the full corpus): 2,000
# pages keep a run near 300 MB.
SHARD_PAGES = 2000

# The shard of each kind of page (its first folder). Profiles share one, however many there are:
# Pagefind scores a word by how rare it is among the pages of its own index, so a person's page
# comes before an organisation's for the person's name only when both are in the same index
# (the 10,800 profiles of the full corpus take 470 MB there). Articles and quotes rank below any
# profile that a query names, so they can be cut into as many runs as their size needs.
SHARD_OF_FOLDER = {
    "people": "profiles",
    "organisations": "profiles",
    "countries": "profiles",
    "articles": "articles",
    "quotes": "quotes",
}
OTHER_KIND = "pages"
WHOLE = frozenset({"profiles"})  # shards never cut

_DIV = re.compile(r"<(/?)div\b[^>]*>")


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: its name, its pages (paths relative to the site, in order) and a digest
    of their paths and search bodies, which says whether the index built from them can be kept."""

    name: str
    pages: tuple[str, ...]
    digest: str


def search_body(html: str) -> str | None:
    """The page's search body as Pagefind indexes it (None for a page without one): the
    `data-pagefind-body` element, without the sections it ignores."""
    start = html.find(BODY_START)
    if start < 0:
        return None
    end = html.find(BODY_END, start)
    if end < 0:
        return None
    return without_ignored(html[start:end].rstrip())


def without_ignored(body: str) -> str:
    """`body` without its `data-pagefind-ignore` sections (each a balanced div, as
    generator/site/searchmarks.py writes them); a section that does not close is kept."""
    kept: list[str] = []
    at = 0
    while (start := body.find(IGNORED_START, at)) >= 0:
        end = _closing(body, start)
        if end is None:
            break
        kept.append(body[at:start])
        at = end
    kept.append(body[at:])
    return "".join(kept)


def _closing(html: str, start: int) -> int | None:
    """The end of the div that opens at `start`, or None when it does not close."""
    depth = 0
    for tag in _DIV.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


def shard_kind(relative: str) -> str:
    """The kind of shard a page of the site goes to, from its first folder."""
    folder = relative.partition("/")[0]
    if "/" not in relative:
        return OTHER_KIND
    return SHARD_OF_FOLDER.get(folder, OTHER_KIND)


def shard_name(kind: str, path: str, count: int) -> str:
    """The shard of a page of `kind` (of `count` pages of that kind): the kind itself, or, where
    the kind needs several runs, the kind and a bucket chosen by a hash of the page's path (the
    same page stays in the same shard as others come and go)."""
    buckets = 1 if kind in WHOLE else -(-count // SHARD_PAGES)
    if buckets <= 1:
        return kind
    bucket = int(hashlib.sha1(path.encode()).hexdigest()[:8], 16) % buckets
    return f"{kind}-{bucket + 1}"


def html_files(site: Path, skip: str) -> Iterator[tuple[str, os.stat_result]]:
    """Every HTML file of the site (relative path, stat), but those in the folder `skip`."""
    for folder, dirs, names in os.walk(site):
        if folder == str(site):
            dirs[:] = [d for d in dirs if d != skip]
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, site).replace(os.sep, "/"), os.stat(path)


def site_shards(site: Path, manifest: Path, skip: str) -> tuple[list[Shard], dict[str, str]]:
    """The shards of the site's search sources, and the search bodies read from the site on
    the way (by path). The manifest (kept between builds) records, for every HTML file of the
    site, its size and modification time, its shard and the digest of its search body: a file
    with the same size and time is not read again."""
    recorded = _read_manifest(manifest)
    pages: dict[str, list[object]] = {}
    bodies: dict[str, str] = {}
    for path, stat in html_files(site, skip):
        mark = [stat.st_size, stat.st_mtime_ns]
        old = recorded.get(path)
        if old is not None and old[:2] == mark:
            pages[path] = old
            continue
        body = search_body((site / path).read_text(encoding="utf-8"))
        digest = hashlib.sha256(body.encode()).hexdigest() if body is not None else None
        pages[path] = [*mark, None, digest]
        if body is not None:
            bodies[path] = body
    counts = Counter(shard_kind(p) for p, entry in pages.items() if entry[3] is not None)
    for path, entry in pages.items():
        kind = shard_kind(path)
        entry[2] = shard_name(kind, path, counts[kind]) if entry[3] is not None else None
    write_atomically(
        manifest, json.dumps({"format": MANIFEST_FORMAT, "pages": pages}, separators=(",", ":"))
    )
    return _shards(pages), bodies


def _shards(pages: dict[str, list[object]]) -> list[Shard]:
    """The shards, in order of name, each with a digest of its pages' paths and bodies."""
    members: dict[str, list[str]] = {}
    for path in sorted(pages):
        shard = pages[path][2]
        if isinstance(shard, str):
            members.setdefault(shard, []).append(path)
    return [
        Shard(
            name=name,
            pages=tuple(paths),
            digest=hashlib.sha256(
                "".join(f"{p}\t{pages[p][3]}\n" for p in paths).encode()
            ).hexdigest(),
        )
        for name, paths in sorted(members.items())
    ]


def write_sources(site: Path, shard: Shard, folder: Path, bodies: dict[str, str]) -> None:
    """Write the search source of each page of `shard` into `folder` (new, empty), at the page's
    path, in the order of the shard's pages: Pagefind numbers pages in the order the file system
    lists them, which for a new folder depends only on that order (and the file system)."""
    for path in shard.pages:
        body = bodies.get(path)
        if body is None:
            body = search_body((site / path).read_text(encoding="utf-8")) or ""
        source = folder / path
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(SOURCE_PAGE.format(body), encoding="utf-8")


def _read_manifest(manifest: Path) -> dict[str, list[object]]:
    """The pages the manifest records, or none (every page is then read again) when it is
    missing, unreadable or of another format."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("ignoring unreadable %s (%s)", manifest, exc)
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}
