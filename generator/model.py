"""Frozen data handed from one pipeline stage to the next.

read -> Article; analyse -> ArticleAnalysis; resolve -> Dossier; render -> Page (or KeptPage).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds of an article body.
PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"
# The article's title as a block: analysed with the body, its mentions linked to the page's top.
TITLE = "title"


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or photo caption; `id` ("p7") is its stable anchor."""

    id: str
    kind: str
    text: str
    credit: str = ""
    line: int = 0


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str
    blocks: tuple[Block, ...]
    deck: str = ""
    author: str = ""
    publisher: str = ""
    url: str = ""
    published: str = ""

    def block(self, block_id: str) -> Block:
        for block in self.analysed_blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    @property
    def analysed_blocks(self) -> tuple[Block, ...]:
        """The blocks the analysis reads: the body, then the title (block id TITLE). Last, so
        that the body parses as it would alone (a headline has no full stop to end it) and the
        headline's short names ("Straw") follow the full names they shorten. A title cut from
        the first paragraph (an article whose first line is its lede) is left out: that
        paragraph is analysed already."""
        title = self.title.strip()
        if self.blocks and self.blocks[-1].kind == TITLE:
            return self.blocks  # the article as analysed (nlp.layout) has its title already
        if (
            not (self.blocks and title)
            or title == self.id
            or (title.startswith("[") and title.endswith("]"))  # an editor's note, no headline
            or self._title_is_cut_from_the_text(title)
        ):
            return self.blocks  # no text (nothing to analyse), or no title of its own
        return (*self.blocks, Block(TITLE, TITLE, self.title))

    def _title_is_cut_from_the_text(self, title: str) -> bool:
        first = next((b.text for b in self.blocks if b.kind == PARAGRAPH), "")
        return bool(first) and first.startswith(title.removesuffix("…").rstrip())


@dataclass(frozen=True)
class Span:
    """A piece of text in one block of one article, by character offsets in the block's text."""

    article: str
    block: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Curated:
    """Where a fact set by hand comes from: a rule of the curation file. Such a fact has no
    paragraph to cite; the site shows "set by curation" with the file's name and the line."""

    file: str  # the curation file's name ("curation.yml"), the same on every machine
    line: int  # the line of the rule


@dataclass(frozen=True)
class Claim:
    """A fact (a role, a country code) with where it comes from: the span of text it was read
    from, or the curation rule that set it."""

    value: str
    source: Span | Curated


def claim_values(claims: tuple[Claim, ...]) -> tuple[str, ...]:
    """The values of claims, each once, in the order first claimed."""
    return tuple(dict.fromkeys(claim.value for claim in claims))


def articles_of(spans: tuple[Span, ...]) -> tuple[str, ...]:
    """The articles of spans, each once, in the order first seen."""
    return tuple(dict.fromkeys(span.article for span in spans))


@dataclass(frozen=True)
class PersonRef:
    """One person as named within one article."""

    key: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    kind: str = "subject"  # subject | credit
    credit_role: str = ""  # author | photographer, for credits
    roles: tuple[Claim, ...] = ()
    countries: tuple[Claim, ...] = ()
    # The organisations the text ties this person to (leader, member, employee, player,
    # spokesperson): each claim's value is an OrgRef.key of the same article.
    organisations: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class OrgRef:
    """One organisation as named within one article ("Movement for Democratic Change", alias
    "MDC"); a seat of government acting ("the Kremlin said") is one too."""

    key: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    # government | party | armed_group | company | international | media | sport | education |
    # religious | ngo | other, as the extraction JSON writes them
    kind: str = "other"
    countries: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class CountryRef:
    """A mention of a country; `span.text` is the word that led to it ("Tehran")."""

    code: str
    span: Span


@dataclass(frozen=True)
class Quote:
    span: Span  # the quoted words, without the quote marks
    speaker: str | None  # PersonRef.key within the article, or a Person.id after resolve
    speaker_text: str = ""  # the words naming the speaker ("he", "the ministry")
    cue: str = ""
    source: str = ""
    date: str = ""
    partial: bool = False
    via: str = "none"  # name | pronoun | title | continuation | none
    # The institution speaking ("the ministry said"): an OrgRef.key within the article, or an
    # Organisation.id after resolve; `speaker` stays a person or None.
    speaker_org: str | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    article: Article
    people: tuple[PersonRef, ...]
    countries: tuple[CountryRef, ...]
    quotes: tuple[Quote, ...]
    organisations: tuple[OrgRef, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    mentions: tuple[Span, ...]
    roles: tuple[Claim, ...] = ()
    countries: tuple[Claim, ...] = ()
    credit_roles: tuple[str, ...] = ()
    organisations: tuple[Claim, ...] = ()  # values are Organisation.id
    kind_source: Curated | None = None  # the rule that set `kind`, if the curation file did

    @property
    def organisation_ids(self) -> tuple[str, ...]:
        return claim_values(self.organisations)

    @property
    def country_codes(self) -> tuple[str, ...]:
        return claim_values(self.countries)

    @property
    def articles(self) -> tuple[str, ...]:
        return articles_of(self.mentions)


@dataclass(frozen=True)
class Country:
    id: str
    code: str
    name: str
    mentions: tuple[CountryRef, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.span.article for ref in self.mentions))


@dataclass(frozen=True)
class Organisation:
    """One organisation across the dossier: the OrgRefs of every article merged."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    mentions: tuple[Span, ...]
    countries: tuple[Claim, ...] = ()
    kind_source: Curated | None = None  # the rule that set `kind`, if the curation file did

    @property
    def country_codes(self) -> tuple[str, ...]:
        return claim_values(self.countries)

    @property
    def articles(self) -> tuple[str, ...]:
        return articles_of(self.mentions)


@dataclass(frozen=True)
class DossierQuote:
    id: str
    quote: Quote  # speaker is a Person.id (or None)


@dataclass(frozen=True)
class Dossier:
    articles: tuple[Article, ...]
    people: tuple[Person, ...]
    countries: tuple[Country, ...]
    quotes: tuple[DossierQuote, ...]
    redirects: dict[str, str] = field(default_factory=dict)
    organisations: tuple[Organisation, ...] = ()
    # Old organisation id -> new one, for organisations merged or renamed by resolve or curation
    # (their pages live apart from people's: `redirects` is for people).
    organisation_redirects: dict[str, str] = field(default_factory=dict)

    def person(self, person_id: str) -> Person:
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def organisation(self, organisation_id: str) -> Organisation:
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation
        raise KeyError(organisation_id)


@dataclass(frozen=True)
class Page:
    """A generated Markdown page, by its path relative to the docs folder; `inputs` is a digest
    of everything it was rendered from ("" for pages rendered on every build)."""

    path: str
    text: str
    inputs: str = ""


@dataclass(frozen=True)
class KeptPage:
    """A page whose inputs are those of the same page in the previous build: the writer keeps
    that file instead of rendering it again (incremental builds)."""

    path: str
    inputs: str
