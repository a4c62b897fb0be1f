"""Render stage: Dossier + templates -> Markdown pages. Pure: reads templates, writes nothing."""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.markdown import attr, link, md
from generator.model import (
    CAPTION,
    HEADING,
    Article,
    Country,
    Dossier,
    DossierQuote,
    Page,
    Person,
    Span,
)
from generator.places import gazetteer

HOME_ITEMS = 10
# A sentence ends at . ! ? (and closing quotes) before a capital, unless after an abbreviation.
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSept)"
    r"(?<!\bSep)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bGen)(?<!\bGov)(?<!\bNo)"
    r"[.!?][”\"’']?\s+(?=[“\"‘A-Z])"
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
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


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
    return env


def flag(code: str) -> str:
    """The flag emoji of an ISO 3166-1 alpha-2 code ("" for historic codes)."""
    if len(code) != 2 or not code.isalpha() or code in {"YU", "SU", "CS", "DD", "XK"}:
        return ""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code.upper())


def render(dossier: Dossier, templates: Path) -> list[Page]:
    env = template_environment(templates)
    site = SiteIndex(dossier)
    pages = [
        Page("index.md", env.get_template("home.md.j2").render(site.home())),
        Page("people/index.md", env.get_template("people_index.md.j2").render(site.people_index())),
        Page(
            "countries/index.md",
            env.get_template("countries_index.md.j2").render(site.countries_index()),
        ),
        Page(
            "articles/index.md",
            env.get_template("articles_index.md.j2").render(site.articles_index()),
        ),
        Page("quotes.md", env.get_template("quotes.md.j2").render(site.quotes_index())),
    ]
    person_t = env.get_template("person.md.j2")
    pages += [Page(Paths.person(p.id), person_t.render(site.person(p))) for p in site.subjects]
    country_t = env.get_template("country.md.j2")
    pages += [
        Page(Paths.country(c.id), country_t.render(site.country(c))) for c in dossier.countries
    ]
    article_t = env.get_template("article.md.j2")
    pages += [
        Page(Paths.article(a.id), article_t.render(site.article(a))) for a in dossier.articles
    ]
    return pages


