"""The context of each page's template: one function per kind of page, over the SiteIndex
(site stage; pure). Each takes the page's record where it has one, and links from the page's
own path (generator.site.paths)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.gazetteer import gazetteer
from generator.model import (
    CAPTION,
    HEADING,
    Article,
    Claim,
    Country,
    Curated,
    DossierQuote,
    Organisation,
    Person,
    Span,
)
from generator.resolve.dossier import countries_disagree
from generator.resolve.organisations import is_acronym
from generator.site import paths
from generator.site.filters import iso_date, long_date, month_label
from generator.site.graph import COUNTRY, PERSON, node_key
from generator.site.index import SiteIndex, newest_first
from generator.site.markdown import attr, md
from generator.site.marking import QuoteMark, marked_text

# Sizes that keep every page bounded however large the dossier grows.
HOME_ARTICLES = 6
HOME_ENTITIES = 8
HOME_QUOTES = 3
MAX_MENTIONS = 40
MAX_QUOTES_ABOUT = 20
MAX_AFFILIATED = 60  # the most mentioned; the people index gives everyone's country
MAX_ARTICLES = 100  # newest first on a profile; the articles index lists them all
MAX_TAGS = 12  # names a page is found by first in search


class Citations:
    """Footnote-style numbered links from a claim to the paragraph it came from.

    One number per paragraph cited; `sources` lists them, in order, for the page's foot."""

    def __init__(self, site: SiteIndex, page: str) -> None:
        self.site = site
        self.page = page
        self.numbers: dict[tuple[str, str], int] = {}
        self.sources: list[dict[str, Any]] = []

    def cite(self, source: Span | Curated) -> str:
        """A numbered link to the paragraph a fact was read from; for a fact set by the curation
        file, which has no paragraph, the rule that set it (`curated_mark`)."""
        if isinstance(source, Curated):
            return curated_mark(source)
        span = source
        key = (span.article, span.block)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.sources.append(self.site.paragraph_ref(self.page, span))
        number = self.numbers[key]
        ref = self.sources[number - 1]
        return f'<sup class="cite">[\\[{number}\\]]({ref["href"]} "{ref["title"]}")</sup>'


PERSON_KINDS = {"subject": "named in the articles", "credit": "credited (author or photographer)"}


def _kind_set(person: Person) -> str:
    """The person's kind with the rule that set it, when the curation file did ("" if not)."""
    if person.kind_source is None:
        return ""
    return PERSON_KINDS.get(person.kind, person.kind) + curated_mark(person.kind_source)


def curated_mark(source: Curated) -> str:
    """What a fact set by the curation file shows where a read fact links to its paragraph."""
    where = f"{source.file}, line {source.line}"
    title = f"Set by hand in the curation file ({where}), not read from an article"
    return f' <small class="curated" title="{attr(title)}">(set by curation: {md(where)})</small>'


def home(site: SiteIndex, news: dict[str, Any] | None = None) -> dict[str, Any]:
    """The home page: what the latest build added (`news`, made by the publish stage from the
    published-build record: dated lists of new articles, people, organisations and quotes),
    then the most mentioned people, organisations and countries, the latest articles and
    quotes, and the graph."""
    page = paths.HOME
    latest = newest_first(site.dossier.articles)
    people = sorted(site.subjects, key=lambda p: (-len(p.mentions), p.name))
    countries = sorted(site.dossier.countries, key=lambda c: (-len(c.mentions), c.name))
    bodies = sorted(site.dossier.organisations, key=lambda o: (-len(o.mentions), o.name))
    quotes = sorted(
        (q for q in site.dossier.quotes if q.quote.speaker and not q.quote.partial),
        key=lambda q: (site.articles[q.quote.span.article].published, -_quote_number(q.id)),
        reverse=True,
    )
    return {
        "counts": {
            "articles": len(site.dossier.articles),
            "people": len(site.subjects),
            "organisations": len(site.dossier.organisations),
            "countries": len(site.dossier.countries),
            "quotes": len(site.dossier.quotes),
        },
        "articles": [
            (a, paths.relative(page, paths.article(a.id))) for a in latest[:HOME_ARTICLES]
        ],
        "people": [(p, paths.relative(page, paths.person(p.id))) for p in people[:HOME_ENTITIES]],
        "countries": [
            (c, paths.relative(page, paths.country(c.id))) for c in countries[:HOME_ENTITIES]
        ],
        "organisations": [
            (o, paths.relative(page, paths.organisation(o.id))) for o in bodies[:HOME_ENTITIES]
        ],
        "quotes": [site.quote_context(page, q) for q in quotes[:HOME_QUOTES]],
        "news": news,
        "links": {
            "people": paths.relative(page, paths.PEOPLE),
            "organisations": paths.relative(page, paths.ORGANISATIONS),
            "countries": paths.relative(page, paths.COUNTRIES),
            "articles": paths.relative(page, paths.ARTICLES),
            "quotes": paths.relative(page, paths.QUOTES),
            "timeline": paths.relative(page, paths.TIMELINE),
        },
    }


