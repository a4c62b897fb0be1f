"""Rules of the curation file that contradict each other, found without the articles (ingest
stage): the build and `dossier check` refuse them with the line of both rules.

The rules apply in order (split, merge, rename, set, drop_country, drop, speakers), so a rule
naming an id that an earlier one retired (merged into another, renamed) or that a drop removes
could never do anything; two `set` rules giving the same fact of one profile, or two speakers
of one quote, leave it to the order of the file which one wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import ContentError
from generator.ingest.curation_rules import (
    Curation,
    Drop,
    DropCountry,
    Merge,
    OrgCuration,
    OrgFacts,
    Rename,
    SetFacts,
)
from generator.reserved import RESERVED_IDS
from generator.text import slug


@dataclass(frozen=True)
class _Named:
    """One place a rule names a profile id: the rule's line and what the rule does with it."""

    id: str
    line: int
    what: str  # "set", "merge into", "rename", ...
    order: float  # the rule's place in the order the rules apply


def refuse_conflicts(curation: Curation) -> None:
    """A ContentError at the later of two rules that contradict each other (see the module)."""
    path = curation.path
    c: Curation | OrgCuration = curation
    speakers = _speaker_names(curation)
    _refuse_in(path, "person", c.merges, c.renames, c.facts, c.drops, c.drop_countries, speakers)
    c = curation.organisations
    _refuse_in(path, "organisation", c.merges, c.renames, c.facts, c.drops, c.drop_countries, [])
    _refuse_two_speakers(curation)


def _speaker_names(curation: Curation) -> list[_Named]:
    return [
        _Named(rule.speaker, rule.line, "speakers: speaker", 6)
        for rule in curation.speakers
        if rule.speaker is not None
    ]


def _refuse_in(
    path: str,
    subject: str,
    merges: tuple[Merge, ...],
    renames: tuple[Rename, ...],
    facts: tuple[SetFacts, ...] | tuple[OrgFacts, ...],
    drops: tuple[Drop, ...],
    drop_countries: tuple[DropCountry, ...],
    speakers: list[_Named],
) -> None:
    named = [*_names(merges, renames, facts, drop_countries, drops), *speakers]
    retired = _retired(merges, renames)
    for name in named:
        gone = retired.get(name.id)
        if gone is not None and gone[0].order < name.order:
            first, now = gone
            raise ContentError(
                path,
                name.line,
                f"{name.what} names {name.id!r}, which the {first.what} at line {first.line} "
                f"turns into {now!r}: this rule would find no {subject}",
                f"write {now!r} here",
            )
    dropped = {d.id: d.line for d in drops}
    for name in named:
        if name.id in dropped and name.what != "drop":
            raise ContentError(
                path,
                name.line,
                f"{name.what} names {name.id!r}, which the drop at line {dropped[name.id]} removes",
                "remove one of the two rules",
            )
    _refuse_two_sets(path, subject, facts)
    _refuse_dropping_a_set_country(path, facts, drop_countries)


def _names(
    merges: tuple[Merge, ...],
    renames: tuple[Rename, ...],
    facts: tuple[SetFacts, ...] | tuple[OrgFacts, ...],
    drop_countries: tuple[DropCountry, ...],
    drops: tuple[Drop, ...],
) -> Iterator[_Named]:
    """Every id a rule names, with the rule's place in the order the rules apply."""
    for n, merge in enumerate(merges):
        order = 1 + n / (len(merges) + 1)
        yield _Named(merge.into, merge.line, "merge into", order)
        yield from (_Named(i, merge.line, "merge", order) for i in merge.ids)
    for n, rename in enumerate(renames):
        yield _Named(rename.id, rename.line, "rename", 2 + n / (len(renames) + 1))
    yield from (_Named(rule.id, rule.line, "set", 3) for rule in facts)
    yield from (_Named(rule.id, rule.line, "drop_country", 4) for rule in drop_countries)
    yield from (_Named(rule.id, rule.line, "drop", 5) for rule in drops)


def _retired(
    merges: tuple[Merge, ...], renames: tuple[Rename, ...]
) -> dict[str, tuple[_Named, str]]:
    """Each id a merge or a rename retires: the rule that does it (its `order` is the place after
    which the id is gone) and the id the profile has then."""
    out: dict[str, tuple[_Named, str]] = {}
    for n, merge in enumerate(merges):
        order = 1 + (n + 0.5) / (len(merges) + 1)
        for ident in merge.ids:
            out.setdefault(ident, (_Named(ident, merge.line, "merge", order), merge.into))
    for n, rename in enumerate(renames):
        new_id = rename.new_id or slug(rename.name)
        if new_id != rename.id and new_id not in RESERVED_IDS:
            order = 2 + (n + 0.5) / (len(renames) + 1)
            out.setdefault(rename.id, (_Named(rename.id, rename.line, "rename", order), new_id))
    return out


def _refuse_two_sets(
    path: str, subject: str, facts: tuple[SetFacts, ...] | tuple[OrgFacts, ...]
) -> None:
    first: dict[tuple[str, str], int] = {}
    for rule in facts:
        for field in rule.fields:
            key = (rule.id, field)
            if key in first:
                raise ContentError(
                    path,
                    rule.line,
                    f"set gives the {field} of {rule.id!r} again: the set at line {first[key]} "
                    "gives them already",
                    f"keep one of the two; a {subject} with several {field} has them in one list"
                    if field != "kind"
                    else "keep one of the two",
                )
            first[key] = rule.line


def _refuse_dropping_a_set_country(
    path: str,
    facts: tuple[SetFacts, ...] | tuple[OrgFacts, ...],
    drop_countries: tuple[DropCountry, ...],
) -> None:
    set_by = {rule.id: rule for rule in facts if rule.countries is not None}
    for drop in drop_countries:
        rule = set_by.get(drop.id)
        if rule is not None:
            raise ContentError(
                path,
                drop.line,
                f"drop_country of {drop.country} for {drop.id!r}, whose countries the set at "
                f"line {rule.line} gives",
                "edit the countries of that set rule instead",
            )


def _refuse_two_speakers(curation: Curation) -> None:
    first: dict[str, tuple[str | None, int]] = {}
    for rule in curation.speakers:
        if not rule.quote:
            continue
        if rule.quote in first and first[rule.quote][0] != rule.speaker:
            raise ContentError(
                curation.path,
                rule.line,
                f"speakers gives quote {rule.quote!r} another speaker than the rule at line "
                f"{first[rule.quote][1]}",
                "keep one of the two",
            )
        first.setdefault(rule.quote, (rule.speaker, rule.line))
