"""What's new: the articles, people, organisations and quotes each published build added, as a
page and a feed, and the latest build's on the home page.

Both are made from the history kept in the published-build manifest (generator.publish.manifest):
one section (and one feed entry) per build that added something, newest first. That file is
read back from the cache folder, so nothing from it is trusted: reading it checks every value's
type and form (dates, build ids, anchors), labels go through `md` on the page, and every value
printed into the feed is XML-escaped.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import jinja2

from generator.model import Dossier, Page
from generator.publish.manifest import EPOCH, SHOWN, Item, Published, Record
from generator.site import paths


def whatsnew_page(env: jinja2.Environment, state: Published, dossier: Dossier) -> Page:
    existing = _existing_pages(dossier)
    builds = [_record_context(r, existing, paths.WHATSNEW) for r in state.history]
    builds = [b for b in builds if any(b[kind]["count"] for kind in _KINDS)]
    feed = paths.relative(paths.WHATSNEW, paths.FEED)
    text = env.get_template("whatsnew.md.j2").render(builds=builds, feed=feed, shown=SHOWN)
    return Page(paths.WHATSNEW, text)


HOME_SHOWN = 5  # items of each kind on the home page; What's new lists more


def latest_changes(state: Published, dossier: Dossier) -> dict[str, Any] | None:
    """What the latest build that added something added, for the home page (links relative to
    it), without what has gone since; None before any."""
    existing = _existing_pages(dossier)
    for record in state.history:
        found = _record_context(record, existing, paths.HOME)
        if any(found[kind]["count"] for kind in _KINDS):
            for kind in _KINDS:
                listed = found[kind]
                shown = listed["items"][:HOME_SHOWN]
                listed.update(items=shown, more=listed["count"] - len(shown))
            return {**found, "whatsnew": paths.relative(paths.HOME, paths.WHATSNEW)}
    return None


def _existing_pages(dossier: Dossier) -> set[str]:
    people = {paths.person(p.id) for p in dossier.people if p.kind == "subject"}
    bodies = {paths.organisation(o.id) for o in dossier.organisations}
    return people | bodies | {paths.article(a.id) for a in dossier.articles}


_KINDS = ("articles", "people", "organisations", "quotes")


def still_there(found: Sequence[Item], count: int, existing: set[str]) -> tuple[list[Item], int]:
    """The items of a record whose page is still in the site (a deleted article, a person
    renamed or gone, a quote of a deleted article are dropped), and the count less those."""
    kept = [i for i in found if _page_of(i) in existing]
    return kept, count - (len(found) - len(kept))


def _record_context(record: Record, existing: set[str], page: str) -> dict[str, Any]:
    def listed(found: Sequence[Item], count: int) -> dict[str, Any]:
        kept, left = still_there(found, count, existing)
        return {
            "items": [(i.label, _page_link(page, i)) for i in kept],
            "more": left - len(kept),
            "count": left,
        }

    articles, people, quotes = record.counts
    return {
        "id": record.id,
        "date": record.date,
        "articles": listed(record.articles, articles),
        "people": listed(record.people, people),
        "organisations": listed(record.organisations, record.organisation_count),
        "quotes": listed(record.quotes, quotes),
    }


def _page_of(item: Item) -> str:
    return _page_and_anchor(item)[0]


def _page_and_anchor(item: Item) -> tuple[str, str]:
    """The page of an item and the anchor in it ("" for the page itself)."""
    page, _, anchor = item.page.partition("#")
    return page, anchor


def _page_link(from_page: str, item: Item) -> str:
    """A Markdown link from a page to the item's page (or paragraph), for MkDocs to check."""
    return paths.relative(from_page, *_page_and_anchor(item))


def _feed_link(page: str, anchor: str = "") -> str:
    """The address of a page (or of an anchor in it) relative to the feed's: the feed is copied
    as it is, so its links are site URLs, not page paths."""
    return paths.relative(paths.FEED, paths.page_url(page), anchor)


def feed_page(state: Published, dossier: Dossier, title: str) -> Page:
    """An Atom feed (RFC 4287), one entry per build; links relative to the feed's address."""
    existing = _existing_pages(dossier)
    updated = state.history[0].date if state.history else EPOCH
    entries = "".join(_feed_entry(r, existing) for r in state.history)
    feed_id = _urn(f"dossier feed: {title}")
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(title)}: what's new</title>\n"
        f"  <id>{feed_id}</id>\n"
        f"  <updated>{escape(updated)}T00:00:00Z</updated>\n"
        f'  <link rel="self" href="{_attr(paths.relative(paths.FEED, paths.FEED))}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{_attr(_feed_link(paths.WHATSNEW))}"/>\n'
        f"  <author><name>{escape(title)}</name></author>\n"
        f"{entries}"
        "</feed>\n"
    )
    return Page(paths.FEED, text)


def _attr(value: str) -> str:
    """A value for a double-quoted XML attribute."""
    return escape(value, {'"': "&quot;"})


def _urn(name: str) -> str:
    """A stable, valid Atom id: a name-based UUID (RFC 4122 version 5)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _feed_entry(record: Record, existing: set[str]) -> str:
    kinds = (
        ("New articles", "articles", record.articles),
        ("New people", "people", record.people),
        ("New organisations", "organisations", record.organisations),
        ("New quotes", "quotes", record.quotes),
    )
    articles, people, quotes = record.counts
    counts = (articles, people, record.organisation_count, quotes)
    lines, summary = [], []
    for (heading, kind, listed), recorded in zip(kinds, counts, strict=True):
        found, count = still_there(listed, recorded, existing)
        if not count:
            continue
        items = "".join(
            f'<li><a href="{_attr(_feed_link(*_page_and_anchor(i)))}">{escape(i.label)}</a></li>'
            for i in found
        )
        more = f"<li>and {count - len(found)} more</li>" if count > len(found) else ""
        lines.append(f"<h2>{heading} ({count})</h2><ul>{items}{more}</ul>")
        summary.append(f"{count} {kind}")
    if not lines:  # everything this build added is gone since
        return ""
    whatsnew = _feed_link(paths.WHATSNEW, f"build-{record.id}")
    return (
        "  <entry>\n"
        f"    <title>{escape(record.date)}: {escape(', '.join(summary))}</title>\n"
        f"    <id>{_urn(f'dossier build: {record.id}')}</id>\n"
        f"    <updated>{escape(record.date)}T00:00:00Z</updated>\n"
        f'    <link rel="alternate" type="text/html" href="{_attr(whatsnew)}"/>\n'
        f'    <content type="html">{escape("".join(lines))}</content>\n'
        "  </entry>\n"
    )
