"""What `dossier add` and `dossier pull` take in: pasted text, saved web pages, addresses; and
what becomes of each new article (added, an update of one already there, or skipped as a
repeat). Pure decisions: the command writes the files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import ContentError
from generator.ingest.duplicates import DuplicateIndex, Repeat
from generator.ingest.fetch import MAX_PAGE_BYTES, PAGE_TYPES, Limits, fetched
from generator.ingest.paste import Metadata, article_filename, article_markdown, plain_text_article
from generator.ingest.reader import capped_bytes, decoded_file, parse_article
from generator.model import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text")
ADDED, UPDATED, REPLACED, SKIPPED = "added", "updated", "replaced", "skipped"


def is_address(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def sources_of(arguments: Sequence[str]) -> list[str]:
    """The inputs named on the command line: addresses and files as given, each folder as its
    text and HTML files (sorted, sub-folders included, hidden files left out)."""
    out: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if not is_address(argument) and path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if _is_input(p, path))
        else:
            out.append(argument)
    return out


def _is_input(path: Path, top: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(top).parts)
    return path.is_file() and not hidden and path.suffix.lower() in HTML_SUFFIXES + TEXT_SUFFIXES


def file_article(source: Path, meta: Metadata) -> tuple[Article, bool]:
    """The article of a file of pasted text or a saved web page (by its name or its first
    bytes), and whether it was a web page. ContentError for anything else."""
    from generator.ingest.html import is_html, page_article

    if source.suffix.lower() in HTML_SUFFIXES:
        return page_article(
            capped_bytes(source, MAX_PAGE_BYTES), str(source), source.stem, meta
        ), True
    data = capped_bytes(source)  # the limit of a text file: a page saved as .txt is read too
    if is_html(data):
        return page_article(data, str(source), source.stem, meta), True
    text = decoded_file(source).text
    if text.lstrip().startswith("---\n"):
        raise ContentError(
            str(source),
            1,
            "this is an article file already (it has front matter), not pasted text",
            "copy it into content/articles/ as it is, then run `dossier check`",
        )
    pasted = plain_text_article(text, str(source), source.stem, meta)
    if not pasted.blocks:
        raise ContentError(
            str(source), 0, "no article text after the title line", "paste the whole article"
        )
    return pasted, False


def address_article(url: str, meta: Metadata, limits: Limits | None = None) -> Article:
    """The article of the web page at `url` (FetchError when it cannot be fetched, ContentError
    when it holds no article)."""
    from generator.ingest.html import page_article

    page = fetched(url, limits, PAGE_TYPES)
    body: bytes | str = page.body
    if page.charset:
        try:
            body = page.body.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            body = page.body
    return page_article(body, url, "page", meta, url=page.final_url)


def written(article: Article, target: Path, where: str) -> tuple[Article, str]:
    """The article as it reads back from the file text written to `target`, and that text; a
    ContentError naming `where` (the input) for what the file could not hold."""
    text = article_markdown(article)
    try:
        return parse_article(text, str(target), target.stem), text
    except ContentError as exc:
        raise ContentError(where, 0, exc.message, exc.hint) from None


def target_of(article: Article, folder: Path) -> Path:
    return folder / article_filename(article)


@dataclass(frozen=True)
class Plan:
    """What to do with a new article: write `text` to `target` (ADDED, UPDATED, REPLACED), or
    not (SKIPPED, because of `repeat`)."""

    action: str
    article: Article  # as its file will read
    text: str
    target: Path
    repeat: Repeat | None = None


def planned(
    article: Article,
    where: str,
    folder: Path,
    index: DuplicateIndex,
    *,
    force: bool = False,
    replace_updated: bool = True,
) -> Plan:
    """What becomes of `article` among the indexed ones: a repeat is skipped, unless `force`
    (it replaces the file it repeats) or it is a changed version of an article at the same
    address and `replace_updated` (it updates that file). The file keeps its name, so the
    article keeps its page."""
    target = target_of(article, folder)
    parsed, text = written(article, target, where)
    repeat = index.repeat_of(parsed)
    if repeat is None:
        target = free_path(target)
        return Plan(ADDED, *written(article, target, where), target)
    update = repeat.same_url and not repeat.same_text and replace_updated
    if not (force or update):
        return Plan(SKIPPED, parsed, text, target, repeat)
    target = Path(repeat.original.path)
    action = UPDATED if update and not force else REPLACED
    return Plan(action, *written(article, target, where), target, repeat)


def free_path(path: Path) -> Path:
    """`path`, or the first of `stem-2`, `stem-3`... that does not exist yet."""
    candidate, n = path, 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}-{n}{path.suffix}"), n + 1
    return candidate


def with_date(article: Article, published: str) -> Article:
    """`article` dated `published` (a feed item's date) when its page gives no date."""
    return article if article.published else replace(article, published=published)
