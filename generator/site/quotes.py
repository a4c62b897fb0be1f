"""The quotes, split: one page per month of the articles they come from, and an index of those
months and of every speaker (person or organisation) with their number of quotes.

One page of every quote grew with the dossier (35,000 pixels and 6 MB of Markdown at the full
corpus) and changed with every article added. A month's page changes only when an article of
that month comes or goes, so an incremental build keeps the other months' pages as they are.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from generator.model import DossierQuote, claim_values
from generator.site import paths
from generator.site.filters import month_label
from generator.site.index import SiteIndex

UNDATED = "undated"  # the page of quotes from articles that give no date
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


def quotes_index(site: SiteIndex) -> dict[str, Any]:
    """The months (title, link, number of quotes) and the speakers: people and organisations,
    with their organisation, number of quotes and a link to the quotes on their page."""
    page = paths.QUOTES
    months = [
        (month_title(m), paths.relative(page, paths.quotes_month(m)), len(qs))
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


def month_pages(site: SiteIndex) -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    """(path, context) of each month's page of quotes: the context is made when the page is
    rendered (in whichever process renders it), not all at once beforehand."""
    months = quotes_by_month(site)
    order = list(months)
    return [
        (paths.quotes_month(month), functools.partial(_month_context, site, months, order, number))
        for number, month in enumerate(order)
    ]


def _month_context(
    site: SiteIndex, months: dict[str, list[DossierQuote]], order: list[str], number: int
) -> dict[str, Any]:
    month = order[number]
    page = paths.quotes_month(month)
    return {
        "title": month_title(month),
        "quotes": [site.quote_context(page, q) for q in months[month]],
        "index": paths.relative(page, paths.QUOTES),
        "newer": _neighbour(page, order[number - 1] if number else None),
        "older": _neighbour(page, order[number + 1] if number + 1 < len(order) else None),
    }


def _neighbour(page: str, month: str | None) -> tuple[str, str] | None:
    if month is None:
        return None
    return month_title(month), paths.relative(page, paths.quotes_month(month))
