"""The build, as one readable pipeline: read -> analyse -> resolve -> render -> write -> MkDocs."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from generator.analyse import analyse_articles
from generator.errors import ContentError
from generator.model import Article, Dossier
from generator.reader import read_article_file
from generator.render import render
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

    def __str__(self) -> str:
        return (
            f"built {self.pages} pages from {self.articles} articles: {self.people} people, "
            f"{self.countries} countries, {self.quotes} quotes in {self.seconds:.1f}s"
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
    analyses = list(analyse_articles(articles, settings.model, settings.processes))
    return resolve(analyses)


def run_build(
    settings: Settings, *, strict: bool = False, use_cache: bool = True, with_site: bool = True
) -> BuildReport:
    started = time.perf_counter()
    articles = read_content(settings)
    dossier = dossier_of(settings, articles, use_cache)
    pages = render(dossier, settings.path("templates_dir"))
    written = write_docs(pages, settings.pages_path, settings.path("docs_dir"))
    if with_site:
        build_site(
            settings.root / "mkdocs.yml",
            settings.path("docs_dir"),
            settings.path("site_dir"),
            strict,
        )
    return BuildReport(
        articles=len(articles),
        people=sum(p.kind == "subject" for p in dossier.people),
        countries=len(dossier.countries),
        quotes=len(dossier.quotes),
        pages=written,
        seconds=time.perf_counter() - started,
    )
