"""The contexts of the organisation pages: the Organisations index, by kind with counts, and a
page per organisation (site stage; pure). As generator.site.contexts does for people and
countries, each takes the SiteIndex and links from the page's own path."""

from __future__ import annotations

import re
from typing import Any

from generator import lexicon
from generator.model import Claim, Curated, Organisation, Person, Span
from generator.resolve.organisations import is_acronym
from generator.site import paths
from generator.site.contexts import (
    MAX_ARTICLES,
    MAX_MENTIONS,
    MAX_TAGS,
    Citations,
    acronyms_of,
    affiliation,
    curated_mark,
    first_per_block,
    sort_name,
)
from generator.site.graph import ORGANISATION, node_key
from generator.site.index import SiteIndex

KIND_LABELS = lexicon.word_table("orgkinds", "labels")  # kind -> heading, in the index's order
OTHER = "other"


def kind_label(kind: str) -> str:
    """The heading of a kind's group ("Armed groups"); an unknown kind is in the last group."""
    return KIND_LABELS.get(kind, KIND_LABELS[OTHER])


def organisations_index(site: SiteIndex) -> dict[str, Any]:
    page = paths.ORGANISATIONS
    groups: dict[str, list[dict[str, Any]]] = {label: [] for label in KIND_LABELS.values()}
    for o in sorted(site.organisations.values(), key=lambda o: (o.name.casefold(), o.id)):
        groups[kind_label(o.kind)].append(
            {
                "organisation": o,
                "href": paths.relative(page, paths.organisation(o.id)),
                "acronyms": acronyms_of(o),
                "people": len(site.members.get(o.id, [])),
                "quotes": len(site.quotes_of_org.get(o.id, [])),
            }
        )
    return {
        "groups": [(label, rows) for label, rows in groups.items() if rows],
        "count": len(site.organisations),
    }


def organisation(site: SiteIndex, organisation: Organisation) -> dict[str, Any]:
    page = paths.organisation(organisation.id)
    cites = Citations(site, page)
    named = [s for s in organisation.mentions if s.text == organisation.name]
    name_cite = (
        cites.cite((named or list(organisation.mentions))[0]) if organisation.mentions else ""
    )
    aliases = []
    for alias in organisation.aliases:
        found = site.alias_source(organisation, alias)
        aliases.append((alias, cites.cite(found) if found else "", is_acronym(alias)))
    countries = [
        affiliation(site, page, c, cites)
        for c in organisation.countries
        if c.value in site.country_by_code or isinstance(c.source, Curated)
    ]
    quotes = site.quotes_of_org.get(organisation.id, [])
    mentions = first_per_block(organisation.mentions)
    return {
        "organisation": organisation,
        "kind_label": kind_label(organisation.kind),
        "kind_cite": curated_mark(organisation.kind_source) if organisation.kind_source else "",
        "name_cite": name_cite,
        "acronyms": [(a, cite) for a, cite, short in aliases if short],
        "aliases": [(a, cite) for a, cite, short in aliases if not short],
        "countries": countries,
        "people": _people(site, page, organisation, cites),
        "quotes": [site.quote_context(page, q) for q in quotes],
        "mentions": [site.mention_in_context(page, s) for s in mentions[:MAX_MENTIONS]],
        "more_mentions": max(0, len(mentions) - MAX_MENTIONS),
        **site.related(page, node_key(ORGANISATION, organisation.id)),
        "articles": site.article_list(page, organisation.articles)[:MAX_ARTICLES],
        "more_articles": max(0, len(organisation.articles) - MAX_ARTICLES),
        "articles_index": paths.relative(page, paths.ARTICLES),
        "organisations_index": paths.relative(page, paths.ORGANISATIONS),
        "graph_focus": node_key(ORGANISATION, organisation.id),
        # Search: tags weigh most in Material's index, so the name or an acronym finds the page.
        "search_tags": list(dict.fromkeys([organisation.name, *organisation.aliases]))[:MAX_TAGS],
        "sources": cites.sources,
    }


def _people(
    site: SiteIndex, page: str, organisation: Organisation, cites: Citations
) -> list[dict[str, Any]]:
    """The people tied to the organisation, by family name: each with a numbered link to the
    paragraph that ties them, and the roles that say what they are to it (each with its own
    link when read in another paragraph)."""
    members = sorted(site.members.get(organisation.id, []), key=lambda m: sort_name(m[0].name))
    return [
        {
            "person": person,
            "href": paths.relative(page, paths.person(person.id)),
            "cite": cites.cite(claim.source),
            "roles": [
                (role.value, "" if _same_paragraph(role, claim) else cites.cite(role.source))
                for role in tie_roles(person, claim, organisation)
            ],
        }
        for person, claim in members
    ]


def _same_paragraph(one: Claim, other: Claim) -> bool:
    a, b = one.source, other.source
    return (
        isinstance(a, Span) and isinstance(b, Span) and (a.article, a.block) == (b.article, b.block)
    )


def tie_roles(person: Person, tie: Claim, organisation: Organisation) -> list[Claim]:
    """A person's roles that belong to their tie to an organisation: those read in the paragraph
    that ties them, else those that name the organisation ("secretary general of the MDC")."""
    if isinstance(tie.source, Span):
        where = (tie.source.article, tie.source.block)
        here = [
            r
            for r in person.roles
            if isinstance(r.source, Span) and (r.source.article, r.source.block) == where
        ]
        if here:
            return here
    names = re.compile(
        "|".join(rf"\b{re.escape(n)}\b" for n in (organisation.name, *organisation.aliases)),
        re.IGNORECASE,
    )
    return [r for r in person.roles if names.search(r.value)]
