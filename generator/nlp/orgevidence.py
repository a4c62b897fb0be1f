"""What in an article's text shows a name to be an organisation's: it speaks or acts ("Halifax
said"), has staff or a spokesman ("an REM spokesman"), is named with its kind ("box office
tracker Exhibitor Relations", "Sputnik news agency"), is where someone works ("head of sales at
Universal"), is listed with bodies ("Yahoo, Ask Jeeves and other firms"); and what shows it is
not: it only describes a thing ("the PALM trial"), or is an agency credited ("Reuters
contributed to this report").

Pure functions over a spaCy Doc; only `analyse` loads spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.nlp.entities import doc_text
from generator.nlp.orgcandidates import KIND_NOUNS, MEMBER_NOUNS, OrgMention, list_members

ACTING_VERBS = lexicon.words("orgnames", "acting_verbs")

NOT_HEADS = lexicon.words("orgnames", "not_heads")

WORKPLACE_PREPOSITIONS = frozenset({"at", "of", "for", "with", "from"})

PERSON_TOKENS = "dossier.person_tokens"

_CREDIT_LINE = re.compile(
    rf"^\s*(?:©|\(c\)|(?:{lexicon.alternation(lexicon.word_list('credits', 'credit_lines'))})(?!\w))",
    re.I,
)
_DATELINE_START = re.compile(r"^[^\W\d][^,(]*,[^(]*\d[^(]*\($")  # "Washington, 17 Apr ("
_DATELINE_END = re.compile(r"\s*\)\s*(?:--|—|–|-)")
_DATELINE_LENGTH = 60  # characters from the paragraph's start to the bracket: "City, date ("


def remember_people(doc: Doc, mentions: Iterable[OrgMention]) -> None:
    """Keep the indexes of the tokens of every person's mention with the Doc, for the rules
    that ask whether a word names a person ("Yahoo's Yonca Brunini")."""
    out: set[int] = set()
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    doc.user_data[PERSON_TOKENS] = frozenset(out)


def is_person_token(token: Token) -> bool:
    found = token.doc.user_data.get(PERSON_TOKENS)
    return isinstance(found, frozenset) and token.i in found


def in_a_credit_line(doc: Doc, m: OrgMention) -> bool:
    """ "Reuters contributed to this report", "Beijing, 3 Feb (Xinhua) --", "Copyright 2002 The
    Daily Post", "Author: AFP": an agency or a publisher credited, not an organisation named."""
    text = doc_text(doc)
    if _in_a_dateline_bracket(text, m) or _in_a_credit_paragraph(text, m):
        return True
    span = tokens_of(doc, m)
    if span is None:
        return False
    verb = span.root.head
    return span.root.dep_ == "nsubj" and verb.lemma_ == "contribute"


def _in_a_credit_paragraph(text: str, m: OrgMention) -> bool:
    """Whether the mention is in a line that starts with a credit's word ("Copyright", "©",
    "Author:")."""
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    return bool(_CREDIT_LINE.match(line))


def _in_a_dateline_bracket(text: str, m: OrgMention) -> bool:
    """ "Washington, 17 Apr (Xinhua) -- A farce ...": the agency in brackets after a place and a
    date, before the dateline's dash, at the start of its paragraph."""
    start = text.rfind("\n", 0, m.start) + 1
    before, after = text[start : m.start], text[m.end : m.end + 6]
    return (
        len(before) <= _DATELINE_LENGTH
        and bool(_DATELINE_START.match(before))
        and bool(_DATELINE_END.match(after))
    )


def owns(doc: Doc, m: OrgMention) -> bool:
    """ "the Pentagon's review": a seat of government that has something is a body."""
    span = tokens_of(doc, m)
    return span is not None and span.root.dep_ == "poss"


def owns_as_a_body(doc: Doc, m: OrgMention) -> bool:
    """ "Apple's offerings", "Sony's third entry": a one-word name the model tags as an
    organisation that has something, not a person's own ("Apple's boss" is `acts`); a
    name of more words may be a person's the model got wrong ("JK Rowling's fifth book")."""
    span = tokens_of(doc, m)
    return (
        span is not None
        and len(span) == 1
        and span.root.dep_ == "poss"
        and span.root.ent_type_ == "ORG"
        and not is_person_token(span.root.head)
    )


