"""Curation rules applied to one profile, and what the rules could not do (resolve stage; pure).

`Notes` collects each rule that found nothing to act on (an id no article produces any more, a
country claim the profile does not have, an organisation no article names) as a warning at the
rule's line, with what to do: the build logs them, `dossier check` lists them.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import PurePath

from generator.errors import WARNING, Problem
from generator.ingest.curation_rules import DropCountry, SetFacts, Split
from generator.model import Claim, Curated, Organisation, Person, Span
from generator.resolve.ids import name_key

log = logging.getLogger("dossier")


class Notes:
    """The rules of one curation file that were skipped, as warnings naming their line; each is
    logged when noted unless `quiet`."""

    def __init__(self, path: str, *, quiet: bool = False) -> None:
        self.path = path
        self.quiet = quiet
        self.found: list[Problem] = []

    def skip(self, line: int, message: str, hint: str = "") -> None:
        problem = Problem(self.path, line, message, hint, WARNING)
        self.found.append(problem)
        if not self.quiet:
            log.warning("%s: %s%s", problem.where, message, f" ({hint})" if hint else "")

    def unknown(self, line: int, subject: str, ident: str, known: Iterable[str]) -> None:
        """A rule naming an id that is not (or no longer) in the dossier."""
        self.skip(line, f"no {subject} with id {ident!r}; rule skipped", _id_hint(ident, known))


def _id_hint(ident: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.75)
    if close:
        return f"did you mean {close[0]!r}? Correct the id, or remove the rule"
    return (
        "no article names it any more, or the id is mistyped: correct the id (the last part "
        "of the page's address), or remove the rule"
    )


def source_of(path: str, line: int) -> Curated:
    """Where a fact set by the rule at `line` comes from: the file's name and the line."""
    return Curated(PurePath(path).name, line)


def with_facts(
    person: Person,
    facts: SetFacts,
    path: str,
    organisations: Sequence[Organisation],
    notes: Notes,
) -> Person:
    """The person with the curated countries, roles, kind and organisations; their source is the
    rule's line. An organisation is named by its id, its name or one of its aliases; one the
    dossier does not have is noted and left out."""
    source = source_of(path, facts.line)
    if facts.countries is not None:
        person = replace(person, countries=tuple(Claim(c, source) for c in facts.countries))
    if facts.roles is not None:
        person = replace(person, roles=tuple(Claim(r, source) for r in facts.roles))
    if facts.kind is not None:
        person = replace(person, kind=facts.kind, kind_source=source)
    if facts.organisations is not None:
        found = organisation_index(organisations)
        ties = []
        for written in facts.organisations:
            ident = found.get(written) or found.get(name_key(written))
            if ident is None:
                close = difflib.get_close_matches(written, list(found), n=1, cutoff=0.75)
                notes.skip(
                    facts.line,
                    f"no organisation {written!r} in the dossier; {person.id!r} is not tied to it",
                    (f"did you mean {close[0]!r}? " if close else "")
                    + "name the organisation by its id, its name or another name it goes by",
                )
            else:
                ties.append(Claim(ident, source))
        person = replace(person, organisations=tuple(dict.fromkeys(ties)))
    return person


def organisation_index(organisations: Sequence[Organisation]) -> dict[str, str]:
    """Organisation id -> itself, and each name and alias (as `name_key`) -> the organisation's id
    (a name two organisations share names neither)."""
    names: dict[str, set[str]] = {}
    for organisation in organisations:
        for name in (organisation.name, *organisation.aliases):
            names.setdefault(name_key(name), set()).add(organisation.id)
    found = {key: next(iter(ids)) for key, ids in names.items() if len(ids) == 1}
    found.update({o.id: o.id for o in organisations})
    return found


def without_country(
    claims: tuple[Claim, ...], rule: DropCountry, subject: str, notes: Notes
) -> tuple[Claim, ...]:
    """The country claims but those of `rule.country` read in `rule.article` (in any article when
    it names none); a rule that matches no claim is noted."""

    def matches(claim: Claim) -> bool:
        return (
            claim.value == rule.country
            and isinstance(claim.source, Span)
            and (not rule.article or claim.source.article == rule.article)
        )

    kept = tuple(c for c in claims if not matches(c))
    if len(kept) == len(claims):
        where = f" in article {rule.article!r}" if rule.article else ""
        read = ", ".join(dict.fromkeys(c.value for c in claims)) or "none"
        notes.skip(
            rule.line,
            f"{subject} {rule.id!r} has no country claim {rule.country}{where}; rule skipped",
            f"its countries are: {read}; correct the country or the article, or remove the rule",
        )
    return kept


def split_organisation(organisation: Organisation, rule: Split) -> dict[str, Organisation]:
    """The organisation without the mentions of `rule.articles`, and the new one with them."""
    stay = tuple(m for m in organisation.mentions if m.article not in rule.articles)
    go = tuple(m for m in organisation.mentions if m.article in rule.articles)

    def claims(inside: bool) -> tuple[Claim, ...]:
        return tuple(
            c
            for c in organisation.countries
            if (isinstance(c.source, Span) and c.source.article in rule.articles) == inside
        )

    name = rule.name or organisation.name
    new = Organisation(
        id=rule.new_id,
        name=name,
        aliases=tuple(dict.fromkeys(m.text for m in go if name_key(m.text) != name_key(name))),
        kind=organisation.kind,
        mentions=go,
        countries=claims(True),
    )
    old = replace(organisation, mentions=stay, countries=claims(False))
    return {organisation.id: old, rule.new_id: new}


def split_nothing(notes: Notes, rule: Split, articles: tuple[str, ...]) -> bool:
    """Whether a split finds none of its articles among those of the profile (`articles`), noted."""
    if any(a in rule.articles for a in articles):
        return False
    notes.skip(
        rule.line,
        f"{rule.id!r} is named in none of the articles {', '.join(rule.articles)}; split skipped",
        f"its articles are: {', '.join(articles)}; correct the list, or remove the rule",
    )
    return True


def moved_keys(
    owner: Mapping[tuple[str, str], str], ident: str, new_id: str, articles: tuple[str, ...]
) -> dict[tuple[str, str], str]:
    """`owner` ((article, key) -> profile id) with the keys of `ident` in `articles` now naming
    `new_id`."""
    return {
        key: new_id if value == ident and key[0] in articles else value
        for key, value in owner.items()
    }
