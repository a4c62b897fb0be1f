"""The analysis cache's entry format: an ArticleAnalysis as JSON, and back with strict checks.

An entry is data, never code: reading one can only give an ArticleAnalysis or raise
MalformedEntry. Each dataclass of generator.model is written as a JSON array of its fields, in
a fixed order (compact, and fast to read back):

    {"format": 4, "key": KEY, "people": [PERSON...], "countries": [COUNTRY...],
     "quotes": [QUOTE...], "organisations": [ORG...]}
    PERSON  = [key, name, [alias...], [SPAN...], kind, credit_role, [CLAIM...] roles,
               [CLAIM...] countries, [CLAIM...] organisations]
    COUNTRY = [code, SPAN]
    QUOTE   = [SPAN, speaker or null, speaker_text, cue, source, date, partial, via,
               speaker_org or null]
    ORG     = [key, name, [alias...], [SPAN...], kind, [CLAIM...] countries]
    CLAIM   = [value, SPAN]
    SPAN    = [article, block, start, end, text]

The article itself is not stored: the entry's key is a hash of it (generator.store.cache), and
the reader hands it in. Every value is checked for its JSON type, and every span for where it
points (the article, one of its blocks, offsets within the block's text), so that a damaged or
forged entry is a miss, not a crash later in the build.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model import (
    Article,
    ArticleAnalysis,
    Claim,
    CountryRef,
    OrgRef,
    PersonRef,
    Quote,
    Span,
)

# 1, 2: pickles (a pickle can run code when loaded); 3: JSON; 4: with organisations
FORMAT = 4
FIELDS = {"format", "key", "people", "countries", "quotes", "organisations"}


ENTRY_SUFFIX = ".json"  # an entry's name: its key and this
MAX_ENTRY_BYTES = 256 << 20  # damage: entries of 300 corpus articles were 0.9 (at most 3.2)
# bytes per character of the article, and an article has at most a few million characters


class MalformedEntry(ValueError):
    """Bytes that are not an entry of this format for this key and article."""


class CorruptEntry(Exception):
    """An entry that exists but cannot be used (internal to the caches: a logged miss)."""


# -- writing -----------------------------------------------------------------------------------


def entry_bytes(key: str, analysis: ArticleAnalysis) -> bytes:
    """The entry of `analysis` under `key`, as UTF-8 JSON (lone surrogates pass through)."""
    data = {
        "format": FORMAT,
        "key": key,
        "people": [_person_json(p) for p in analysis.people],
        "countries": [[c.code, _span_json(c.span)] for c in analysis.countries],
        "quotes": [_quote_json(q) for q in analysis.quotes],
        "organisations": [_org_json(o) for o in analysis.organisations],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return text.encode("utf-8", "surrogatepass")


def _span_json(span: Span) -> list[Any]:
    return [span.article, span.block, span.start, span.end, span.text]


def _claims_json(claims: tuple[Claim, ...]) -> list[Any]:
    return [[c.value, _span_json(_read_from(c))] for c in claims]


def _read_from(claim: Claim) -> Span:
    """The span a claim of an analysis was read from: only resolve adds facts set by the
    curation file (model.Curated), and no analysis holds one."""
    if not isinstance(claim.source, Span):
        raise TypeError(f"an article's analysis holds a curated claim: {claim!r}")
    return claim.source


def _person_json(person: PersonRef) -> list[Any]:
    return [
        person.key,
        person.name,
        list(person.aliases),
        [_span_json(s) for s in person.mentions],
        person.kind,
        person.credit_role,
        _claims_json(person.roles),
        _claims_json(person.countries),
        _claims_json(person.organisations),
    ]


def _org_json(org: OrgRef) -> list[Any]:
    return [
        org.key,
        org.name,
        list(org.aliases),
        [_span_json(s) for s in org.mentions],
        org.kind,
        _claims_json(org.countries),
    ]


def _quote_json(quote: Quote) -> list[Any]:
    return [
        _span_json(quote.span),
        quote.speaker,
        quote.speaker_text,
        quote.cue,
        quote.source,
        quote.date,
        quote.partial,
        quote.via,
        quote.speaker_org,
    ]


# -- reading -----------------------------------------------------------------------------------


def cached_analysis(data: bytes, key: str, article: Article, name: str) -> ArticleAnalysis:
    """The analysis of entry `name` for `article`; CorruptEntry, naming the entry, when its
    `data` is anything else."""
    try:
        return entry_analysis(data, key, article)
    except MalformedEntry as exc:
        raise CorruptEntry(f"{name}: {exc}") from None


def entry_analysis(data: bytes, key: str, article: Article) -> ArticleAnalysis:
    """The analysis an entry holds for `article`; MalformedEntry when `data` is anything else."""
    try:
        entry = json.loads(data)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise MalformedEntry(f"not JSON ({type(exc).__name__})") from None
    if type(entry) is not dict or set(entry) != FIELDS:
        raise MalformedEntry("not an entry object")
    if type(entry["format"]) is not int or entry["format"] != FORMAT:
        raise MalformedEntry(f"format {entry['format']!r}, not {FORMAT}")
    if entry["key"] != key:
        raise MalformedEntry(f"written for another article, not {article.id}")
    reader = _Reader(article)
    organisations = tuple(reader.organisation(o) for o in _list(entry["organisations"]))
    reader.org_keys = {o.key for o in organisations}
    people = tuple(reader.person(p) for p in _list(entry["people"]))
    speakers = {p.key for p in people}
    quotes = tuple(reader.quote(q, speakers) for q in _list(entry["quotes"]))
    countries = tuple(reader.country(c) for c in _list(entry["countries"]))
    return ArticleAnalysis(article, people, countries, quotes, organisations)


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise MalformedEntry(f"expected a list, found {type(value).__name__}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    items = _list(value)
    if any(type(item) is not str for item in items):
        raise MalformedEntry("expected a list of strings")
    return tuple(items)


def _fields(value: object, count: int, what: str) -> list[Any]:
    if type(value) is not list or len(value) != count:
        raise MalformedEntry(f"expected a {what} of {count} fields")
    return value


class _Reader:
    """Builds the dataclasses of one article's entry, checking every span against it."""

    def __init__(self, article: Article) -> None:
        self.article = article.id
        self.lengths = {block.id: len(block.text) for block in article.analysed_blocks}
        self.org_keys: set[str] = set()

    def span(self, value: object) -> Span:
        # the hot path (a few dozen spans an article): every check written out, no calls
        if type(value) is not list or len(value) != 5:
            raise MalformedEntry(f"expected a span of 5 fields: {value!r:.80}")
        article, block, start, end, text = value
        if (
            type(article) is not str
            or type(block) is not str
            or type(start) is not int
            or type(end) is not int
            or type(text) is not str
        ):
            raise MalformedEntry(f"a span of the wrong types: {value!r:.80}")
        if article != self.article or not 0 <= start <= end <= self.lengths.get(block, -1):
            raise MalformedEntry(f"a span outside the article: {value!r:.80}")
        return Span(article, block, start, end, text)

    def claims(self, value: object) -> tuple[Claim, ...]:
        claims = []
        for item in _list(value):
            claim, source = _fields(item, 2, "claim")
            if type(claim) is not str:
                raise MalformedEntry("a claim that is not a string")
            claims.append(Claim(claim, self.span(source)))
        return tuple(claims)

    def person(self, value: object) -> PersonRef:
        fields = _fields(value, 9, "person")
        key, name, aliases, mentions, kind, role, roles, countries, organisations = fields
        if type(key) is not str or type(name) is not str:
            raise MalformedEntry("a person whose key or name is not a string")
        if type(kind) is not str or type(role) is not str:
            raise MalformedEntry("a person whose kind or credit role is not a string")
        return PersonRef(
            key=key,
            name=name,
            aliases=_strings(aliases),
            mentions=tuple(self.span(s) for s in _list(mentions)),
            kind=kind,
            credit_role=role,
            roles=self.claims(roles),
            countries=self.claims(countries),
            organisations=self.ties(organisations),
        )

    def ties(self, value: object) -> tuple[Claim, ...]:
        claims = self.claims(value)
        if any(c.value not in self.org_keys for c in claims):
            raise MalformedEntry("a person tied to no organisation of the article")
        return claims

    def organisation(self, value: object) -> OrgRef:
        key, name, aliases, mentions, kind, countries = _fields(value, 6, "organisation")
        if any(type(v) is not str for v in (key, name, kind)):
            raise MalformedEntry("an organisation whose key, name or kind is not a string")
        return OrgRef(
            key=key,
            name=name,
            aliases=_strings(aliases),
            mentions=tuple(self.span(s) for s in _list(mentions)),
            kind=kind,
            countries=self.claims(countries),
        )

    def country(self, value: object) -> CountryRef:
        code, span = _fields(value, 2, "country")
        if type(code) is not str:
            raise MalformedEntry("a country code that is not a string")
        return CountryRef(code, self.span(span))

    def quote(self, value: object, speakers: set[str]) -> Quote:
        fields = _fields(value, 9, "quote")
        span, speaker, speaker_text, cue, source, date, partial, via, org = fields
        if speaker is not None and (type(speaker) is not str or speaker not in speakers):
            raise MalformedEntry(
                f"a quote whose speaker is not a person of the article: {speaker!r:.80}"
            )
        if any(type(v) is not str for v in (speaker_text, cue, source, date, via)):
            raise MalformedEntry("a quote field that is not a string")
        if type(partial) is not bool:
            raise MalformedEntry("a quote whose `partial` is not true or false")
        if org is not None and (type(org) is not str or org not in self.org_keys):
            raise MalformedEntry(f"a quote whose speaker_org is no organisation: {org!r:.80}")
        return Quote(self.span(span), speaker, speaker_text, cue, source, date, partial, via, org)