def tokens_of(doc: Doc, m: OrgMention) -> SpacySpan | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def acts(doc: Doc, m: OrgMention, strong: bool = False) -> bool:
    """The text treats the name as a body: it speaks or acts, has members or staff, is named
    with its kind, or is where someone works. `strong`: only what a person's name never has
    (staff after it, its kind before it, people working at it)."""
    span = tokens_of(doc, m)
    if span is None:
        return False
    root = span.root
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in {"'s", "’s"} and span.end + 1 < len(doc):
        after = doc[span.end + 1]
        if not strong and (is_person_token(after) or after.lower_ in MEMBER_NOUNS):
            return True
    if (
        after is not None
        and after.lower_ in MEMBER_NOUNS
        and after.pos_ in {"NOUN", "PROPN"}
        and after.is_lower
    ):
        return True
    if (
        not strong
        and root.dep_ in {"nsubj", "nsubjpass"}
        and root.head.lemma_.casefold() in ACTING_VERBS
    ):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.lower_ in KIND_NOUNS
        and before.is_lower
        and before.dep_ in {"compound", "amod"}
        and span.start <= before.head.i < span.end
    ):
        return True  # "rival Kestrel", not "told the newspaper John Smith was ..."
    last = span[-1]
    if last.dep_ == "compound" and last.head.i >= span.end and last.head.lemma_ in KIND_NOUNS:
        return True  # "Russia's Sputnik news agency"
    if not strong and root.dep_ in {"dobj", "dative"} and root.head.lemma_ == "tell":
        return True  # "told the Observer"
    if root.dep_ == "pobj" and _such_as_a_kind(root.head):
        return True
    if not strong and root.dep_ == "poss" and is_person_token(root.head):
        return True  # "Yahoo's Yonca Brunini"
    if not strong and root.dep_ == "nsubj" and _is_one_of_a_kind(root.head):
        return True
    prepositions = {"at"} if strong else WORKPLACE_PREPOSITIONS | {"by"}
    return root.dep_ == "pobj" and root.head.lower_ in prepositions and _works_there(root.head)


def _such_as_a_kind(preposition: Token) -> bool:
    """ "giants of the technology world such as Microsoft": listed as examples of a kind."""
    if preposition.lower_ not in {"as", "like"}:
        return False
    head = preposition.head
    for _ in range(3):  # "giants of the technology world such as ..."
        if head.lemma_.casefold() in KIND_NOUNS:
            return True
        if head.dep_ not in {"pobj", "prep", "amod"} or head.head.i == head.i:
            return False
        head = head.head
    return False


def _is_one_of_a_kind(verb: Token) -> bool:
    """ "Microsoft is one of the net giants", "Zentrix is a rival": said to be of a kind."""
    if verb.lemma_ != "be":
        return False
    for attr in (c for c in verb.children if c.dep_ == "attr"):
        nouns = [attr] + [p for t in attr.children if t.lower_ == "of" for p in t.children]
        if any(n.lemma_.casefold() in KIND_NOUNS for n in nouns):
            return True
    return False


def _works_there(preposition: Token) -> bool:
    """ "head of distribution at Universal", "Paul Dergarabedian of Exhibitor Relations"."""
    head = preposition.head
    for _ in range(3):
        if is_person_token(head) or head.lemma_.casefold() in MEMBER_NOUNS:
            return True
        if head.dep_ not in {"pobj", "prep"} or head.head.i == head.i:
            return False
        head = head.head
    return False


def listed_with(doc: Doc, m: OrgMention, bodies: Iterable[OrgMention]) -> bool:
    """ "Yahoo, Ask Jeeves and Amazon", "X and other firms": in a list with a body (one of
    `bodies`) or with a noun of a body's kind."""
    span = tokens_of(doc, m)
    if span is None:
        return False
    members = list_members(span.root)
    if any(t.lemma_.casefold() in KIND_NOUNS and t.pos_ == "NOUN" for t in members):
        return True
    ends = {span.end - 1 for span in (tokens_of(doc, b) for b in bodies) if span is not None}
    return any(t.i in ends for t in members)


def modifies_a_thing(doc: Doc, m: OrgMention) -> bool:
    """ "the PALM trial", "his State of the Union address", "by 1200 GMT": the name only
    describes a thing, or is a unit after a number."""
    span = tokens_of(doc, m)
    if span is None:
        return False
    last = span[-1]
    if span.start > 0 and doc[span.start - 1].like_num and len(span) == 1:
        return True
    return last.dep_ == "compound" and last.head.lower_ in NOT_HEADS and last.head.i >= span.end
