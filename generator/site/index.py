"""Look-ups over a Dossier that every page context shares, built once per render (site stage;
pure): records by id, who and what is named in each paragraph (with the page it links to),
quotes by speaker (person or organisation), paragraph and article, the people tied to each
organisation, the co-occurrence graph, and the pieces several pages show (a paragraph's
citation, a quote, a mention in its sentence, related people, organisations and countries).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.model import (
    TITLE,
    Article,
    Claim,
    Country,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    Span,
)
from generator.site import paths
from generator.site.filters import secondary_source
from generator.site.graph import (
    COUNTRY,
    ORGANISATION,
    PERSON,
    Edge,
    co_occurrence_graph,
    node_key,
)
from generator.site.markdown import attr, md
from generator.site.marking import CLOSING_QUOTES, linked
from generator.text import not_after_abbreviation
from generator.unicode import plain_name

RELATED = 12  # people, organisations and countries named in the same articles, shown per page
EXCERPT = 90  # characters of a paragraph's opening words in its citation

# A sentence ends at . ! ? (and closing quotes) before a capital, unless after an abbreviation.
# The lookahead first only makes the search fast (lookbehinds tried at . ! ? alone, not at every
# character); it matches nothing the pattern without it would not.
_SENTENCE_BREAK = re.compile(
    r"(?=[.!?])(?<!\b[A-Z])" + not_after_abbreviation() + r"[.!?][”\"’']?\s+(?=[“\"‘A-Z])"
)


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
        self.organisations = {o.id: o for o in dossier.organisations}
        self.quotes_of: dict[str | None, list[DossierQuote]] = defaultdict(list)
        self.quotes_of_org: dict[str, list[DossierQuote]] = defaultdict(list)
        self.quotes_in: dict[tuple[str, str], list[DossierQuote]] = defaultdict(list)
        self.quotes_of_article: dict[str, list[DossierQuote]] = defaultdict(list)
        for q in dossier.quotes:
            self.quotes_of[q.quote.speaker].append(q)
            if q.quote.speaker_org in self.organisations:
                self.quotes_of_org[q.quote.speaker_org].append(q)
            self.quotes_in[(q.quote.span.article, q.quote.span.block)].append(q)
            self.quotes_of_article[q.quote.span.article].append(q)
        self.in_block: dict[tuple[str, str], list[tuple[Span, str]]] = defaultdict(list)
        for p in self.subjects:
            for s in p.mentions:
                self.in_block[(s.article, s.block)].append((s, paths.person(p.id)))
        for c in dossier.countries:
            for r in c.mentions:
                self.in_block[(r.span.article, r.span.block)].append((r.span, paths.country(c.id)))
        for o in dossier.organisations:
            for s in o.mentions:
                self.in_block[(s.article, s.block)].append((s, paths.organisation(o.id)))
        # Each organisation's people: (person, the claim that ties them), one claim per person.
        self.members: dict[str, list[tuple[Person, Claim]]] = defaultdict(list)
        for p in self.subjects:
            for claim in p.organisations:
                if claim.value in self.organisations:
                    self.members[claim.value].append((p, claim))
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
        self.organisations_in: dict[str, list[Organisation]] = defaultdict(list)
        for o in dossier.organisations:
            for article_id in o.articles:
                self.organisations_in[article_id].append(o)
        self.graph = co_occurrence_graph(dossier)
        self._block_texts: dict[tuple[str, str], str] = {}
        self._breaks: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        self.edges_of = self.graph.neighbours()

    def bylined(self, article: Article) -> list[Person]:
        """The credit people named by an article's byline as a whole (their names, like every
        person's, are as they look: generator.unicode.plain_name)."""
        return self.credit_named.get(plain_name(article.author), [])

    def node_urls(self) -> dict[str, str]:
        urls = {node_key(PERSON, p.id): paths.page_url(paths.person(p.id)) for p in self.subjects}
        urls.update(
            {
                node_key(COUNTRY, c.id): paths.page_url(paths.country(c.id))
                for c in self.countries.values()
            }
        )
        urls.update(
            {
                node_key(ORGANISATION, o.id): paths.page_url(paths.organisation(o.id))
                for o in self.organisations.values()
            }
        )
        return urls

    # -- shared pieces -------------------------------------------------------------------------

    def paragraph_ref(self, page: str, span: Span) -> dict[str, Any]:
        """Where a span's paragraph is: link, title, paragraph number and its opening words."""
        article = self.articles[span.article]
        text = self.block_text(span.article, span.block)
        excerpt = text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + " …"
        number = "" if span.block == TITLE else span.block[1:]
        return {
            # the title's anchor is the page's heading (templates/article.md.j2)
            "href": paths.relative(page, paths.article(article.id), span.block),
            "title": attr(f"{article.title}, {f'paragraph {number}' if number else 'headline'}"),
            "article": article,
            "paragraph": number,
            "place": f"paragraph {number}" if number else "headline",  # in words
            "mark": f"¶{number}" if number else "headline",  # in a list of mentions
            "excerpt": excerpt,
        }

    def alias_source(self, person: Person | Organisation, alias: str) -> Span | None:
        """Where the articles call a person (or an organisation) by an alias: a mention with that
        text, or the alias written around a mention ("Mr Blair" around the mention "Blair")."""
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
            marks.append((other, "" if target == page else paths.relative(page, target)))
        return linked(text, start, end, marks)

    def quote_context(self, page: str, q: DossierQuote) -> dict[str, Any]:
        quote = q.quote
        speaker = self.people.get(quote.speaker) if quote.speaker else None
        body = self.organisations.get(quote.speaker_org) if quote.speaker_org else None
        ref = self.paragraph_ref(page, quote.span)
        article = self.articles[quote.span.article]
        return {
            "id": q.id,
            "text": quote.span.text,
            "text_html": self.annotated(page, quote.span, quote.span.start, quote.span.end, []),
            "speaker": speaker,
            "speaker_link": paths.relative(page, paths.person(speaker.id)) if speaker else "",
            # The institution speaking ("the ministry said"), beside or instead of a person.
            "speaker_org": body,
            "speaker_org_link": paths.relative(page, paths.organisation(body.id)) if body else "",
            "speaker_text": quote.speaker_text,
            "cue": quote.cue,
            "source": secondary_source(quote.source, quote.cue),
            "date": quote.date,
            "partial": quote.partial,
            "article": article,
            "article_href": paths.relative(page, paths.article(article.id)),
            "ref": ref,
            "source_link": self.source_link(ref),
        }

    def related_edges(
        self, key: str
    ) -> tuple[
        list[tuple[Person, Edge]], list[tuple[Country, Edge]], list[tuple[Organisation, Edge]]
    ]:
        """The people, countries and organisations named in the same articles as `key`,
        strongest first."""
        people: list[tuple[Person, Edge]] = []
        countries: list[tuple[Country, Edge]] = []
        organisations: list[tuple[Organisation, Edge]] = []
        for edge in self.edges_of.get(key, []):
            if min(len(people), len(countries), len(organisations)) >= RELATED:
                break
            kind, _, ident = edge.other(key).partition(":")
            if kind == PERSON and len(people) < RELATED:
                people.append((self.people[ident], edge))
            elif kind == COUNTRY and len(countries) < RELATED:
                countries.append((self.countries[ident], edge))
            elif kind == ORGANISATION and len(organisations) < RELATED:
                organisations.append((self.organisations[ident], edge))
        return people, countries, organisations

    def related(self, page: str, key: str) -> dict[str, list[tuple[Any, str, Edge]]]:
        """The people, countries and organisations named in the same articles, with links from
        `page`."""
        people, countries, organisations = self.related_edges(key)
        return {
            "related_people": [(p, paths.relative(page, paths.person(p.id)), e) for p, e in people],
            "related_countries": [
                (c, paths.relative(page, paths.country(c.id)), e) for c, e in countries
            ],
            "related_organisations": [
                (o, paths.relative(page, paths.organisation(o.id)), e) for o, e in organisations
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
        return [(a, paths.relative(page, paths.article(a.id))) for a in chosen]


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest published first, undated last; the same day by title."""
    by_title = sorted(articles, key=lambda a: (a.title.casefold(), a.id))
    return sorted(by_title, key=lambda a: a.published, reverse=True)
