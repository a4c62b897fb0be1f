"""Redirect pages: the old address of a person merged or renamed since the previous published
build (found by where their mentions went), and each of `Dossier.redirects`, keeps working; so
does an organisation's (`Dossier.organisation_redirects`, and where its mentions went).

Each old address gets a tiny HTML page that MkDocs copies as it is and that sends the browser to
the new page. Redirects are remembered in the published-build manifest, so later builds keep
them. Pure: the pipeline hands in what the previous build recorded.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping, Sequence

from generator.model import Dossier, Page, Span
from generator.publish.manifest import span_key
from generator.site import paths
from generator.text import slug

log = logging.getLogger(__name__)

MAX_HOPS = 20
# A person's redirect to an organisation's page ("Pernod Ricard", once read as a person) names
# it so: no person's or country's id holds a colon.
TO_ORGANISATION = "organisation:"


def derived_redirects(
    old_people: Mapping[str, Sequence[str]], old_redirects: Mapping[str, str], dossier: Dossier
) -> dict[str, str]:
    """Old id -> current id: the dossier's own redirects, those of earlier builds, and people of
    the previous build (id -> anchor mentions) whose mentions now belong to someone else, or
    to an organisation (then the target is TO_ORGANISATION + its id)."""
    subjects = [p for p in dossier.people if p.kind == "subject"]
    mentions = {TO_ORGANISATION + o.id: o.mentions for o in dossier.organisations}
    mentions.update({p.id: p.mentions for p in subjects})  # a person's own mention wins
    pages = set(mentions) | {c.id for c in dossier.countries}
    return _derived(old_people, old_redirects, dossier.redirects, mentions, pages)


def derived_organisation_redirects(
    old_organisations: Mapping[str, Sequence[str]],
    old_redirects: Mapping[str, str],
    dossier: Dossier,
) -> dict[str, str]:
    """The same for organisations: old organisation id -> current one."""
    mentions = {o.id: o.mentions for o in dossier.organisations}
    own = dossier.organisation_redirects
    return _derived(old_organisations, old_redirects, own, mentions, set(mentions))


def _derived(
    old_anchors: Mapping[str, Sequence[str]],
    old_redirects: Mapping[str, str],
    own: Mapping[str, str],
    mentions: Mapping[str, Sequence[Span]],
    pages: set[str],
) -> dict[str, str]:
    """Old id -> current id among `pages`, from the redirects of earlier builds, the ids of the
    previous build whose anchor mentions now belong to a current id, and this build's `own`."""
    owner_of = {span_key(s): ident for ident, spans in mentions.items() for s in spans}
    # An old address that is a page again (a rename undone) redirects no more.
    found = {old: new for old, new in old_redirects.items() if old not in mentions}
    for old, anchors in old_anchors.items():
        if old in mentions:
            continue
        targets = [owner_of[a] for a in anchors if a in owner_of]
        if targets:
            found[old] = targets[0]
    found.update(own)
    for old in [old for old in found if slug(old) != old]:
        log.warning("ignoring redirect from %r: not a page id", old)
        del found[old]
    current = set(mentions)
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


def redirect_pages(
    redirects: Mapping[str, str],
    dossier: Dossier,
    organisation_redirects: Mapping[str, str] | None = None,
) -> list[Page]:
    """A tiny HTML page at each old address (`people/<old>/index.html`, which MkDocs copies as it
    is; `organisations/<old>/index.html` for an organisation) that sends the browser to the new
    page, with a link for those without refresh. Its links are site URLs relative to the old
    page's."""
    people = {p.id for p in dossier.people if p.kind == "subject"}
    moves = [
        (paths.redirect(old), _person_target(new, people)) for old, new in sorted(redirects.items())
    ]
    moves += [
        (paths.organisation_redirect(old), paths.organisation(new))
        for old, new in sorted((organisation_redirects or {}).items())
    ]
    pages = []
    for page, target in moves:
        new_url = paths.relative(page, paths.page_url(target))
        pages.append(Page(page, redirect_html(new_url, paths.relative(page, paths.FAVICON))))
    return pages


def _person_target(new: str, people: set[str]) -> str:
    """The page a person's old address leads to: a person's, an organisation's or a country's."""
    if new.startswith(TO_ORGANISATION):
        return paths.organisation(new.removeprefix(TO_ORGANISATION))
    return paths.person(new) if new in people else paths.country(new)


def redirect_html(target: str, icon: str) -> str:
    """The moved page: it refreshes to `target` and links the site's `icon`, so that the browser
    asks for nothing the site lacks."""
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
        f'<link rel="icon" href="{html.escape(icon, quote=True)}">\n'
        "</head>\n"
        f'<body><p>This page has moved to <a href="{url}">{url}</a>.</p></body>\n'
        "</html>\n"
    )
