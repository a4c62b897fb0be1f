"""What's new: the articles, people and quotes each published build added, as a page and a feed.

The manifest of the previous published build (ids of articles, people, countries, quotes, the
person addresses and redirects) is kept in the cache folder (`published.json`; in CI restored
with the cache). Each build whose content differs from it adds a record to the history; a build
that adds nothing adds no record, so rebuilding the same input gives the same pages. Dates come
from SOURCE_DATE_EPOCH when set (CI sets it to the commit time), else from the newest article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import jinja2

from generator.model import Article, Dossier, Page
from generator.resolve.addresses import name_key, person_anchors

FORMAT = 1
HISTORY = 20  # builds kept in the history, the page and the feed
SHOWN = 50  # items of each kind listed per build; the rest are counted
WHATSNEW = "whatsnew.md"
FEED = "feed.xml"
EPOCH = "1970-01-01"


@dataclass(frozen=True)
class Item:
    """One new thing: its id, what to call it, and the page it lives on (relative to docs)."""

    id: str
    label: str
    page: str


@dataclass(frozen=True)
class Record:
    """What one build added."""

    id: str
    date: str
    articles: tuple[Item, ...]  # the first SHOWN of each kind
    people: tuple[Item, ...]
    quotes: tuple[Item, ...]
    counts: tuple[int, int, int] = (0, 0, 0)  # how many of each kind there were

    @property
    def empty(self) -> bool:
        return not any(self.counts)


@dataclass(frozen=True)
class Published:
    """The manifest of a published build."""

    articles: tuple[str, ...] = ()
    people: dict[str, str] = field(default_factory=dict)  # person id -> name key
    anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id -> mentions
    quotes: tuple[str, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)
    history: tuple[Record, ...] = ()

    @property
    def addresses(self) -> dict[str, str]:
        return self.people


# -- the manifest ------------------------------------------------------------------------------


def build_date(articles: Iterable[Article]) -> str:
    """SOURCE_DATE_EPOCH's date when set, else the newest article's publication date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return max((a.published for a in articles if a.published), default=EPOCH)


def published_state(
    dossier: Dossier, previous: Published, redirects: dict[str, str], date: str
) -> Published:
    """This build's manifest: what it has, and the history with this build's additions."""
    subjects = [p for p in dossier.people if p.kind == "subject"]
    record = new_since(dossier, previous, date)
    history = previous.history if record.empty else (record, *previous.history)
    return Published(
        articles=tuple(a.id for a in dossier.articles),
        people={p.id: name_key(p.name) for p in subjects},
        anchors={p.id: tuple(person_anchors(p.mentions)) for p in subjects},
        quotes=tuple(q.id for q in dossier.quotes),
        redirects=dict(sorted(redirects.items())),
        history=history[:HISTORY],
    )


def new_since(dossier: Dossier, previous: Published, date: str) -> Record:
    old_articles, old_people = set(previous.articles), set(previous.people)
    old_quotes = set(previous.quotes)
    people = {p.id: p for p in dossier.people}
    articles = tuple(
        Item(a.id, a.title, f"articles/{a.id}.md")
        for a in sorted(dossier.articles, key=lambda a: (a.published, a.id), reverse=True)
        if a.id not in old_articles
    )
    new_people = tuple(
        Item(p.id, p.name, f"people/{p.id}.md")
        for p in sorted(dossier.people, key=lambda p: p.id)
        if p.kind == "subject" and p.id not in old_people
    )
    quotes = tuple(
        Item(
            q.id,
            _quote_label(q.quote.span.text, people.get(q.quote.speaker or "")),
            f"articles/{q.quote.span.article}.md#{q.quote.span.block}",
        )
        for q in dossier.quotes
        if q.id not in old_quotes
    )
    digest = hashlib.sha256(
        json.dumps([date, [i.id for i in articles + new_people + quotes]]).encode()
    ).hexdigest()
    counts = (len(articles), len(new_people), len(quotes))
    return Record(digest[:16], date, articles[:SHOWN], new_people[:SHOWN], quotes[:SHOWN], counts)


def _quote_label(text: str, speaker: object) -> str:
    words = text if len(text) <= 140 else text[:137].rsplit(" ", 1)[0] + "…"
    words = words.rstrip(",")
    name = getattr(speaker, "name", "")
    return f"“{words}” — {name}" if name else f"“{words}”"


# -- JSON, for the cache folder ----------------------------------------------------------------


