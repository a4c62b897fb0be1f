"""The roles of a person in one article: a title written before the name ("State Department
spokesman Matthew Miller") and a role in apposition after it ("Elena Petrova, the head of ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from generator import lexicon
from generator.model import Claim
from generator.nlp.layout import Layout
from generator.nlp.mentions import COURTESY, Mention, doc_text

ROLE_WORDS = lexicon.words("roles", "role_words")
_APPOSITION_END = lexicon.alternation(lexicon.word_list("roles", "apposition_ends"))
_APPOSITION = re.compile(
    r"^(?:\s*\([^)]{1,12}\))?,\s+(?P<role>(?:the\s+|a\s+|an\s+|his\s+|her\s+|then[- ]|former\s+|"
    rf"[A-Z][\w’'.-]*[’']s\s+|[a-z][\w-]*\s+)[^,;:“”\"()]{{2,90}}?)(?=,|\.\s|\.$|;|\s+{_APPOSITION_END}\b)"
)
_LEAD_ROLE_STOP = lexicon.words("roles", "lead_stop_words")
_ROLE_BREAKS = frozenset(',().:;“”"') | {"\n\n"}  # a role read before a name stops at these


def person_roles(doc: Doc, layout: Layout, mentions: Sequence[Mention]) -> list[Claim]:
    """The roles one person's mentions give them, each once, with the words it was read from."""
    out: dict[str, Claim] = {}
    for m in mentions:
        for role_text, start, end in _role_texts(doc, layout.text, m):
            role = _tidy_role(role_text)
            if role and role.casefold() not in {r.casefold() for r in out}:
                out[role] = Claim(role, layout.span(start, end))
    return list(out.values())


def _role_texts(doc: Doc, text: str, m: Mention) -> list[tuple[str, int, int]]:
    found = []
    after = text[m.end : m.end + 160]
    if after.startswith(("’s", "'s")):
        after = ""
    match = _APPOSITION.match(after)
    if match and _has_role_word(match.group("role")):
        role = match.group("role")
        start = m.end + match.start("role")
        found.append((role, start, start + len(role)))
    lead = _leading_role(doc, m)
    if lead:
        found.append(lead)
    return found


def _leading_role(doc: Doc, m: Mention) -> tuple[str, int, int] | None:
    """The title written before the name: "State Department spokesman Matthew Miller"."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    i = first.start - 1
    tokens: list[Token] = []
    while (
        i >= 0
        and doc[i].text not in _ROLE_BREAKS
        and not doc[i].is_space
        and doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "PUNCT", "ADP", "DET", "PART"}
        and len(tokens) < 8
    ):
        if doc[i].pos_ == "DET" or (doc[i].pos_ == "ADP" and doc[i].lower_ != "of"):
            break
        tokens.insert(0, doc[i])
        i -= 1
    while tokens and tokens[-1].lower_.rstrip(".") in COURTESY:
        tokens.pop()  # "Qantas boss Mr Dixon": the role is "Qantas boss"
    of = next((n for n, t in enumerate(tokens) if t.lower_ == "of"), None)
    if (
        of is not None
        and not any(_has_role_word(t.text) for t in tokens[:of])
        and not _inside_a_name(tokens, of)
    ):
        tokens = tokens[of + 1 :]
    while tokens and (
        tokens[0].lower_ in _LEAD_ROLE_STOP
        or tokens[0].pos_ == "PUNCT"
        or tokens[0].text in {"’s", "'s"}
    ):
        tokens = tokens[1:]
    if not tokens or not any(
        t.lower_.strip("-") in ROLE_WORDS or t.lower_.split("-")[-1] in ROLE_WORDS for t in tokens
    ):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return doc_text(doc)[start:end], start, end


def _inside_a_name(tokens: list[Token], of: int) -> bool:
    """Whether "of" joins two capitalised words of one name ("Royal Bank of Scotland",
    "University of Chicago"), so that the role keeps the whole name."""
    return (
        0 < of < len(tokens) - 1
        and tokens[of - 1].text[:1].isupper()
        and tokens[of + 1].text[:1].isupper()
    )


def _has_role_word(text: str) -> bool:
    return any(
        w.strip("’'s.,").lower() in ROLE_WORDS or w.lower().split("-")[-1] in ROLE_WORDS
        for w in text.split()
    )


def _tidy_role(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] if text else ""
