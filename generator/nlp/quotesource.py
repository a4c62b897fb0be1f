"""The medium, occasion and date of a quotation, read from the writer's words around it.

"told Russia's Sputnik news agency", "at an Aug. 5 press briefing", "in remarks carried by local
media outlets", "according to Russian state media outlets"; "Speaking on Aug. 6" -> "Aug. 6".
"""

from __future__ import annotations

import re

from generator import lexicon

_MONTHS = lexicon.word_groups("dates", "months")
_MONTH = lexicon.alternation([*_MONTHS, *(f for forms in _MONTHS.values() for f in forms)]) + r"\.?"
_WEEKDAY = lexicon.alternation(lexicon.word_list("dates", "weekdays"))
_DAY_PART = lexicon.alternation(lexicon.word_list("dates", "day_parts"))
_DATE = re.compile(
    rf"\b({_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|"
    rf"(?:last\s+)?{_WEEKDAY}(?:\s+{_DAY_PART})?|yesterday|today)\b"
)
_MEDIUM_END = lexicon.alternation(lexicon.word_list("speech", "medium_ends"))
_NP = rf"[^,;:.|“”\"]+?(?=[,;:.|“”\"]|\s+{_MEDIUM_END}\s|$)"
_UTTERANCE = lexicon.alternation(lexicon.word_list("speech", "utterances"))
_CARRIED = lexicon.alternation(lexicon.word_list("speech", "carried_by"))
_ADDRESSING = lexicon.alternation(lexicon.word_list("speech", "addressing"))
_OCCASION = lexicon.alternation(lexicon.word_list("speech", "occasions"))
_SOURCES = (
    re.compile(r"\baccording to " + _NP, re.I),
    re.compile(
        rf"\b(?:in|during) {_UTTERANCE}(?: {_CARRIED} by| with| to| on| in)? " + _NP,
        re.I,
    ),
    re.compile(rf"\b{_ADDRESSING} " + _NP, re.I),
    re.compile(rf"\b(?:at|during) an? [^,;:|“”\"]*?\b{_OCCASION}\b", re.I),
    re.compile(r"\bin a (?:statement|speech|interview)\b", re.I),
)
_MEDIA = re.compile(rf"\b{lexicon.alternation(lexicon.word_list('speech', 'media'))}\b", re.I)


def source_in(context: str, speaker_text: str) -> str:
    """The medium or occasion the words were said in ("told Russia's Sputnik news agency")."""
    for pattern in _SOURCES:
        for match in pattern.finditer(context):
            phrase = match.group(0).strip(" ,.")
            if speaker_text and phrase.endswith(speaker_text):
                continue
            if phrase.lower().startswith("told ") and not (
                re.search(r"\b[A-Z]", phrase[5:]) or _MEDIA.search(phrase)
            ):
                continue
            return phrase
    return ""


def date_in(context: str) -> str:
    match = _DATE.search(context)
    return match.group(1) if match else ""
