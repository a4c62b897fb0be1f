"""The build, as one readable pipeline: read -> analyse -> resolve -> render -> write -> MkDocs."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from generator.analyse import analyse_articles
from generator.check import check_content, grouped
from generator.errors import ConfigError, ContentError
from generator.model import Article, Dossier
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


def read_content(settings: Settings, strict: bool = False) -> list[Article]:
    """One copy of every article, after the checks of `dossier check`.

    Raises ContentError when any check finds an error (or, with `strict`, a warning), so that
    nothing is published from broken content; warnings are logged once each, with a count.
    """
    report = check_content(settings)
    for line in grouped(report.warnings):
        log.warning(line)
    stopping = report.errors or (report.warnings if strict else [])
    if stopping:
        first = stopping[0]
        more = len(stopping) - 1
        label = "" if report.errors else "warning, and --strict: "
        note = f" (and {more} more: run `dossier check`)" if more else ""
        raise ContentError(first.path, first.line, f"{label}{first.message}{note}", first.hint)
    return list(report.articles)


def content_problems(settings: Settings) -> list[str]:
    """What `dossier check` prints: each distinct problem once, errors first."""
    return grouped(check_content(settings).problems)


def output_folders_problems(settings: Settings) -> list[str]:
    """Output folders that would overwrite input (the build replaces them whole)."""
    root = settings.root.resolve()
    inputs = {name: settings.path(name).resolve() for name in ("content_dir", "templates_dir")}
    outputs = {name: settings.path(name).resolve() for name in ("docs_dir", "site_dir")}
    problems = []
    for name, out in outputs.items():
        if out == root or root.is_relative_to(out):
            problems.append(f"setting {name!r} must not be the project folder or hold it")
        for other, path in inputs.items():
            if out == path or out.is_relative_to(path) or path.is_relative_to(out):
                problems.append(
                    f"setting {name!r} must not overlap {other!r}: it is replaced whole"
                )
    docs, site = outputs["docs_dir"], outputs["site_dir"]
    if docs.is_relative_to(site) or site.is_relative_to(docs):
        problems.append("settings 'docs_dir' and 'site_dir' must not overlap")
    return problems


def dossier_of(settings: Settings, articles: list[Article], use_cache: bool = True) -> Dossier:
    analyses = list(analyse_articles(articles, settings.model, settings.processes))
    return resolve(analyses)


def run_build(
    settings: Settings, *, strict: bool = False, use_cache: bool = True, with_site: bool = True
) -> BuildReport:
    started = time.perf_counter()
    problems = output_folders_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    articles = read_content(settings, strict)
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
