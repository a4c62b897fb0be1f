"""Resolve stage: all ArticleAnalyses (+ curation) -> one Dossier with stable ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.addresses import name_key, stable_ids
from generator.model import (
    Article,
    ArticleAnalysis,
    Claim,
    Country,
    CountryRef,
    Dossier,
    DossierQuote,
    Person,
    PersonRef,
    Quote,
    Span,
)
from generator.places import gazetteer
from generator.text import slug


@dataclass
class _Profile:
    """A person being assembled from the PersonRefs of several articles."""

    name: str
    kind: str
    aliases: dict[str, None] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)
    roles: list[Claim] = field(default_factory=list)
    countries: list[Claim] = field(default_factory=list)
    credit_roles: dict[str, None] = field(default_factory=dict)

    def absorb(self, ref: PersonRef) -> None:
        self.aliases.update(dict.fromkeys(ref.aliases))
        self.mentions.extend(ref.mentions)
        self.roles.extend(ref.roles)
        self.countries.extend(ref.countries)
        if ref.credit_role:
            self.credit_roles[ref.credit_role] = None


def resolve(
    analyses: Sequence[ArticleAnalysis], addresses: Mapping[str, str] | None = None
) -> Dossier:
    """`addresses`: the previous published build's person ids -> name key, kept stable."""
    analyses = sorted(analyses, key=lambda a: a.article.id)
    profiles, owner = _profiles(analyses)
    ids = _person_ids(profiles, addresses or {})
    people = tuple(sorted((_person(ids[i], p) for i, p in enumerate(profiles)), key=lambda p: p.id))
    person_of = {key: ids[index] for key, index in owner.items()}
    return Dossier(
        articles=tuple(a.article for a in analyses),
        people=people,
        countries=_countries(r for a in analyses for r in a.countries),
        quotes=tuple(_quotes(analyses, person_of)),
    )


def _profiles(analyses: Sequence[ArticleAnalysis]) -> tuple[list[_Profile], dict[tuple[str, str], int]]:
    """People merged across articles by full name; a lone surname joins only an unambiguous one."""
    profiles: list[_Profile] = []
    by_name: dict[tuple[str, str], int] = {}
    owner: dict[tuple[str, str], int] = {}
    single: list[tuple[ArticleAnalysis, PersonRef]] = []
    for analysis in analyses:
        for ref in analysis.people:
            if len(ref.name.split()) == 1 and ref.kind == "subject":
                single.append((analysis, ref))
                continue
            key = (ref.kind, _name_key(ref.name))
            if key not in by_name:
                by_name[key] = len(profiles)
                profiles.append(_Profile(ref.name, ref.kind))
            profiles[by_name[key]].absorb(ref)
            owner[(analysis.article.id, ref.key)] = by_name[key]
    surnames: dict[str, set[int]] = defaultdict(set)
    for (kind, name), index in by_name.items():
        if kind == "subject":
            surnames[name.split()[-1]].add(index)
    for analysis, ref in single:
        matches = surnames.get(_name_key(ref.name), set())
        if len(matches) == 1:
            index = next(iter(matches))
        else:
            key = ("subject", _name_key(ref.name))
            if key not in by_name:
                by_name[key] = len(profiles)
                profiles.append(_Profile(ref.name, "subject"))
            index = by_name[key]
        profiles[index].absorb(ref)
        owner[(analysis.article.id, ref.key)] = index
    return profiles, owner


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").split())


def _person_ids(profiles: Sequence[_Profile], pinned: Mapping[str, str]) -> list[str]:
    """Slug ids that do not depend on article order (see generator.addresses)."""
    return stable_ids([(_id_base(p), name_key(p.name)) for p in profiles], pinned)


def _id_base(profile: _Profile) -> str:
    return slug(profile.name) if profile.kind == "subject" else f"credit-{slug(profile.name)}"


def _person(ident: str, profile: _Profile) -> Person:
    return Person(
        id=ident,
        name=profile.name,
        aliases=tuple(a for a in profile.aliases if a != profile.name),
        kind=profile.kind,
        mentions=tuple(profile.mentions),
        roles=_unique_claims(profile.roles),
        countries=_unique_claims(profile.countries),
        credit_roles=tuple(profile.credit_roles),
    )


def _unique_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    out: dict[str, Claim] = {}
    for claim in claims:
        out.setdefault(claim.value.casefold(), claim)
    return tuple(out.values())


def _countries(refs: Iterable[CountryRef]) -> tuple[Country, ...]:
    g = gazetteer()
    grouped: dict[str, list[CountryRef]] = defaultdict(list)
    for ref in refs:
        grouped[ref.code].append(ref)
    return tuple(sorted(
        (Country(id=slug(g.name_of(code)), code=code, name=g.name_of(code), mentions=tuple(found))
         for code, found in grouped.items()),
        key=lambda c: c.id,
    ))


def _quotes(analyses: Sequence[ArticleAnalysis], person_of: dict[tuple[str, str], str]) -> Iterable[DossierQuote]:
    for analysis in analyses:
        for n, quote in enumerate(analysis.quotes, 1):
            speaker = person_of.get((analysis.article.id, quote.speaker)) if quote.speaker else None
            yield DossierQuote(f"{analysis.article.id}-q{n}", replace(quote, speaker=speaker))


def articles_by_id(dossier: Dossier) -> dict[str, Article]:
    return {a.id: a for a in dossier.articles}


def quotes_by_speaker(dossier: Dossier) -> dict[str | None, list[DossierQuote]]:
    out: dict[str | None, list[DossierQuote]] = defaultdict(list)
    for q in dossier.quotes:
        out[q.quote.speaker].append(q)
    return dict(out)


__all__ = ["Quote", "articles_by_id", "quotes_by_speaker", "resolve"]
