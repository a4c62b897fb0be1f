"""The curated dossier as FollowTheMoney entities (`dossier export --format ftm`, the site's
`dossier.ftm.json`): one JSON object per line, as Aleph and the `ftm` tools read them.

Built with the `followthemoney` library's model, which cleans every value (names, country codes,
dates, URLs) as its own tools do:

- each article is an `Article` (title, author, publisher, URL, date; the people and countries
  found in it as its detected names and countries);
- each person the articles are about is a `Person` (bylines and photographers are the articles'
  authors, not entities), each organisation an `Organization` (a `PublicBody` for a
  government's, a `Company` for a company): names, aliases, countries and, for a person, roles
  as positions;
- provenance is FtM's own: every entity's `proof` is the articles it was read from, and a
  `Mention` ties each name as an article wrote it to the entity it names (document, name,
  resolved entity);
- a person the text ties to an organisation is a `Membership` of it, or an `Employment` by it
  for a government, a company, a medium or a school, with the role read in the same paragraph
  and the article as proof.

Entity ids are made from the dossier's ids ("dossier-person-masoud-pezeshkian"), so an entity
keeps its id from one export to the next as a page keeps its address; a dossier id that is no
valid FtM id (too long, other characters) is replaced by its digest.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from followthemoney import EntityProxy, model
from followthemoney.exc import InvalidData
from followthemoney.types import registry
from followthemoney.types.common import PropertyType
from followthemoney.util import ENTITY_ID_LEN, sanitize_text

from generator.errors import DossierError
from generator.model import (
    Article,
    Claim,
    Curated,
    Dossier,
    Organisation,
    Person,
    Span,
    claim_values,
)
from generator.publish.dataset import inert

PREFIX = "dossier"
# Organisation kinds (generator.model.OrgRef.kind) with an FtM schema more precise than
# Organization; and those whose people are employed rather than members.
ORGANISATION_SCHEMA = {"government": "PublicBody", "company": "Company"}
EMPLOYERS = frozenset({"government", "company", "media", "education"})
# The dossier's country codes that FtM does not know as codes, with the code it cleans them to:
# it finds "YU" only among the names of its territories, and making their table took 2.6 s of
# every build. The tests check every code the gazetteer knows against FtM's own cleaning.
FTM_COUNTRIES = {"YU": "yucs"}
# Values cleaned once each (names and article ids recur in thousands of entities).
CLEANED_VALUES = 1 << 17


@functools.lru_cache(maxsize=CLEANED_VALUES)
def entity_id(kind: str, ident: str) -> str:
    """The FtM id of a dossier thing: `dossier-<kind>-<its id>`, or `dossier-<kind>-<digest>`
    when that is no valid FtM id."""
    readable = f"{PREFIX}-{kind}-{ident}"
    if len(readable) <= ENTITY_ID_LEN and registry.entity.validate(readable):
        return readable
    return f"{PREFIX}-{kind}-{hashlib.sha1(ident.encode()).hexdigest()}"


def ftm_entities(dossier: Dossier) -> list[EntityProxy]:
    """Every entity of the dossier, in a stable order: articles, people, organisations, ties,
    mentions."""
    articles = {a.id: a for a in dossier.articles}
    organisations = {o.id: o for o in dossier.organisations}
    people = [p for p in dossier.people if p.kind == "subject"]
    named = _by_article((p.name, p.articles) for p in people)
    found = _by_article((c.code, c.articles) for c in dossier.countries)
    entities = [
        article_entity(a, named.get(a.id, []), found.get(a.id, [])) for a in dossier.articles
    ]
    entities += [person_entity(p) for p in people]
    entities += [organisation_entity(o) for o in dossier.organisations]
    entities += [
        tie_entity(person, organisations[org_id], claims)
        for person in people
        for org_id, claims in _claims_by_value(person.organisations).items()
        if org_id in organisations
    ]
    entities += [
        m
        for owner, kind in _named(people, dossier.organisations)
        for m in mention_entities(owner, kind, articles)
    ]
    return entities


def ftm_lines(dossier: Dossier, *, check: bool = True) -> str:
    """The entities as FtM's JSON lines, checked with `ftm_problems` first (unless not `check`):
    a problem is a DossierError (the export would not load into Aleph).

    The build publishes the lines unchecked: the check cleans every value a second time, as
    much work again as making the entities, for what the tests check on every kind of entity."""
    entities = ftm_entities(dossier)
    problems = ftm_problems(entities) if check else []
    if problems:
        raise DossierError("the FollowTheMoney export is not valid: " + "; ".join(problems[:5]))
    return inert("".join([_ENTITY_JSON(e.to_dict()) + "\n" for e in entities]))


# One entity's JSON line (an encoder made once, not by each json.dumps).
_ENTITY_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def ftm_problems(entities: Iterable[EntityProxy]) -> list[str]:
    """What FollowTheMoney refuses in `entities`: a value its schema refuses, a required property
    without a value, a value that cleaning again would change, a duplicate id, a reference to
    an entity that is not among them."""
    entities = list(entities)
    counts = Counter(e.id for e in entities)
    problems = [f"duplicate id {i}" for i, n in sorted(counts.items()) if i and n > 1]
    known = set(counts)
    for entity in entities:
        problems += [f"{entity.id} ({entity.schema.name}): {p}" for p in _problems(entity, known)]
    return problems


def _problems(entity: EntityProxy, known: set[str | None]) -> Iterator[str]:
    if not entity.id or not registry.entity.validate(entity.id):
        yield f"invalid id {entity.id!r}"
    data = entity.to_dict()
    try:
        entity.schema.validate({"properties": entity.properties})
    except InvalidData as exc:
        yield f"{exc}: {exc.errors}"
    for name in sorted(entity.schema.required):
        if not entity.get(name):
            yield f"required property {name!r} has no value"
    if model.get_proxy(data, cleaned=False).properties != entity.properties:
        yield "values change when cleaned again"
    for prop, value in entity.itervalues():
        if prop.type == registry.entity and value not in known:
            yield f"{prop.name} refers to {value}, which is not exported"


def article_entity(article: Article, people: list[str], countries: list[str]) -> EntityProxy:
    """The article, with the names of the people and the codes of the countries found in it."""
    entity = model.make_entity("Article")
    entity.id = entity_id("article", article.id)
    _add(entity, "title", article.title)
    _add(entity, "fileName", PurePath(article.path).name or f"{article.id}.md")
    _add(entity, "summary", article.deck or None)
    _add(entity, "author", article.author or None)
    _add(entity, "publisher", article.publisher or None)
    _add(entity, "sourceUrl", article.url or None)
    _add(entity, "publishedAt", article.published or None)
    _add(entity, "peopleMentioned", people)
    _add(entity, "detectedCountry", _countries(countries))
    return entity


def person_entity(person: Person) -> EntityProxy:
    entity = model.make_entity("Person")
    entity.id = entity_id("person", person.id)
    _add(entity, "name", person.name)
    _add(entity, "alias", list(person.aliases))
    _add(entity, "country", _countries(person.country_codes))
    _add(entity, "position", list(claim_values(person.roles)))
    _add(entity, "proof", _proof(person.mentions, person.roles, person.countries))
    return entity


def organisation_entity(organisation: Organisation) -> EntityProxy:
    entity = model.make_entity(ORGANISATION_SCHEMA.get(organisation.kind, "Organization"))
    entity.id = entity_id("organisation", organisation.id)
    _add(entity, "name", organisation.name)
    _add(entity, "alias", list(organisation.aliases))
    _add(entity, "country", _countries(organisation.country_codes))
    _add(entity, "proof", _proof(organisation.mentions, organisation.countries))
    return entity


def tie_entity(person: Person, organisation: Organisation, claims: list[Claim]) -> EntityProxy:
    """The person's Membership of the organisation, or Employment by it; the role is one read in
    a paragraph that ties them."""
    employed = organisation.kind in EMPLOYERS
    entity = model.make_entity("Employment" if employed else "Membership")
    entity.id = entity_id("tie", f"{person.id}--{organisation.id}")
    person_role, organisation_role = (
        ("employee", "employer") if employed else ("member", "organization")
    )
    entity.add(person_role, entity_id("person", person.id))
    entity.add(organisation_role, entity_id("organisation", organisation.id))
    _add(entity, "role", _roles_beside(person, claims))
    _add(entity, "proof", _proof((), claims))
    _add(entity, "description", [_described(c.source) for c in claims])
    return entity


def mention_entities(
    owner: Person | Organisation, schema: str, articles: dict[str, Article]
) -> Iterator[EntityProxy]:
    """One Mention per name the owner goes by in each article that names it."""
    owner_id = entity_id("person" if schema == "Person" else "organisation", owner.id)
    seen: dict[tuple[str, str], None] = {}
    for span in owner.mentions:
        if span.article in articles and span.text.strip():
            seen.setdefault((span.article, span.text), None)
    for article_id, name in seen:
        entity = model.make_entity("Mention")
        digest = hashlib.sha1(name.encode()).hexdigest()[:10]
        entity.id = entity_id("mention", f"{owner.id}--{article_id}--{digest}")
        _add(entity, "name", name)
        _add(entity, "document", entity_id("article", article_id))
        _add(entity, "resolved", owner_id)
        _add(entity, "detectedSchema", schema)
        yield entity


def _named(
    people: list[Person], organisations: Iterable[Organisation]
) -> Iterator[tuple[Person | Organisation, str]]:
    yield from ((p, "Person") for p in people)
    yield from ((o, "Organization") for o in organisations)


def _by_article(found: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Article id -> the values found in it, from (value, the articles it is found in) pairs."""
    grouped: dict[str, list[str]] = {}
    for value, articles in found:
        for article in articles:
            grouped.setdefault(article, []).append(value)
    return grouped


