"""What a word can be in a person's name, from real name and word data rather than hand lists:
given names (gender-guesser's list of first names from many countries), name suffixes
(nameparser's: "QC", "Jr", "III") and how common a word is in English prose (wordfreq).

Each answer is cached: the data load once per process.
"""

from __future__ import annotations

from functools import cache

import gender_guesser.detector as gender_detector
import numpy
from nameparser.config import CONSTANTS
from spacy.attrs import ENT_TYPE, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from wordfreq import zipf_frequency

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.nlp.speech import is_speech_form

PARTICLES = lexicon.words("people", "particles")
PLACE_PREPOSITIONS = lexicon.words("people", "place_prepositions")
ROLE_WORDS = lexicon.words("roles", "role_words")
LEADING_NOUNS = lexicon.words("people", "leading_nouns")
PERSON_NOUNS = lexicon.words("nounkinds", "persons")  # WordNet's ("bookmaker", "jeweller")
_ROLES_OR_LEADING = ROLE_WORDS | LEADING_NOUNS

# A word at least this common in English (Zipf scale: 4 = once per 100,000 words, "breakfast",
# "conservative") is more likely the text's own word than a name when it is not a given name.
COMMON_WORD_ZIPF = 3.5


@cache
def _detector() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=False)


def load_name_lists() -> None:
    """Loads the given names and the word frequencies now, not at their first use: before the
    analysis forks its workers, which then share them instead of each loading them (half a
    second each, measured)."""
    _detector()
    zipf_frequency("the", "en")


@cache
def is_given_name(word: str) -> bool:
    """Whether `word` is a first name people are given somewhere ("Per", "Mukesh", "Avi")."""
    return word.isalpha() and _detector().get_gender(word) != "unknown"


_SURE_GENDERS = {"male": "m", "female": "f"}


@cache
def given_name_gender(name: str) -> str:
    """ "m" or "f" when the first of a name's two or more words is a given name of that sex
    alone in the name data ("Madeleine Albright" -> "f"), else "" (a lone surname, a name
    given to both sexes, or mostly to one: "Kim", "Chris")."""
    words = name.split()
    if len(words) < 2 or not words[0].isalpha():
        return ""
    return _SURE_GENDERS.get(_detector().get_gender(words[0]), "")


@cache
def is_common_word(word: str) -> bool:
    """Whether `word`, lower-cased, is a common English word ("Representatives", "Breakfast")."""
    return zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF


@cache
def is_name_suffix(word: str) -> bool:
    """A suffix written after a name: an honour or degree in capitals ("QC", "MP", "OBE") or a
    generation ("Jr", "III")."""
    bare = word.rstrip(".").lower()
    if len(bare) < 2:
        return False
    if word.rstrip(".").isupper() and bare in CONSTANTS.suffix_acronyms:
        return True
    return bare in CONSTANTS.suffix_not_acronyms and bare.isascii() and bare.isalpha()


def untagged_proper_nouns(doc: Doc) -> list[Token]:
    """The proper nouns the model gave no entity, in order: read from the Doc's arrays, so that
    no Token is made for the other words (a pass over every Token costs more than the rest)."""
    columns = doc.to_array([POS, ENT_TYPE]).reshape(-1, 2)
    wanted = numpy.flatnonzero((columns[:, 0] == PROPN) & (columns[:, 1] == 0))
    return [doc[int(i)] for i in wanted]


def is_untagged_name_word(token: Token) -> bool:
    """A capitalised proper noun the model gave no entity: a word of a name it missed."""
    return (
        token.ent_type_ == ""
        and token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not token.text.isupper()
    )


def is_glued_word(word: str) -> bool:
    """A word of the sentence written before a name that the model took into it ("Conservative
    Graham Brady", "Representatives Eliot Engel"): a common English word that is no given name."""
    return word.isalpha() and is_common_word(word) and not is_given_name(word)


