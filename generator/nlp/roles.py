"""The roles of a person in one article: a title written before the name ("State Department
spokesman Matthew Miller"), a role in apposition after it ("Elena Petrova, the head of ..."), and
a role stated by a predicate ("Ann Lee is the chief executive of Lumen").

A role keeps its time words ("former", "then-", "acting"); a run of titles before a name holds one
role per title ("Democratic challenger former Vice President Joe Bell"); family relations
("grandson of ...") are no roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from generator import lexicon
from generator.model import Claim
from generator.nlp.layout import Layout
from generator.nlp.mentions import COURTESY, Mention, doc_text

RELATIONS = lexicon.words("roles", "relations")
ROLE_WORDS = lexicon.words("roles", "role_words") - RELATIONS
TIME_WORDS = lexicon.words("roles", "time_words")
_APPOSITION_END = lexicon.alternation(lexicon.word_list("roles", "apposition_ends"))
_ROLE_TAIL = rf"[^,;:“”\"()?!]{{2,90}}?)(?=,|\.\s|\.$|;|\s+{_APPOSITION_END}\b)"
_APPOSITION = re.compile(
    r"^(?:\s*\([^)]{1,12}\))?,\s+(?P<role>(?:the\s+|a\s+|an\s+|his\s+|her\s+|then[- ]|former\s+|"
    rf"[A-Z][\w’'.-]*[’']s\s+|[A-Z][\w.-]*\s+|[a-z][\w-]*\s+){_ROLE_TAIL}"
)
_PREDICATE = re.compile(
    rf"^\s+(?:{lexicon.alternation(lexicon.word_list('roles', 'role_predicates'))})\s+"
    rf"(?P<role>(?:the|an?|his|her)\s+{_ROLE_TAIL}"
)
_LEAD_ROLE_STOP = lexicon.words("roles", "lead_stop_words")
_ROLE_BREAKS = frozenset(',().:;“”"?!') | {"\n\n"}  # a role read before a name stops at these


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
    for pattern in (_APPOSITION, _PREDICATE):
        match = pattern.match(after)
        if match and _is_role(match.group("role")):
            role = match.group("role")
            start = m.end + match.start("role")
            found.append((role, start, start + len(role)))
    found.extend(_leading_roles(doc, m))
    return found


def _leading_roles(doc: Doc, m: Mention) -> list[tuple[str, int, int]]:
    """The titles written before the name: "State Department spokesman Matthew Miller"."""
    tokens = _title_tokens(doc, m)
    out = []
    for chunk in _titles(tokens):
        if any(_is_role_token(t) for t in chunk):
            start, end = chunk[0].idx, chunk[-1].idx + len(chunk[-1].text)
            out.append((doc_text(doc)[start:end], start, end))
    return out


def _title_tokens(doc: Doc, m: Mention) -> list[Token]:
    """The words before the name that may be its title, within its sentence."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None or first.start == 0 or first[0].is_sent_start:
        return []
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
        if doc[i].is_sent_start:
            break
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
    return tokens


def _titles(tokens: list[Token]) -> list[list[Token]]:
    """A run of words before a name cut into titles: a new one starts at a time word after a role
    word ("challenger | former Vice President") and at a capitalised title after a lower-case
    noun ("AU chairperson | President", "his Chinese counterpart | Minister Li")."""
    chunks: list[list[Token]] = []
    for n, token in enumerate(tokens):
        previous = tokens[n - 1] if n else None
        starts = previous is not None and (
            (token.lower_.rstrip("-") in TIME_WORDS and previous.lower_ not in TIME_WORDS)
            or (
                (_is_role_token(previous) or previous.pos_ == "NOUN")
                and previous.is_lower
                and token.text[:1].isupper()
                and _is_role_token(token)
            )
        )
        if starts or not chunks:
            chunks.append([token])
        else:
            chunks[-1].append(token)
    return chunks


def _is_role_token(token: Token) -> bool:
    low = token.lower_.strip("-")
    return low in ROLE_WORDS or low.split("-")[-1] in ROLE_WORDS


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


def _is_role(text: str) -> bool:
    """Whether a phrase after a name is a role: it holds a role word, and is not a relation
    ("grandson of the Ayatollah")."""
    words = re.findall(r"[\w-]+", text.lower())
    before_of = words[: words.index("of")] if "of" in words else words
    return _has_role_word(text) and not any(w in RELATIONS for w in before_of)


def _one_of(text: str) -> str:
    """ "one of the minister's aides" -> "minister's aide": the role each of them holds."""
    match = re.match(r"one of (?:the\s+)?(.+?)s$", text, flags=re.I)
    if match and match.group(1).split()[-1].lower() in ROLE_WORDS:
        return match.group(1)
    return text


def _tidy_role(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    text = _one_of(text)
    return text[:1].upper() + text[1:] if text else ""
