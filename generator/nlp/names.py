"""What a word can be in a person's name, from real name and word data rather than hand lists:
given names (gender-guesser's list of first names from many countries), name suffixes
(nameparser's: "QC", "Jr", "III") and how common a word is in English prose (wordfreq).

Each answer is cached: the data load once per process.
"""

from __future__ import annotations

from functools import cache

import gender_guesser.detector as gender_detector
from nameparser.config import CONSTANTS
from wordfreq import zipf_frequency

# A word at least this common in English (Zipf scale: 4 = once per 100,000 words, "breakfast",
# "conservative") is more likely the text's own word than a name when it is not a given name.
COMMON_WORD_ZIPF = 3.5


@cache
def _detector() -> gender_detector.Detector:
    return gender_detector.Detector(case_sensitive=False)


@cache
def is_given_name(word: str) -> bool:
    """Whether `word` is a first name people are given somewhere ("Per", "Mukesh", "Avi")."""
    return word.isalpha() and _detector().get_gender(word) != "unknown"


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


def is_glued_word(word: str) -> bool:
    """A word of the sentence written before a name that the model took into it ("Conservative
    Graham Brady", "Representatives Eliot Engel"): a common English word that is no given name."""
    return word.isalpha() and is_common_word(word) and not is_given_name(word)
