"""Country evidence read from single phrases: a role ("Russia's ambassador to Iran"), a
description set beside a name ("Andy Hale, Britain's number one"; "X was named as Canada's
envoy"), and the words written before an organisation's name ("US rock band REM", "the Danish
brewer Carlsberg"). nlp.countries decides whose country each one is.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import Claim, PersonRef
from generator.nlp.layout import Layout
from generator.nlp.speech import is_speech_verb

OTHER_COUNTRY_PREPOSITIONS = lexicon.words("countries", "other_country_prepositions")
INSTITUTIONS = lexicon.word_table("places", "institutions")
ROLE_WORDS = lexicon.words("roles", "role_words")
BELONGING_NOUNS = lexicon.words("countries", "belonging_nouns")
ORGANISATION_KINDS = lexicon.words("organisations", "kinds")
INHERITING_ROLES = lexicon.words("roles", "inheriting_roles")
STATE_OFFICES = lexicon.words("roles", "state_offices")
# "Labour Minister": a portfolio named like a party, no sign of the party's country.
_PORTFOLIO_HEADS = lexicon.alternation(lexicon.word_list("roles", "portfolio_heads"))
_SUBJECTS = {"nsubj", "nsubjpass"}
_LINKING_VERBS = {"be", "become", "remain"}
_NOUN_TAILS = {"nummod", "compound", "amod", "nmod"}  # "number one": words of the noun after it


# -- roles ---------------------------------------------------------------------------------------


def holds_a_state_office(ref: PersonRef) -> bool:
    """Whether one of the person's roles names an office of a state ("President", "Prime
    Minister"), which a state's setting in the text may then place."""
    return any(w in STATE_OFFICES for r in ref.roles for w in r.value.lower().split())


