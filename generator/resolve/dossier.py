"""Resolve stage: all ArticleAnalyses (+ curation) -> one Dossier with stable ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator import lexicon
from generator.errors import ContentError
from generator.gazetteer import gazetteer
from generator.ingest.curation import Curation, SetSpeaker, Split
from generator.model import (
    ArticleAnalysis,
    Claim,
    Country,
    CountryRef,
    Curated,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    PersonRef,
    Span,
)
from generator.resolve.curated import (
    Notes,
    moved_keys,
    split_nothing,
    with_facts,
    without_country,
)
from generator.resolve.ids import free_id, name_key, stable_ids
from generator.resolve.organisations import (
    curated_organisations,
    resolve_organisations,
    with_organisation_ids,
)
from generator.text import slug
from generator.unicode import plain_name


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
    organisations: list[Claim] = field(default_factory=list)

    def absorb(self, ref: PersonRef) -> None:
        self.aliases.update(dict.fromkeys(ref.aliases))
        self.mentions.extend(ref.mentions)
        self.roles.extend(ref.roles)
        self.countries.extend(ref.countries)
        self.organisations.extend(ref.organisations)
        if ref.credit_role:
            self.credit_roles[ref.credit_role] = None


def resolve(
    analyses: Sequence[ArticleAnalysis],
    curation: Curation | None = None,
    addresses: Mapping[str, str] | None = None,
    organisation_addresses: Mapping[str, str] | None = None,
    notes: Notes | None = None,
) -> Dossier:
    """One Dossier from every article's analysis, corrected by the curation file's rules.

    `addresses`: the previous published build's person ids -> name key, kept stable;
    `organisation_addresses` the same for organisations (generator.resolve.organisations).
    Organisations are resolved first: people's ties and quotes' `speaker_org` then name them.
    What the rules could not do goes to `notes` (logged as it is noted; generator.resolve.curated).
    """
    analyses = sorted(analyses, key=lambda a: a.article.id)
    organisations, org_of = resolve_organisations(analyses, organisation_addresses)
    org_redirects: dict[str, str] = {}
    if curation is not None and notes is None:
        notes = Notes(curation.path)
    if curation is not None and not curation.organisations.is_empty:
        organisations, org_of, org_redirects = curated_organisations(
            organisations, org_of, curation.organisations, curation.path, notes=notes
        )
    analyses = [with_organisation_ids(a, org_of) for a in analyses]
    profiles, owner = _profiles(analyses)
    ids = _person_ids(profiles, addresses or {})
    dates = {a.article.id: a.article.published for a in analyses}
    people = [_person(ids[i], p, dates) for i, p in enumerate(profiles)]
    person_of = {key: ids[index] for key, index in owner.items()}
    redirects: dict[str, str] = {}
    if curation is not None and not curation.is_empty:
        people, person_of, redirects = curated(
            people, person_of, curation, organisations=organisations, notes=notes
        )
    quotes = tuple(_quotes(analyses, person_of))
    if curation is not None and curation.speakers:
        names = {p.id: p.name for p in people if p.kind == "subject"}
        credits = {p.id for p in people if p.kind == "credit"}
        quotes = curated_speakers(quotes, curation, names, notes, credits)
    return Dossier(
        articles=tuple(a.article for a in analyses),
        people=tuple(sorted(people, key=lambda p: p.id)),
        countries=_countries(r for a in analyses for r in a.countries),
        quotes=quotes,
        redirects=redirects,
        organisations=tuple(organisations),
        organisation_redirects=org_redirects,
    )


PersonOf = dict[tuple[str, str], str]  # (article id, PersonRef.key) -> Person.id


def curated(
    people: list[Person],
    person_of: PersonOf,
    curation: Curation,
    *,
    warn: bool = True,
    organisations: Sequence[Organisation] = (),
    notes: Notes | None = None,
) -> tuple[list[Person], PersonOf, dict[str, str]]:
    """People after the curation rules (split, merge, rename, set, drop_country, drop, in that
    order), who each (article, key) now names, and old id -> new id for every id that merges or
    renames retired. `organisations` are those a `set` rule may tie a person to.

    A rule naming an id that no article produces is noted in `notes` (logged unless not `warn`)
    and skipped: articles come and go. A rename that would give a person the id of another is a
    ContentError naming the rule's line: it replaced that person (merge joins two people).
    """
    by_id = {p.id: p for p in people}
    moved: dict[str, str] = {}
    notes = notes if notes is not None else Notes(curation.path, quiet=not warn)

    def known(ident: str, line: int) -> bool:
        if ident in by_id:
            return True
        notes.unknown(line, "person", ident, by_id)
        return False

    for rule in curation.splits:
        if rule.new_id in by_id:
            notes.skip(
                rule.line,
                f"id {rule.new_id!r} is taken; split skipped",
                "give the new person another new_id",
            )
        elif known(rule.id, rule.line) and not split_nothing(notes, rule, by_id[rule.id].articles):
            by_id.update(_split(by_id.pop(rule.id), rule))
            person_of = moved_keys(person_of, rule.id, rule.new_id, rule.articles)
    for merge in curation.merges:
        if not known(merge.into, merge.line):
            continue
        for old in merge.ids:
            if known(old, merge.line):
                by_id[merge.into] = _merged(by_id[merge.into], by_id.pop(old))
                moved[old] = merge.into
    for rename in curation.renames:
        if known(rename.id, rename.line):
            person = by_id.pop(rename.id)
            new_id = rename.new_id or free_id(slug(rename.name), name_key(rename.name))
            if new_id in by_id:
                raise ContentError(
                    curation.path,
                    rename.line,
                    f"rename of {rename.id!r} gives it the id {new_id!r} of another person",
                    "use merge: to join two people, or new_id: to give this one an id of its own",
                )
            aliases = tuple(dict.fromkeys((*person.aliases, person.name)))
            by_id[new_id] = replace(
                person,
                id=new_id,
                name=rename.name,
                aliases=tuple(a for a in aliases if a != rename.name),
            )
            if new_id != rename.id:
                moved[rename.id] = new_id
    for facts in curation.facts:
        if known(facts.id, facts.line):
            by_id[facts.id] = with_facts(
                by_id[facts.id], facts, curation.path, organisations, notes
            )
    for drop in curation.drop_countries:
        if known(drop.id, drop.line):
            person = by_id[drop.id]
            countries = without_country(person.countries, drop, "person", notes)
            by_id[drop.id] = replace(person, countries=countries)
    dropped = {d.id for d in curation.drops if known(d.id, d.line)}
    # A person made a credit (an author or photographer) speaks in no article: no quote is theirs.
    unspoken = dropped | {f.id for f in curation.facts if f.kind == "credit"}
    redirects = {old: _final(old, moved) for old in moved}
    person_of = {
        key: _final(ident, moved)
        for key, ident in person_of.items()
        if _final(ident, moved) not in unspoken
    }
    return [p for i, p in by_id.items() if i not in dropped], person_of, redirects


def _final(ident: str, moved: dict[str, str]) -> str:
    seen = {ident}
    while ident in moved and moved[ident] not in seen:
        ident = moved[ident]
        seen.add(ident)
    return ident


def _split(person: Person, rule: Split) -> dict[str, Person]:
    """The person without the mentions of `rule.articles`, and the new person with them."""
    stay = tuple(m for m in person.mentions if m.article not in rule.articles)
    go = tuple(m for m in person.mentions if m.article in rule.articles)

    def claims(values: tuple[Claim, ...], inside: bool) -> tuple[Claim, ...]:
        return tuple(c for c in values if _read_in(c, rule.articles) == inside)

    new = Person(
        id=rule.new_id,
        name=rule.name or person.name,
        aliases=tuple(dict.fromkeys(m.text for m in go if m.text != (rule.name or person.name))),
        kind=person.kind,
        mentions=go,
        roles=claims(person.roles, True),
        countries=claims(person.countries, True),
        credit_roles=person.credit_roles,
        organisations=claims(person.organisations, True),
    )
    old = replace(
        person,
        mentions=stay,
        roles=claims(person.roles, False),
        countries=claims(person.countries, False),
        organisations=claims(person.organisations, False),
    )
    return {person.id: old, rule.new_id: new}


def _read_in(claim: Claim, articles: tuple[str, ...]) -> bool:
    """Whether a claim was read in one of `articles` (a curated one was read in none)."""
    return isinstance(claim.source, Span) and claim.source.article in articles


def _merged(into: Person, other: Person) -> Person:
    aliases = tuple(
        a for a in dict.fromkeys((*into.aliases, other.name, *other.aliases)) if a != into.name
    )
    return replace(
        into,
        aliases=aliases,
        mentions=into.mentions + other.mentions,
        roles=_unique_claims((*into.roles, *other.roles)),
        countries=_country_claims((*into.countries, *other.countries)),
        credit_roles=tuple(dict.fromkeys((*into.credit_roles, *other.credit_roles))),
        organisations=_unique_claims((*into.organisations, *other.organisations)),
    )


def _profiles(
    analyses: Sequence[ArticleAnalysis],
) -> tuple[list[_Profile], dict[tuple[str, str], int]]:
    """People merged across articles by full name; a lone surname joins only an unambiguous one.
    Names are compared as they look: without the characters that are not seen."""
    profiles: list[_Profile] = []
    by_name: dict[tuple[str, str], int] = {}
    owner: dict[tuple[str, str], int] = {}
    single: list[tuple[ArticleAnalysis, PersonRef]] = []
    for analysis in analyses:
        for ref in map(_as_seen, analysis.people):
            if len(ref.name.split()) == 1 and ref.kind == "subject":
                single.append((analysis, ref))
                continue
            key = (ref.kind, name_key(ref.name))
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
        matches = _namesakes(ref, surnames.get(name_key(ref.name), set()), profiles)
        if len(matches) == 1:
            index = next(iter(matches))
        else:
            key = ("subject", name_key(ref.name))
            if key not in by_name:
                by_name[key] = len(profiles)
                profiles.append(_Profile(ref.name, "subject"))
            index = by_name[key]
        profiles[index].absorb(ref)
        owner[(analysis.article.id, ref.key)] = index
    return profiles, owner


def _namesakes(ref: PersonRef, matches: set[int], profiles: Sequence[_Profile]) -> set[int]:
    """The people with this surname whom a lone surname may name: not one whose courtesy titles
    all say the other sex ("Mrs Howard" is not Michael Howard, "Mr Howard" elsewhere)."""
    sexes = _sexes_of(ref.aliases)
    return {i for i in matches if not _other_sex(sexes, _sexes_of(profiles[i].aliases))}


def _other_sex(one: set[str], other: set[str]) -> bool:
    return bool(one) and bool(other) and one.isdisjoint(other)


def _sexes_of(aliases: Iterable[str]) -> set[str]:
    """ "male", "female": the sexes the courtesy titles of the aliases say ("Mrs Howard")."""
    return {
        sex
        for alias in aliases
        if len(words := alias.split()) > 1
        for sex, titles in _TITLES_BY_SEX.items()
        if words[0].rstrip(".").casefold() in titles
    }


_TITLES_BY_SEX = {
    sex: frozenset(t.casefold() for t in lexicon.word_list("people", f"{sex}_titles"))
    for sex in ("male", "female")
}


def _as_seen(ref: PersonRef) -> PersonRef:
    """The ref with its name and aliases as they look (generator.unicode.plain_name; a name of
    nothing but such characters is kept as it is)."""
    name = plain_name(ref.name) or ref.name
    aliases = tuple(dict.fromkeys(plain_name(a) or a for a in ref.aliases))
    if name == ref.name and aliases == ref.aliases:
        return ref
    return replace(ref, name=name, aliases=aliases)


def _person_ids(profiles: Sequence[_Profile], pinned: Mapping[str, str]) -> list[str]:
    """Slug ids that do not depend on article order (see generator.resolve.ids)."""
    return stable_ids([(_id_base(p), name_key(p.name)) for p in profiles], pinned)


def _id_base(profile: _Profile) -> str:
    return slug(profile.name) if profile.kind == "subject" else f"credit-{slug(profile.name)}"


def _person(ident: str, profile: _Profile, dates: Mapping[str, str]) -> Person:
    return Person(
        id=ident,
        name=profile.name,
        aliases=tuple(a for a in profile.aliases if a != profile.name),
        kind=profile.kind,
        mentions=tuple(profile.mentions),
        roles=roles_newest_first(profile.roles, dates),
        countries=_country_claims(profile.countries),
        credit_roles=tuple(profile.credit_roles),
        organisations=_unique_claims(profile.organisations),
    )


def _country_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """Each country once per article it was read in: the profile cites every article that gives
    a country, so that where articles disagree both sides show with their sources."""
    out: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        where = claim.source.article if isinstance(claim.source, Span) else ""
        out.setdefault((claim.value.casefold(), where), claim)
    return tuple(out.values())


def countries_disagree(claims: Iterable[Claim]) -> bool:
    """Whether a person's countries come from articles that do not agree: no one article gives
    them all (a dual nationality stated in one article is no disagreement)."""
    articles: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if isinstance(claim.source, Curated):
            return False  # set by hand: the curation decides
        articles[claim.value].add(claim.source.article)
    return len(articles) > 1 and not set.intersection(*articles.values())


def roles_newest_first(claims: Iterable[Claim], dates: Mapping[str, str]) -> tuple[Claim, ...]:
    """Each role once, from the newest article that gives it (its `published` date in `dates`,
    by article id; undated counts as oldest), newest first; one article's roles in the order
    read. A role keeps its time words ("former", "acting"), so the list reads as a history."""
    newest: dict[str, tuple[str, int, Claim]] = {}
    for order, claim in enumerate(claims):
        date = dates.get(claim.source.article, "") if isinstance(claim.source, Span) else ""
        key = claim.value.casefold()
        if key not in newest or date > newest[key][0]:
            newest[key] = (date, order, claim)
    ranked = sorted(newest.values(), key=lambda found: found[1])
    return tuple(claim for _, _, claim in sorted(ranked, key=lambda f: f[0], reverse=True))


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
    return tuple(
        sorted(
            (
                Country(
                    id=slug(g.name_of(code)), code=code, name=g.name_of(code), mentions=tuple(found)
                )
                for code, found in grouped.items()
            ),
            key=lambda c: c.id,
        )
    )


def _quotes(analyses: Sequence[ArticleAnalysis], person_of: PersonOf) -> Iterable[DossierQuote]:
    for analysis in analyses:
        for n, quote in enumerate(analysis.quotes, 1):
            speaker = person_of.get((analysis.article.id, quote.speaker)) if quote.speaker else None
            yield DossierQuote(f"{analysis.article.id}-q{n}", replace(quote, speaker=speaker))


def curated_speakers(
    quotes: tuple[DossierQuote, ...],
    curation: Curation,
    names: Mapping[str, str],
    notes: Notes | None = None,
    credits: Collection[str] = (),
) -> tuple[DossierQuote, ...]:
    """The quotes with the speakers the `speakers:` rules give (person id -> name in `names`);
    a rule that names an unknown person, one of the `credits` (who speak in no article), or
    matches no quote is noted and skipped."""
    notes = notes if notes is not None else Notes(curation.path)
    out = list(quotes)
    for rule in curation.speakers:
        if rule.speaker is not None and rule.speaker not in names:
            if rule.speaker in credits:
                notes.skip(
                    rule.line,
                    f"{rule.speaker!r} is credited (an author or photographer), and speaks in no "
                    "article; rule skipped",
                    "name the person who said it, or write null",
                )
            else:
                notes.unknown(rule.line, "person", rule.speaker, names)
            continue
        hits = [n for n, q in enumerate(out) if _rule_matches(rule, q)]
        if not hits:
            notes.skip(
                rule.line,
                "no quote matches this rule; skipped",
                "the quote ids are the anchors of the quotes on the site (ARTICLE-qN); correct "
                "the id, or remove the rule",
            )
        for n in hits:
            quote = out[n].quote
            text = names[rule.speaker] if rule.speaker is not None else ""
            via = quote.via if rule.speaker is not None else "none"
            out[n] = replace(
                out[n], quote=replace(quote, speaker=rule.speaker, speaker_text=text, via=via)
            )
    return tuple(out)


def _rule_matches(rule: SetSpeaker, quote: DossierQuote) -> bool:
    if rule.quote:
        return quote.id == rule.quote
    span = quote.quote.span
    return (
        span.article == rule.article
        and span.block == rule.paragraph
        and span.text.startswith(rule.text)
    )