def _claims_by_value(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(claim.value, []).append(claim)
    return grouped


def _proof(spans: Iterable[Span], *claims: Iterable[Claim]) -> list[str]:
    """The FtM ids of the articles a thing was read from (its mentions and claims)."""
    read = [s.article for s in spans]
    read += [c.source.article for group in claims for c in group if isinstance(c.source, Span)]
    return [entity_id("article", a) for a in dict.fromkeys(read)]


def _roles_beside(person: Person, ties: list[Claim]) -> list[str]:
    """The person's roles read in a paragraph where the text ties them to the organisation."""
    places = {(c.source.article, c.source.block) for c in ties if isinstance(c.source, Span)}
    return list(
        dict.fromkeys(
            role.value
            for role in person.roles
            if isinstance(role.source, Span) and (role.source.article, role.source.block) in places
        )
    )


def _described(source: Span | Curated) -> str:
    if isinstance(source, Curated):
        return f"set by curation: {source.file}, line {source.line}"
    return f"{source.article} #{source.block}: {source.text}"


def _add(entity: EntityProxy, name: str, values: str | list[str] | None) -> None:
    """`entity.add(name, values)`, the same values added, with each value's cleaning done once
    per value rather than once per entity: the names of the people and organisations, their
    countries and the ids of the articles come back in thousands of entities. An entity
    reference is checked against the entity itself each time (FtM refuses a self-reference)."""
    prop = entity.schema.properties[name]
    entity_type = prop.type is registry.entity
    for raw in [values] if isinstance(values, str) else values or ():
        text = _sanitized(raw)
        if text is None:
            continue
        if entity_type:
            value = prop.type.clean_text(text, format=prop.format, proxy=entity)
        else:
            value = _cleaned(prop.type, prop.format, text)
        entity.unsafe_add(prop, value, cleaned=True)


@functools.lru_cache(maxsize=CLEANED_VALUES)
def _sanitized(raw: str) -> str | None:
    """A value as FtM's `add` takes it (followthemoney.value.string_list): None when empty."""
    return sanitize_text(raw) or None


@functools.lru_cache(maxsize=CLEANED_VALUES)
def _cleaned(kind: PropertyType, format: str | None, text: str) -> str | None:
    """A value as FtM's `add` cleans it for a property of that type (none but the entity type
    reads the entity)."""
    return kind.clean_text(text, format=format)


def _countries(codes: Iterable[str]) -> list[str]:
    """The dossier's country codes as FtM writes them (FTM_COUNTRIES)."""
    return [FTM_COUNTRIES.get(code, code) for code in codes]