def countries_in_role(role: Claim) -> list[Claim]:
    """The country a role serves: "Russia's ambassador to Iran" -> RU, not IR."""
    words = re.findall(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*", role.value)
    out = []
    whole = institution_country(role.value)
    if whole:
        out.append(Claim(whole, role.source))
    for phrase in words:
        preceding = role.value[: role.value.find(phrase)].split()
        if (
            preceding
            and preceding[-1].lower() in OTHER_COUNTRY_PREPOSITIONS
            and not (preceding[-1].lower() == "for" and _names_more_than_a_country(phrase))
        ):
            continue  # "ambassador to Iran"; but "physician for USA Gymnastics" serves a US body
        code = institution_country(phrase) or phrase_country(phrase)
        if code:
            out.append(Claim(code, role.source))
    return out


def _names_more_than_a_country(phrase: str) -> bool:
    """ "USA Gymnastics": a name that holds a country and more words, an organisation of it."""
    return gazetteer().code_of(phrase) is None and len(phrase.split()) > 1


def phrase_country(phrase: str) -> str | None:
    """The country named by the longest run of words of `phrase` that names one."""
    g = gazetteer()
    words = phrase.replace("’s", "").replace("'s", "").split()
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            code = g.code_of(" ".join(words[i : i + size]))
            if code:
                return code
    return None


def institution_country(phrase: str) -> str | None:
    """The state of an institution, party or office the phrase names ("the State Department")."""
    key = phrase.casefold().removeprefix("the ").replace("’s", "").replace("'s", "").strip()
    for pattern, code in _institution_patterns():
        if pattern.search(key):
            return code
    return None


@functools.cache
def _institution_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each institution's name as a word not followed by a portfolio's head ("the State
    Department", not "the State Department spokesman"), with its country, in the table's order:
    compiled once, not looked up in the regex cache at each of the thousands of searches."""
    return tuple(
        (re.compile(rf"\b{re.escape(name)}\b(?!\s+{_PORTFOLIO_HEADS}\b)"), code)
        for name, code in INSTITUTIONS.items()
    )


# -- a description beside a name --------------------------------------------------------------


def described_country(doc: Doc, layout: Layout, start: int, end: int) -> list[Claim]:
    """The country of a description the sentence sets beside the name at text[start:end]: an
    apposition ("Andy Hale, Britain's number one,"), a predicate ("Hale is a British citizen") or
    an "as" phrase ("Hale was picked as Britain's captain"), whose head is a person's role or
    place ("number", "citizen", "captain"; not "critic" nor "guest") and whose possessor or
    adjective is a country. Cited where the description stands."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    for head in _descriptions(span.root):
        country = country_modifier(head)
        if country is not None:
            code, first = country
            last = max([head, *(c for c in head.rights if c.dep_ in _NOUN_TAILS)], key=_end)
            return [Claim(code, layout.span(min(first.idx, head.idx), _end(last)))]
    return []


def _end(token: Token) -> int:
    return token.idx + len(token)


def _descriptions(token: Token, of_one: bool = False) -> list[Token]:
    """The heads of the descriptions beside a name's token; with `of_one`, also "one of Lee's
    aides" (the noun after "one of")."""
    out = [c for c in token.children if c.dep_ == "appos"]
    if of_one:
        out += [
            pobj
            for one in [c for c in out if c.lower_ == "one"]
            for prep in one.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    if token.dep_ in _SUBJECTS:
        verb = token.head
        if verb.lemma_.lower() in _LINKING_VERBS:
            out += [c for c in verb.children if c.dep_ == "attr"]
        out += [
            pobj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    return [t for t in out if t.pos_ == "NOUN"]


def principal_at(doc: Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """Where the person is named whom the person at text[start:end] serves, by a description
    beside the name: "X was serving as Lee's personal lawyer", "X, one of Lee's aides". The
    description's head is a role that serves someone (an aide, a spokesman, a son) or is
    "personal"; its possessor a name. Returns the possessor's offset and the description's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for head in _descriptions(span.root, of_one=True):
        serving = head.lemma_.lower() in INHERITING_ROLES or any(
            c.dep_ == "amod" and c.lower_ == "personal" for c in head.children
        )
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if serving and owner is not None and owner.pos_ == "PROPN":
            return owner.idx, head.left_edge.idx, head.idx + len(head)
    return None


def country_modifier(
    head: Token, nouns: frozenset[str] = ROLE_WORDS | BELONGING_NOUNS
) -> tuple[str, Token] | None:
    """(code, the word) of the country that owns or qualifies a description headed by one of
    `nouns` (a person's, by default)."""
    if head.lemma_.lower() not in nouns:
        return None
    g = gazetteer()
    for child in head.children:
        if child.dep_ == "poss":
            words = child.doc[child.left_edge.i : child.i + 1]
            if g.kind_of(words.text) == "name" and g.code_of(words.text):
                return g.code_of(words.text) or "", words[0]
        elif (
            child.dep_ in {"amod", "compound"}
            and child.i < head.i
            and g.kind_of(child.text) in {"name", "demonym"}
            and g.code_of(child.text)
        ):
            return g.code_of(child.text) or "", child
    return None


# -- the words before an organisation's name ----------------------------------------------------


def country_before_name(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """ "US rock band REM", "the Danish brewer Carlsberg": a country word in the common nouns
    written before an organisation's name, and the nouns' offsets. A country word right before
    the name ("US REM") is none: it may be part of the name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    i = span.start - 1
    nouns = 0
    while (
        i >= 0
        and doc[i].head.i in range(i + 1, span.end)
        and doc[i].dep_
        in {
            "compound",
            "amod",
            "nmod",
        }
    ):
        word = doc[i]
        code = gazetteer().code_of(word.text)
        if code and gazetteer().kind_of(word.text) in {"name", "demonym"}:
            return (word.idx, span.start_char, code) if nouns else None
        if not word.is_lower:
            return None
        nouns += word.pos_ == "NOUN"
        i -= 1
    return None


def organisation_described(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """A country the text gives an organisation named at text[start:end] in a description of
    its kind ("lender", "carrier", "club"): in apposition ("Halifax, the UK's biggest lender,"),
    or as the subject of the next sentence, when the organisation spoke last in its own and the
    description speaks in the next ("..., the Halifax said. The UK's biggest lender said ...")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    heads = [c for c in span.root.children if c.dep_ == "appos"] + _next_speaker(doc, span)
    for head in heads:
        country = country_modifier(head, ORGANISATION_KINDS)
        if country is not None:
            code, first = country
            return min(first.idx, head.idx), head.idx + len(head), code
    return None


def _next_speaker(doc: Doc, span: SpacySpan) -> list[Token]:
    """The unnamed subject that opens the next sentence and speaks, if the organisation at
    `span` is the only one of its sentence and its speaker."""
    root = span.root
    sent = sentence_at(doc, span.start)
    if root.dep_ not in _SUBJECTS or not is_speech_verb(root.head) or sent.end >= len(doc):
        return []
    if any(e.label_ == "ORG" and (e.start >= span.end or e.end <= span.start) for e in sent.ents):
        return []
    following = sentence_at(doc, sent.end)
    return [
        t
        for t in following
        if t.dep_ in _SUBJECTS
        and t.left_edge.i == following.start
        and is_speech_verb(t.head)
        and not any(w.ent_type_ in {"ORG", "PERSON"} for w in t.subtree)
    ]


# -- sentences -----------------------------------------------------------------------------------


def sentence_at(doc: Doc, i: int) -> SpacySpan:
    """The sentence of token `i` as spaCy's Span.sent finds it (from the last sentence start at
    or before it to the next one), by bisect on the Doc's sentence starts, listed once: Span.sent
    walks the tokens, which in a long sentence naming many people grew with the square of it."""
    starts = doc.user_data.get("dossier.sentence starts")
    if not isinstance(starts, list):
        if not doc.has_annotation("SENT_START"):
            return doc[i : i + 1].sent
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()  # is_sent_start
        doc.user_data["dossier.sentence starts"] = starts
    after = bisect.bisect_right(starts, i)
    start = starts[after - 1] if after else 0
    return doc[start : starts[after] if after < len(starts) else len(doc)]


def sentence_of(doc: Doc, start: int, end: int) -> SpacySpan | None:
    """The sentence of the text at text[start:end]."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return sentence_at(doc, span.start) if span is not None else None


def first_per_code(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The first claim of each country, in order."""
    out: dict[str, Claim] = {}
    for claim in claims:
        out.setdefault(claim.value, claim)
    return tuple(out.values())
