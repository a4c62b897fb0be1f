"""The build, as one readable pipeline: read -> analyse -> resolve -> render -> write -> MkDocs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import logging
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from generator.background import Background
from generator.errors import ConfigError, ContentError
from generator.ingest.check import check_content, grouped
from generator.ingest.curation import Curation, load_curation
from generator.memory import release_memory
from generator.model import Article, ArticleAnalysis, Dossier, KeptPage, Page
from generator.publish.dataset import dossier_json, schema_text
from generator.publish.feed import feed_page, latest_changes, whatsnew_page
from generator.publish.manifest import (
    Published,
    build_date,
    published_state,
    record_date,
)
from generator.publish.redirects import (
    derived_organisation_redirects,
    derived_redirects,
    redirect_pages,
)
from generator.resolve.dossier import resolve
from generator.settings import Settings
from generator.site.render import rendered_pages, template_environment
from generator.store.cache import CacheStats, cached_analyses, worker_processes
from generator.store.cluster import cluster_analyser
from generator.store.lock import build_lock
from generator.store.shared import analyses_location, load_record, save_record
from generator.store.writer import build_site, kept_pages, write_docs

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
    organisations: int = 0

    def __str__(self) -> str:
        return (
            f"built {self.pages} pages from {self.articles} articles ({self.analysed} analysed): "
            f"{self.people} people, {self.organisations} organisations, "
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


def curation_of(settings: Settings) -> Curation:
    """The analyst's corrections in content/curation.yml (none when there is no such file)."""
    return load_curation(settings.curation_path)


def page_manifest(settings: Settings) -> Path:
    """Where the digest of each page's inputs is kept between builds."""
    return settings.path("cache_dir") / "pages.json"


def site_state(settings: Settings) -> Path:
    """Where the key of the published site is kept, for the next build to rebuild only the
    pages that changed."""
    return settings.path("cache_dir") / "site.json"


def previous_pages(settings: Settings, use_cache: bool = True) -> dict[str, str]:
    """The previous build's pages that can be kept if their inputs are unchanged."""
    if not use_cache:
        return {}
    return kept_pages(settings.path("docs_dir"), page_manifest(settings))


def previous_build(settings: Settings) -> Published:
    """The manifest of the previous published build (ids, addresses, history), from the cache."""
    return load_record(settings)


def analyses_of(
    settings: Settings, articles: list[Article], use_cache: bool = True
) -> tuple[list[ArticleAnalysis], CacheStats]:
    """Every article's analysis: from the cache, or analysed (only the new or changed ones) by
    the executor the settings name: processes on this machine, or a Dask cluster."""

    def analyse(todo: Sequence[Article]) -> Iterator[ArticleAnalysis]:
        from generator.nlp.analyse import analyse_articles  # spaCy is imported only when needed

        processes = worker_processes(settings.processes, len(todo))
        log.info("analysing %d articles with %d process(es)", len(todo), processes)
        return analyse_articles(todo, settings.model, processes)

    folder = analyses_location(settings)
    if settings.executor == "dask":
        on_cluster = cluster_analyser(settings.dask_scheduler, settings.model)
        return cached_analyses(articles, folder, settings.model, on_cluster, use_cache)
    return cached_analyses(articles, folder, settings.model, analyse, use_cache, overlap=True)


def site_pages(
    settings: Settings,
    dossier: Dossier,
    previous: Published,
    date: str,
    kept: Mapping[str, str] | None = None,
) -> tuple[Iterator[Page | KeptPage], Published]:
    """Every generated page: the rendered ones, what's new, the feed and the redirects; and the
    manifest of this build, to keep once it is published. Pages in `kept` (the previous build's,
    by path, with the digest of their inputs) are kept where their inputs are unchanged.

    The pages come one by one, each made when it is asked for, so that the writer holds one at
    a time, not the whole site."""
    redirects = derived_redirects(previous.anchors, previous.redirects, dossier)
    moved = derived_organisation_redirects(
        previous.organisation_anchors, previous.organisation_redirects, dossier
    )
    state = published_state(dossier, previous, redirects, date, moved)
    templates = settings.path("templates_dir")
    processes = worker_processes(settings.processes, len(dossier.articles))
    news = latest_changes(state, dossier)

    def pages() -> Iterator[Page | KeptPage]:
        data = (
            Background(functools.partial(data_pages, dossier), "data pages")
            if data_pages_meanwhile(processes, kept)
            else None
        )
        try:
            yield from rendered_pages(dossier, templates, processes, kept=kept, news=news)
            yield whatsnew_page(template_environment(templates), state, dossier)
            yield feed_page(state, dossier, "Dossier")
            yield from redirect_pages(redirects, dossier, moved)
            yield from data.result() if data is not None else data_pages(dossier)
        finally:
            if data is not None:
                data.stop()  # nothing once its result is in

    return pages(), state


def data_pages_meanwhile(processes: int, kept: Mapping[str, str] | None) -> bool:
    """Whether the data pages are made in a process of their own while the pages render: where
    the build keeps the previous build's pages (it renders again only those whose inputs
    changed) and may use more than one process. With one article added to 2,637 corpus
    articles, the data pages (3.4 s, followthemoney's import included) were the last thing the
    rendering waited for. A build that renders every page (the first one, or one without the
    cache) makes them after the pages: its render processes hold the whole site already, and
    the data pages' 300 MB on top of them raised that rendering's peak from 767 to 1,075 MB."""
    return bool(kept) and processes > 1 and "fork" in mp.get_all_start_methods()


