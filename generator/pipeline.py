"""The build, as one readable pipeline: read -> analyse -> resolve -> render -> write -> MkDocs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from generator.addresses import derived_redirects, redirect_pages
from generator.cache import (
    CacheStats,
    cached_analyses,
    load_published,
    save_published,
    worker_processes,
)
from generator.errors import ContentError
from generator.feed import Published, build_date, feed_page, published_state, whatsnew_page
from generator.model import Article, ArticleAnalysis, Dossier, Page
from generator.reader import read_article_file
from generator.render import render, template_environment
from generator.resolve import resolve
from generator.settings import Settings
from generator.writer import build_site, write_docs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    articles: int
    people: int
    countries: int
    quotes: int
    pages: int
    seconds: float
    analysed: int = 0

    def __str__(self) -> str:
        return (
            f"built {self.pages} pages from {self.articles} articles ({self.analysed} analysed): "
            f"{self.people} people, {self.countries} countries, {self.quotes} quotes "
            f"in {self.seconds:.1f}s"
        )


def read_content(settings: Settings) -> list[Article]:
    """Every article of content/articles/, or a ContentError listing each problem found."""
    articles, problems = [], []
    for path in sorted(settings.articles_path.glob("*.md")):
        try:
            articles.append(read_article_file(path))
        except ContentError as exc:
            problems.append(exc)
    if problems:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more problems: run `dossier check`)"
            if len(problems) > 1
            else ""
        )
        raise ContentError(first.path, first.line, first.message + more, first.hint)
    return articles


def content_problems(settings: Settings) -> list[str]:
    problems = []
    for path in sorted(settings.articles_path.glob("*.md")):
        try:
            read_article_file(path)
        except ContentError as exc:
            problems.append(str(exc))
    return problems


def dossier_of(settings: Settings, articles: list[Article], use_cache: bool = True) -> Dossier:
    analyses, _ = analyses_of(settings, articles, use_cache)
    return resolve(analyses, previous_build(settings).addresses)


def previous_build(settings: Settings) -> Published:
    """The manifest of the previous published build (ids, addresses, history), from the cache."""
    return load_published(settings.path("cache_dir"))


def analyses_of(
    settings: Settings, articles: list[Article], use_cache: bool = True
) -> tuple[list[ArticleAnalysis], CacheStats]:
    """Every article's analysis: from the cache, or analysed (only the new or changed ones)."""

    def analyse(todo: Sequence[Article]) -> Iterator[ArticleAnalysis]:
        from generator.analyse import analyse_articles  # spaCy is imported only when needed

        processes = worker_processes(settings.processes, len(todo))
        log.info("analysing %d articles with %d process(es)", len(todo), processes)
        return analyse_articles(todo, settings.model, processes)

    folder = settings.path("cache_dir") / "analyses"
    return cached_analyses(articles, folder, settings.model, analyse, use_cache)


def site_pages(
    settings: Settings, dossier: Dossier, previous: Published, date: str
) -> tuple[list[Page], Published]:
    """Every generated page: the rendered ones, what's new, the feed and the redirects; and the
    manifest of this build, to keep once it is published."""
    redirects = derived_redirects(previous.anchors, previous.redirects, dossier)
    state = published_state(dossier, previous, redirects, date)
    templates = settings.path("templates_dir")
    pages = render(dossier, templates)
    pages.append(whatsnew_page(template_environment(templates), state, dossier))
    pages.append(feed_page(state, dossier, "Dossier"))
    pages += redirect_pages(redirects, dossier)
    return pages, state


@contextmanager
def source_date(date: str) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `date` (unless already set), so MkDocs' sitemap dates come from
    the content, not the clock, and the same input gives the same site."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    moment = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(), dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def run_build(
    settings: Settings, *, strict: bool = False, use_cache: bool = True, with_site: bool = True
) -> BuildReport:
    started = time.perf_counter()
    articles = read_content(settings)
    analyses, stats = analyses_of(settings, articles, use_cache)
    previous = previous_build(settings)
    dossier = resolve(analyses, previous.addresses)
    date = build_date(articles)
    pages, published = site_pages(settings, dossier, previous, date)
    written = write_docs(pages, settings.pages_path, settings.path("docs_dir"))
    if with_site:
        with source_date(date):
            build_site(
                settings.root / "mkdocs.yml",
                settings.path("docs_dir"),
                settings.path("site_dir"),
                strict,
            )
        save_published(settings.path("cache_dir"), published)
    return BuildReport(
        articles=len(articles),
        people=sum(p.kind == "subject" for p in dossier.people),
        countries=len(dossier.countries),
        quotes=len(dossier.quotes),
        pages=written,
        seconds=time.perf_counter() - started,
        analysed=stats.analysed,
    )
