"""What each CLI command does, as one readable pipeline function per command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.atomic import write_atomically
from generator.errors import ContentError, DossierError
from generator.model import Article
from generator.settings import load_settings

if TYPE_CHECKING:
    from generator.ingest.check import CheckReport
    from generator.ingest.paste import Metadata


def add_article(
    root: Path,
    source: Path,
    *,
    url: str = "",
    published: str = "",
    publisher: str = "",
    author: str = "",
    title: str = "",
    force: bool = False,
) -> Path:
    """Write `source` (pasted plain text) as an article file; refuse duplicates and bad input."""
    from generator.ingest.paste import Metadata

    settings = load_settings(root)
    _check_options(url, published)
    meta = Metadata(title=title, url=url, published=published, publisher=publisher, author=author)
    article, text = ingested(source, meta, settings.articles_path)
    target = Path(article.path)
    skip = target if force else None
    refuse_duplicate(article, existing_articles(settings.articles_path, skip))
    if not force:
        target = free_path(target)  # another article with the same title and date
    write_atomically(target, text)  # an interrupted add leaves no half-written article
    return target


def free_path(path: Path) -> Path:
    """`path`, or the first of `stem-2`, `stem-3`... that does not exist yet."""
    candidate, n = path, 2
    while candidate.exists():
        candidate, n = path.with_name(f"{path.stem}-{n}{path.suffix}"), n + 1
    return candidate


def ingested(source: Path, meta: Metadata, folder: Path) -> tuple[Article, str]:
    """The article read back from the file text `dossier add` writes into `folder`, and that text.

    Raises ContentError for input that is not an article (binary, empty, too big, title only).
    """
    from generator.ingest.paste import article_filename, article_markdown, plain_text_article
    from generator.ingest.reader import decoded_file, parse_article

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
    target = folder / article_filename(pasted)
    text = article_markdown(pasted)
    return parse_article(text, str(target), target.stem), text  # what we write must read back


def _check_options(url: str, published: str) -> None:
    from generator.ingest.reader import is_web_url

    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise DossierError(
                f"--published {published!r} is not a date: write it as YYYY-MM-DD"
            ) from None
    if url and not is_web_url(url):
        raise DossierError(
            f"--url {url!r} is not a web address: give the http:// or https:// address"
        )


def existing_articles(folder: Path, skip: Path | None = None) -> Iterator[Article]:
    """The readable articles of `folder` (unreadable ones are `dossier check`'s business)."""
    from generator.ingest.reader import read_article

    for path in sorted(folder.glob("*.md")):
        if path != skip:
            try:
                yield read_article(path)[0]
            except ContentError:
                continue


def refuse_duplicate(article: Article, existing: Iterable[Article]) -> None:
    """A DossierError when `article` is among `existing` already (same url or same text)."""
    from generator.ingest.check import duplicates

    for other in existing:
        for _, original, why in duplicates([other, article]):
            raise DossierError(
                f"{original.path} has this article already ({why}); nothing was added"
            )


def load_input(path: Path) -> Article:
    """An article file (front matter) or plain text, for `extract`."""
    from generator.ingest.paste import plain_text_article
    from generator.ingest.reader import decoded_file, parse_article

    text = decoded_file(path).text
    if text.lstrip().startswith("---"):
        return parse_article(text, str(path), path.stem)
    article = plain_text_article(text, str(path), path.stem)
    if not article.blocks:
        raise ContentError(str(path), 0, "no article text after the title line")
    return article


@dataclass(frozen=True)
class Extraction:
    """The `extract` JSON of one input file, or why that file was rejected."""

    path: Path
    data: dict[str, Any] | None
    problem: ContentError | None = None


def extract_files(root: Path, files: Sequence[Path]) -> Iterator[Extraction]:
    """One Extraction per file, in order; a rejected file does not stop the others."""
    from generator.extract import extract_json
    from generator.nlp.analyse import analyse_articles
    from generator.resolve.dossier import resolve
    from generator.store.cache import worker_processes

    settings = load_settings(root)
    loaded: list[Article | ContentError] = []
    for path in files:
        try:
            loaded.append(load_input(path))
        except ContentError as exc:
            loaded.append(exc)
    articles = [a for a in loaded if isinstance(a, Article)]
    processes = worker_processes(settings.processes, len(articles))
    analyses = analyse_articles(articles, settings.model, processes)
    for path, item in zip(files, loaded, strict=True):
        if isinstance(item, ContentError):
            yield Extraction(path, None, item)
        else:
            yield Extraction(path, extract_json(resolve([next(analyses)])))


def build(
    root: Path, *, strict: bool = False, use_cache: bool = True, with_site: bool = True
) -> str:
    from generator.pipeline import run_build

    report = run_build(load_settings(root), strict=strict, use_cache=use_cache, with_site=with_site)
    return str(report)


def check(root: Path) -> CheckReport:
    from generator.ingest.check import check_content

    return check_content(load_settings(root))