def data_pages(dossier: Dossier) -> list[Page]:
    """The dossier as data for machine readers, published beside the pages: JSON with its
    schema, and FollowTheMoney entities (the files `dossier export` writes)."""
    from generator.publish.ftm import ftm_lines  # followthemoney takes seconds to import

    return [
        Page("dossier.json", dossier_json(dossier)),
        Page("dossier.schema.json", schema_text()),
        Page("dossier.ftm.json", ftm_lines(dossier, check=False)),
    ]


def curated_dossier(settings: Settings, *, strict: bool = False, use_cache: bool = True) -> Dossier:
    """The dossier as `run_build` resolves it (the same checks, the analysis cache, the curation
    file and the previous build's addresses), without rendering or writing a page."""
    with build_lock(settings.path("cache_dir")), long_lived_objects():
        articles = read_content(settings, strict)
        analyses, _ = analyses_of(settings, articles, use_cache)
        return resolved(settings, analyses, previous_build(settings))


def resolved(
    settings: Settings, analyses: Sequence[ArticleAnalysis], previous: Published
) -> Dossier:
    """The dossier of the analyses, with the curation file's rules and the previous build's
    addresses (people's and organisations'), as every command that resolves needs it."""
    return resolve(
        analyses, curation_of(settings), previous.addresses, previous.organisation_addresses
    )


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


@contextmanager
def long_lived_objects() -> Iterator[Callable[[], None]]:
    """A `keep` function that exempts every object alive when it is called from the garbage
    collector's full passes (gc.freeze), until the block ends.

    A build holds millions of long-lived objects (the analyses, then the dossier), and each full
    collection walked them all: with 2,627 corpus articles, rendering took 3.5 s with the
    collector as it is and 2.3 s with the objects frozen."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


STAGES = ("read", "analysis", "resolution", "rendering", "MkDocs")


class BuildObserver:
    """Hooks into `run_build`, as MkDocs' plugin events are into its build: `stage(name)` wraps
    each of STAGES while it runs, in that order (MkDocs only when the site is built), and
    `on_articles` and `on_dossier` see what reading and resolution made. This one does nothing;
    bench/build.py times the real build (and its memory) with a subclass."""

    def stage(self, name: str) -> AbstractContextManager[None]:
        return nullcontext()

    def on_articles(self, articles: Sequence[Article]) -> None:
        """The articles read, after the checks."""

    def on_dossier(self, dossier: Dossier) -> None:
        """The resolved dossier."""


def forget_the_model() -> None:
    """Let go of the spaCy pipeline (about 140 MB) once the analyses are made: the site stage
    never reads it. Only where it was loaded: importing spaCy to forget nothing takes seconds."""
    analyse = sys.modules.get("generator.nlp.analyse")
    if analyse is not None:
        analyse.load_model.cache_clear()


def run_build(
    settings: Settings,
    *,
    strict: bool = False,
    use_cache: bool = True,
    with_site: bool = True,
    offline: bool = False,
    observer: BuildObserver | None = None,
) -> BuildReport:
    started = time.perf_counter()
    watch = observer or BuildObserver()
    problems = output_folders_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    with build_lock(settings.path("cache_dir")), long_lived_objects() as keep:
        with watch.stage("read"):
            articles = read_content(settings, strict)
        watch.on_articles(articles)
        with watch.stage("analysis"):
            analyses, stats = analyses_of(settings, articles, use_cache)
        keep()
        with watch.stage("resolution"):
            previous = previous_build(settings)
            dossier = resolved(settings, analyses, previous)
        watch.on_dossier(dossier)
        keep()
        date = build_date(articles)
        with watch.stage("rendering"):  # each page written as soon as it is rendered
            kept = previous_pages(settings, use_cache)
            pages, published = site_pages(settings, dossier, previous, record_date(), kept)
            written = write_docs(
                pages, settings.pages_path, settings.path("docs_dir"), page_manifest(settings)
            )
        report = BuildReport(
            articles=len(articles),
            people=sum(p.kind == "subject" for p in dossier.people),
            countries=len(dossier.countries),
            quotes=len(dossier.quotes),
            pages=written,
            seconds=0.0,
            analysed=stats.analysed,
            organisations=len(dossier.organisations),
        )
        # The site stage needs the docs folder only: what made it is let go first (with 2,635
        # articles, MkDocs and then Pagefind's 1 GB ran on top of a process that still held
        # every page, the dossier and the analyses).
        del pages, kept, dossier, analyses, articles
        forget_the_model()
        release_memory()
        if with_site:
            with watch.stage("MkDocs"), source_date(date):
                build_site(
                    settings.root / "mkdocs.yml",
                    settings.path("docs_dir"),
                    settings.path("site_dir"),
                    strict,
                    site_state(settings) if use_cache else None,
                    offline=offline,
                )
            save_record(settings, published)
    return dataclasses.replace(report, seconds=time.perf_counter() - started)