class SiteIndex:
    """Look-ups over a Dossier that the page contexts share (built once per render)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.articles = {a.id: a for a in dossier.articles}
        self.subjects = [p for p in dossier.people if p.kind == "subject"]
        self.credits = [p for p in dossier.people if p.kind == "credit"]
        self.people = {p.id: p for p in dossier.people}
        self.country_by_code = {c.code: c for c in dossier.countries}
        self.quotes_of: dict[str | None, list[DossierQuote]] = defaultdict(list)
        for q in dossier.quotes:
            self.quotes_of[q.quote.speaker].append(q)
        self.in_block: dict[tuple[str, str], list[tuple[Span, str]]] = defaultdict(list)
        for p in self.subjects:
            for s in p.mentions:
                self.in_block[(s.article, s.block)].append((s, Paths.person(p.id)))
        for c in dossier.countries:
            for r in c.mentions:
                self.in_block[(r.span.article, r.span.block)].append((r.span, Paths.country(c.id)))

    # -- shared pieces -------------------------------------------------------------------------

    def source_link(self, page: str, span: Span, label: str = "source") -> str:
        article = self.articles[span.article]
        return (
            f"[{md(label)}]({relative(page, Paths.article(article.id), span.block)} "
            f'"{attr(article.title)}, ¶{span.block[1:]}")'
        )

    def sentence_of(self, span: Span) -> str:
        """The sentence around a span, for 'mentions in context'."""
        text = self.articles[span.article].block(span.block).text
        starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text) if m.end() <= span.start]
        ends = [m.start() + 1 for m in _SENTENCE_BREAK.finditer(text) if m.start() >= span.end]
        return text[starts[-1] : ends[0] if ends else len(text)].strip()

    def quote_context(self, page: str, q: DossierQuote) -> dict[str, Any]:
        quote = q.quote
        speaker = self.people.get(quote.speaker) if quote.speaker else None
        return {
            "id": q.id,
            "text": quote.span.text,
            "speaker": speaker,
            "speaker_link": relative(page, Paths.person(speaker.id)) if speaker else "",
            "speaker_text": quote.speaker_text,
            "cue": quote.cue,
            "source": quote.source,
            "date": quote.date,
            "partial": quote.partial,
            "article": self.articles[quote.span.article],
            "source_link": self.source_link(page, quote.span),
        }

    def co_occurrence(
        self, articles: Iterable[str], exclude: str
    ) -> tuple[list[tuple[Person, int]], list[tuple[Country, int]]]:
        wanted = set(articles)
        people = Counter(
            {p.id: len(wanted & set(p.articles)) for p in self.subjects if p.id != exclude}
        )
        countries = Counter(
            {c.id: len(wanted & set(c.articles)) for c in self.dossier.countries if c.id != exclude}
        )
        by_c = {c.id: c for c in self.dossier.countries}
        return (
            [(self.people[i], n) for i, n in people.most_common() if n],
            [(by_c[i], n) for i, n in countries.most_common() if n],
        )

    # -- page contexts -------------------------------------------------------------------------

    def home(self) -> dict[str, Any]:
        page = "index.md"
        latest = sorted(self.dossier.articles, key=lambda a: (a.published, a.id), reverse=True)
        people = sorted(self.subjects, key=lambda p: (-len(p.mentions), p.name))
        countries = sorted(self.dossier.countries, key=lambda c: (-len(c.mentions), c.name))
        quotes = sorted(
            self.dossier.quotes,
            key=lambda q: (self.articles[q.quote.span.article].published, q.id),
            reverse=True,
        )
        return {
            "counts": {
                "articles": len(self.dossier.articles),
                "people": len(self.subjects),
                "countries": len(self.dossier.countries),
                "quotes": len(self.dossier.quotes),
            },
            "articles": [(a, relative(page, Paths.article(a.id))) for a in latest[:HOME_ITEMS]],
            "people": [(p, relative(page, Paths.person(p.id))) for p in people[:HOME_ITEMS]],
            "countries": [(c, relative(page, Paths.country(c.id))) for c in countries[:HOME_ITEMS]],
            "quotes": [self.quote_context(page, q) for q in quotes if q.quote.speaker][:HOME_ITEMS],
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
        return {
            "countries": [(c, relative(page, Paths.country(c.id))) for c in self.dossier.countries]
        }

    def articles_index(self) -> dict[str, Any]:
        page = "articles/index.md"
        latest = sorted(self.dossier.articles, key=lambda a: (a.published, a.id), reverse=True)
        return {"articles": [(a, relative(page, Paths.article(a.id))) for a in latest]}

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

    def person(self, person: Person) -> dict[str, Any]:
        page = Paths.person(person.id)
        people, countries = self.co_occurrence(person.articles, person.id)
        return {
            "person": person,
            "roles": [(c.value, self.source_link(page, c.source)) for c in person.roles],
            "countries": [
                (
                    self.country_by_code[c.value],
                    relative(page, Paths.country(self.country_by_code[c.value].id)),
                    self.source_link(page, c.source),
                )
                for c in person.countries
                if c.value in self.country_by_code
            ],
            "quotes": [self.quote_context(page, q) for q in self.quotes_of.get(person.id, [])],
            "mentions": [
                (self.sentence_of(s), self.source_link(page, s, self.articles[s.article].title))
                for s in _first_per_block(person.mentions)
            ],
            "related_people": [(p, relative(page, Paths.person(p.id)), n) for p, n in people[:15]],
            "related_countries": [
                (c, relative(page, Paths.country(c.id)), n) for c, n in countries[:15]
            ],
            "articles": [
                (self.articles[a], relative(page, Paths.article(a))) for a in person.articles
            ],
        }

    def country(self, country: Country) -> dict[str, Any]:
        page = Paths.country(country.id)
        people, countries = self.co_occurrence(country.articles, country.id)
        affiliated = [
            (p, relative(page, Paths.person(p.id)))
            for p in self.subjects
            if country.code in p.country_codes
        ]
        return {
            "country": country,
            "affiliated": affiliated,
            "mentions": [
                (
                    ref.span.text,
                    self.sentence_of(ref.span),
                    self.source_link(page, ref.span, self.articles[ref.span.article].title),
                )
                for ref in country.mentions
            ],
            "related_people": [(p, relative(page, Paths.person(p.id)), n) for p, n in people[:15]],
            "related_countries": [
                (c, relative(page, Paths.country(c.id)), n) for c, n in countries[:15]
            ],
            "articles": [
                (self.articles[a], relative(page, Paths.article(a))) for a in country.articles
            ],
        }

    def article(self, article: Article) -> dict[str, Any]:
        page = Paths.article(article.id)
        blocks = []
        for block in article.blocks:
            spans = sorted(self.in_block.get((article.id, block.id), []), key=lambda x: x[0].start)
            blocks.append(
                {
                    "block": block,
                    "html": _linked_text(page, block.text, spans),
                    "credit": md(block.credit),
                    "is_heading": block.kind == HEADING,
                    "is_caption": block.kind == CAPTION,
                }
            )
        credits = [p for p in self.credits if article.id in p.articles or p.name == article.author]
        return {
            "article": article,
            "blocks": blocks,
            "credits": credits,
            "quotes": [
                self.quote_context(page, q)
                for q in self.dossier.quotes
                if q.quote.span.article == article.id
            ],
        }


def _linked_text(page: str, text: str, spans: list[tuple[Span, str]]) -> str:
    out, position = [], 0
    for span, target in spans:
        if span.start < position or span.end > len(text) or span.start == span.end:
            continue
        out.append(md(text[position : span.start]))
        out.append(link(text[span.start : span.end], relative(page, target)))
        position = span.end
    out.append(md(text[position:]))
    return "".join(out)


def _first_per_block(spans: Iterable[Span]) -> list[Span]:
    seen: dict[tuple[str, str], Span] = {}
    for s in spans:
        seen.setdefault((s.article, s.block), s)
    return list(seen.values())


def _sort_name(name: str) -> str:
    return name.split()[-1].casefold() + " " + name.casefold()
