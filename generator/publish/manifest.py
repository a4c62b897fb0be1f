"""The published-build record: what the previous published build had, kept between builds.

The manifest (`published.json` in the cache folder; in CI restored with the cache) holds the
ids of the articles, people and quotes of the last published build, each person's name key (so
that their address stays theirs, generator.resolve.ids) and first mentions (anchors: where a
person went after a merge, generator.publish.redirects), the redirects, the same three for
organisations (format 2; a format-1 file, written before organisations had pages, is read with
none), and the history: what
each published build added, newest first, for the what's-new page and the feed. A build that
adds nothing adds no record, so rebuilding the same input gives the same pages. A record is
dated by its build (SOURCE_DATE_EPOCH when set: CI sets it to the commit time; else the day of
the build); the site's other dates (MkDocs' sitemap) come from SOURCE_DATE_EPOCH, else from the
newest article.

This module owns its dataclasses, its JSON format (FORMAT) and its file: reading it (an absent,
corrupt or foreign file is a first build, logged, never a crash) and writing it atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.atomic import write_atomically
from generator.model import Article, Dossier, Span
from generator.resolve.ids import name_key
from generator.resolve.organisations import org_key
from generator.site import paths
from generator.text import CONTROL_CHARACTERS

log = logging.getLogger(__name__)

FORMAT = 2
READABLE = (1, FORMAT)  # format 1: the same without the organisations' keys
_ORG_KEYS = {"organisations", "organisation_anchors", "organisation_redirects"}
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
    # Kept apart from the three above: records written before organisations had pages lack them.
    organisations: tuple[Item, ...] = ()
    organisation_count: int = 0

    @property
    def empty(self) -> bool:
        return not any(self.counts) and not self.organisation_count


@dataclass(frozen=True)
class Published:
    """The manifest of a published build."""

    articles: tuple[str, ...] = ()
    people: dict[str, str] = field(default_factory=dict)  # person id -> name key
    anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id -> mentions
    quotes: tuple[str, ...] = ()
    redirects: dict[str, str] = field(default_factory=dict)
    history: tuple[Record, ...] = ()
    organisations: dict[str, str] = field(default_factory=dict)  # organisation id -> org key
    organisation_anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organisation_redirects: dict[str, str] = field(default_factory=dict)

    @property
    def addresses(self) -> dict[str, str]:
        return self.people

    @property
    def organisation_addresses(self) -> dict[str, str]:
        return self.organisations


# -- this build's manifest ---------------------------------------------------------------------


def record_date() -> str:
    """The date of this build, for what it adds to the history (what's new, the feed): that of
    SOURCE_DATE_EPOCH when set (CI: the commit's time), else today's (UTC). A build that adds
    nothing adds no record, so the same input still gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = int(epoch) if epoch.isdigit() else time.time()
    return dt.datetime.fromtimestamp(moment, dt.UTC).date().isoformat()


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
    dossier: Dossier,
    previous: Published,
    redirects: dict[str, str],
    date: str,
    organisation_redirects: dict[str, str] | None = None,
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
        organisations={o.id: org_key(o.name) for o in dossier.organisations},
        organisation_anchors={
            o.id: tuple(person_anchors(o.mentions)) for o in dossier.organisations
        },
        organisation_redirects=dict(sorted((organisation_redirects or {}).items())),
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
    old_organisations = set(previous.organisations)
    bodies = tuple(
        Item(o.id, o.name, paths.organisation(o.id))
        for o in sorted(dossier.organisations, key=lambda o: o.id)
        if o.id not in old_organisations
    )
    digest = hashlib.sha256(
        json.dumps([date, [i.id for i in articles + new_people + quotes + bodies]]).encode()
    ).hexdigest()
    counts = (len(articles), len(new_people), len(quotes))
    return Record(
        digest[:16],
        date,
        articles[:SHOWN],
        new_people[:SHOWN],
        quotes[:SHOWN],
        counts,
        bodies[:SHOWN],
        len(bodies),
    )


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
        "organisations": state.organisations,
        "organisation_anchors": {k: list(v) for k, v in state.organisation_anchors.items()},
        "organisation_redirects": state.organisation_redirects,
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
        "organisations": items(record.organisations),
        "organisation_count": record.organisation_count,
    }


def parse_published(text: str) -> Published:
    """The manifest from its JSON; ValueError when it is not one: another format, a key missing
    or extra, a value of another type, or text that no build writes (a date that is no date, a
    build id that is not one, an anchor that is not a paragraph's, control characters). Its
    values reach the what's-new page and the feed, so nothing else may pass."""
    data = _mapping(json.loads(text))
    if type(data.get("format")) is not int or data["format"] not in READABLE:
        raise ValueError(f"unknown format {data.get('format')!r}")
    keys = {"format", "articles", "people", "anchors", "quotes", "redirects", "history"}
    _keys(data, keys | _ORG_KEYS if data["format"] == FORMAT else keys)
    return Published(
        articles=_texts(data["articles"]),
        people=_text_mapping(data["people"]),
        anchors=_text_mapping(data["anchors"], _texts),
        quotes=_texts(data["quotes"]),
        redirects=_text_mapping(data["redirects"]),
        history=tuple(_parse_record(r) for r in _list(data["history"])),
        organisations=_text_mapping(data.get("organisations", {})),
        organisation_anchors=_text_mapping(data.get("organisation_anchors", {}), _texts),
        organisation_redirects=_text_mapping(data.get("organisation_redirects", {})),
    )


_RECORD_ID = re.compile(r"[0-9a-f]{16}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ANCHOR = re.compile(r"[A-Za-z0-9_-]+")
# Text no build writes: control characters (XML cannot hold most of them), carriage returns
# (read text has none) and lone surrogates (not writable as UTF-8).
_UNWRITTEN = re.compile(rf"{CONTROL_CHARACTERS.pattern}|[\r\ud800-\udfff]")


def _parse_record(value: object) -> Record:
    data = _mapping(value)
    keys = {"id", "date", "articles", "people", "quotes", "counts"}
    bodies = {"organisations", "organisation_count"}
    _keys(data, keys | bodies if "organisations" in data else keys)
    counts = tuple(_count(c) for c in _list(data["counts"]))
    if len(counts) != 3:
        raise ValueError(f"counts {counts!r} are not three numbers")
    record = Record(
        id=_matching(data["id"], _RECORD_ID, "build id"),
        date=_date(data["date"]),
        articles=_items(data["articles"]),
        people=_items(data["people"]),
        quotes=_items(data["quotes"]),
        counts=(counts[0], counts[1], counts[2]),
        organisations=_items(data.get("organisations", [])),
        organisation_count=_count(data.get("organisation_count", 0)),
    )
    listed = (record.articles, record.people, record.quotes, record.organisations)
    numbers = (*counts, record.organisation_count)
    if any(count < len(items) for count, items in zip(numbers, listed, strict=True)):
        raise ValueError(f"counts {numbers!r} below the items listed")
    return record


def _items(value: object) -> tuple[Item, ...]:
    items = []
    for item in _list(value):
        fields = _list(item)
        if len(fields) != 3:
            raise ValueError(f"an item of {len(fields)} fields, not 3")
        ident, label, page = (_text(f) for f in fields)
        anchor = page.partition("#")[2]
        if "#" in page and not _ANCHOR.fullmatch(anchor):
            raise ValueError(f"item page {page!r:.80}: the anchor is not a paragraph's")
        items.append(Item(ident, label, page))
    return tuple(items)


def _date(value: object) -> str:
    text = _matching(value, _DATE, "date")
    dt.date.fromisoformat(text)  # ValueError for a day that does not exist
    return text


def _matching(value: object, pattern: re.Pattern[str], what: str) -> str:
    text = _text(value)
    if not pattern.fullmatch(text):
        raise ValueError(f"{what} {text!r:.80} is not one")
    return text


def _count(value: object) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"count {value!r:.80} is not a number of items")
    return value


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError(f"expected text, found {type(value).__name__}")
    if _UNWRITTEN.search(value):
        raise ValueError(f"text {value!r:.80} holds a character no build writes")
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple(_text(v) for v in _list(value))


def _text_mapping(value: object, of: Callable[[object], object] = _text) -> dict[str, Any]:
    return {_text(k): of(v) for k, v in _mapping(value).items()}


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _mapping(value: object) -> dict[str, Any]:
    if type(value) is not dict:
        raise ValueError(f"expected an object, found {type(value).__name__}")
    return value


def _keys(data: dict[str, Any], expected: set[str]) -> None:
    if set(data) != expected:
        found = ", ".join(sorted(set(data) ^ expected))
        raise ValueError(f"keys missing or unknown: {found}")


# -- the file ----------------------------------------------------------------------------------


def load_published(folder: Path) -> Published:
    """The previous published build's manifest; an empty one when absent or unreadable (logged):
    then every article, person and quote counts as new, and addresses start afresh."""
    path = folder / PUBLISHED
    try:
        return parse_published(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Published()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("cache: ignoring unreadable %s (%s: %s)", path, type(exc).__name__, exc)
        return Published()


def save_published(folder: Path, state: Published) -> None:
    """Write the manifest atomically; a failure is logged (the next build starts afresh)."""
    try:
        write_atomically(folder / PUBLISHED, published_json(state))
    except OSError as exc:
        log.warning("cache: cannot write %s (%s)", folder / PUBLISHED, exc)
