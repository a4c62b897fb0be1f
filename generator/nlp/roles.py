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
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.model import Claim
from generator.nlp.entities import doc_text
from generator.nlp.layout import Layout
from generator.nlp.mentions import COURTESY, Mention

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
_PLURAL = {"NNS", "NNPS"}
_DANGLING = re.compile(
    r"(?:\s+" + lexicon.alternation(lexicon.word_list("roles", "lead_stop_words")) + r")+$", re.I
)
_LEAD_ROLE_STOP = lexicon.words("roles", "lead_stop_words")
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PUNCT", "ADP", "DET", "PART"})
_ROLE_BREAKS = frozenset(',().:;“”"?!') | {"\n\n"}  # a role read before a name stops at these
_DATELINE_DASHES = frozenset({"--", "—", "–"})


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
        if match:
            start = m.end + match.start("role")
            role = _before_a_clause(doc, start, m.end + match.end("role"))
            if role and _is_role(role):
                found.append((role, start, start + len(role)))
    found.extend(_leading_roles(doc, m))
    return found


def _before_a_clause(doc: Doc, start: int, end: int) -> str:
    """The words of a role read after a name up to a verb ("head of sales, said", "Tanzanian
    President Ben Kuna calls him ..."); "" when they end on another person's name (the next item
    of a list, not a role)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    tokens = []
    for token in span:
        if token.pos_ in {"VERB", "AUX"} and token.tag_ not in {"VBN", "VBG"}:
            break
        tokens.append(token)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens or tokens[-1].ent_type_ == "PERSON":
        return ""
    return doc_text(doc)[start : tokens[-1].idx + len(tokens[-1].text)]


def _leading_roles(doc: Doc, m: Mention) -> list[tuple[str, int, int]]:
    """The titles written before the name: "State Department spokesman Matthew Miller"; a plural
    one before a list of names is each one's ("Senators Ann Lee, Tom Hale and Ed Ray")."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None:
        return []
    tokens = _title_tokens(doc, first.start)
    if not tokens:
        tokens = [t for t in _title_tokens(doc, _list_head(first)) if t.tag_ in _PLURAL]
        tokens = tokens[-1:]
    out = []
    for chunk in _titles(tokens):
        if any(_is_role_token(t) for t in chunk) and not _qualifies_a_later_noun(chunk[-1], first):
            start, end = chunk[0].idx, chunk[-1].idx + len(chunk[-1].text)
            out.append((_singular(doc_text(doc)[start:end], chunk[-1]), start, end))
    return out


def _qualifies_a_later_noun(last: Token, name: SpacySpan) -> bool:
    """ "the secretary's official Kent house": the title's last word an adjective of a noun
    after the name, no title of it."""
    return last.pos_ == "ADJ" and last.dep_ == "amod" and last.head.i >= name.end


def _list_head(name: SpacySpan) -> int:
    """The first token of the first name of the list `name` is an item of ("Ann Lee, Tom Hale
    and Ed Ray" -> Ann), or the name's own first token."""
    token = name.root
    while token.dep_ == "conj" and token.head is not token and token.head.ent_type_ == "PERSON":
        token = token.head
    if token is name.root:
        return name.start
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return start if token.doc[start].ent_type_ == "PERSON" else name.start


def _singular(role: str, last: Token) -> str:
    """ "Representatives" -> "Representative": a plural title, of one of the people it names."""
    if last.tag_ in _PLURAL and _singular_word(last.text).lower() in ROLE_WORDS:
        return role[: len(role) - len(last.text)] + _singular_word(last.text)
    return role


def _singular_word(word: str) -> str:
    """ "Representatives" -> "Representative", "Secretaries" -> "Secretary"."""
    if word.lower().endswith("ies"):
        return word[:-3] + "y"
    if word.lower().endswith(("ches", "shes", "sses")):
        return word[:-2]
    return word[:-1] if word.lower().endswith("s") else word


def _title_tokens(doc: Doc, at: int) -> list[Token]:
    """The words before the name at token `at` that may be its title, within its sentence."""
    if at == 0 or doc[at].is_sent_start:
        return []
    i = at - 1
    tokens: list[Token] = []
    while (
        i >= 0
        and doc[i].text not in _ROLE_BREAKS
        and not doc[i].is_space
        and (doc[i].pos_ in _TITLE_POS or _is_time_word(doc[i]))
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
    dash = max((n for n, t in enumerate(tokens) if _is_a_spaced_dash(t)), default=-1)
    tokens = tokens[dash + 1 :]  # "WASHINGTON -- President Bush": the dateline is no title
    while tokens and (
        tokens[0].lower_ in _LEAD_ROLE_STOP
        or tokens[0].pos_ == "PUNCT"
        or tokens[0].text in {"’s", "'s"}
        or _is_a_time_of_the_sentence(tokens[0])
    ):
        tokens = tokens[1:]
    return tokens


def _is_a_spaced_dash(token: Token) -> bool:
    """A dash with spaces around it ("WASHINGTON -- President"), not one inside a name
    ("Export–Import Bank")."""
    before = token.doc[token.i - 1] if token.i else None
    return (
        token.text in _DATELINE_DASHES
        and bool(token.whitespace_)
        and bool(before is not None and before.whitespace_)
    )


def _is_a_time_of_the_sentence(token: Token) -> bool:
    """A day or an adverb of the sentence before a title, not part of it: "criticised on
    Monday President Bush", "Earlier Tory leader Michael Howard". The time words of a role
    ("former", "then-") stay."""
    if token.lower_.strip("-") in TIME_WORDS:
        return False
    return (
        token.ent_type_ in {"DATE", "TIME"}
        or token.pos_ == "ADV"
        or (token.dep_ == "advmod" and token.head.pos_ in {"VERB", "AUX"})
    )


def _is_time_word(token: Token) -> bool:
    """ "then" of "then-Defence Secretary", "Acting" (tagged a verb) of "Acting President"; not
    an adverb of the verb before it ("he was then Mayor Pick's deputy")."""
    return token.lower_.strip("-") in TIME_WORDS and not (
        token.dep_ == "advmod" and token.head.pos_ in {"VERB", "AUX"}
    )


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
    plural = token.tag_ in _PLURAL and _singular_word(token.text).lower() in ROLE_WORDS
    return plural or low in ROLE_WORDS or low.split("-")[-1] in ROLE_WORDS


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
    text = _DANGLING.sub("", text)  # "adviser to the White House and" ends on "House"
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    text = _one_of(text)
    return text[:1].upper() + text[1:] if text else ""
