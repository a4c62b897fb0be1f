"""Read stage: article files (YAML front matter + Markdown body) -> Article."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import WARNING, ContentError, ContentErrors, Problem
from generator.ingest.yamlfile import is_text, yaml_timestamp, yaml_value
from generator.model import CAPTION, HEADING, PARAGRAPH, Article, Block
from generator.text import Decoded, decode, looks_binary, slug

FIELDS = ("title", "deck", "author", "publisher", "url", "published")
REQUIRED = ("title",)
CAPTION_PREFIX = "Caption:"
CREDIT_PREFIX = "Credit:"
MAX_BYTES = 2_000_000  # a long news article is about 50 kB
# The longest text the analysis reads from one article (its blocks joined by blank lines):
# spaCy's default `nlp.max_length`, which nlp/analyse.py keeps; a longer text cannot be analysed.
MAX_CHARS = 1_000_000
# The dates an article may carry: the newest dates the site's files, and MkDocs stores that date
# in its gzip files as seconds since 1970 in 32 bits (up to 2106-02-07).
EARLIEST = dt.date(1970, 1, 1)
LATEST = dt.date(2105, 12, 31)
# As CommonMark: a closing run of "#" is one after a space ("## Talks ##"); "## C#" keeps its "#".
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_ESCAPED_MARKER = re.compile(r"^\\(?=#|Caption:|Credit:|\\)")
_SLUG_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL_UNSAFE = re.compile(r"[\s\"'<>\\`{}|^]")


def read_article_file(path: Path) -> Article:
    """An Article from a file in content/articles/; raises ContentError naming file and line."""
    article, _warnings = read_article(path)
    return article


def read_article(path: Path) -> tuple[Article, tuple[Problem, ...]]:
    """An Article and the warnings about its file; raises ContentError for what cannot be read."""
    decoded = decoded_file(path, follow_links=False)
    warnings: tuple[Problem, ...] = ()
    if decoded.encoding != "utf-8":
        warnings = (
            Problem(
                str(path),
                0,
                "file is not UTF-8; read as Windows-1252 (Latin-1)",
                "save it as UTF-8",
                WARNING,
            ),
        )
    return parse_article(decoded.text, str(path), article_id(path)), warnings


def decoded_file(path: Path, max_bytes: int = MAX_BYTES, follow_links: bool = True) -> Decoded:
    """The text of any input file, or a ContentError for a file that is not readable text."""
    data = capped_bytes(path, max_bytes, follow_links)
    where = str(path)
    if looks_binary(data):
        raise ContentError(where, 0, "binary file, not text", "remove it, or save the text only")
    decoded = decode(data)
    if not decoded.text.strip():
        raise ContentError(where, 0, "file is empty", "paste the article into it, or remove it")
    return decoded


def capped_bytes(path: Path, max_bytes: int = MAX_BYTES, follow_links: bool = True) -> bytes:
    """The bytes of the regular file `path`, or a ContentError: for anything else (a named pipe
    would never end, /dev/zero never stop), for a symbolic link unless `follow_links`, and for
    more than `max_bytes` (checked before reading, and while reading)."""
    where = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise ContentError(where, 0, *LINK_PROBLEM) from exc
        raise ContentError(where, 0, f"cannot read the file: {exc.strerror}") from exc
    with os.fdopen(handle, "rb") as stream:
        found = os.fstat(stream.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise ContentError(where, 0, *special_file_problem(found.st_mode))
        if found.st_size > max_bytes:
            raise _too_big(where, found.st_size, max_bytes)
        try:
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            raise ContentError(where, 0, f"cannot read the file: {exc.strerror}") from exc
    if len(data) > max_bytes:  # it grew since
        raise _too_big(where, len(data), max_bytes)
    return data


def _too_big(where: str, size: int, max_bytes: int) -> ContentError:
    return ContentError(
        where,
        0,
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
        "an article is text only: split it or remove what is not the article",
    )


LINK_PROBLEM = (
    "a symbolic link; the build reads no file through a link",
    "put the file itself here (a link could publish any file of this computer)",
)
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def special_file_problem(mode: int) -> tuple[str, str]:
    """The message and hint for a path that is not a regular file (by its `st_mode`)."""
    kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
    return f"not a regular file ({kind})", "remove it: an input file is a plain text file"


def article_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The regular `*.md` files of `folder`, sorted; and an error for every other `*.md` entry
    (a symbolic link, a named pipe, a folder...), which is never read."""
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue  # gone since it was listed
        if stat.S_ISREG(mode):
            files.append(path)
        elif stat.S_ISLNK(mode):
            problems.append(Problem(str(path), 0, *LINK_PROBLEM))
        else:
            problems.append(Problem(str(path), 0, *special_file_problem(mode)))
    return files, problems


