"""Stable page addresses: ids that do not move when articles arrive, and redirects when they do.

A person's id is the slug of their name. When two different names share a slug ("José Pérez",
"Jose Perez"), one keeps the bare slug and the others get a qualifier that depends only on their
own name (a short hash of it), never on the order articles arrived in. Which one keeps the bare
slug: whoever had it in the previous published build (the address registry kept with the cache),
else the first name in sorted order. Old addresses of people merged or renamed since the previous
build (found by where their mentions went) and those of `Dossier.redirects` get a redirect page.
"""

from __future__ import annotations

import hashlib
import html
import logging
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from generator.model import Dossier, Page, Span
from generator.text import slug

log = logging.getLogger(__name__)

QUALIFIER = 6  # hex digits of the name hash that tell apart people whose names share a slug
ANCHORS = 3  # mentions remembered per person, to find where a person went after a merge
MAX_HOPS = 20


def name_key(name: str) -> str:
    """The identity of a canonical name: case, spacing and apostrophe variants are one name."""
    return " ".join(name.casefold().replace("’", "'").split())


def qualified(base: str, key: str, digits: int = QUALIFIER) -> str:
    return f"{base}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:digits]}"


def stable_ids(entries: Sequence[tuple[str, str]], pinned: Mapping[str, str]) -> list[str]:
    """One distinct id per (base slug, name key) entry.

    `pinned` maps ids of the previous published build to the name key that had them. Should the
    same entry come twice (two people of one name), the repeats get a numbered qualifier.
    """
    keys_of: dict[str, set[str]] = defaultdict(set)
    for base, key in entries:
        keys_of[base].add(key)
    owner = {base: _owner(base, keys, pinned) for base, keys in keys_of.items()}
    taken = set(keys_of)
    chosen: dict[tuple[str, str], str] = {}
    for base, key in sorted(set(entries)):
        chosen[(base, key)] = base if owner[base] == key else _unused(base, key, taken)
    ids, seen = [], set()
    for base, key in entries:
        ident = chosen[(base, key)]
        n = 1
        while ident in seen:
            n += 1
            ident = _unused(base, f"{key}#{n}", taken)
        seen.add(ident)
        ids.append(ident)
    return ids


def _unused(base: str, key: str, taken: set[str]) -> str:
    digits = QUALIFIER
    ident = qualified(base, key, digits)
    while ident in taken:  # a real name slugged like "x-3fa2b1": lengthen the hash
        digits += 2
        ident = qualified(base, key, digits)
    taken.add(ident)
    return ident


def _owner(base: str, keys: set[str], pinned: Mapping[str, str]) -> str:
    previous = pinned.get(base)
    return previous if previous in keys else min(keys)


def span_key(span: Span) -> str:
    return f"{span.article}#{span.block}:{span.start}-{span.end}"


def person_anchors(mentions: Iterable[Span]) -> list[str]:
    return sorted(span_key(s) for s in mentions)[:ANCHORS]


def derived_redirects(
    old_people: Mapping[str, Sequence[str]], old_redirects: Mapping[str, str], dossier: Dossier
) -> dict[str, str]:
    """Old id -> current id: the dossier's own redirects, those of earlier builds, and people of
    the previous build (id -> anchor mentions) whose mentions now belong to someone else."""
    current = {p.id for p in dossier.people if p.kind == "subject"}
    owner_of = {
        span_key(s): p.id for p in dossier.people if p.kind == "subject" for s in p.mentions
    }
    found: dict[str, str] = dict(old_redirects)
    for old, anchors in old_people.items():
        if old in current:
            continue
        targets = [owner_of[a] for a in anchors if a in owner_of]
        if targets:
            found[old] = targets[0]
    found.update(dossier.redirects)
    for old in [old for old in found if slug(old) != old]:
        log.warning("ignoring redirect from %r: not a page id", old)
        del found[old]
    pages = current | {c.id for c in dossier.countries}
    return {
        old: target
        for old in sorted(found)
        if old not in current and (target := _followed(old, found)) is not None and target in pages
    }


def _followed(start: str, redirects: Mapping[str, str]) -> str | None:
    """The end of a chain of redirects (a -> b -> c gives c); None for a loop."""
    ident, seen = start, {start}
    for _ in range(MAX_HOPS):
        if ident not in redirects:
            return ident
        ident = redirects[ident]
        if ident in seen:
            return None
        seen.add(ident)
    return None


def redirect_pages(redirects: Mapping[str, str], dossier: Dossier) -> list[Page]:
    """A tiny HTML page at each old address (`people/<old>/index.html`, which MkDocs copies as it
    is) that sends the browser to the new page, with a link for those without refresh."""
    people = {p.id for p in dossier.people if p.kind == "subject"}
    pages = []
    for old, new in sorted(redirects.items()):
        folder = "people" if new in people else "countries"
        page = f"people/{old}/index.html"
        target = posixpath.relpath(f"{folder}/{new}/", posixpath.dirname(page)) + "/"
        pages.append(Page(page, redirect_html(target)))
    return pages


def redirect_html(target: str) -> str:
    url = html.escape(target, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>Moved</title>\n"
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f'<link rel="canonical" href="{url}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n"
        f'<body><p>This page has moved to <a href="{url}">{url}</a>.</p></body>\n'
        "</html>\n"
    )