def with_surname(ent: SpacySpan) -> SpacySpan:
    """ "Aung San" + "Suu Kyi": rare capitalised words the model left out after the name."""
    doc, end = ent.doc, ent.end
    while (
        end < len(doc)
        and end - ent.start < 5
        and doc[end].pos_ == "PROPN"
        and doc[end].ent_type_ == ""
        and doc[end].text[:1].isupper()
        and doc[end].text.isalpha()
        and not doc[end].text.isupper()
        and doc[end - 1].whitespace_
        and not is_common_word(doc[end].text)
        and not is_speech_form(doc[end].text)  # "Sarah Collins Joked" in a Title Case headline
        and not gazetteer().code_of(doc[end].text)
    ):
        end += 1
    return doc[ent.start : end]


def with_particle_surname(tokens: list[Token]) -> list[Token]:
    """ "Daniel" + "arap Moi": a lower-case particle and a capitalised word straight after the
    name (or a name that ends on the particle) belong to it."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    if tokens[-1].lower_ in PARTICLES and tokens[-1].is_lower and len(tokens) > 1:
        tokens = tokens[:-1]
    end = tokens[-1].i
    if (
        end + 2 < len(doc)
        and doc[end + 1].lower_ in PARTICLES
        and doc[end + 1].is_lower
        and doc[end + 2].text[:1].isupper()
        and doc[end + 2].text.isalpha()
        and doc[end].whitespace_
        and doc[end + 1].whitespace_
    ):
        return [*tokens, doc[end + 1], doc[end + 2]]
    return tokens


def named_like_a_person(name: str) -> bool:
    """ "Clarence Seedorf": a given name and a surname that is no common word nor a given name
    itself (not "Morgan Stanley", "Rolling Stones")."""
    words = name.split()
    return (
        len(words) == 2
        and is_given_name(words[0])
        and not is_common_word(words[1])
        and not is_given_name(words[1])
    )


def first_line(ent: SpacySpan) -> SpacySpan:
    """The entity up to a line break in it ("Simona de Logu\n\nRIO DE" tagged as one)."""
    for token in ent:
        if "\n" in token.text:
            return ent.doc[ent.start : token.i]
    return ent


def is_reached_place(ent: SpacySpan) -> bool:
    """ "arrived from Ulan Bator", "flew to Port Moresby": a place one comes from or goes to."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS | {"from", "to"}


def alone_on_its_line(text: str, start: int, end: int, name: str) -> bool:
    """ "Simona de Logu" alone on its line under a headline: a byline of rare words, a person's
    name."""
    alone = (start == 0 or text[:start].endswith("\n")) and (
        end == len(text) or text[end:].startswith("\n")
    )
    words = [w for w in name.split() if w.lower() not in PARTICLES]
    return alone and not any(is_common_word(w) for w in words)


def coordinated_with_person(ent: SpacySpan) -> bool:
    """ "Ould Abdallah of Mauritania and Amara Essy": a name in a list of people."""
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)


def is_a_given_persons_name(token: Token) -> bool:
    """ "Jane Doe" (as its last word): a person's name the model tags, with a given name."""
    if token.ent_type_ != "PERSON":
        return False
    first = token
    while first.ent_iob_ == "I" and first.i > 0:
        first = first.nbor(-1)
    return first.i < token.i and is_given_name(first.text)


def opens_with_role(tokens: SpacySpan) -> bool:
    """ ", a former foreign minister," / ", head of ...": an apposition naming a role."""
    for token in tokens:
        if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON"}:
            return False
        if token.lower_ in _ROLES_OR_LEADING:
            return True
    return False


def opens_with_a_persons_noun(tokens: list[Token]) -> bool:
    """ "Bookmaker Jane Doe" at a sentence's start: a noun of a person, itself no given name,
    before a given name and a surname."""
    first, second = tokens[0].text, tokens[1].text
    return (
        len(tokens) > 2
        and first.lower() in PERSON_NOUNS
        and is_given_name(second)
        and not is_given_name(first)
    )
