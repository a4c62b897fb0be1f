"""Render stage: Dossier + templates -> Markdown pages. Pure: reads templates, writes nothing."""

from __future__ import annotations

import bisect
import functools
import multiprocessing as mp
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from generator.site.filters import (
    flag,
    iso_date,
    long_date,
    month_label,
    safe_url,
    secondary_source,
    yaml_list,
)
from generator.site.graph import COUNTRY, PERSON, Edge, co_occurrence_graph, graph_json, node_key
from generator.site.markdown import attr, md
from generator.site.marking import CLOSING_QUOTES, QuoteMark, linked, marked_text
from generator.model import (
    CAPTION,
    HEADING,
    Article,
    Country,
    Dossier,
    DossierQuote,
    KeptPage,
    Page,
    Person,
    Span,
)
from generator.site.page_inputs import PageInputs, code_digest
from generator.gazetteer import gazetteer
from generator.text import not_after_abbreviation

# Sizes that keep every page bounded however large the dossier grows.
HOME_ARTICLES = 6
HOME_ENTITIES = 8
HOME_QUOTES = 3
RELATED = 12
MAX_MENTIONS = 40
MAX_QUOTES_ABOUT = 20
MAX_AFFILIATED = 60  # the most mentioned; the people index gives everyone's country
MAX_ARTICLES = 100  # newest first on a profile; the articles index lists them all
MAX_TAGS = 12  # names a page is found by first in search
EXCERPT = 90

GRAPH_PAGE = "assets/graph.json"

# A sentence ends at . ! ? (and closing quotes) before a capital, unless after an abbreviation.
# The lookahead first only makes the search fast (lookbehinds tried at . ! ? alone, not at every
# character); it matches nothing the pattern without it would not.
_SENTENCE_BREAK = re.compile(
    r"(?=[.!?])(?<!\b[A-Z])" + not_after_abbreviation() + r"[.!?][”\"’']?\s+(?=[“\"‘A-Z])"
)


@dataclass(frozen=True)
class Paths:
    """Where each kind of page lives in the docs folder."""

    @staticmethod
    def person(ident: str) -> str:
        return f"people/{ident}.md"

    @staticmethod
    def country(ident: str) -> str:
        return f"countries/{ident}.md"

    @staticmethod
    def article(ident: str) -> str:
        return f"articles/{ident}.md"


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page to another (paths relative to the docs folder), for MkDocs to check."""
    target = _relative_path(_folder_of(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65536)
def _folder_of(page: str) -> str:
    """posixpath.dirname, once per page (relative() is called for every link)."""
    return posixpath.dirname(page)


@functools.lru_cache(maxsize=65536)
def _relative_path(from_folder: str, to_page: str) -> str:
    """posixpath.relpath for clean relative paths, without its calls to os.getcwd()."""
    here = from_folder.split("/") if from_folder else []
    there = to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def page_url(path: str) -> str:
    """The site URL (relative to the site root) MkDocs gives a page, with use_directory_urls."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


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
    env.filters["yaml_list"] = yaml_list
    return env


# Pages rendered in forked processes only from this many on (a fork costs more than a few pages).
PARALLEL_PAGES = 500


def render(
    dossier: Dossier,
    templates: Path,
    processes: int = 1,
    parallel_from: int = PARALLEL_PAGES,
    kept: Mapping[str, str] | None = None,
) -> list[Page | KeptPage]:
    """Every page, in a fixed order. With `processes` > 1 (and at least `parallel_from` pages,
    where the system can fork) the pages are rendered in that many forked processes, each taking
    the next range of the same list when free, joined back in order: the same pages, byte for
    byte.

    Every profile and article page carries a digest of its inputs (`page_inputs`); one whose
    digest is that of the same page in `kept` (the previous build's pages, still on disk) comes
    back as a KeptPage, not rendered again. The index pages and the graph depend on everything
    and are always rendered."""
    env = template_environment(templates)
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
        return Page(path, loaded[template].render(context()), key)

    work: list[Job] = [
        ("index.md", "home.md.j2", site.home, None),
        ("people/index.md", "people_index.md.j2", site.people_index, None),
        ("countries/index.md", "countries_index.md.j2", site.countries_index, None),
        ("articles/index.md", "articles_index.md.j2", site.articles_index, None),
        ("quotes.md", "quotes.md.j2", site.quotes_index, None),
        ("timeline.md", "timeline.md.j2", site.timeline, None),
    ]
    work += _jobs(site.subjects, Paths.person, "person.md.j2", site.person, inputs.of_person)
    work += _jobs(
        dossier.countries, Paths.country, "country.md.j2", site.country, inputs.of_country
    )
    work += _jobs(dossier.articles, Paths.article, "article.md.j2", site.article, inputs.of_article)

    def graph_page() -> Page:
        return Page(GRAPH_PAGE, graph_json(site.graph, site.node_urls(), RELATED, site.edges_of))

    def share(first: int, last: int) -> list[Page | KeptPage]:
        return [page(*job) for job in work[first:last]]

    if processes > 1 and len(work) >= parallel_from and "fork" in mp.get_all_start_methods():
        always = sum(1 for job in work if job[3] is None)  # the index pages, first
        tasks = _tasks(len(work), processes, always)
        pages, graph = _in_forked_processes(share, tasks, processes, graph_page)
    else:
        pages, graph = share(0, len(work)), graph_page()
    return [*pages, graph]


