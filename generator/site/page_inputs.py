"""Digests of what each profile and article page is rendered from (render stage; pure).

An incremental build renders a page again only when its digest differs from the one the same
page had in the previous build. A digest covers everything the page's context reads:

- the code: every template, every module of the generator and its data;
- the page's own record (a Person, Organisation, Country or Article, whole: a fact set by the
  curation file with the line of its rule, which the page shows);
- every article the page quotes, cites or excerpts, whole, with the names linked in it (each
  span and the page it links to), its quotes and the names of their speakers (people and
  organisations);
- what the page shows of other people, organisations and countries: their ids, names and the
  counts shown (related entities, affiliated people, an organisation's people with their roles,
  the people, organisations and countries of an article).

A digest that differs when nothing shown changed only costs a render; one that stayed the same
when something shown changed would publish a stale page. So each digest takes whole records
where in doubt, and a test checks that an incremental build equals a full one byte for byte.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from generator.digest import value_digest
from generator.model import Article, Claim, Country, Organisation, Person, Span
from generator.site.graph import COUNTRY, ORGANISATION, PERSON, node_key
from generator.site.index import SiteIndex

PACKAGE = Path(__file__).resolve().parents[1]


def code_digest(templates: Path) -> str:
    """A digest of every template and of the generator's own modules and data."""
    digest = hashlib.blake2b(digest_size=20)
    for folder in (templates, PACKAGE):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


PersonCard = tuple[str, str, str, tuple[str, ...]] | None
CountryCard = tuple[str, str, str] | None
OrganisationCard = tuple[str, str, str, tuple[str, ...]] | None


class PageInputs:
    """The digest of each page's inputs, over one SiteIndex (articles digested once each)."""

    def __init__(self, site: SiteIndex, code: str) -> None:
        self.site = site
        self.code = code
        self.links_in: dict[str, list[tuple[Span, str]]] = defaultdict(list)
        for (article, _), links in site.in_block.items():
            self.links_in[article].extend(links)
        self._sources: dict[str, str] = {}

    # -- what pages show of each other ---------------------------------------------------------

    def person_card(self, person_id: str | None) -> PersonCard:
        person = self.site.people.get(person_id) if person_id else None
        if person is None:
            return None
        return (person.id, person.kind, person.name, person.credit_roles)

    def country_card(self, code: str) -> CountryCard:
        country = self.site.country_by_code.get(code)
        return (country.id, country.code, country.name) if country else None

    def organisation_card(self, organisation_id: str | None) -> OrganisationCard:
        found = self.site.organisations.get(organisation_id) if organisation_id else None
        return (found.id, found.name, found.kind, found.aliases) if found else None

    def source(self, article_id: str) -> str:
        """An article whole, with the names linked in it, its quotes and their speakers' names."""
        found = self._sources.get(article_id)
        if found is None:
            quotes = self.site.quotes_of_article.get(article_id, [])
            found = self._sources[article_id] = value_digest(
                self.site.articles[article_id],
                self.links_in.get(article_id, []),
                quotes,
                [self.person_card(q.quote.speaker) for q in quotes],
                [self.organisation_card(q.quote.speaker_org) for q in quotes],
            )
        return found

    def related(self, key: str) -> list[object]:
        people, countries, organisations = self.site.related_edges(key)
        return [
            *((e.articles, e.paragraphs, self.person_card(p.id)) for p, e in people),
            *((e.articles, e.paragraphs, self.country_card(c.code)) for c, e in countries),
            *((e.articles, e.paragraphs, self.organisation_card(o.id)) for o, e in organisations),
        ]

    # -- pages ---------------------------------------------------------------------------------

    def of_person(self, person: Person) -> str:
        quotes = self.site.quotes_of.get(person.id, [])
        spans = [
            *person.mentions,
            *read_from(person.roles),
            *read_from(person.countries),
            *read_from(person.organisations),
            *(q.quote.span for q in quotes),
        ]
        articles = sorted({span.article for span in spans})
        return value_digest(
            self.code,
            "person",
            person,
            [self.source(a) for a in articles],
            [self.country_card(code) for code in person.country_codes],
            [self.organisation_card(ident) for ident in person.organisation_ids],
            self.related(node_key(PERSON, person.id)),
        )

    def of_organisation(self, organisation: Organisation) -> str:
        members = self.site.members.get(organisation.id, [])
        shown = [(self.person_card(p.id), p.roles, claim) for p, claim in members]
        quotes = self.site.quotes_of_org.get(organisation.id, [])
        spans = [
            *organisation.mentions,
            *read_from(organisation.countries),
            *read_from(claim for _, claim in members),
            *read_from(role for p, _ in members for role in p.roles),
            *(q.quote.span for q in quotes),
        ]
        articles = sorted({span.article for span in spans})
        return value_digest(
            self.code,
            "organisation",
            organisation,
            shown,
            [self.source(a) for a in articles],
            [self.country_card(code) for code in organisation.country_codes],
            self.related(node_key(ORGANISATION, organisation.id)),
        )

    def of_country(self, country: Country) -> str:
        members = self.site.affiliated.get(country.code, [])
        claims = [next(c for c in p.countries if c.value == country.code) for p in members]
        shown = [
            (p.id, p.name, len(p.mentions), p.roles[0].value if p.roles else "", claim)
            for p, claim in zip(members, claims, strict=True)
        ]
        articles = sorted(set(country.articles) | {span.article for span in read_from(claims)})
        return value_digest(
            self.code,
            "country",
            country,
            shown,
            [self.source(a) for a in articles],
            self.related(node_key(COUNTRY, country.id)),
        )

    def of_article(self, article: Article) -> str:
        site = self.site
        return value_digest(
            self.code,
            "article",
            self.source(article.id),
            [self.person_card(p.id) for p in site.people_in.get(article.id, [])],
            [self.person_card(p.id) for p in site.bylined(article)],
            [self.country_card(c.code) for c in site.countries_in.get(article.id, [])],
            [self.organisation_card(o.id) for o in site.organisations_in.get(article.id, [])],
        )


def read_from(claims: Iterable[Claim]) -> list[Span]:
    """The spans the claims were read from (a claim set by the curation file has none)."""
    return [claim.source for claim in claims if isinstance(claim.source, Span)]
