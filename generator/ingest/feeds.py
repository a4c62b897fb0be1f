"""The feeds `dossier pull` follows (content/feeds.yml) and the items of an RSS or Atom feed.

    feeds:
      - url: https://example.org/world/rss.xml
        include: [Iran, Russia]   # optional: only items that name one of these words
        exclude: [podcast]        # optional: never items that name one of these

The words are matched, whole and in any case, against an item's title and summary. The feed
itself is read by feedparser from the bytes fetched (it never fetches anything itself).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ContentError
from generator.ingest.reader import is_web_url
from generator.ingest.yamlfile import is_text

KEYS = ("url", "include", "exclude")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Feed:
    url: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str = ""
    summary: str = ""
    published: str = ""  # YYYY-MM-DD when the feed gives a date


def load_feeds(path: Path) -> tuple[Feed, ...]:
    """The feeds of `path`; none when the file is absent. ContentError names the line."""
    if not path.exists():
        return ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(str(path), 0, f"cannot read the feeds file: {exc}") from exc
    return parse_feeds(text, str(path))


def parse_feeds(text: str, path: str = "content/feeds.yml") -> tuple[Feed, ...]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ContentError(
            path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}", "check the indentation"
        ) from None
    if root is None:
        return ()
    top = _mapping(root, path, "the feeds file", ("feeds",))
    listed = top.get("feeds")
    if listed is None or (isinstance(listed, yaml.ScalarNode) and listed.value in ("", "~")):
        return ()
    if not isinstance(listed, yaml.SequenceNode):
        raise _wrong(listed, path, "'feeds' must be a list", "write '- url: https://...' per feed")
    return tuple(_feed(node, path) for node in listed.value)


def _mapping(node: yaml.Node, path: str, what: str, keys: Sequence[str]) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _wrong(node, path, f"{what} must be a mapping", f"keys: {', '.join(keys)}")
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name not in keys:
            raise _wrong(
                key, path, f"unknown key {name[:40]!r} in {what}", f"keys: {', '.join(keys)}"
            )
        if name in out:
            raise _wrong(key, path, f"{name!r} is given twice in {what}", "keep one")
        out[name] = value
    return out


def _feed(node: yaml.Node, path: str) -> Feed:
    if isinstance(node, yaml.ScalarNode):  # a bare address
        return Feed(_url(node, path), line=node.start_mark.line + 1)
    fields = _mapping(node, path, "a feed", KEYS)
    if "url" not in fields:
        raise _wrong(node, path, "a feed has no 'url'", "add 'url: https://...'")
    return Feed(
        _url(fields["url"], path),
        _words(fields.get("include"), path),
        _words(fields.get("exclude"), path),
        node.start_mark.line + 1,
    )


def _url(node: yaml.Node, path: str) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str) or not is_web_url(value.strip()):
        raise _wrong(node, path, "a feed's url must be a web address", "http:// or https://")
    return value.strip()


def _words(node: yaml.Node | None, path: str) -> tuple[str, ...]:
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    words = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise _wrong(item, path, "include and exclude list words", "write [word, ...]")
        if not is_text(str(item.value)):
            raise _wrong(item, path, "a word holds a lone surrogate", "retype it")
        words.append(" ".join(str(item.value).split()))
    return tuple(words)


def _wrong(node: yaml.Node, path: str, message: str, hint: str) -> ContentError:
    return ContentError(path, node.start_mark.line + 1, message, hint)


# -- feed items ------------------------------------------------------------------------------


def feed_items(data: bytes, where: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed, in the feed's order; ContentError when `data` is not a
    feed. Items without a web address are left out."""
    import feedparser

    parsed = feedparser.parse(data)  # bytes: parsed as they are, nothing is fetched
    if not parsed.get("version") and not parsed.entries:
        raise ContentError(where, 0, "not an RSS or Atom feed", "check the feed's address")
    items = []
    for entry in parsed.entries:
        url = " ".join(str(entry.get("link") or "").split())
        if not is_web_url(url):
            continue
        items.append(
            FeedItem(
                url=url,
                title=_plain(entry.get("title")),
                summary=_plain(entry.get("summary")),
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            )
        )
    return items


def _plain(value: object) -> str:
    return " ".join(_TAG.sub(" ", value).split()) if isinstance(value, str) else ""


def _date(value: object) -> str:
    if not isinstance(value, time.struct_time):
        return ""
    return time.strftime("%Y-%m-%d", value)


def wanted(item: FeedItem, feed: Feed) -> bool:
    """True when the item names one of the feed's include words (or it has none) and none of
    its exclude words."""
    text = f"{item.title} {item.summary}"
    if feed.include and not any(_names(text, word) for word in feed.include):
        return False
    return not any(_names(text, word) for word in feed.exclude)


def _names(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None
