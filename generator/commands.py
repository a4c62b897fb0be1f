"""What each CLI command does, as one readable pipeline function per command."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.atomic import write_atomically
from generator.errors import WARNING, ContentError, DossierError, Problem
from generator.model import Article, ArticleAnalysis
from generator.settings import Settings, load_settings

if TYPE_CHECKING:
    from generator.ingest.check import CheckReport, Content
    from generator.ingest.curation import Curation
    from generator.ingest.duplicates import DuplicateIndex
    from generator.ingest.fetch import Limits
    from generator.ingest.paste import Metadata


@dataclass(frozen=True)
class Outcome:
    """What became of one input of `add` or `pull`: added, updated, replaced, skipped (a repeat
    of `path`) or refused (`error`)."""

    source: str
    action: str
    path: Path | None = None
    message: str = ""
    error: DossierError | None = None


REFUSED = "refused"
FEED_REFUSED = "feed refused"  # a feed that could not be read (its items are unknown)


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
    """Write `source` (pasted text or a saved page) as an article file; a DossierError for a
    repeat or bad input (nothing is written then)."""
    options = {"url": url, "published": published, "publisher": publisher, "author": author}
    (outcome,) = add_sources(root, [str(source)], force=force, title=title, **options)
    return written_path(outcome)


def written_path(outcome: Outcome) -> Path:
    """The file an outcome wrote, or its refusal as a DossierError."""
    if outcome.error is not None:
        raise outcome.error
    if outcome.path is None or outcome.message:  # a message says why nothing was written
        raise DossierError(outcome.message)
    return outcome.path


def add_sources(
    root: Path, sources: Sequence[str], *, force: bool = False, **options: str
) -> Iterator[Outcome]:
    """Add each source (a file of pasted text, a saved web page, a web address) as an article;
    one Outcome per source, in order. Options (`title`, `url`...) describe a single article."""
    from generator.ingest.intake import address_article, file_article, is_address
    from generator.ingest.paste import Metadata

    settings = load_settings(root)
    _check_text(**options)
    meta = Metadata(**{name: _option(name, value) for name, value in options.items()})
    given = [name for name, value in options.items() if value]
    if given and len(sources) != 1:
        raise DossierError(f"--{given[0]} describes one article: give one file or address with it")
    index = duplicate_index(settings.articles_path)
    limits = fetch_limits(settings)
    for source in sources:
        try:
            if is_address(source):
                article, page = address_article(source, meta, limits), True
            else:
                article, page = file_article(Path(source), meta)
        except DossierError as exc:
            yield Outcome(source, REFUSED, error=exc)
            continue
        yield carried_out(article, source, settings, index, force, page)


def fetch_limits(settings: Settings) -> Limits:
    from generator.ingest.fetch import Limits

    return Limits(timeout=settings.fetch_timeout)


def duplicate_index(folder: Path) -> DuplicateIndex:
    from generator.ingest.duplicates import DuplicateIndex

    return DuplicateIndex(existing_articles(folder))


def carried_out(
    article: Article,
    source: str,
    settings: Settings,
    index: DuplicateIndex,
    force: bool,
    page: bool = True,
) -> Outcome:
    """Plan what becomes of `article`, and do it: write its file (atomically: an interrupted
    add leaves no half-written article) or report what it repeats. Only a web `page` (whose
    address the page itself gives) updates an article at its address (setting
    `replace_updated`); pasted text with the same --url is a repeat."""
    from generator.ingest.intake import SKIPPED, planned

    try:
        plan = planned(
            article,
            source,
            settings.articles_path,
            index,
            force=force,
            replace_updated=settings.replace_updated and page,
        )
    except DossierError as exc:
        return Outcome(source, REFUSED, error=exc)
    if plan.action == SKIPPED and plan.repeat is not None:
        original = plan.repeat.original.path
        message = f"{original} has this article already ({plan.repeat.why}); nothing was added"
        return Outcome(source, SKIPPED, Path(original), message)
    write_atomically(plan.target, plan.text)
    if plan.repeat is not None:
        index.remove(plan.repeat.original.path)
    index.add(plan.article)
    return Outcome(source, plan.action, plan.target)


def pull(root: Path, *, force: bool = False) -> Iterator[Outcome]:
    """Add the new items of every feed of content/feeds.yml as `add URL` does: one Outcome per
    item, and a FEED_REFUSED one per feed that could not be read. No feed, no outcome."""
    from generator.ingest.feeds import feed_items, load_feeds, wanted
    from generator.ingest.fetch import FEED_TYPES, fetched
    from generator.ingest.intake import SKIPPED, address_article, with_date
    from generator.ingest.paste import Metadata

    settings = load_settings(root)
    feeds = load_feeds(settings.feeds_path)
    index = duplicate_index(settings.articles_path)
    limits = fetch_limits(settings)
    for feed in feeds:
        try:
            items = feed_items(fetched(feed.url, limits, FEED_TYPES).body, feed.url)
        except DossierError as exc:
            yield Outcome(feed.url, FEED_REFUSED, error=exc)
            continue
        for item in items:
            if not wanted(item, feed):
                continue
            present = index.with_url(item.url)
            if present is not None and not (force or settings.replace_updated):
                message = f"{present.path} has this article already (same url)"
                yield Outcome(item.url, SKIPPED, Path(present.path), message)
                continue
            try:
                article = with_date(address_article(item.url, Metadata(), limits), item.published)
            except DossierError as exc:
                yield Outcome(item.url, REFUSED, error=exc)
                continue
            yield carried_out(article, item.url, settings, index, force)


def ingested(source: Path, meta: Metadata, folder: Path) -> tuple[Article, str]:
    """The article read back from the file text `dossier add` writes into `folder` for `source`
    (pasted text or a saved page), and that text. ContentError for input that is no article."""
    from generator.ingest.intake import file_article, target_of, written

    article = file_article(source, meta)[0]
    return written(article, target_of(article, folder), str(source))


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

    return check_content(load_settings(root), (*VALIDATORS, curation_against_dossier), keep=False)


def curation_against_dossier(settings: Settings, content: Content) -> Iterator[Problem]:
    """The curation file's rules tried on the dossier the build would make, from the analysis
    cache (`check` analyses no article): each rule naming an id no article produces, matching no
    quote, country claim or organisation, as a warning at its line; a rename onto another
    person, as an error. Where some article has no cached analysis yet (before the first build,
    or after an edit), only what the last published build shows is checked, and a warning says
    so. Nothing when the curation validator reports a problem or the file has no rule."""
    from generator.ingest.check import curation_problems
    from generator.pipeline import curation_of, previous_build
    from generator.resolve.curated import Notes
    from generator.resolve.dossier import resolve

    if any(True for _ in curation_problems(settings, content)):
        return
    curation = curation_of(settings)
    if curation.is_empty:
        return
    articles = unique_articles(content)
    analyses = cached_analyses_only(settings, articles)
    if len(analyses) < len(articles):
        yield Problem(
            curation.path,
            0,
            f"{len(articles) - len(analyses)} of {len(articles)} articles are not analysed yet: "
            "the rules were checked against the last published build only",
            "run `dossier build`, then `dossier check` again to check every rule",
            WARNING,
        )
        yield from curation_against_published(settings, curation)
        return
    previous = previous_build(settings)
    notes = Notes(curation.path, quiet=True)
    try:
        resolve(
            analyses, curation, previous.addresses, previous.organisation_addresses, notes=notes
        )
    except ContentError as exc:
        yield exc.problem
        return
    yield from notes.found


def unique_articles(content: Content) -> list[Article]:
    """One copy of each article read, as the build analyses them (the first of repeats)."""
    from generator.ingest.check import duplicates

    copies = {id(copy) for copy, _, _ in duplicates(content.articles)}
    seen: dict[str, Article] = {}
    for article in content.articles:
        if id(article) not in copies:
            seen.setdefault(article.id, article)
    return list(seen.values())


def cached_analyses_only(settings: Settings, articles: Sequence[Article]) -> list[ArticleAnalysis]:
    """The analyses the cache holds for `articles` (read only: nothing analysed, written or
    removed); an article without a usable entry has none."""
    from generator.store.cache import cache_at, entry_key, pipeline_fingerprint
    from generator.store.entries import CorruptEntry
    from generator.store.shared import analyses_location

    cache = cache_at(analyses_location(settings), pipeline_fingerprint(settings.model))
    found = []
    for article in articles:
        try:
            analysis = cache.load(article, entry_key(article, cache.fingerprint))
        except CorruptEntry:
            analysis = None
        if analysis is not None:
            found.append(analysis)
    return found


def curation_against_published(settings: Settings, curation: Curation) -> Iterator[Problem]:
    """What `build` refuses in the curation file that only the people show (a rename onto
    another person), found against the people of the last published build. Nothing when there
    is no build."""
    from generator.model import Person
    from generator.pipeline import previous_build
    from generator.resolve.dossier import curated

    previous = previous_build(settings)
    people = previous.people  # person id -> name key
    if people:
        stand_ins = [Person(ident, name, (), "subject", ()) for ident, name in people.items()]
        try:
            curated(stand_ins, {}, curation, warn=False)
        except ContentError as exc:
            yield exc.problem
    yield from _organisation_rules_against(previous.organisations, curation)


def _organisation_rules_against(
    organisations: dict[str, str], curation: Curation
) -> Iterator[Problem]:
    """A rename onto another organisation of the last published build (organisation id ->
    name key), as `build` refuses it."""
    from generator.model import Organisation
    from generator.resolve.organisations import curated_organisations

    if not organisations or curation.organisations.is_empty:
        return
    stand_ins = [Organisation(i, name, (), "other", ()) for i, name in organisations.items()]
    try:
        curated_organisations(stand_ins, {}, curation.organisations, curation.path, warn=False)
    except ContentError as exc:
        yield exc.problem


EXPORT_FORMATS = ("json", "ftm")


def export(root: Path, fmt: str, *, use_cache: bool = True) -> str:
    """The curated dossier as `fmt` text: "json" (generator.publish.dataset) or "ftm"
    (FollowTheMoney entities, one JSON object per line; generator.publish.ftm)."""
    from generator.pipeline import curated_dossier
    from generator.publish.dataset import dossier_json
    from generator.publish.ftm import ftm_lines

    if fmt not in EXPORT_FORMATS:
        raise DossierError(f"unknown format {fmt!r} (the formats are: {', '.join(EXPORT_FORMATS)})")
    dossier = curated_dossier(load_settings(root), use_cache=use_cache)
    return dossier_json(dossier) if fmt == "json" else ftm_lines(dossier)


def review(root: Path, *, use_cache: bool = True) -> str:
    """The Markdown report of `dossier review` on the curated dossier."""
    from generator.pipeline import curated_dossier
    from generator.publish.review import review_findings, review_markdown

    dossier = curated_dossier(load_settings(root), use_cache=use_cache)
    return review_markdown(review_findings(dossier))


def write_output(root: Path, target: Path, text: str) -> None:
    """`text` written to `target` at once (a reader never sees half of it). Refused inside the
    project's inputs (content/, templates/): export and review never write there."""
    settings = load_settings(root)
    place = target.resolve()
    for name in ("content_dir", "templates_dir"):
        folder = settings.path(name).resolve()
        if place == folder or place.is_relative_to(folder):
            raise DossierError(
                f"--output {target}: this is inside {folder}, which holds the project's input; "
                "write the file somewhere else"
            )
    write_atomically(place, text)