Job = tuple[str, str, Callable[[], dict[str, Any]], Callable[[], str] | None]
Record = TypeVar("Record", Person, Country, Article)


def _jobs(
    records: Iterable[Record],
    path_of: Callable[[str], str],
    template: str,
    context: Callable[[Record], dict[str, Any]],
    inputs_of: Callable[[Record], str],
) -> list[Job]:
    """One page per record: its path, template, context and the digest of its inputs."""
    return [
        (
            path_of(r.id),
            template,
            functools.partial(context, r),
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
) -> tuple[list[Page | KeptPage], Page]:
    """share(first, last) for each task in forked children (they inherit the site index and
    templates, nothing is pickled but the pages coming back), results joined in task order;
    `meanwhile` runs in the parent."""
    global _SHARE
    _SHARE = share
    try:
        with mp.get_context("fork").Pool(min(processes, len(tasks))) as pool:
            pending = pool.map_async(_render_in_child, tasks, chunksize=1)
            extra = meanwhile()
            parts = pending.get()
    finally:
        _SHARE = None
    return [page for part in parts for page in part], extra


class Citations:
    """Footnote-style numbered links from a claim to the paragraph it came from.

    One number per paragraph cited; `sources` lists them, in order, for the page's foot."""

    def __init__(self, site: SiteIndex, page: str) -> None:
        self.site = site
        self.page = page
        self.numbers: dict[tuple[str, str], int] = {}
        self.sources: list[dict[str, Any]] = []

    def cite(self, span: Span) -> str:
        key = (span.article, span.block)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.sources.append(self.site.paragraph_ref(self.page, span))
        number = self.numbers[key]
        ref = self.sources[number - 1]
        return f'<sup class="cite">[\\[{number}\\]]({ref["href"]} "{ref["title"]}")</sup>'


class SiteIndex:
    """Look-ups over a Dossier that the page contexts share (built once per render)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.articles = {a.id: a for a in dossier.articles}
        self.subjects = [p for p in dossier.people if p.kind == "subject"]
        self.credits = [p for p in dossier.people if p.kind == "credit"]
        self.people = {p.id: p for p in dossier.people}
        self.countries = {c.id: c for c in dossier.countries}
        self.country_by_code = {c.code: c for c in dossier.countries}
        self.quotes_of: dict[str | None, list[DossierQuote]] = defaultdict(list)
        self.quotes_in: dict[tuple[str, str], list[DossierQuote]] = defaultdict(list)
        self.quotes_of_article: dict[str, list[DossierQuote]] = defaultdict(list)
        for q in dossier.quotes:
            self.quotes_of[q.quote.speaker].append(q)
            self.quotes_in[(q.quote.span.article, q.quote.span.block)].append(q)
            self.quotes_of_article[q.quote.span.article].append(q)
        self.in_block: dict[tuple[str, str], list[tuple[Span, str]]] = defaultdict(list)
        for p in self.subjects:
            for s in p.mentions:
                self.in_block[(s.article, s.block)].append((s, Paths.person(p.id)))
        for c in dossier.countries:
            for r in c.mentions:
                self.in_block[(r.span.article, r.span.block)].append((r.span, Paths.country(c.id)))
        self.credit_named: dict[str, list[Person]] = defaultdict(list)
        for p in self.credits:
            self.credit_named[p.name].append(p)
        self.affiliated: dict[str, list[Person]] = defaultdict(list)
        for p in self.subjects:
            for code in p.country_codes:
                self.affiliated[code].append(p)
        self.people_in: dict[str, list[Person]] = defaultdict(list)
        for p in dossier.people:
            for article_id in p.articles:
                self.people_in[article_id].append(p)
        self.countries_in: dict[str, list[Country]] = defaultdict(list)
        for c in dossier.countries:
            for article_id in c.articles:
                self.countries_in[article_id].append(c)
        self.graph = co_occurrence_graph(dossier)
        self._block_texts: dict[tuple[str, str], str] = {}
        self._breaks: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        self.edges_of = self.graph.neighbours()

    def node_urls(self) -> dict[str, str]:
        urls = {node_key(PERSON, p.id): page_url(Paths.person(p.id)) for p in self.subjects}
        urls.update(
            {
                node_key(COUNTRY, c.id): page_url(Paths.country(c.id))
                for c in self.countries.values()
            }
        )
        return urls

    # -- shared pieces -------------------------------------------------------------------------

    def paragraph_ref(self, page: str, span: Span) -> dict[str, Any]:
        """Where a span's paragraph is: link, title, paragraph number and its opening words."""
        article = self.articles[span.article]
        text = self.block_text(span.article, span.block)
        excerpt = text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …"
        return {
            "href": relative(page, Paths.article(article.id), span.block),
            "title": attr(f"{article.title}, paragraph {span.block[1:]}"),
            "article": article,
            "paragraph": span.block[1:],
            "excerpt": excerpt,
        }

    def alias_source(self, person: Person, alias: str) -> Span | None:
        """Where the articles call a person by an alias: a mention with that text, or the alias
        written around a mention ("Mr Blair" around the mention "Blair")."""
        for span in person.mentions:
            if span.text.casefold() == alias.casefold():
                return span
        for span in person.mentions:
            text = self.block_text(span.article, span.block)
            at = text.find(alias, max(0, span.start - len(alias)), span.end + len(alias))
            if at != -1 and at < span.end and at + len(alias) > span.start:
                return Span(span.article, span.block, at, at + len(alias), alias)
        return None

    @staticmethod
    def source_link(ref: dict[str, Any], label: str = "source") -> str:
        """A link to the paragraph of a `paragraph_ref`."""
        return f'[{md(label)}]({ref["href"]} "{ref["title"]}")'

    def block_text(self, article: str, block: str) -> str:
        """A block's text (looked up once per block: Article.block scans the blocks)."""
        key = (article, block)
        text = self._block_texts.get(key)
        if text is None:
            text = self._block_texts[key] = self.articles[article].block(block).text
        return text

    def sentence_breaks(self, article: str, block: str) -> tuple[list[int], list[int]]:
        """The sentence breaks in a block's text, split once per block: where each break
        starts and where it ends (both ascending, the breaks never overlap)."""
        key = (article, block)
        found = self._breaks.get(key)
        if found is None:
            matches = list(_SENTENCE_BREAK.finditer(self.block_text(article, block)))
            found = self._breaks[key] = ([m.start() for m in matches], [m.end() for m in matches])
        return found

    def sentence_range(self, span: Span) -> tuple[int, int]:
        """Where the sentence around a span starts and ends in its block's text."""
        text = self.block_text(span.article, span.block)
        starts, ends = self.sentence_breaks(span.article, span.block)
        # The last break ending at or before the span; the first starting at or after its end.
        before = bisect.bisect_right(ends, span.start)
        start = ends[before - 1] if before else 0
        after = bisect.bisect_left(starts, span.end)
        end = starts[after] + 1 if after < len(starts) else len(text)
        while end < len(text) and text[end] in CLOSING_QUOTES:
            end += 1
        return start, end

    def annotated(self, page: str, span: Span, start: int, end: int, bold: Iterable[Span]) -> str:
        """Characters start:end of a span's block as Markdown: the `bold` spans in bold, every
        other name a link to its profile (in bold when that profile is this page)."""
        text = self.block_text(span.article, span.block)
        marks = [(s, "") for s in bold]
        for other, target in self.in_block.get((span.article, span.block), []):
            marks.append((other, "" if target == page else relative(page, target)))
        return linked(text, start, end, marks)

    def quote_context(self, page: str, q: DossierQuote) -> dict[str, Any]:
        quote = q.quote
        speaker = self.people.get(quote.speaker) if quote.speaker else None
        ref = self.paragraph_ref(page, quote.span)
        article = self.articles[quote.span.article]
        return {
            "id": q.id,
            "text": quote.span.text,
            "text_html": self.annotated(page, quote.span, quote.span.start, quote.span.end, []),
            "speaker": speaker,
            "speaker_link": relative(page, Paths.person(speaker.id)) if speaker else "",
            "speaker_text": quote.speaker_text,
            "cue": quote.cue,
            "source": secondary_source(quote.source, quote.cue),
            "date": quote.date,
            "partial": quote.partial,
            "article": article,
            "article_href": relative(page, Paths.article(article.id)),
            "ref": ref,
            "source_link": self.source_link(ref),
        }

    def related_edges(
        self, key: str
    ) -> tuple[list[tuple[Person, Edge]], list[tuple[Country, Edge]]]:
        """The people and countries named in the same articles as `key`, strongest first."""
        people: list[tuple[Person, Edge]] = []
        countries: list[tuple[Country, Edge]] = []
        for edge in self.edges_of.get(key, []):
            if len(people) >= RELATED and len(countries) >= RELATED:
                break
            kind, _, ident = edge.other(key).partition(":")
            if kind == PERSON and len(people) < RELATED:
                people.append((self.people[ident], edge))
            elif kind == COUNTRY and len(countries) < RELATED:
                countries.append((self.countries[ident], edge))
        return people, countries

    def related(self, page: str, key: str) -> dict[str, list[tuple[Any, str, Edge]]]:
        """The people and countries named in the same articles, with links from `page`."""
        people, countries = self.related_edges(key)
        return {
            "related_people": [(p, relative(page, Paths.person(p.id)), e) for p, e in people],
            "related_countries": [
                (c, relative(page, Paths.country(c.id)), e) for c, e in countries
            ],
        }

    def mention_in_context(self, page: str, span: Span) -> dict[str, Any]:
        start, end = self.sentence_range(span)
        return {
            "html": self.annotated(page, span, start, end, [span]).strip(),
            "ref": self.paragraph_ref(page, span),
        }

    def article_list(self, page: str, ids: Iterable[str]) -> list[tuple[Article, str]]:
        chosen = newest_first(self.articles[i] for i in ids)
        return [(a, relative(page, Paths.article(a.id))) for a in chosen]

    # -- page contexts -------------------------------------------------------------------------

    def home(self) -> dict[str, Any]:
        page = "index.md"
        latest = newest_first(self.dossier.articles)
        people = sorted(self.subjects, key=lambda p: (-len(p.mentions), p.name))
        countries = sorted(self.dossier.countries, key=lambda c: (-len(c.mentions), c.name))
        quotes = sorted(
            (q for q in self.dossier.quotes if q.quote.speaker and not q.quote.partial),
            key=lambda q: (self.articles[q.quote.span.article].published, -_quote_number(q.id)),
            reverse=True,
        )
        return {
            "counts": {
                "articles": len(self.dossier.articles),
                "people": len(self.subjects),
                "countries": len(self.dossier.countries),
                "quotes": len(self.dossier.quotes),
            },
            "articles": [(a, relative(page, Paths.article(a.id))) for a in latest[:HOME_ARTICLES]],
            "people": [(p, relative(page, Paths.person(p.id))) for p in people[:HOME_ENTITIES]],
            "countries": [
                (c, relative(page, Paths.country(c.id))) for c in countries[:HOME_ENTITIES]
            ],
            "quotes": [self.quote_context(page, q) for q in quotes[:HOME_QUOTES]],
            "links": {
                "people": relative(page, "people/index.md"),
                "countries": relative(page, "countries/index.md"),
                "articles": relative(page, "articles/index.md"),
                "quotes": relative(page, "quotes.md"),
                "timeline": relative(page, "timeline.md"),
            },
        }

    def people_index(self) -> dict[str, Any]:
        page = "people/index.md"
        groups: dict[str, list[tuple[Person, str]]] = defaultdict(list)
        for p in sorted(self.subjects, key=lambda p: (_sort_name(p.name), p.id)):
            groups[_sort_name(p.name)[:1].upper() or "#"].append(
                (p, relative(page, Paths.person(p.id)))
            )
        return {"groups": sorted(groups.items())}

    def countries_index(self) -> dict[str, Any]:
        page = "countries/index.md"
        affiliated: dict[str, int] = defaultdict(int)
        for p in self.subjects:
            for code in p.country_codes:
                affiliated[code] += 1
        return {
            "countries": [
                (c, relative(page, Paths.country(c.id)), affiliated[c.code])
                for c in sorted(self.dossier.countries, key=lambda c: c.name.casefold())
            ]
        }

    def articles_index(self) -> dict[str, Any]:
        page = "articles/index.md"
        return {"articles": self.article_list(page, self.articles)}

    def quotes_index(self) -> dict[str, Any]:
        page = "quotes.md"
        speakers = sorted(
            (p for p in self.subjects if self.quotes_of.get(p.id)), key=lambda p: _sort_name(p.name)
        )
        return {
            "speakers": [
                (
                    p,
                    relative(page, Paths.person(p.id)),
                    [self.quote_context(page, q) for q in self.quotes_of[p.id]],
                )
                for p in speakers
            ],
            "unattributed": [self.quote_context(page, q) for q in self.quotes_of.get(None, [])],
        }

    def timeline(self) -> dict[str, Any]:
        """Dated statements (quotes with a date) and events (articles published), newest first."""
        page = "timeline.md"
        days: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in self.dossier.articles:
            if a.published:
                days[a.published].append(
                    {"kind": "article", "article": a, "href": relative(page, Paths.article(a.id))}
                )
        for q in self.dossier.quotes:
            published = self.articles[q.quote.span.article].published
            day = iso_date(q.quote.date, published) if q.quote.date else ""
            if day:
                days[day].append({"kind": "quote", "quote": self.quote_context(page, q)})
        months: dict[str, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
        for day, entries in sorted(days.items(), reverse=True):
            months[day[:7]].append((day, entries))
        return {"months": [(month_label(m), d) for m, d in months.items()]}

    def person(self, person: Person) -> dict[str, Any]:
        page = Paths.person(person.id)
        cites = Citations(self, page)
        named = [s for s in person.mentions if s.text == person.name] or list(person.mentions)
        name_cite = cites.cite(named[0]) if named else ""
        aliases = []
        for alias in person.aliases:
            found = self.alias_source(person, alias)
            aliases.append((alias, cites.cite(found) if found else ""))
        roles = [(c.value, cites.cite(c.source)) for c in person.roles]
        countries = [
            (
                self.country_by_code[c.value],
                relative(page, Paths.country(self.country_by_code[c.value].id)),
                cites.cite(c.source),
            )
            for c in person.countries
            if c.value in self.country_by_code
        ]
        mentions = _first_per_block(person.mentions)
        return {
            "person": person,
            "name_cite": name_cite,
            "aliases": aliases,
            "roles": roles,
            "countries": countries,
            "quotes": [self.quote_context(page, q) for q in self.quotes_of.get(person.id, [])],
            "mentions": [self.mention_in_context(page, s) for s in mentions[:MAX_MENTIONS]],
            "more_mentions": max(0, len(mentions) - MAX_MENTIONS),
            **self.related(page, node_key(PERSON, person.id)),
            "articles": self.article_list(page, person.articles)[:MAX_ARTICLES],
            "more_articles": max(0, len(person.articles) - MAX_ARTICLES),
            "articles_index": relative(page, "articles/index.md"),
            "graph_focus": node_key(PERSON, person.id),
            # Search: tags weigh most in Material's index, so any name finds the profile first.
            "search_tags": list(dict.fromkeys([person.name, *person.aliases]))[:MAX_TAGS],
            "sources": cites.sources,
        }

    def country(self, country: Country) -> dict[str, Any]:
        page = Paths.country(country.id)
        cites = Citations(self, page)
        members = self.affiliated.get(country.code, [])
        shown = sorted(members, key=lambda p: (-len(p.mentions), _sort_name(p.name)))
        affiliated = []
        for p in sorted(shown[:MAX_AFFILIATED], key=lambda p: _sort_name(p.name)):
            claim = next(c for c in p.countries if c.value == country.code)
            role = p.roles[0].value if p.roles else ""
            affiliated.append(
                (p, relative(page, Paths.person(p.id)), role, cites.cite(claim.source))
            )
        groups: dict[tuple[str, str, int, int], list[Span]] = {}
        for ref in country.mentions:
            start, end = self.sentence_range(ref.span)
            groups.setdefault((ref.span.article, ref.span.block, start, end), []).append(ref.span)
        shown_groups = list(groups.items())[:MAX_MENTIONS]  # annotated only when shown
        mentions = [
            {
                # Words naming this country are in bold: they link to this very page.
                "html": self.annotated(page, found[0], start, end, []).strip(),
                "via": list(dict.fromkeys(s.text for s in found)),
                "ref": self.paragraph_ref(page, found[0]),
            }
            for (_, _, start, end), found in shown_groups
        ]
        blocks = dict.fromkeys((r.span.article, r.span.block) for r in country.mentions)
        about = [q for block in blocks for q in self.quotes_in.get(block, [])]
        return {
            "country": country,
            "affiliated": affiliated,
            "affiliated_count": len(members),
            "more_affiliated": max(0, len(members) - MAX_AFFILIATED),
            "people_index": relative(page, "people/index.md"),
            "mentions": mentions,
            "more_mentions": max(0, len(groups) - MAX_MENTIONS),
            "quotes": [self.quote_context(page, q) for q in about[:MAX_QUOTES_ABOUT]],
            "more_quotes": max(0, len(about) - MAX_QUOTES_ABOUT),
            **self.related(page, node_key(COUNTRY, country.id)),
            "articles": self.article_list(page, country.articles)[:MAX_ARTICLES],
            "more_articles": max(0, len(country.articles) - MAX_ARTICLES),
            "articles_index": relative(page, "articles/index.md"),
            "graph_focus": node_key(COUNTRY, country.id),
            "search_tags": list(
                dict.fromkeys([country.name, *(ref.span.text for ref in country.mentions)])
            )[:MAX_TAGS],
            "sources": cites.sources,
        }

    def article(self, article: Article) -> dict[str, Any]:
        page = Paths.article(article.id)
        quotes = self.quotes_of_article.get(article.id, [])
        blocks = []
        for block in article.blocks:
            key = (article.id, block.id)
            marks = [self._quote_mark(page, q) for q in self.quotes_in.get(key, [])]
            mentions = [
                (span, relative(page, target)) for span, target in self.in_block.get(key, [])
            ]
            blocks.append(
                {
                    "block": block,
                    "html": marked_text(block.text, mentions, marks),
                    "credit": md(block.credit),
                    "is_heading": block.kind == HEADING,
                    "is_caption": block.kind == CAPTION,
                }
            )
        named = self.people_in.get(article.id, [])
        credits = list(self.credit_named.get(article.author, []))
        credits += [p for p in named if p.kind == "credit" and p not in credits]
        people = [p for p in named if p.kind == "subject"]
        countries = self.countries_in.get(article.id, [])
        return {
            "article": article,
            "blocks": blocks,
            "credits": credits,
            "quote_count": len(quotes),
            "people": [
                (p, relative(page, Paths.person(p.id)))
                for p in sorted(people, key=lambda p: _sort_name(p.name))
            ],
            "countries": [
                (c, relative(page, Paths.country(c.id)))
                for c in sorted(countries, key=lambda c: c.name)
            ],
        }

    def _quote_mark(self, page: str, q: DossierQuote) -> QuoteMark:
        speaker = self.people.get(q.quote.speaker) if q.quote.speaker else None
        if speaker is None:
            return QuoteMark(q.quote.span, "", "", "Quoted words; the article names no speaker")
        short = speaker.name.split()[-1] if speaker.name.split() else speaker.name
        return QuoteMark(
            q.quote.span,
            short,
            relative(page, Paths.person(speaker.id)),
            f"Quote: {speaker.name}" + (f" ({q.quote.cue})" if q.quote.cue else ""),
        )


def _first_per_block(spans: Iterable[Span]) -> list[Span]:
    seen: dict[tuple[str, str], Span] = {}
    for s in spans:
        seen.setdefault((s.article, s.block), s)
    return list(seen.values())


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest published first, undated last; the same day by title."""
    by_title = sorted(articles, key=lambda a: (a.title.casefold(), a.id))
    return sorted(by_title, key=lambda a: a.published, reverse=True)


def _quote_number(quote_id: str) -> int:
    match = re.search(r"(\d+)$", quote_id)
    return int(match.group(1)) if match else 0


def _sort_name(name: str) -> str:
    return name.split()[-1].casefold() + " " + name.casefold() if name.split() else ""
