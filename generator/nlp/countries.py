"""Countries in one article: the countries it names, and the countries of the people in it.

A country is named by a place entity or a gazetteer word (name, short form, demonym, or a city
that stands for its government); a person's country is read from their roles ("Russia's
ambassador to Iran"), else from the words around their name ("Iranian President", "of
Pakistan", "who has dual British and Zambian nationality"), a predecessor's country, or the
organisation of a known country the text ties them to. Never from the article's other
countries alone: "President X" with no state named has no country.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import CAPTION, Claim, CountryRef, PersonRef
from generator.nlp.contextcountries import (
    countries_of_whom_they_serve,
    host_at_seat,
    inherited_country,
    summit_partner,
    title_before,
)
from generator.nlp.countryclues import (
    countries_in_role,
    described_country,
    first_per_code,
    holds_a_state_office,
    phrase_country,
    sentence_of,
)
from generator.nlp.entities import doc_text, entities
from generator.nlp.entities import words as doc_words
from generator.nlp.layout import Layout
from generator.nlp.mentions import Mention
from generator.nlp.ranges import Ranges
from generator.nlp.teamcountries import side_country

COUNTRY_LABELS = {"GPE", "NORP", "LOC"}
# Entities inside which a country word does not name the country ("Bank of Japan").
BLOCKING_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "MONEY"}
Candidate = tuple[int, int, str, str, bool]  # start, end, code, kind, stands for its government
GEOGRAPHIC_NOUNS = lexicon.words("countries", "geographic_nouns")
LOCATIVE = lexicon.words("countries", "locative_prepositions")
SPORTS_FIXTURES = lexicon.words("countries", "sports_fixtures")
HONORIFICS = lexicon.words("people", "honorifics")
ROLE_WORDS = lexicon.words("roles", "role_words")
RELATIVE_TITLES = lexicon.words("roles", "relative_titles")
_IN_THE_CAPITAL = re.compile(r"\b(?:the\s+([A-Z][\w-]+)|([A-Z][\w-]+)[’']s)\s+capital\b")
_DEMONYM_TITLE = re.compile(
    r"([A-Z][\w’'-]+)\s+((?:(?:[A-Z][\w-]*|"
    + lexicon.alternation(RELATIVE_TITLES)
    + r")\s+){0,3})$"
)
INHERITING_ROLES = lexicon.words("roles", "inheriting_roles")
_OF_COUNTRY = re.compile(
    r"^(?:\s*\([^)]{1,12}\))?\s+of\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
_HOLDING = r"(?:who\s+(?:has|holds|had|held)|with|a)"
_NATIONALITY_NOUN = r"(?:nationality|citizenship|passports?|national|citizen)"
_NATIONALITY = re.compile(
    rf"^,?\s+{_HOLDING}\s+((?:dual\s+)?[A-Z][\w-]*(?:\s+(?:and|or)\s+[A-Z][\w-]*)?)"
    rf"\s+{_NATIONALITY_NOUN}\b"
)
_TITLES = HONORIFICS | ROLE_WORDS | RELATIVE_TITLES


# -- the countries an article names ------------------------------------------------------------


def country_refs(doc: Doc, layout: Layout, people: tuple[PersonRef, ...]) -> tuple[CountryRef, ...]:
    """Countries named in the article, each with the word that led to it.

    Names and demonyms count wherever they stand (the model's place entities, and gazetteer words
    the model missed); a city counts when it stands for its government ("Moscow said",
    "Tehran's reply") or when its country is named in the article anyway.
    """
    person_ranges = _person_ranges(layout, people)
    found = [c for c in _country_candidates(doc) if not _inside(c[0], person_ranges)]
    named = {code for _, _, code, kind, _ in found if kind != "city"}
    return tuple(
        CountryRef(code, layout.span(start, end))
        for start, end, code, kind, acts in sorted(found)
        if kind != "city" or code in named or acts
    )


def _country_candidates(doc: Doc) -> list[Candidate]:
    places = [ent for ent in entities(doc) if ent.label_ in COUNTRY_LABELS]
    out = [c for c in (_entity_candidate(ent) for ent in places) if c]
    covered = Ranges((ent.start_char, ent.end_char) for ent in places)
    blocked = Ranges(
        (e.start_char, e.end_char) for e in entities(doc) if e.label_ in BLOCKING_LABELS
    )
    for cand in _gazetteer_candidates(doc):
        if not _inside(cand[0], covered) and (cand[0], cand[1]) not in _longer_than(blocked, cand):
            out.append(cand)
    return out


def _longer_than(ranges: Ranges, cand: Candidate) -> set[tuple[int, int]]:
    """`(cand start, end)` when an organisation or work around it is longer ("Bank of Japan")."""
    start, end = cand[0], cand[1]
    if ranges.hold_longer(start, end):
        return {(start, end)}
    return set()


def _entity_candidate(ent: SpacySpan) -> Candidate | None:
    g = gazetteer()
    text = re.sub(r"^(the)\s+", "", ent.text, flags=re.I)
    text = re.sub(r"[’']s?$", "", text)
    code = g.code_of(text)
    kind = g.kind_of(text)
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and (
        following.text in GEOGRAPHIC_NOUNS or g.in_idiom(text, following.text)
    ):
        return None
    if code is None and ent.label_ == "LOC":
        return None
    if code is None:
        found = _country_within(text)
        if found is None:
            return None
        code, kind = found, "name"
    start = ent.start_char + ent.text.find(text)
    acts = kind == "city" and g.is_seat(text) and _stands_for_government(ent)
    return start, start + len(text), code, kind, acts


def _gazetteer_candidates(doc: Doc) -> list[Candidate]:
    """Country names, demonyms and cities the model did not tag: "Mauritius", the "DPRK"."""
    g = gazetteer()
    words = doc_words(doc)
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() or not g.may_start(words[i]):
            i += 1
            continue
        for size in (4, 3, 2, 1):
            if i + size > len(words) or not words[i + size - 1][:1].isalpha():
                continue
            span = doc[i : i + size]
            text = span.text
            kind = g.kind_of(text)
            after = words[i + size] if i + size < len(words) else ""
            if (
                kind
                and g.code_of(text)
                and not g.is_ambiguous(text)
                and not (text.isupper() and len(text) > 3 and kind == "demonym")
                and after not in GEOGRAPHIC_NOUNS
                and not g.in_idiom(text, after)
            ):
                out.append((span.start_char, span.end_char, g.code_of(text) or "", kind, False))
                i += size - 1
                break
        i += 1
    return out


def _stands_for_government(ent: SpacySpan) -> bool:
    """ "Moscow said", "by Moscow and Beijing": a capital used for the state, not as a place.

    A dateline ("MOSCOW, May 3") or a place after a locative preposition ("talks in Moscow",
    "a visit to Washington") is the city.
    """
    if ent.text.isupper() and len(ent.text) > 3:
        return False
    token = ent.root
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
        return False
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() in SPORTS_FIXTURES:
        return False  # "the home game against Ottawa": the city's team
    dateline = token.dep_ == "ROOT" and token.sent.start == ent.start
    return not (token.dep_ == "compound" or dateline)


def _inside(start: int, ranges: Ranges) -> bool:
    return ranges.hold(start)


def _country_within(text: str) -> str | None:
    """ "eastern Ukraine" -> UA: the last words name a country, the words before are lowercase."""
    g = gazetteer()
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        lead, tail = words[:-size], " ".join(words[-size:])
        if all(w.islower() for w in lead) and g.code_of(tail) and g.kind_of(tail) == "name":
            return g.code_of(tail)
    return None


def _person_ranges(layout: Layout, people: tuple[PersonRef, ...]) -> Ranges:
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    return Ranges(
        (layout.starts[index[s.block]] + s.start, layout.starts[index[s.block]] + s.end)
        for p in people
        for s in p.mentions
    )


# -- the countries of people --------------------------------------------------------------------


def with_countries(
    doc: Doc, layout: Layout, refs: list[PersonRef], groups: dict[str, list[Mention]]
) -> tuple[PersonRef, ...]:
    """Each person's countries, read from their roles, else from the sentence that names them."""
    by_key: dict[str, tuple[Claim, ...]] = {}
    pending = []
    for ref in refs:
        claims = tuple(c for role in ref.roles for c in countries_in_role(role))
        if claims:
            by_key[ref.key] = first_per_code(claims)
        else:
            pending.append(ref)
    for ref in pending:
        by_key[ref.key] = first_per_code(
            _countries_from_context(doc, layout, ref, groups[ref.name], refs, by_key)
        )
    for ref in pending:
        if not by_key[ref.key]:
            by_key[ref.key] = countries_of_whom_they_serve(ref, refs, by_key)
        if not by_key[ref.key]:
            by_key[ref.key] = _office_in_a_capital(doc, layout, ref, groups[ref.name])
        if not by_key[ref.key]:
            by_key[ref.key] = title_before(doc, layout, ref, groups[ref.name], groups)
    for ref in pending:
        if not by_key[ref.key]:
            by_key[ref.key] = summit_partner(doc, layout, ref, refs, groups, by_key)
        if not by_key[ref.key]:
            by_key[ref.key] = host_at_seat(doc, layout, ref, refs, groups, by_key)
    return tuple(
        PersonRef(**{**ref.__dict__, "countries": by_key.get(ref.key, ())}) for ref in refs
    )


