"""Organisations across articles: one Organisation per organisation the articles name, with a
stable id, and the curation file's rules for them (resolve stage; pure).

An OrgRef is one organisation as one article names it. Refs join when their names are the same
(`org_key`: case, spacing, a leading "the" and characters that are not seen make no other
name). A ref named only by what another organisation gives as an alias ("MDC" after "Movement
for Democratic Change (MDC)", "the Fed") joins that organisation when it is the only one of the
dossier to go by that alias and nothing the two say disagrees (another kind, other countries).
Two organisations that merely share an alias, such as two expansions of one acronym, stay apart:
an acronym alone is no evidence. A bare acronym that no organisation gives as an alias joins the
one organisation whose name's initials it is ("UN", "United Nations"), on the same conditions.

Ids are slugs of the name, kept stable as people's are (generator.resolve.ids): `pinned` is the
previous published build's organisation ids -> `org_key` of their names.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.errors import ContentError
from generator.ingest.curation import OrgCuration, OrgFacts
from generator.model import ArticleAnalysis, Claim, Organisation, OrgRef
from generator.resolve.curated import (
    Notes,
    moved_keys,
    source_of,
    split_nothing,
    split_organisation,
    without_country,
)
from generator.resolve.ids import free_id, name_key, stable_ids
from generator.text import slug
from generator.unicode import plain_name

log = logging.getLogger("dossier")

OTHER = "other"  # the kind of an organisation nothing says more about
OrgOf = dict[tuple[str, str], str]  # (article id, OrgRef.key) -> Organisation.id

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
# Words left out of a name's initials ("Movement for Democratic Change" -> MDC).
_SMALL_WORD = re.compile(r"^[a-z]")


def org_key(name: str) -> str:
    """The identity of an organisation's name: `name_key` without a leading "the"."""
    key = name_key(name)
    return _ARTICLE.sub("", key) or key


def is_acronym(text: str) -> bool:
    """Whether a name is an acronym: one word of capitals and digits ("MDC", "U.N.", "G8")."""
    letters = text.strip().replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalnum() and letters.isupper()


def initials(name: str) -> str:
    """The acronym a name of several capitalised words makes, as an `org_key` ("" if none)."""
    words = _ARTICLE.sub("", name.strip()).split()
    capitals = [w for w in words if not _SMALL_WORD.match(w)]
    if len(capitals) < 2 or is_acronym(name):
        return ""
    return "".join(w[0] for w in capitals).casefold()


@dataclass
class _Group:
    """The refs of the dossier that share one name (by `org_key`)."""

    key: str
    name: str
    refs: list[tuple[str, OrgRef]] = field(default_factory=list)  # (article id, ref)

    @property
    def alias_keys(self) -> set[str]:
        return {org_key(a) for _, ref in self.refs for a in ref.aliases} - {self.key}

    @property
    def kind(self) -> str:
        return _dominant_kind(ref.kind for _, ref in self.refs)

    @property
    def codes(self) -> set[str]:
        return {c.value for _, ref in self.refs for c in ref.countries}


def resolve_organisations(
    analyses: Sequence[ArticleAnalysis], pinned: Mapping[str, str] | None = None
) -> tuple[list[Organisation], OrgOf]:
    """Every organisation of the (id-sorted) analyses, sorted by id, and which one each
    (article, OrgRef.key) names."""
    groups = _groups(analyses)
    members = _joined(groups)
    chosen = [_display_group(groups, indexes) for indexes in members]
    ids = stable_ids([(slug(g.name), g.key) for g in chosen], pinned or {})
    organisations, org_of = [], {}
    for ident, indexes, display in zip(ids, members, chosen, strict=True):
        # In article order (the groups joined may come from articles in any order).
        refs = sorted((pair for i in indexes for pair in groups[i].refs), key=lambda p: p[0])
        organisations.append(_organisation(ident, display.name, refs))
        org_of.update({(article, ref.key): ident for article, ref in refs})
    return sorted(organisations, key=lambda o: o.id), org_of


def _groups(analyses: Sequence[ArticleAnalysis]) -> list[_Group]:
    groups: list[_Group] = []
    by_key: dict[str, int] = {}
    for analysis in analyses:
        for ref in map(_as_seen, analysis.organisations):
            key = org_key(ref.name)
            if key not in by_key:
                by_key[key] = len(groups)
                groups.append(_Group(key, ref.name))
            groups[by_key[key]].refs.append((analysis.article.id, ref))
    return groups


