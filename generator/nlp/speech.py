"""The words of reported speech: speech verbs, titles, descriptions and institutions.

Word lists and small predicates over spaCy tokens, shared by `reference` and `attribution`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from generator.gazetteer import gazetteer
from generator.nlp.people import ORG_WORDS, ROLE_WORDS

# fmt: off
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "urge", "describe", "call", "warn", "insist", "claim", "state",
    "declare", "announce", "explain", "note", "argue", "write", "ask", "reply", "answer",
    "stress", "emphasise", "emphasize", "acknowledge", "admit", "remark", "comment", "suggest",
    "continue", "conclude", "predict", "promise", "vow", "pledge", "accuse", "deny", "confirm",
    "complain", "recall", "observe", "tweet", "post", "label", "dub", "brand", "term", "regard",
    "characterize", "characterise", "recount", "point", "caution", "reiterate", "assert",
    "maintain", "contend", "allege", "testify", "reveal", "disclose", "assure", "remind",
    "demand", "appeal", "plead", "retort", "counter", "respond", "concede", "boast", "joke",
    "quip", "lament", "hail", "praise", "condemn", "criticise", "criticize", "dismiss",
    "reject", "welcome", "shout", "cry", "whisper", "mutter", "exclaim", "interject", "refer",
    "elaborate", "underline", "summarise", "summarize", "believe", "think", "agree",
    "question", "wonder", "threaten", "proclaim", "affirm", "order", "quote",
})
WEAK_VERBS = frozenset({  # attribute a quote only when no other speech verb in its sentence does
    "agree", "believe", "think", "hope", "wonder", "welcome", "reject", "dismiss", "question",
    "continue", "order", "maintain", "respond", "regard", "refer", "praise", "condemn",
})
PERSONAL_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = {"it", "they", "we", "its", "their"}
TITLE_WORDS = frozenset(ROLE_WORDS | {
    "legislator", "source", "spokesperson", "premier", "monarch", "pontiff", "attorney",
    "counsel", "sheriff", "inspector", "superintendent", "dean", "rector", "pm", "head",
    "president-elect", "vice-chairman", "boss", "manager", "coach", "archbishop", "bishop",
    "cardinal", "pope", "imam", "rabbi", "priest", "reverend", "mufti", "chancellor",
    "secretary-general", "chief", "treasurer", "economist", "scientist", "spokeswoman",
})
INSTITUTION_WORDS = frozenset(ORG_WORDS | {
    "ministry", "statement", "report", "embassy", "administration", "cabinet", "parliament",
    "authorities", "authority", "newspaper", "paper", "agency", "council", "regime", "state",
    "country", "side", "kremlin", "pentagon", "palace", "team",
})
IGNORED_MODIFIERS = frozenset({
    "top", "senior", "new", "then", "current", "visiting", "outgoing", "own", "incoming",
    "veteran", "embattled", "same",
})
ANONYMOUS_ROLES = frozenset({  # "the source said": never the last person named
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "aide", "insider",
    "diplomat", "officer", "analyst", "expert", "member", "observer", "witness", "resident",
})
DESCRIPTIONS = frozenset({  # "the Dutchman said": the person the sentences before are about
    "man", "woman", "dutchman", "irishman", "frenchman", "englishman", "welshman", "scotsman",
    "scot", "briton", "player", "star", "veteran", "youngster", "striker", "midfielder",
    "defender", "winger", "goalkeeper", "keeper", "champion", "winner", "athlete", "runner",
    "sprinter", "actor", "actress", "singer", "musician", "rapper", "comedian", "novelist",
    "artist", "designer", "businessman", "businesswoman", "tycoon", "entrepreneur", "billionaire",
    "millionaire", "skipper",
})
SPEECH_NOUNS = frozenset({  # "Rumsfeld's statement that ...": weak cues, as a last resort
    "statement", "remark", "comment", "warning", "assertion", "pledge", "message", "speech",
    "testimony", "declaration", "announcement",
})
# fmt: on
MALE = re.compile(r"\b(?:Mr|Mister|Sir|Lord|King|Prince|Sheikh|Father|Brother)\.?\s+$")
FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess|Madam|Sister)\.?\s+$")
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
    return token.lemma_.casefold() in SPEECH_VERBS and (
        token.pos_ == "VERB" or token.tag_.startswith("VB")
    )


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