def people_index(site: SiteIndex) -> dict[str, Any]:
    page = paths.PEOPLE
    groups: dict[str, list[tuple[Person, str]]] = defaultdict(list)
    for p in sorted(site.subjects, key=lambda p: (sort_name(p.name), p.id)):
        groups[sort_name(p.name)[:1].upper() or "#"].append(
            (p, paths.relative(page, paths.person(p.id)))
        )
    return {"groups": sorted(groups.items())}


def countries_index(site: SiteIndex) -> dict[str, Any]:
    page = paths.COUNTRIES
    affiliated: dict[str, int] = defaultdict(int)
    for p in site.subjects:
        for code in p.country_codes:
            affiliated[code] += 1
    return {
        "countries": [
            (c, paths.relative(page, paths.country(c.id)), affiliated[c.code])
            for c in sorted(site.dossier.countries, key=lambda c: c.name.casefold())
        ]
    }


def articles_index(site: SiteIndex) -> dict[str, Any]:
    page = paths.ARTICLES
    return {"articles": site.article_list(page, site.articles)}


def quotes_index(site: SiteIndex) -> dict[str, Any]:
    page = paths.QUOTES
    speakers = sorted(
        (p for p in site.subjects if site.quotes_of.get(p.id)), key=lambda p: sort_name(p.name)
    )
    return {
        "speakers": [
            (
                p,
                paths.relative(page, paths.person(p.id)),
                [site.quote_context(page, q) for q in site.quotes_of[p.id]],
            )
            for p in speakers
        ],
        # Quotes an organisation speaks with no person named: under the organisation.
        "organisations": [
            (
                o,
                paths.relative(page, paths.organisation(o.id)),
                [site.quote_context(page, q) for q in alone],
            )
            for o in sorted(site.organisations.values(), key=lambda o: o.name.casefold())
            if (alone := [q for q in site.quotes_of_org.get(o.id, []) if not q.quote.speaker])
        ],
        "unattributed": [
            site.quote_context(page, q)
            for q in site.quotes_of.get(None, [])
            if q.quote.speaker_org not in site.organisations
        ],
    }