def _as_seen(ref: OrgRef) -> OrgRef:
    """The ref with its name and aliases as they look (generator.unicode.plain_name)."""
    name = plain_name(ref.name) or ref.name
    aliases = tuple(dict.fromkeys(plain_name(a) or a for a in ref.aliases))
    if name == ref.name and aliases == ref.aliases:
        return ref
    return replace(ref, name=name, aliases=aliases)


def _joined(groups: Sequence[_Group]) -> list[list[int]]:
    """The groups that are one organisation, as lists of indexes in order of first appearance."""
    claimed: dict[str, set[int]] = defaultdict(set)
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, group in enumerate(groups):
        for key in group.alias_keys:
            claimed[key].add(i)
        if found := initials(group.name):
            by_initials[found].add(i)
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, group in enumerate(groups):
        others = claimed.get(group.key, set()) - {i}
        if not others and is_acronym(group.name):
            others = by_initials.get(group.key, set()) - {i}
        if len(others) == 1:
            (j,) = others
            if _agree(group, groups[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[root(i)].append(i)
    return list(members.values())


def _agree(one: _Group, other: _Group) -> bool:
    """Whether nothing two groups say tells them apart: their kinds and countries."""
    kinds = {one.kind, other.kind} - {OTHER}
    if len(kinds) > 1:
        return False
    return not (one.codes and other.codes and not one.codes & other.codes)


def _display_group(groups: Sequence[_Group], indexes: list[int]) -> _Group:
    """The group whose name the organisation goes by: a name that is not an acronym first, then
    the name most articles use, then the first seen."""

    def rank(i: int) -> tuple[bool, int, int]:
        articles = len({article for article, _ in groups[i].refs})
        return (is_acronym(groups[i].name), -articles, i)

    return groups[min(indexes, key=rank)]


def _organisation(ident: str, name: str, refs: list[tuple[str, OrgRef]]) -> Organisation:
    names = [n for _, ref in refs for n in (ref.name, *ref.aliases)]
    return Organisation(
        id=ident,
        name=name,
        aliases=_aliases(name, names),
        kind=_dominant_kind(ref.kind for _, ref in refs),
        mentions=tuple(span for _, ref in refs for span in ref.mentions),
        countries=_unique_claims(c for _, ref in refs for c in ref.countries),
    )


def _aliases(name: str, names: Iterable[str]) -> tuple[str, ...]:
    """The other names, one form of each (by `org_key`), without the name itself."""
    seen = {org_key(name)}
    out = []
    for other in names:
        key = org_key(other)
        if key not in seen:
            seen.add(key)
            out.append(other)
    return tuple(out)


def _dominant_kind(kinds: Iterable[str]) -> str:
    """The kind most refs give (the first given on a tie); "other" only when none gives one."""
    counted = Counter(k for k in kinds if k and k != OTHER)
    return counted.most_common(1)[0][0] if counted else OTHER


def _unique_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    out: dict[str, Claim] = {}
    for claim in claims:
        out.setdefault(claim.value.casefold(), claim)
    return tuple(out.values())


# -- the analyses with organisation ids ---------------------------------------------------------


def with_organisation_ids(
    analysis: ArticleAnalysis, org_of: Mapping[tuple[str, str], str]
) -> ArticleAnalysis:
    """The analysis with each person's ties and each quote's `speaker_org` naming Organisation
    ids instead of the article's OrgRef keys (a tie to an organisation no longer in the dossier,
    dropped by curation, is dropped; such a quote has no `speaker_org`)."""
    article = analysis.article.id
    if not any(p.organisations for p in analysis.people) and not any(
        q.speaker_org for q in analysis.quotes
    ):
        return analysis

    def ties(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
        return tuple(
            Claim(org_of[(article, c.value)], c.source)
            for c in claims
            if (article, c.value) in org_of
        )

    people = tuple(
        replace(p, organisations=ties(p.organisations)) if p.organisations else p
        for p in analysis.people
    )
    quotes = tuple(
        replace(q, speaker_org=org_of.get((article, q.speaker_org))) if q.speaker_org else q
        for q in analysis.quotes
    )
    return replace(analysis, people=people, quotes=quotes)


# -- curation ----------------------------------------------------------------------------------


def curated_organisations(
    organisations: list[Organisation],
    org_of: OrgOf,
    rules: OrgCuration,
    path: str,
    *,
    warn: bool = True,
    notes: Notes | None = None,
) -> tuple[list[Organisation], OrgOf, dict[str, str]]:
    """Organisations after the curation file's rules for them (split, merge, rename, set,
    drop_country, drop, in that order), which one each (article, key) now names, and old id ->
    new id for every id that merges or renames retired. A rule naming an id no article produces
    is noted in `notes` (logged unless not `warn`) and skipped; a rename onto the id of another
    organisation is a ContentError."""
    by_id = {o.id: o for o in organisations}
    moved: dict[str, str] = {}
    notes = notes if notes is not None else Notes(path, quiet=not warn)

    def known(ident: str, line: int) -> bool:
        if ident in by_id:
            return True
        notes.unknown(line, "organisation", ident, by_id)
        return False

    for rule in rules.splits:
        if rule.new_id in by_id:
            notes.skip(rule.line, f"id {rule.new_id!r} is taken; split skipped", "choose another")
        elif known(rule.id, rule.line) and not split_nothing(notes, rule, by_id[rule.id].articles):
            by_id.update(split_organisation(by_id.pop(rule.id), rule))
            org_of = moved_keys(org_of, rule.id, rule.new_id, rule.articles)
    for merge in rules.merges:
        if known(merge.into, merge.line):
            for old in merge.ids:
                if known(old, merge.line):
                    by_id[merge.into] = _merged(by_id[merge.into], by_id.pop(old))
                    moved[old] = merge.into
    for rename in rules.renames:
        if known(rename.id, rename.line):
            new_id = rename.new_id or free_id(slug(rename.name), org_key(rename.name))
            if new_id != rename.id and new_id in by_id:
                raise ContentError(
                    path,
                    rename.line,
                    f"rename of organisation {rename.id!r} gives it the id {new_id!r} of another",
                    "use merge: to join two organisations, or new_id: to give this one its own",
                )
            by_id[new_id] = _renamed(by_id.pop(rename.id), new_id, rename.name)
            if new_id != rename.id:
                moved[rename.id] = new_id
    for facts in rules.facts:
        if known(facts.id, facts.line):
            by_id[facts.id] = _with_facts(by_id[facts.id], facts, path)
    for drop in rules.drop_countries:
        if known(drop.id, drop.line):
            found = by_id[drop.id]
            countries = without_country(found.countries, drop, "organisation", notes)
            by_id[drop.id] = replace(found, countries=countries)
    dropped = {d.id for d in rules.drops if known(d.id, d.line)}
    final = {old: _final(old, moved) for old in moved}
    org_of = {
        key: final.get(ident, ident)
        for key, ident in org_of.items()
        if final.get(ident, ident) not in dropped
    }
    kept = sorted((o for i, o in by_id.items() if i not in dropped), key=lambda o: o.id)
    return kept, org_of, final


def _final(ident: str, moved: dict[str, str]) -> str:
    seen = {ident}
    while ident in moved and moved[ident] not in seen:
        ident = moved[ident]
        seen.add(ident)
    return ident


def _merged(into: Organisation, other: Organisation) -> Organisation:
    return replace(
        into,
        aliases=_aliases(into.name, (*into.aliases, other.name, *other.aliases)),
        kind=into.kind if into.kind != OTHER else other.kind,
        mentions=into.mentions + other.mentions,
        countries=_unique_claims((*into.countries, *other.countries)),
    )


def _renamed(organisation: Organisation, new_id: str, name: str) -> Organisation:
    names = (*organisation.aliases, organisation.name)
    return replace(organisation, id=new_id, name=name, aliases=_aliases(name, names))


def _with_facts(organisation: Organisation, facts: OrgFacts, path: str) -> Organisation:
    """The organisation with the curated kind and countries; their source is the rule's line."""
    source = source_of(path, facts.line)
    if facts.kind is not None:
        organisation = replace(organisation, kind=facts.kind, kind_source=source)
    if facts.countries is not None:
        countries = tuple(Claim(c, source) for c in facts.countries)
        organisation = replace(organisation, countries=countries)
    return organisation
