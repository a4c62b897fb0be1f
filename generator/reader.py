"""Read stage: article files (YAML front matter + Markdown body) -> Article."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from generator.errors import ContentError
from generator.model import CAPTION, HEADING, PARAGRAPH, Article, Block
from generator.text import decoded_text

FIELDS = ("title", "deck", "author", "publisher", "url", "published")
REQUIRED = ("title",)
CAPTION_PREFIX = "Caption:"
CREDIT_PREFIX = "Credit:"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ESCAPED_MARKER = re.compile(r"^\\(?=#|Caption:|Credit:)")


def read_article_file(path: Path) -> Article:
    """An Article from a file in content/articles/; raises ContentError naming file and line."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise ContentError(str(path), 0, "binary file, not an article", "remove it")
    return parse_article(decoded_text(data), str(path), article_id(path))


def article_id(path: Path) -> str:
    return path.stem


def parse_article(text: str, path: str, ident: str) -> Article:
    meta, body, body_line = _split_front_matter(text, path)
    fields = _validated_front_matter(meta, path)
    blocks = tuple(body_blocks(body, first_line=body_line))
    return Article(id=ident, path=path, blocks=blocks, **fields)


def _split_front_matter(text: str, path: str) -> tuple[dict[str, object], str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "no front matter", "start the file with a '---' line")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise ContentError(path, 1, "front matter is never closed", "add a '---' line after it")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ContentError(
            path, line, "front matter is not valid YAML", str(exc).split("\n")[0]
        ) from exc
    if not isinstance(meta, dict):
        raise ContentError(path, 2, "front matter must be a mapping of key: value")
    return meta, "\n".join(lines[end + 1 :]), end + 2


def _key_line(path: str, key: str) -> int:
    try:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
            if line.startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _validated_front_matter(meta: dict[str, object], path: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in meta:
        if key not in FIELDS:
            raise ContentError(
                path,
                _key_line(path, str(key)),
                f"unknown front-matter key {key!r}",
                f"known keys: {', '.join(FIELDS)}",
            )
    for key in FIELDS:
        value = meta.get(key)
        if value is None:
            if key in REQUIRED:
                raise ContentError(path, 1, f"front matter has no {key!r}", f"add '{key}: ...'")
            out[key] = ""
            continue
        if key == "published":
            out[key] = _iso_date(value, path)
        elif isinstance(value, str | int | float):
            out[key] = str(value).strip()
        else:
            raise ContentError(path, _key_line(path, key), f"{key!r} must be text")
    if not out["title"]:
        raise ContentError(path, _key_line(path, "title"), "title is empty")
    if out["url"] and not re.match(r"https?://", out["url"]):
        raise ContentError(path, _key_line(path, "url"), "url must start with http:// or https://")
    return out


def _iso_date(value: object, path: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ContentError(
            path,
            _key_line(path, "published"),
            f"published {value!r} is not a date",
            "write it as YYYY-MM-DD",
        ) from None


def body_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of a Markdown body: '#' headings, 'Caption:'/'Credit:' pairs and paragraphs."""
    blocks: list[Block] = []
    for line, chunk in _chunks(body, first_line):
        kind, text, credit = _classified(chunk)
        if text:
            blocks.append(Block(f"p{len(blocks) + 1}", kind, text, credit, line))
    return blocks


def _chunks(body: str, first_line: int) -> list[tuple[int, list[str]]]:
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    for number, line in enumerate(body.split("\n"), first_line):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            chunks.append((start, current))
            current = []
    if current:
        chunks.append((start, current))
    return chunks


def _classified(lines: list[str]) -> tuple[str, str, str]:
    first = lines[0]
    heading = _HEADING.match(first)
    if heading and len(lines) == 1:
        return HEADING, heading.group(2), ""
    if first.startswith(CAPTION_PREFIX):
        caption = [first[len(CAPTION_PREFIX) :].strip()]
        credit = ""
        for line in lines[1:]:
            if line.startswith(CREDIT_PREFIX):
                credit = line[len(CREDIT_PREFIX) :].strip()
            else:
                caption.append(line)
        return CAPTION, " ".join(caption), credit
    text = " ".join(_ESCAPED_MARKER.sub("", line) for line in lines)
    return PARAGRAPH, text, ""


def read_articles(folder: Path) -> list[Article]:
    return [read_article_file(path) for path in sorted(folder.glob("*.md"))]
