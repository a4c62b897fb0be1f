"""The words of reported speech: speech verbs, titles, descriptions and institutions.

Word lists and small predicates over spaCy tokens, shared by `reference` and `attribution`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from generator import lexicon
from generator.gazetteer import gazetteer

SPEECH_VERBS = lexicon.words("speech", "speech_verbs")
WEAK_VERBS = lexicon.words("speech", "weak_verbs")
COMMUNICATION_VERBS = lexicon.words("speechverbs", "communication_verbs")
PHRASAL_VERBS = lexicon.words("speechverbs", "communication_phrasal_verbs")
PERSONAL_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = {"it", "they", "we", "its", "their"}
TITLE_WORDS = lexicon.words("roles", "role_words") | lexicon.words("roles", "title_words")
INSTITUTION_WORDS = lexicon.words("organisations", "name_words") | lexicon.words(
    "organisations", "speaking_bodies"
)
IGNORED_MODIFIERS = lexicon.words("roles", "ignored_modifiers")
ANONYMOUS_ROLES = lexicon.words("roles", "anonymous_roles")
DESCRIPTIONS = lexicon.words("roles", "descriptions")
SPEECH_NOUNS = lexicon.words("speech", "speech_nouns")
_IRREGULAR = lexicon.word_table("speech", "irregular_forms")
CARRYING_NOUNS = lexicon.words("speech", "carrying_nouns")
_MALE_TITLE = lexicon.alternation(lexicon.word_list("people", "male_titles"))
_FEMALE_TITLE = lexicon.alternation(lexicon.word_list("people", "female_titles"))
MALE = re.compile(rf"\b{_MALE_TITLE}\.?\s+$")
FEMALE = re.compile(rf"\b{_FEMALE_TITLE}\.?\s+$")
SUBJECTS = {"nsubj", "nsubjpass"}
LOOKBACK_SENTENCES = 8


def is_speech_verb(token: Token) -> bool:
    if (
        token.text[:1].isupper()
        and not token.is_sent_start
        and token.i > 0
        and token.nbor(-1).text not in {'"', "“", "'", "‘", "(", "\n\n"}
    ):
        return False  # part of a name: "the North East Says No campaign"
    if token.lemma_ == "put" and any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children):
        return True  # "as Pentagon spokeswoman Susan Hanson put it"
    if not (token.pos_ == "VERB" or token.tag_.startswith("VB")):
        return False
    lemma = token.lemma_.casefold()
    return lemma in SPEECH_VERBS or lemma in COMMUNICATION_VERBS or _phrasal(token) in PHRASAL_VERBS


def _phrasal(token: Token) -> str:
    """ "blurt out", "chime in": the verb with its particle, or ""."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    return f"{token.lemma_.casefold()} {particle}" if particle else ""


def is_hand_kept(token: Token) -> bool:
    """A speech verb of speech.yml's own list, not one only WordNet gives."""
    return token.lemma_.casefold() in SPEECH_VERBS or token.lemma_ == "put"


def is_weak_verb(token: Token) -> bool:
    """A verb that attributes only when no other of its sentence does: "agree", "believe", and
    every verb of communication that is not in the hand-kept list ("gush", "implore")."""
    lemma = token.lemma_.casefold()
    return lemma in WEAK_VERBS or lemma not in SPEECH_VERBS


def is_title(head: Token) -> bool:
    word = head.lower_
    return (
        head.lemma_.casefold() in TITLE_WORDS
        or word in TITLE_WORDS
        or word.split("-")[-1] in TITLE_WORDS
    )


def is_indefinite(head: Token) -> bool:
    plural = head.tag_ in {"NNS", "NNPS"}
    det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
    return (
        plural
        or det in {"a", "an", "another", "one", "some", "any"}
        or any(c.lower_ == "one" and c.dep_ == "nummod" for c in head.children)
    )


def is_description(head: Token) -> bool:
    """ "the Dutchman", "the 25-year-old", "the striker": a person described, not named."""
    word = head.lower_
    if head.tag_ not in {"NN", "NNP"} or is_indefinite(head):
        return False
    return (
        word in DESCRIPTIONS
        or bool(re.fullmatch(r"(?:\d+|[a-z]+)-year-old", word))
        or gazetteer().kind_of(head.text) == "demonym"
    )


def is_institution(head: Token) -> bool:
    return head.ent_type_ in {"ORG", "GPE", "NORP"} or head.lemma_.casefold() in INSTITUTION_WORDS


def is_speech_form(word: str) -> bool:
    """ "Said", "Joked", "Tells", "Replies": a capitalised form of a speech verb."""
    low = word.casefold()
    if not word[:1].isupper() or len(low) < 3:
        return False
    candidates = {_IRREGULAR.get(low, ""), low[:-1], low[:-2], low[:-3] + "y"}
    return bool(candidates & SPEECH_VERBS)