def _office_in_a_capital(
    doc: Doc, layout: Layout, ref: PersonRef, mentions: list[Mention]
) -> tuple[Claim, ...]:
    """A state office held in a sentence set in "the Ugandan capital" (or "Uganda's capital"):
    that state's. An office alone ("President X") gives none."""
    if not holds_a_state_office(ref):
        return ()
    for m in mentions:
        sent = sentence_of(doc, m.start, m.end)
        if sent is None:
            continue
        match = _IN_THE_CAPITAL.search(sent.text)
        if match is None:
            continue
        code = gazetteer().code_of(match.group(1) or match.group(2))
        if code:
            start, end = sent.start_char + match.start(), sent.start_char + match.end()
            return (Claim(code, layout.span(start, end)),)
    return ()


def _countries_from_context(
    doc: Doc,
    layout: Layout,
    ref: PersonRef,
    mentions: list[Mention],
    refs: list[PersonRef],
    known: dict[str, tuple[Claim, ...]],
) -> list[Claim]:
    """A country evident around the name: an adjective before it, "of Pakistan" or a nationality
    after it, a description beside it, the national side it plays in, a predecessor's country,
    or the only country of a photo caption's sentence."""
    for m in mentions:
        sent = sentence_of(doc, m.start, m.end)
        if sent is None:
            continue
        code = _adjacent_country(_last_words(doc_text(doc), sent.start_char, m.start))
        if code:
            return [Claim(code, layout.span(m.start, m.end))]
    for m in mentions:
        after = layout.text[m.end : m.end + 200]
        codes = _of_country(after) or _nationality(after)
        if codes:
            return [Claim(code, layout.span(m.start, m.end)) for code in codes]
    for m in mentions:
        described = described_country(doc, layout, m.start, m.end) or side_country(
            doc, layout, m.start, m.end
        )
        if described:
            return described
    for m in mentions:
        inherited = inherited_country(doc, layout, m, refs, known)
        if inherited:
            return inherited
    for m in mentions:
        sent = sentence_of(doc, m.start, m.end)
        if sent is None or layout.block_of(m.start).kind != CAPTION:
            continue
        found = {
            c
            for c in (phrase_country(e.text) for e in sent.ents if e.label_ in {"GPE", "NORP"})
            if c
        }
        if len(found) == 1:
            return [Claim(found.pop(), layout.span(sent.start_char, sent.end_char))]
    return []


