"""The quotes, split: one page per month of the articles they come from, and an index of those
months and of every speaker (person or organisation) with their number of quotes.

One page of every quote grew with the dossier (35,000 pixels and 6 MB of Markdown at the full
corpus) and changed with every article added. A month's page changes only when an article of
that month comes or goes, so an incremental build keeps the other months' pages as they are.

A month with more than QUOTES_PER_PAGE quotes (a busy month of news, or the articles that give no
date) is split further: its page lists its parts, each the quotes of speakers in one range of the
alphabet, then those that name no speaker by their article's title (generator.site.quoteparts),
so that an article added to it changes only the parts its quotes land in.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.model import DossierQuote, claim_values
from generator.site import paths
from generator.site.contexts import sort_name
from generator.site.filters import month_label
from generator.site.index import SiteIndex
from generator.site.quoteparts import KeyRange, name_key, split_by_key

UNDATED = "undated"  # the page of quotes from articles that give no date

QUOTES_PER_PAGE = 200
"""The most quotes a month's page holds; a month with more is split into parts of at most this
many (but one speaker's quotes, or one article's, are never split). MkDocs converts a page as a
whole, and an added article rebuilds every part it has a quote in: the undated page of the full
news corpus (13,341 quotes, 6.6 MB of Markdown) took 25-40 s to convert, more than 2 ms a quote
card (md_in_html's cost grows faster than the page), where a part of 200 (about 100 kB) takes
0.2 s and is still short enough to read through."""
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def month_of(published: str) -> str:
    """'2024-08-07' -> '2024-08'; UNDATED for an article without a (valid) date."""
    found = _MONTH.match(published)
    return found.group(0) if found else UNDATED


def month_title(month: str) -> str:
    return "Undated articles" if month == UNDATED else month_label(month)


def quotes_by_month(site: SiteIndex) -> dict[str, list[DossierQuote]]:
    """Every quote under the month of its article, newest month first (undated last); in each
    month, the newest article first and its quotes in their order."""
    months: dict[str, list[DossierQuote]] = defaultdict(list)
    for q in site.dossier.quotes:
        months[month_of(site.articles[q.quote.span.article].published)].append(q)
    for quotes in months.values():
        quotes.sort(key=lambda q: _newest_first(site, q))
    dated = sorted((m for m in months if m != UNDATED), reverse=True)
    order = [*dated, *([UNDATED] if UNDATED in months else [])]
    return {m: months[m] for m in order}


def _newest_first(site: SiteIndex, q: DossierQuote) -> tuple[str, str, int]:
    article = site.articles[q.quote.span.article]
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in article.published)
    return inverted, article.id, _number(q.id)


def _number(quote_id: str) -> int:
    found = re.search(r"(\d+)$", quote_id)
    return int(found.group(1)) if found else 0


@dataclass(frozen=True)
class QuotesPart:
    """One part of a split month: its quotes with a named speaker (a person, or an organisation
    alone) whose sort name is in `keys`, or (`named` false) those that name none, from articles
    whose title is in `keys`."""

    month: str
    named: bool
    keys: KeyRange
    quotes: tuple[DossierQuote, ...]

    @property
    def title(self) -> str:
        """'speakers A–M', 'named speakers', 'no named speaker, articles A–F'."""
        if self.named:
            return "named speakers" if self.keys.whole else f"speakers {self.keys.label()}"
        if self.keys.whole:
            return "no named speaker"
        return f"no named speaker, articles {self.keys.label()}"

    @property
    def path(self) -> str:
        kind = "speakers" if self.named else "unnamed"
        return paths.quotes_part(
            self.month, kind if self.keys.whole else f"{kind}-{self.keys.slug()}"
        )


def month_parts(site: SiteIndex, month: str, quotes: list[DossierQuote]) -> list[QuotesPart]:
    """The parts of a month with more than QUOTES_PER_PAGE quotes (none for a smaller month):
    the named speakers' ranges, then those of the quotes without one, each in the month's order."""
    if len(quotes) <= QUOTES_PER_PAGE:
        return []
    named: list[tuple[str, DossierQuote]] = []
    unnamed: list[tuple[str, DossierQuote]] = []
    for q in quotes:
        speaker = _speaker_name(site, q)
        if speaker is not None:
            named.append((name_key(speaker), q))
        else:
            article = site.articles[q.quote.span.article]
            unnamed.append((name_key(article.title or article.id), q))
    return [
        QuotesPart(month, is_named, keys, tuple(part))
        for is_named, keyed in ((True, named), (False, unnamed))
        for keys, part in split_by_key(keyed, QUOTES_PER_PAGE)
    ]


def _speaker_name(site: SiteIndex, q: DossierQuote) -> str | None:
    """The name a quote is filed under: its speaker's surname (the first word of the sort name
    the people index sorts by: the speakers who share it stay in one part, which no given name
    splits), or the name of the organisation that speaks alone; None for a quote that names
    neither."""
    person = site.people.get(q.quote.speaker) if q.quote.speaker else None
    if person:
        return sort_name(person.name).partition(" ")[0]
    body = site.organisations.get(q.quote.speaker_org) if q.quote.speaker_org else None
    return body.name if body else None


def quotes_index(site: SiteIndex) -> dict[str, Any]:
    """The months (title, link, number of quotes, and the parts of a split month: title, link,
    number of quotes) and the speakers: people and organisations, with their organisation,
    number of quotes and a link to the quotes on their page."""
    page = paths.QUOTES
    months = [
        (
            month_title(m),
            paths.relative(page, paths.quotes_month(m)),
            len(qs),
            [
                (part.title, paths.relative(page, part.path), len(part.quotes))
                for part in month_parts(site, m, qs)
            ],
        )
        for m, qs in quotes_by_month(site).items()
    ]
    speakers: list[dict[str, Any]] = []
    for person in site.subjects:
        said = site.quotes_of.get(person.id, [])
        if said:
            spoken = [q.quote.speaker_org for q in said]
            orgs = {
                o for o in [*spoken, *claim_values(person.organisations)] if o in site.organisations
            }
            bodies = sorted((site.organisations[o] for o in orgs), key=lambda o: o.name.casefold())
            speakers.append(
                {
                    "name": person.name,
                    "href": paths.relative(page, paths.person(person.id), "quotes"),
                    "organisations": [
                        (o.name, paths.relative(page, paths.organisation(o.id))) for o in bodies
                    ],
                    "count": len(said),
                    "kind": "person",
                }
            )
    for body in site.organisations.values():
        alone = [q for q in site.quotes_of_org.get(body.id, []) if not q.quote.speaker]
        if alone:
            speakers.append(
                {
                    "name": body.name,
                    "href": paths.relative(page, paths.organisation(body.id)),
                    "organisations": [],
                    "count": len(alone),
                    "kind": "organisation",
                }
            )
    speakers.sort(key=lambda s: (-s["count"], s["name"].casefold(), s["href"]))
    return {"months": months, "speakers": speakers, "total": len(site.dossier.quotes)}


def month_pages(site: SiteIndex) -> list[tuple[str, str, Callable[[], dict[str, Any]]]]:
    """(path, template, context) of each month's page of quotes (of its list of parts, when it is
    split) and of each part: the context is made when the page is rendered (in whichever
    process renders it), not all at once beforehand."""
    months = quotes_by_month(site)
    order = list(months)
    pages: list[tuple[str, str, Callable[[], dict[str, Any]]]] = []
    for number, month in enumerate(order):
        parts = month_parts(site, month, months[month])
        context = functools.partial(_month_context, site, months, order, number, parts)
        pages.append((paths.quotes_month(month), "quotes_month.md.j2", context))
        pages += [
            (part.path, "quotes_part.md.j2", functools.partial(_part_context, site, parts, n))
            for n, part in enumerate(parts)
        ]
    return pages


def _month_context(
    site: SiteIndex,
    months: dict[str, list[DossierQuote]],
    order: list[str],
    number: int,
    parts: list[QuotesPart],
) -> dict[str, Any]:
    month = order[number]
    page = paths.quotes_month(month)
    return {
        "title": month_title(month),
        "quotes": [] if parts else [site.quote_context(page, q) for q in months[month]],
        "total": len(months[month]),
        "parts": [(p.title, paths.relative(page, p.path), len(p.quotes)) for p in parts],
        "index": paths.relative(page, paths.QUOTES),
        "newer": _neighbour(page, order[number - 1] if number else None),
        "older": _neighbour(page, order[number + 1] if number + 1 < len(order) else None),
    }


def _neighbour(page: str, month: str | None) -> tuple[str, str] | None:
    if month is None:
        return None
    return month_title(month), paths.relative(page, paths.quotes_month(month))


def _part_context(site: SiteIndex, parts: list[QuotesPart], number: int) -> dict[str, Any]:
    """A part's quotes, with links to the index, its month's page and the parts before and
    after it (only those: a part that splits changes its neighbours' pages, not the others)."""
    part = parts[number]
    page = part.path
    return {
        "title": f"{month_title(part.month)}, {part.title}",
        "quotes": [site.quote_context(page, q) for q in part.quotes],
        "index": paths.relative(page, paths.QUOTES),
        "month": (month_title(part.month), paths.relative(page, paths.quotes_month(part.month))),
        "previous": _part_link(page, parts[number - 1] if number else None),
        "next": _part_link(page, parts[number + 1] if number + 1 < len(parts) else None),
    }


def _part_link(page: str, part: QuotesPart | None) -> tuple[str, str] | None:
    return (part.title, paths.relative(page, part.path)) if part else None
