"""What the words around a name say it names when that is no person: a work whose title holds
it ("Who is Sylvia?", "Jonathan Strange and Mr Norrell by Susanna Clarke"), a company named
with its kind or its place in a market ("Bookmaker Acme Hill", "market leader Zentrix"), or a
thing listed with things ("the tin opener and the bizarre Zorbo").

Pure functions over a spaCy Doc; only `analyse` loads spaCy.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from generator import lexicon
from generator.nlp.names import is_a_given_persons_name, is_given_name
from generator.nlp.orgcandidates import list_members

COMPANY_KINDS = lexicon.words("organisations", "kinds")
MARKET_NOUNS = lexicon.words("organisations", "market_nouns")
PERSON_NOUNS = lexicon.words("nounkinds", "persons")
# What may stand right before a question that opens a title mid-sentence ("The Goat, or Who is
# Sylvia?"); after a colon or a quote mark the question is someone's words.
QUESTION_OPENERS = frozenset({",", "or", "(", "for", "and", "in", "of"})


def is_in_a_work_title(span: SpacySpan) -> bool:
    """A name inside a work's title: a title's question or a title "by" its author."""
    return is_by_an_author(span) or is_in_a_question_title(span)


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


def is_in_a_question_title(span: SpacySpan) -> bool:
    """ "newcomer for The Goat, or Who is Sylvia?": the name in a question whose capitalised
    question word stands mid-sentence, after a comma, "or" or a preposition, with only verbs
    between: a title's words (a quoted question, "she asked: Who is Jane?", is no title)."""
    doc = span.doc
    at = span.start - 1
    while at > 0 and at > span.start - 4 and doc[at].is_lower and doc[at].pos_ in {"AUX", "VERB"}:
        at -= 1
    word = doc[at] if 0 < at < span.start - 1 else None
    return (
        word is not None
        and word.tag_ in {"WP", "WRB"}
        and word.text[:1].isupper()
        and not word.is_sent_start
        and doc[at - 1].lower_ in QUESTION_OPENERS
    )


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