def article_id(path: Path) -> str:
    """The article's page id: its file name when that is a slug, else a slug of it."""
    stem = path.stem
    return stem if _SLUG_ID.match(stem) and len(stem) <= 200 else slug(stem)


def parse_article(text: str, path: str, ident: str) -> Article:
    meta, body, body_line = _split_front_matter(text, path)
    fields = _validated_front_matter(meta, path, text.split("\n"))
    blocks = tuple(body_blocks(body, first_line=body_line))
    if not blocks:
        raise ContentError(
            path, body_line, "article has no body text", "put the article below the closing '---'"
        )
    return within_size(Article(id=ident, path=path, blocks=blocks, **fields))


def within_size(article: Article) -> Article:
    """`article`, or a ContentError (at its first block) when its text is longer than the
    analysis can read."""
    size = analysed_length(article.analysed_blocks)
    if size > MAX_CHARS:
        raise ContentError(
            article.path,
            article.blocks[0].line,
            f"article text is {size:,} characters, over the {MAX_CHARS:,}-character limit",
            "the analysis reads at most that much of one article: split it into several",
        )
    return article


def analysed_length(blocks: tuple[Block, ...]) -> int:
    """The length of the text the analysis reads: the blocks (the title among them) joined by a
    blank line."""
    return sum(len(block.text) for block in blocks) + 2 * max(len(blocks) - 1, 0)


def _split_front_matter(text: str, path: str) -> tuple[dict[object, object], str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "no front matter", "start the file with a '---' line")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise ContentError(path, 1, "front matter is never closed", "add a '---' line after it")
    front = "\n".join(lines[1:end])
    meta = yaml_value(front, path, first_line=2, what="front matter") or {}
    if not isinstance(meta, dict):
        raise ContentError(
            path, 2, "front matter must be a mapping", "write one 'key: value' per line"
        )
    return meta, "\n".join(lines[end + 1 :]), end + 2


def _key_line(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, 1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _validated_front_matter(
    meta: dict[object, object], path: str, lines: list[str]
) -> dict[str, str]:
    """The front-matter fields as text; a ContentErrors listing every bad key at once."""
    out: dict[str, str] = {}
    problems = [
        Problem(
            path,
            _key_line(lines, str(key)),
            f"unknown front-matter key {str(key)[:40]!r}",
            f"known keys: {', '.join(FIELDS)}",
        )
        for key in meta
        if key not in FIELDS
    ]
    for key in FIELDS:
        try:
            out[key] = _field(meta.get(key), key, path, lines)
        except ContentError as exc:
            problems.append(exc.problem)
    if problems:
        raise ContentErrors(problems)
    return out


def _field(value: object, key: str, path: str, lines: list[str]) -> str:
    if value is None:
        if key in REQUIRED:
            raise ContentError(path, 1, f"front matter has no {key!r}", f"add '{key}: ...'")
        return ""
    return field_text(key, value, path, _key_line(lines, key))


def field_text(key: str, value: object, path: str = "", line: int = 0) -> str:
    """The front-matter field `key` as an article keeps it (text on one line; `published` as
    YYYY-MM-DD), or a ContentError at `path` and `line` for a value it cannot take. `dossier
    add` validates its options with it, so that it writes only what the reader accepts."""
    if key == "published":
        return _iso_date(value, path, line)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ContentError(
            path, line, f"{key!r} must be text", "write it on one line after the key"
        )
    text = " ".join(str(value).split())
    if not is_text(text):
        raise ContentError(
            path, line, f"{key!r} holds a lone surrogate, which is not a character", "retype it"
        )
    if key == "title" and not text:
        raise ContentError(path, line, "title is empty", "write the article's headline after it")
    if key == "url" and text and not is_web_url(text):
        raise ContentError(
            path,
            line,
            "url must be a web address",
            "http:// or https://, without spaces, quotes or angle brackets",
        )
    return text


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) address that is safe to put into an href as it is."""
    if _URL_UNSAFE.search(url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _iso_date(value: object, path: str, line: int) -> str:
    date = _date_of(value)
    if date is None:
        raise ContentError(
            path,
            line,
            f"published {_preview(value)} is not a date",
            "write it as YYYY-MM-DD",
        )
    if not EARLIEST <= date <= LATEST:
        raise ContentError(
            path,
            line,
            f"published {date.isoformat()} is not between {EARLIEST} and {LATEST}",
            "check the year: the site's files are dated by the newest article",
        )
    return date.isoformat()


def _date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None  # never str() a list or mapping: YAML aliases can make it huge
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return yaml_timestamp(value)


def _preview(value: object) -> str:
    """A short, quoted `value` for a message; a list or mapping only by its kind."""
    if isinstance(value, list):
        return "(a list)"
    if isinstance(value, dict):
        return "(a mapping)"
    return repr(str(value)[:40])


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
