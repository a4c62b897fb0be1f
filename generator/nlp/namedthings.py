"""What the words around a name say it names when that is no person: a work whose title holds
it ("Who is Sylvia?", "Jonathan Strange and Mr Norrell by Susanna Clarke"), a company named
with its kind or its place in a market ("Bookmaker Acme Hill", "market leader Zentrix"), a
thing listed with things ("the tin opener and the bizarre Zorbo"), or a place someone moves to
("she moved to Powys"), or an acronym spelled out after it.

Pure functions over a spaCy Doc; only `analyse` loads spaCy.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from generator import lexicon
from generator.model import Claim, Span
from generator.nlp.names import is_a_given_persons_name, is_given_name
from generator.nlp.orgcandidates import list_members
from generator.nlp.speech import PERSONAL_PRONOUNS

COMPANY_KINDS = lexicon.words("organisations", "kinds")
MARKET_NOUNS = lexicon.words("organisations", "market_nouns")
PERSON_NOUNS = lexicon.words("nounkinds", "persons")
MOTION_VERBS = lexicon.words("people", "motion_verbs")
VISIT_VERBS = lexicon.words("people", "visit_verbs")
PLACE_PREPOSITIONS = lexicon.words("people", "place_prepositions")
ARTICLES = frozenset({"the", "a", "an"})


def is_in_a_work_title(span: SpacySpan) -> bool:
    """A name inside a work's title: a title's capitalised small words before it, or a title
    "by" its author."""
    return is_by_an_author(span) or is_in_a_title_phrase(span)


def is_by_an_author(span: SpacySpan) -> bool:
    """ "beating Jonathan Strange and Mr Norrell by Susanna Clarke", "Who is Sylvia? by Edward
    Albee": a title followed by "by" and a person's full name, "by" not the agent of a passive
    ("beaten by Jane Doe")."""
    doc = span.doc
    at = span.end
    while at < len(doc) and at - span.end < 6 and doc[at].lower_ != "by":
        word = doc[at]
        if not (word.text[:1].isupper() or word.lower_ == "and" or word.text in {"?", "!"}):
            return False
        at += 1
    if at >= len(doc) or doc[at].lower_ != "by" or doc[at].dep_ == "agent":
        return False
    return any(is_a_given_persons_name(c) for c in doc[at].children if c.dep_ == "pobj")


def is_in_a_title_phrase(span: SpacySpan) -> bool:
    """ "for The Goat, or Who is Sylvia?", "called 'No More Mr Nasty'": the name at the end of
    capitalised words, one of them a small word of grammar ("Who", "No", "More") that is no
    name and does not open its sentence, a title's words. "Who is" may leave its verb in lower
    case; "I", a month ("May") or a name ("Will") is no such word."""
    doc = span.doc
    at = span.start - 1
    if at > 0 and doc[at].is_lower and doc[at].pos_ == "AUX":
        at -= 1
    while at > 0 and doc[at].text[:1].isupper():
        if _is_a_titles_small_word(doc[at]):
            return True
        at -= 1
    return False


def _is_a_titles_small_word(token: Token) -> bool:
    return (
        token.is_stop
        and len(token.text) > 1
        and token.text[1:].islower()
        and token.pos_ != "PROPN"
        and token.ent_type_ == ""
        and token.lower_ not in ARTICLES
        and token.i != token.sent.start
        and token.nbor(-1).text not in {":", '"', "“", "‘", "'"}
    )


def is_a_place(spans: list[SpacySpan]) -> bool:
    """ "she moved to Powys" and "a camp in Powys": a name with no given name where people go,
    each mention a place's."""
    return (
        not any(is_given_name(w) for w in spans[0].text.split())
        and any(is_a_place_gone_to(s) for s in spans)
        and all(is_where_one_is(s) for s in spans)
    )


