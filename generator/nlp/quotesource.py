"""The medium, occasion and date of a quotation, read from the writer's words around it.

"told Russia's Sputnik news agency", "at an Aug. 5 press briefing", "in remarks carried by local
media outlets", "according to Russian state media outlets"; "Speaking on Aug. 6" -> "Aug. 6".
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"\b({_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|"
    rf"(?:last\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today)\b"
)
_NP = r"[^,;:.|“”\"]+?(?=[,;:.|“”\"]|\s+(?:on|at|in|during|after|before|that|when|as)\s|$)"
_SOURCES = (
    re.compile(r"\baccording to " + _NP, re.I),
    re.compile(
        r"\b(?:in|during) (?:remarks|comments|an interview|a speech|a statement|an address|"
        r"a message|a post|a letter|an article|an op-ed)(?: (?:carried|reported|published|"
        r"broadcast|released|issued|posted|quoted) by| with| to| on| in)? " + _NP,
        re.I,
    ),
    re.compile(
        r"\b(?:told|speaking to|talking to|quoted by|writing in|wrote in|interviewed by|"
        r"posted on|wrote on) " + _NP,
        re.I,
    ),
    re.compile(
        r"\b(?:at|during) an? [^,;:|“”\"]*?\b(?:briefing|conference|meeting|summit|rally|"
        r"event|hearing|session|ceremony|forum|gathering|debate)\b",
        re.I,
    ),
    re.compile(r"\bin a (?:statement|speech|interview)\b", re.I),
)
_MEDIA = re.compile(
    r"\b(?:news|agency|agencies|media|outlets?|television|tv|radio|newspaper|paper|"
    r"programme|program|channel|network|magazine|website|journal|broadcaster)\b",
    re.I,
)


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