def _of_country(after: str) -> list[str]:
    """ "Musharraf of Pakistan" -> PK."""
    match = _OF_COUNTRY.match(after)
    if not match:
        return []
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        code = gazetteer().code_of(" ".join(words[:size]))
        if code and gazetteer().kind_of(" ".join(words[:size])) == "name":
            return [code]
    return []


def _nationality(after: str) -> list[str]:
    """ ", who has dual British and Zambian nationality" -> GB, ZM."""
    match = _NATIONALITY.match(after)
    if not match:
        return []
    words = re.findall(r"[A-Z][\w-]*", match.group(1))
    return [c for c in (gazetteer().code_of(w) for w in words) if c]


def _last_words(text: str, start: int, end: int, words: int = 4) -> str:
    """text[start:end] from the start of its last `words` runs of non-space characters: all that
    _adjacent_country's pattern (a word and up to three more at the end) can match."""
    at = end
    for _ in range(words):
        while at > start and text[at - 1].isspace():
            at -= 1
        while at > start and not text[at - 1].isspace():
            at -= 1
    return text[at:end]


def _adjacent_country(lead: str) -> str | None:
    """ "Iranian President " / "Israeli Prime Minister " directly before a name."""
    match = _DEMONYM_TITLE.search(lead)
    if not match:
        return None
    title = match.group(2).split()
    if title and not any(w.lower() in _TITLES for w in title):
        return None
    return (
        gazetteer().code_of(match.group(1))
        if gazetteer().kind_of(match.group(1)) in {"demonym", "name"}
        else None
    )