def is_a_place_gone_to(span: SpacySpan) -> bool:
    """ "she moved to Powys", "for him to go to Korydallos": where a person moves, goes or
    flees to or from."""
    root = span.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in {"to", "from"}:
        return False
    verb = preposition.head
    return verb.lemma_ in MOTION_VERBS and any(
        c.dep_ == "nsubj" and (c.lower_ in PERSONAL_PRONOUNS or c.ent_type_ == "PERSON")
        for c in verb.children
    )


def is_where_one_is(span: SpacySpan) -> bool:
    """ "killed at Korydallos", "will visit Korydallos": a place one is in or visits."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj":
        return head.lower_ in PLACE_PREPOSITIONS or is_a_place_gone_to(span)
    return root.dep_ == "dobj" and head.lemma_ in VISIT_VERBS


def is_named_as_a_company(span: SpacySpan) -> bool:
    """ "Bookmaker Acme Hill has ...", "bought by market leader Zentrix": the noun right before
    the name, one word of the name's phrase, is a company's kind (capitalised only when it opens
    the sentence) or a place in a market ("market leader", "sector rival")."""
    if span.start == 0:
        return False
    noun = span.doc[span.start - 1]
    if noun.pos_ not in {"NOUN", "PROPN"} or not span.start <= noun.head.i < span.end:
        return False
    if noun.i > 0 and noun.nbor(-1).text in {"-", "–"}:
        return False  # "games-maker": a word of its own
    written = noun.is_lower or (noun.i == span.sent.start and noun.text == noun.lower_.capitalize())
    return written and (noun.lower_ in COMPANY_KINDS or is_a_market_position(noun))


def is_a_market_position(noun: Token) -> bool:
    """ "market leader", "sector rival": a noun of a person made a company's place in its
    market by the noun before it."""
    return any(c.dep_ == "compound" and c.lower_ in MARKET_NOUNS for c in noun.children)


def names_a_market_position(role: str) -> bool:
    """ "market leader", "sector rival": a role that is a company's place in its market."""
    words = role.casefold().split()
    return len(words) > 1 and words[-2] in MARKET_NOUNS


def is_read_from_a_plural(role: Claim) -> bool:
    """ "anti-noise campaigners Skyquiet" read as the role "campaigner": a plural noun before a
    name names a group's members, not the one person a name would be."""
    if not isinstance(role.source, Span) or not role.value.split():
        return False
    last, written = role.value.split()[-1].casefold(), role.source.text.split()[-1].casefold()
    plurals = {last + "s", last + "es", last[:-1] + "ies", last.removesuffix("man") + "men"}
    return written != last and written in plurals


def is_listed_with_things(span: SpacySpan) -> bool:
    """ "the tin opener (12th) and the bizarre Zorbo": a name with no given name, "the" before
    it (adjectives between), in a list whose other members are common nouns, none a person's."""
    root = span.root
    if any(is_given_name(w) for w in span.text.split()):
        return False
    determiners = [c for c in root.children if c.dep_ == "det" and c.i < span.start]
    between = span.doc[determiners[0].i + 1 : span.start] if determiners else None
    if between is None or determiners[0].lower_ != "the":
        return False
    if not all(t.pos_ == "ADJ" and t.is_lower for t in between):
        return False
    members = list_members(root)
    return bool(members) and all(_is_a_common_noun_of_a_thing(t) for t in members)


def _is_a_common_noun_of_a_thing(token: Token) -> bool:
    return (
        token.pos_ == "NOUN"
        and token.is_lower
        and token.ent_type_ == ""
        and token.lemma_.casefold() not in PERSON_NOUNS
    )


def is_spelled_out(span: SpacySpan) -> bool:
    """ "Tara (Total Abstract Rendering Architecture)": a one-word name whose letters are the
    initials of the capitalised words in brackets after it, an acronym."""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc) or doc[span.end].text != "(":
        return False
    words = []
    for token in doc[span.end + 1 : span.end + 12]:
        if token.text == ")":
            break
        words.append(token.text)
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(words) > 1 and initials.casefold() == span.text.casefold()
