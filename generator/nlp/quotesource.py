"""The medium, occasion and date of a quotation, read from the writer's words around it.

"told Russia's Sputnik news agency", "at an Aug. 5 press briefing", "in remarks carried by local
media outlets", "according to Russian state media outlets"; "Speaking on Aug. 6" -> "Aug. 6".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

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
_AT_OCCASION = re.compile(rf"\b(?:at|during) an? [^,;:|“”\"]*?\b{_OCCASION}\b", re.I)
_SOURCES = (
    re.compile(r"\baccording to " + _NP, re.I),
    re.compile(
        rf"\b(?:in|during) {_UTTERANCE}(?: {_CARRIED} by| with| to| on| in)? " + _NP,
        re.I,
    ),
    re.compile(rf"\b{_ADDRESSING} " + _NP, re.I),
    _AT_OCCASION,
    re.compile(r"\bin a (?:statement|speech|interview)\b", re.I),
)
_MEDIA = re.compile(rf"\b{lexicon.alternation(lexicon.word_list('speech', 'media'))}\b", re.I)


def source_in(context: str, speaker_text: str) -> str:
    """The medium or occasion the words were said in ("told Russia's Sputnik news agency")."""
    for pattern in _SOURCES:
        for found in _found(pattern, context):
            phrase = found.strip(" ,.")
            if speaker_text and phrase.endswith(speaker_text):
                continue
            if phrase.lower().startswith("told ") and not (
                re.search(r"\b[A-Z]", phrase[5:]) or _MEDIA.search(phrase)
            ):
                continue
            return phrase
    return ""


def _found(pattern: re.Pattern[str], context: str) -> Iterator[str]:
    """What `pattern.finditer(context)` finds, in order."""
    if pattern is _AT_OCCASION:
        yield from _occasions(context)
    else:
        yield from (match.group(0) for match in pattern.finditer(context))


_OPENING = re.compile(r"\b(?:at|during) an? ", re.I)  # _AT_OCCASION's first words
_OCCASION_AT = re.compile(rf"(?=\b{_OCCASION}\b)", re.I)
_OCCASION_WORD = re.compile(rf"\b{_OCCASION}\b", re.I)
_BREAK = re.compile(r"[,;:|“”\"]")  # what _AT_OCCASION's words between cannot cross


def _occasions(context: str) -> Iterator[str]:
    """What `_AT_OCCASION.finditer(context)` finds ("at an Aug. 5 press briefing"): from each
    "at a", the first occasion word before the next break. The pattern itself reads on to the
    break from every "at a" that has none, which grows with the square of a long sentence of
    them; here the breaks and the occasion words are listed once and found by bisect."""
    breaks = [m.start() for m in _BREAK.finditer(context)]
    words = [m.start() for m in _OCCASION_AT.finditer(context)]
    at = 0
    while (opening := _OPENING.search(context, at)) is not None:
        after = opening.end()
        n = bisect.bisect_left(breaks, after)
        stop = breaks[n] if n < len(breaks) else len(context)
        k = bisect.bisect_left(words, after)
        word = _OCCASION_WORD.match(context, words[k]) if k < len(words) else None
        if word is None or words[k] >= stop:
            at = opening.start() + 1
            continue
        yield context[opening.start() : word.end()]
        at = word.end()


def date_in(context: str) -> str:
    match = _DATE.search(context)
    return match.group(1) if match else ""
