"""The rules of the curation file, as `generator.ingest.curation` reads them (ingest stage).

Each rule keeps the line of the file it was written on: every message about it names that line,
and a fact it sets cites it (`generator.model.Curated`).
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_KINDS = ("subject", "credit")  # Person.kind: named in the text, or credited (byline)


@dataclass(frozen=True)
class Merge:
    into: str
    ids: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Split:
    id: str
    new_id: str
    articles: tuple[str, ...]
    name: str = ""
    line: int = 0


@dataclass(frozen=True)
class Rename:
    id: str
    name: str
    new_id: str = ""
    line: int = 0


@dataclass(frozen=True)
class Drop:
    id: str
    line: int = 0


@dataclass(frozen=True)
class SetFacts:
    """A person's facts, each replacing what was extracted; None leaves it as extracted."""

    id: str
    countries: tuple[str, ...] | None = None
    roles: tuple[str, ...] | None = None
    line: int = 0
    kind: str | None = None  # one of PERSON_KINDS
    # Organisation ids, or names (or aliases) of organisations, as written in the rule.
    organisations: tuple[str, ...] | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the facts this rule sets."""
        given = {
            "countries": self.countries,
            "roles": self.roles,
            "kind": self.kind,
            "organisations": self.organisations,
        }
        return tuple(name for name, value in given.items() if value is not None)


@dataclass(frozen=True)
class OrgFacts:
    id: str
    kind: str | None = None  # None: leave as extracted
    countries: tuple[str, ...] | None = None
    line: int = 0

    @property
    def fields(self) -> tuple[str, ...]:
        given = {"kind": self.kind, "countries": self.countries}
        return tuple(name for name, value in given.items() if value is not None)


@dataclass(frozen=True)
class DropCountry:
    """One wrong country claim of a profile: `country` (a code) read in `article`, or in any
    article when `article` is empty (a claim set by curation is never dropped: edit its rule)."""

    id: str
    country: str
    article: str = ""
    line: int = 0


@dataclass(frozen=True)
class SetSpeaker:
    """Who said one quote: `quote` (a quote id, "ARTICLE-qN"), or every quote of `article`'s
    `paragraph` whose words start with `text` (all of them without it); `speaker` is a person
    id, or None to say the text names no speaker."""

    speaker: str | None
    quote: str = ""
    article: str = ""
    paragraph: str = ""
    text: str = ""
    line: int = 0


@dataclass(frozen=True)
class OrgCuration:
    """The rules of the `organisations:` key: the same as people's, for organisations."""

    merges: tuple[Merge, ...] = ()
    renames: tuple[Rename, ...] = ()
    drops: tuple[Drop, ...] = ()
    facts: tuple[OrgFacts, ...] = ()
    splits: tuple[Split, ...] = ()
    drop_countries: tuple[DropCountry, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.merges
            or self.renames
            or self.drops
            or self.facts
            or self.splits
            or self.drop_countries
        )


@dataclass(frozen=True)
class Curation:
    path: str = ""
    merges: tuple[Merge, ...] = ()
    splits: tuple[Split, ...] = ()
    renames: tuple[Rename, ...] = ()
    drops: tuple[Drop, ...] = ()
    facts: tuple[SetFacts, ...] = ()
    organisations: OrgCuration = OrgCuration()
    speakers: tuple[SetSpeaker, ...] = ()
    drop_countries: tuple[DropCountry, ...] = ()

    @property
    def is_empty(self) -> bool:
        people = self.merges or self.splits or self.renames or self.drops or self.facts
        return not (people or self.speakers or self.drop_countries) and self.organisations.is_empty