def timeline(site: SiteIndex) -> dict[str, Any]:
    """Dated statements (quotes with a date) and events (articles published), newest first."""
    page = paths.TIMELINE
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in site.dossier.articles:
        if a.published:
            days[a.published].append(
                {
                    "kind": "article",
                    "article": a,
                    "href": paths.relative(page, paths.article(a.id)),
                }
            )
    for q in site.dossier.quotes:
        published = site.articles[q.quote.span.article].published
        day = iso_date(q.quote.date, published) if q.quote.date else ""
        if day:
            days[day].append({"kind": "quote", "quote": site.quote_context(page, q)})
    months: dict[str, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
    for day, entries in sorted(days.items(), reverse=True):
        months[day[:7]].append((day, entries))
    return {"months": [(month_label(m), d) for m, d in months.items()]}


def _dated_roles(site: SiteIndex, person: Person, cites: Citations) -> list[tuple[str, str, str]]:
    """(role, the date of the article that gives it, its citation), newest first: a role set by
    the curation file (no article, no date) first, a role of an undated article last."""

    def published(claim: Claim) -> str:
        if not isinstance(claim.source, Span):
            return "~"  # sorts above every ISO date
        return site.articles[claim.source.article].published

    def when(claim: Claim) -> str:
        date = published(claim)
        return "" if date == "~" else long_date(date) if date else "undated"

    dated = sorted(person.roles, key=published, reverse=True)
    return [(c.value, when(c), cites.cite(c.source)) for c in dated]


def person(site: SiteIndex, person: Person) -> dict[str, Any]:
    page = paths.person(person.id)
    cites = Citations(site, page)
    named = [s for s in person.mentions if s.text == person.name] or list(person.mentions)
    name_cite = cites.cite(named[0]) if named else ""
    aliases = []
    for alias in person.aliases:
        found = site.alias_source(person, alias)
        aliases.append((alias, cites.cite(found) if found else ""))
    roles = _dated_roles(site, person, cites)
    countries = _affiliations(site, page, person, cites)
    mentions = first_per_block(person.mentions)
    organisations = [
        (
            site.organisations[c.value],
            paths.relative(page, paths.organisation(c.value)),
            cites.cite(c.source),
        )
        for c in person.organisations
        if c.value in site.organisations
    ]
    return {
        "person": person,
        "name_cite": name_cite,
        "aliases": aliases,
        "roles": roles,
        "countries": countries,
        "organisations": organisations,
        "countries_disagree": countries_disagree(person.countries),
        "kind_set": _kind_set(person),
        "quotes": [site.quote_context(page, q) for q in site.quotes_of.get(person.id, [])],
        "mentions": [site.mention_in_context(page, s) for s in mentions[:MAX_MENTIONS]],
        "more_mentions": max(0, len(mentions) - MAX_MENTIONS),
        **site.related(page, node_key(PERSON, person.id)),
        "articles": site.article_list(page, person.articles)[:MAX_ARTICLES],
        "more_articles": max(0, len(person.articles) - MAX_ARTICLES),
        "articles_index": paths.relative(page, paths.ARTICLES),
        "graph_focus": node_key(PERSON, person.id),
        # Search: tags weigh most in Material's index, so any name finds the profile first.
        "search_tags": list(dict.fromkeys([person.name, *person.aliases]))[:MAX_TAGS],
        "sources": cites.sources,
    }


def country(site: SiteIndex, country: Country) -> dict[str, Any]:
    page = paths.country(country.id)
    cites = Citations(site, page)
    members = site.affiliated.get(country.code, [])
    shown = sorted(members, key=lambda p: (-len(p.mentions), sort_name(p.name)))
    affiliated = []
    for p in sorted(shown[:MAX_AFFILIATED], key=lambda p: sort_name(p.name)):
        claim = next(c for c in p.countries if c.value == country.code)
        role = p.roles[0].value if p.roles else ""
        affiliated.append(
            (p, paths.relative(page, paths.person(p.id)), role, cites.cite(claim.source))
        )
    groups: dict[tuple[str, str, int, int], list[Span]] = {}
    for ref in country.mentions:
        start, end = site.sentence_range(ref.span)
        groups.setdefault((ref.span.article, ref.span.block, start, end), []).append(ref.span)
    shown_groups = list(groups.items())[:MAX_MENTIONS]  # annotated only when shown
    mentions = [
        {
            # Words naming this country are in bold: they link to this very page.
            "html": site.annotated(page, found[0], start, end, []).strip(),
            "via": list(dict.fromkeys(s.text for s in found)),
            "ref": site.paragraph_ref(page, found[0]),
        }
        for (_, _, start, end), found in shown_groups
    ]
    blocks = dict.fromkeys((r.span.article, r.span.block) for r in country.mentions)
    about = [q for block in blocks for q in site.quotes_in.get(block, [])]
    return {
        "country": country,
        "affiliated": affiliated,
        "affiliated_count": len(members),
        "more_affiliated": max(0, len(members) - MAX_AFFILIATED),
        "people_index": paths.relative(page, paths.PEOPLE),
        "mentions": mentions,
        "more_mentions": max(0, len(groups) - MAX_MENTIONS),
        "quotes": [site.quote_context(page, q) for q in about[:MAX_QUOTES_ABOUT]],
        "more_quotes": max(0, len(about) - MAX_QUOTES_ABOUT),
        **site.related(page, node_key(COUNTRY, country.id)),
        "articles": site.article_list(page, country.articles)[:MAX_ARTICLES],
        "more_articles": max(0, len(country.articles) - MAX_ARTICLES),
        "articles_index": paths.relative(page, paths.ARTICLES),
        "graph_focus": node_key(COUNTRY, country.id),
        "search_tags": list(
            dict.fromkeys([country.name, *(ref.span.text for ref in country.mentions)])
        )[:MAX_TAGS],
        "sources": cites.sources,
    }


def article(site: SiteIndex, article: Article) -> dict[str, Any]:
    page = paths.article(article.id)
    quotes = site.quotes_of_article.get(article.id, [])
    blocks = []
    for block in article.blocks:
        key = (article.id, block.id)
        marks = [_quote_mark(site, page, q) for q in site.quotes_in.get(key, [])]
        mentions = [
            (span, paths.relative(page, target)) for span, target in site.in_block.get(key, [])
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
    named = site.people_in.get(article.id, [])
    credits = list(site.bylined(article))
    credits += [p for p in named if p.kind == "credit" and p not in credits]
    people = [p for p in named if p.kind == "subject"]
    countries = site.countries_in.get(article.id, [])
    organisations = site.organisations_in.get(article.id, [])
    return {
        "article": article,
        "blocks": blocks,
        "credits": credits,
        "quote_count": len(quotes),
        "people": [
            (p, paths.relative(page, paths.person(p.id)))
            for p in sorted(people, key=lambda p: sort_name(p.name))
        ],
        "countries": [
            (c, paths.relative(page, paths.country(c.id)))
            for c in sorted(countries, key=lambda c: c.name)
        ],
        "organisations": [
            (o, paths.relative(page, paths.organisation(o.id)))
            for o in sorted(organisations, key=lambda o: o.name.casefold())
        ],
    }


def _quote_mark(site: SiteIndex, page: str, q: DossierQuote) -> QuoteMark:
    speaker = site.people.get(q.quote.speaker) if q.quote.speaker else None
    body = site.organisations.get(q.quote.speaker_org) if q.quote.speaker_org else None
    if speaker is None and body is not None:
        short = min([body.name, *acronyms_of(body)], key=len)
        return QuoteMark(
            q.quote.span,
            short,
            paths.relative(page, paths.organisation(body.id)),
            f"Quote: {body.name}" + (f" ({q.quote.cue})" if q.quote.cue else ""),
        )
    if speaker is None:
        return QuoteMark(q.quote.span, "", "", "Quoted words; the article names no speaker")
    short = speaker.name.split()[-1] if speaker.name.split() else speaker.name
    return QuoteMark(
        q.quote.span,
        short,
        paths.relative(page, paths.person(speaker.id)),
        f"Quote: {speaker.name}" + (f" ({q.quote.cue})" if q.quote.cue else ""),
    )


def _affiliations(
    site: SiteIndex, page: str, person: Person, cites: Citations
) -> list[tuple[Country, str, str]]:
    """Each country of a person's with its link and the cites of every claim that gives it."""
    shown: dict[str, tuple[Country, str, str]] = {}
    for claim in person.countries:
        if claim.value not in site.country_by_code and not isinstance(claim.source, Curated):
            continue
        found, href, cite = affiliation(site, page, claim, cites)
        before = shown.get(claim.value)
        shown[claim.value] = (found, href, before[2] + cite if before else cite)
    return list(shown.values())


def affiliation(
    site: SiteIndex, page: str, claim: Claim, cites: Citations
) -> tuple[Country, str, str]:
    """A country of a person's, the link to its page and the claim's cite. A country set by the
    curation file that no article names has no page: its link is ""."""
    found = site.country_by_code.get(claim.value)
    if found is None:
        found, href = Country("", claim.value, gazetteer().name_of(claim.value), ()), ""
    else:
        href = paths.relative(page, paths.country(found.id))
    return found, href, cites.cite(claim.source)


def first_per_block(spans: Iterable[Span]) -> list[Span]:
    seen: dict[tuple[str, str], Span] = {}
    for s in spans:
        seen.setdefault((s.article, s.block), s)
    return list(seen.values())


def acronyms_of(organisation: Organisation) -> list[str]:
    """The aliases written as acronyms ("MDC", "U.N.")."""
    return [a for a in organisation.aliases if is_acronym(a)]


def _quote_number(quote_id: str) -> int:
    match = re.search(r"(\d+)$", quote_id)
    return int(match.group(1)) if match else 0


def sort_name(name: str) -> str:
    return name.split()[-1].casefold() + " " + name.casefold() if name.split() else ""