def published_json(state: Published) -> str:
    data = {
        "format": FORMAT,
        "articles": list(state.articles),
        "people": state.people,
        "anchors": {k: list(v) for k, v in state.anchors.items()},
        "quotes": list(state.quotes),
        "redirects": state.redirects,
        "history": [_record_json(r) for r in state.history],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _record_json(record: Record) -> dict[str, Any]:
    def items(found: Sequence[Item]) -> list[list[str]]:
        return [[i.id, i.label, i.page] for i in found]

    return {
        "id": record.id,
        "date": record.date,
        "articles": items(record.articles),
        "people": items(record.people),
        "quotes": items(record.quotes),
        "counts": list(record.counts),
    }


def parse_published(text: str) -> Published:
    """The manifest from its JSON; ValueError (or KeyError, TypeError) when it is not one."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}")
    return Published(
        articles=tuple(str(a) for a in data["articles"]),
        people={str(k): str(v) for k, v in data["people"].items()},
        anchors={str(k): tuple(str(a) for a in v) for k, v in data["anchors"].items()},
        quotes=tuple(str(q) for q in data["quotes"]),
        redirects={str(k): str(v) for k, v in data["redirects"].items()},
        history=tuple(_parse_record(r) for r in data["history"]),
    )


def _parse_record(data: dict[str, Any]) -> Record:
    def items(found: list[list[str]]) -> tuple[Item, ...]:
        return tuple(Item(str(i), str(label), str(page)) for i, label, page in found)

    return Record(
        id=str(data["id"]),
        date=str(data["date"]),
        articles=items(data["articles"]),
        people=items(data["people"]),
        quotes=items(data["quotes"]),
        counts=(int(data["counts"][0]), int(data["counts"][1]), int(data["counts"][2])),
    )


# -- pages ---------------------------------------------------------------------------------------


def whatsnew_page(env: jinja2.Environment, state: Published, dossier: Dossier) -> Page:
    existing = _existing_pages(dossier)
    builds = [_record_context(r, existing, WHATSNEW) for r in state.history]
    text = env.get_template("whatsnew.md.j2").render(builds=builds, feed=FEED, shown=SHOWN)
    return Page(WHATSNEW, text)


def _existing_pages(dossier: Dossier) -> set[str]:
    people = {f"people/{p.id}.md" for p in dossier.people if p.kind == "subject"}
    return people | {f"articles/{a.id}.md" for a in dossier.articles}


def _record_context(record: Record, existing: set[str], page: str) -> dict[str, Any]:
    def listed(found: Sequence[Item], count: int) -> dict[str, Any]:
        return {
            "items": [
                (i.label, _relative(page, i.page) if _page_of(i) in existing else "") for i in found
            ],
            "more": count - len(found),
            "count": count,
        }

    articles, people, quotes = record.counts
    return {
        "id": record.id,
        "date": record.date,
        "articles": listed(record.articles, articles),
        "people": listed(record.people, people),
        "quotes": listed(record.quotes, quotes),
    }


def _page_of(item: Item) -> str:
    return item.page.partition("#")[0]


def _relative(from_page: str, to_page: str) -> str:
    page, _, anchor = to_page.partition("#")
    target = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


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
        f"  <updated>{updated}T00:00:00Z</updated>\n"
        '  <link rel="self" href="feed.xml"/>\n'
        '  <link rel="alternate" type="text/html" href="whatsnew/"/>\n'
        f"  <author><name>{escape(title)}</name></author>\n"
        f"{entries}"
        "</feed>\n"
    )
    return Page(FEED, text)


def _urn(name: str) -> str:
    """A stable, valid Atom id: a name-based UUID (RFC 4122 version 5)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _feed_entry(record: Record, existing: set[str]) -> str:
    def site_link(page: str) -> str:
        path, _, anchor = page.partition("#")
        return path.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")

    kinds = (
        ("New articles", "articles", record.articles),
        ("New people", "people", record.people),
        ("New quotes", "quotes", record.quotes),
    )
    lines, summary = [], []
    for (heading, kind, found), count in zip(kinds, record.counts, strict=True):
        if not count:
            continue
        items = "".join(
            f'<li><a href="{escape(site_link(i.page))}">{escape(i.label)}</a></li>'
            if _page_of(i) in existing
            else f"<li>{escape(i.label)}</li>"
            for i in found
        )
        more = f"<li>and {count - len(found)} more</li>" if count > len(found) else ""
        lines.append(f"<h2>{heading} ({count})</h2><ul>{items}{more}</ul>")
        summary.append(f"{count} {kind}")
    return (
        "  <entry>\n"
        f"    <title>{record.date}: {escape(', '.join(summary))}</title>\n"
        f"    <id>{_urn(f'dossier build: {record.id}')}</id>\n"
        f"    <updated>{record.date}T00:00:00Z</updated>\n"
        f'    <link rel="alternate" type="text/html" href="whatsnew/#build-{record.id}"/>\n'
        f'    <content type="html">{escape("".join(lines))}</content>\n'
        "  </entry>\n"
    )
