"""The published-build record: what the previous published build had, kept between builds.

The manifest (`published.json` in the cache folder; in CI restored with the cache) holds the
ids of the articles, people and quotes of the last published build, each person's name key (so
that their address stays theirs, generator.resolve.ids) and first mentions (anchors: where a
person went after a merge, generator.publish.redirects), the redirects, and the history: what
each published build added, newest first, for the what's-new page and the feed. A build that
adds nothing adds no record, so rebuilding the same input gives the same pages. Dates come from
SOURCE_DATE_EPOCH when set (CI sets it to the commit time), else from the newest article.

This module owns its dataclasses, its JSON format (FORMAT) and its file: reading it (an absent,
corrupt or foreign file is a first build, logged, never a crash) and writing it atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.atomic import write_atomically
from generator.model import Article, Dossier, Span
from generator.resolve.ids import name_key
from generator.site import paths

log = logging.getLogger(__name__)

FORMAT = 1
PUBLISHED = "published.json"  # in the cache folder
HISTORY = 20  # builds kept in the history, the page and the feed
SHOWN = 50  # items of each kind listed per build; the rest are counted
ANCHORS = 3  # mentions remembered per person, to find where a person went after a merge
EPOCH = "1970-01-01"


@dataclass(frozen=True)
class Item:
    """One new thing: its id, what to call it, and the page it lives on (relative to docs)."""

    id: str
    label: str
    page: str  # a page path (generator.site.paths), with "#anchor" for a paragraph


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


# -- this build's manifest ---------------------------------------------------------------------


def build_date(articles: Iterable[Article]) -> str:
    """SOURCE_DATE_EPOCH's date when set, else the newest article's publication date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return max((a.published for a in articles if a.published), default=EPOCH)


def span_key(span: Span) -> str:
    return f"{span.article}#{span.block}:{span.start}-{span.end}"


def person_anchors(mentions: Iterable[Span]) -> list[str]:
    return sorted(span_key(s) for s in mentions)[:ANCHORS]


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
        Item(a.id, a.title, paths.article(a.id))
        for a in sorted(dossier.articles, key=lambda a: (a.published, a.id), reverse=True)
        if a.id not in old_articles
    )
    new_people = tuple(
        Item(p.id, p.name, paths.person(p.id))
        for p in sorted(dossier.people, key=lambda p: p.id)
        if p.kind == "subject" and p.id not in old_people
    )
    quotes = tuple(
        Item(
            q.id,
            _quote_label(q.quote.span.text, people.get(q.quote.speaker or "")),
            f"{paths.article(q.quote.span.article)}#{q.quote.span.block}",
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


# -- JSON --------------------------------------------------------------------------------------


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


# -- the file ----------------------------------------------------------------------------------


def load_published(folder: Path) -> Published:
    """The previous published build's manifest; an empty one when absent or unreadable (logged):
    then every article, person and quote counts as new, and addresses start afresh."""
    path = folder / PUBLISHED
    try:
        return parse_published(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Published()
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("cache: ignoring unreadable %s (%s: %s)", path, type(exc).__name__, exc)
        return Published()


def save_published(folder: Path, state: Published) -> None:
    """Write the manifest atomically; a failure is logged (the next build starts afresh)."""
    try:
        write_atomically(folder / PUBLISHED, published_json(state))
    except OSError as exc:
        log.warning("cache: cannot write %s (%s)", folder / PUBLISHED, exc)
