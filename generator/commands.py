"""What each CLI command does, as one readable pipeline function per command."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.atomic import write_atomically
from generator.errors import ContentError, DossierError, Problem
from generator.model import Article
from generator.settings import Settings, load_settings

if TYPE_CHECKING:
    from generator.ingest.check import CheckReport, Content
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
    _check_text(title=title, url=url, published=published, publisher=publisher, author=author)
    meta = Metadata(
        title=_option("title", title),
        url=_option("url", url),
        published=_option("published", published),
        publisher=_option("publisher", publisher),
        author=_option("author", author),
    )
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
    try:  # what we write must read back; an error names the paste (the file is not written)
        return parse_article(text, str(target), target.stem), text
    except ContentError as exc:
        raise ContentError(str(source), 0, exc.message, exc.hint) from None


def _option(name: str, value: str) -> str:
    """The option as the article file will hold it (one line; a date as YYYY-MM-DD), validated
    as `dossier check` validates that front-matter field; "" when not given."""
    from generator.ingest.reader import field_text

    if not value:
        return ""
    try:
        return field_text(name, value)
    except ContentError as exc:
        hint = f": {exc.hint}" if exc.hint else ""
        raise DossierError(f"--{name} {value!r}: {exc.message}{hint}") from None


def _check_text(**options: str) -> None:
    """A DossierError for an option that is not text: a byte that is not UTF-8 in the command
    line reaches Python as a lone surrogate, which no file can hold."""
    from generator.ingest.yamlfile import is_text

    for name, value in options.items():
        if not is_text(value):
            raise DossierError(
                f"--{name} {value!r} holds bytes that are not UTF-8 text: type it again"
            )


def existing_articles(folder: Path, skip: Path | None = None) -> Iterator[Article]:
    """The readable articles of `folder` (unreadable ones are `dossier check`'s business)."""
    from generator.ingest.reader import article_files, read_article

    for path in article_files(folder)[0]:
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
    from generator.ingest.reader import decoded_file, parse_article, within_size

    text = decoded_file(path).text
    if text.lstrip().startswith("---"):
        return parse_article(text, str(path), path.stem)
    article = plain_text_article(text, str(path), path.stem)
    if not article.blocks:
        raise ContentError(str(path), 0, "no article text after the title line")
    return within_size(article)


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
    root: Path,
    *,
    strict: bool = False,
    use_cache: bool = True,
    with_site: bool = True,
    offline: bool = False,
) -> str:
    from generator.pipeline import run_build

    settings = load_settings(root)
    report = run_build(
        settings, strict=strict, use_cache=use_cache, with_site=with_site, offline=offline
    )
    return str(report)


def check(root: Path) -> CheckReport:
    from generator.ingest.check import VALIDATORS, check_content

    return check_content(load_settings(root), (*VALIDATORS, curation_against_published))


def curation_against_published(settings: Settings, content: Content) -> Iterator[Problem]:
    """What `build` refuses in the curation file that only the people show (a rename onto
    another person), found against the people of the last published build: `check` analyses
    no article. Nothing when the curation validator reports a problem or there is no build."""
    from generator.ingest.check import curation_problems
    from generator.model import Person
    from generator.pipeline import curation_of, previous_build
    from generator.resolve.dossier import curated

    if any(True for _ in curation_problems(settings, content)):
        return
    people = previous_build(settings).people  # person id -> name key
    if not people:
        return
    stand_ins = [Person(ident, name, (), "subject", ()) for ident, name in people.items()]
    try:
        curated(stand_ins, {}, curation_of(settings), warn=False)
    except ContentError as exc:
        yield exc.problem
