"""Render stage: Dossier + templates -> Markdown pages. Pure: reads templates, writes nothing.

Which page is rendered from which template and context (generator.site.contexts, over one
generator.site.index.SiteIndex), in a fixed order, in forked processes for a big dossier; and
which pages can be kept from the previous build (generator.site.page_inputs).
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from generator.collector import collector_paused
from generator.gazetteer import gazetteer
from generator.model import Article, Country, Dossier, KeptPage, Organisation, Page, Person
from generator.site import contexts, organisations, paths, quotes
from generator.site.filters import flag, long_date, safe_url, tag_list
from generator.site.graph import graph_json
from generator.site.index import RELATED, SiteIndex
from generator.site.markdown import attr, md
from generator.site.page_inputs import PageInputs, code_digest


def template_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output: every value from an article goes through `md`
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md
    env.filters["attr"] = attr
    env.filters["country_name"] = gazetteer().name_of
    env.filters["flag"] = flag
    env.filters["long_date"] = long_date
    env.filters["safe_url"] = safe_url
    env.filters["tag_list"] = tag_list
    return env


# The index pages this stage renders (from the whole dossier, on every build): path, template
# and context. What's new is rendered by the publish stage (generator.publish.feed).
INDEX_TEMPLATES: tuple[tuple[str, str, Callable[[SiteIndex], dict[str, Any]]], ...] = (
    (paths.HOME, "home.md.j2", contexts.home),
    (paths.PEOPLE, "people_index.md.j2", contexts.people_index),
    (paths.ORGANISATIONS, "organisations_index.md.j2", organisations.organisations_index),
    (paths.COUNTRIES, "countries_index.md.j2", contexts.countries_index),
    (paths.ARTICLES, "articles_index.md.j2", contexts.articles_index),
    (paths.QUOTES, "quotes.md.j2", quotes.quotes_index),
    (paths.TIMELINE, "timeline.md.j2", contexts.timeline),
)

# Pages rendered in forked processes only from this many on (a fork costs more than a few pages).
PARALLEL_PAGES = 500


def render(
    dossier: Dossier,
    templates: Path,
    processes: int = 1,
    parallel_from: int = PARALLEL_PAGES,
    kept: Mapping[str, str] | None = None,
    news: dict[str, Any] | None = None,
) -> list[Page | KeptPage]:
    """Every page of `rendered_pages`, in one list (for a caller that needs them all at once)."""
    return list(rendered_pages(dossier, templates, processes, parallel_from, kept, news))


def rendered_pages(
    dossier: Dossier,
    templates: Path,
    processes: int = 1,
    parallel_from: int = PARALLEL_PAGES,
    kept: Mapping[str, str] | None = None,
    news: dict[str, Any] | None = None,
) -> Iterator[Page | KeptPage]:
    """Every page, in a fixed order, each as soon as it is rendered: the build writes one while
    the next ones render, and never holds them all (with 2,798 corpus articles, the pages held
    at once were the largest part of the rendering stage's memory). With `processes` > 1 (and
    at least `parallel_from` pages, where the system can fork) the pages are rendered in that
    many forked processes, each taking the next range of the same list when free, joined back
    in order: the same pages, byte for byte.

    Every profile and article page carries a digest of its inputs (`page_inputs`); one whose
    digest is that of the same page in `kept` (the previous build's pages, still on disk) comes
    back as a KeptPage, not rendered again. The index pages (and the quotes' month pages and
    parts) depend on everything and are always rendered, but kept as well when their text is the
    same (their key is a digest of it); the graph is always written."""
    env = template_environment(templates)
    with collector_paused():
        site = SiteIndex(dossier)
    inputs = PageInputs(site, code_digest(templates))
    kept = kept or {}
    loaded: dict[str, jinja2.Template] = {}

    def page(
        path: str,
        template: str,
        context: Callable[[], dict[str, Any]],
        inputs_of: Callable[[], str] | None,
    ) -> Page | KeptPage:
        key = inputs_of() if inputs_of else ""
        if key and kept.get(path) == key:
            return KeptPage(path, key)
        # Each template looked up once per render (get_template checks the file's time each call).
        if template not in loaded:
            loaded[template] = env.get_template(template)
        text = loaded[template].render(context())
        if inputs_of is None:  # an index page: kept when its text is the same as before
            key = text_digest(text)
            if kept.get(path) == key:
                return KeptPage(path, key)
        return Page(path, text, key)

    work: list[Job] = [
        (path, template, functools.partial(context, site), None)
        if path != paths.HOME
        else (path, template, functools.partial(contexts.home, site, news), None)
        for path, template, context in INDEX_TEMPLATES
    ]
    work += [
        (path, template, context, None) for path, template, context in quotes.month_pages(site)
    ]
    work += _jobs(
        site, site.subjects, paths.person, "person.md.j2", contexts.person, inputs.of_person
    )
    work += _jobs(
        site,
        dossier.organisations,
        paths.organisation,
        "organisation.md.j2",
        organisations.organisation,
        inputs.of_organisation,
    )
    work += _jobs(
        site, dossier.countries, paths.country, "country.md.j2", contexts.country, inputs.of_country
    )
    work += _jobs(
        site, dossier.articles, paths.article, "article.md.j2", contexts.article, inputs.of_article
    )

    def graph_page() -> Page:
        with collector_paused():
            urls = site.node_urls()
            return Page(paths.GRAPH, graph_json(site.graph, urls, RELATED, site.edges_of))

    def share(first: int, last: int) -> list[Page | KeptPage]:
        return [page(*job) for job in work[first:last]]

    if processes > 1 and len(work) >= parallel_from and "fork" in mp.get_all_start_methods():
        always = sum(1 for job in work if job[3] is None)  # the index pages, first
        tasks = _tasks(len(work), processes, always)
        yield from _in_forked_processes(share, tasks, processes, graph_page)
    else:
        yield from (page(*job) for job in work)
        yield graph_page()


Job = tuple[str, str, Callable[[], dict[str, Any]], Callable[[], str] | None]


def text_digest(text: str) -> str:
    """The key of a page that depends on the whole dossier (an index page): its own text, so
    that an incremental build keeps the file, and MkDocs the HTML, when the text is the same."""
    return "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


Record = TypeVar("Record", Person, Organisation, Country, Article)


def _jobs(
    site: SiteIndex,
    records: Iterable[Record],
    path_of: Callable[[str], str],
    template: str,
    context: Callable[[SiteIndex, Record], dict[str, Any]],
    inputs_of: Callable[[Record], str],
) -> list[Job]:
    """One page per record: its path, template, context and the digest of its inputs."""
    return [
        (
            path_of(r.id),
            template,
            functools.partial(context, site, r),
            functools.partial(inputs_of, r),
        )
        for r in records
    ]


Share = Callable[[int, int], list[Page | KeptPage]]

# Tasks per process for the profiles and articles: enough for the processes to balance.
TASKS_PER_PROCESS = 8

_SHARE: Share | None = None


def _tasks(count: int, processes: int, alone: int) -> list[tuple[int, int]]:
    """Ranges of the work list, in order, handed to whichever process is free: each of the first
    `alone` pages (the index pages) by itself, then the rest in even chunks. The quotes index
    alone takes about 1 s with 2,627 corpus articles, so another process renders the profiles
    meanwhile."""
    tasks = [(i, i + 1) for i in range(min(alone, count))]
    step = max(1, -(-(count - alone) // (processes * TASKS_PER_PROCESS)))
    tasks += [(i, min(i + step, count)) for i in range(alone, count, step)]
    return tasks


def _render_in_child(task: tuple[int, int]) -> list[Page | KeptPage]:
    assert _SHARE is not None  # set before the fork
    return _SHARE(*task)


def _in_forked_processes(
    share: Share, tasks: list[tuple[int, int]], processes: int, meanwhile: Callable[[], Page]
) -> Iterator[Page | KeptPage]:
    """share(first, last) for each task in forked children (they inherit the site index and
    templates, nothing is pickled but the pages coming back), their pages yielded in task order
    as each task's come back, then the page of `meanwhile`, which the parent makes while the
    children start."""
    global _SHARE
    _SHARE = share
    try:
        with mp.get_context("fork").Pool(min(processes, len(tasks))) as pool:
            parts = pool.imap(_render_in_child, tasks, chunksize=1)
            extra = meanwhile()
            for part in parts:
                yield from part
    finally:
        _SHARE = None
    yield extra
