"""Candidate names of organisations in an article, from the model's entities and the syntax:
the ORG entities cleaned ("the", possessives, an acronym in brackets cut off, words the model
left out put back), names of other labels only a body has ("Conservatives", "Kremlin"), names
listed with an organisation ("Yahoo, Ask Jeeves, Amazon"), and untagged names the syntax shows
to be bodies ("Russia's Sputnik news agency", "told the Clarion").

Pure functions over a spaCy Doc; only `analyse` loads spaCy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.nlp.entities import doc_text, entities, with_lower
from generator.nlp.names import untagged_proper_nouns

KIND_WORDS = lexicon.word_groups("orgnames", "kind_words")

MEMBER_NOUNS = lexicon.words("orgnames", "member_nouns") | lexicon.words("roles", "role_words")

KIND_NOUNS = lexicon.words("orgnames", "kind_nouns") | lexicon.words("organisations", "kinds")

NAME_WORDS = lexicon.words("organisations", "name_words")

INSTITUTIONS = lexicon.word_table("places", "institutions")

_KIND_PATTERNS = {
    kind: re.compile(rf"(?<![\w-]){lexicon.alternation(words)}(?![\w-])")
    for kind, words in KIND_WORDS.items()
}

CANDIDATE_LABELS = frozenset({"ORG"})

CONNECTORS = lexicon.words("orgnames", "connectors")
ROLE_WORDS = lexicon.words("roles", "role_words")

COMMITTEES = frozenset({"committee", "committees"})
KEY_WORDS = NAME_WORDS | COMMITTEES

_KEY_IDS = frozenset(get_string_id(w) for w in KEY_WORDS)

NOT_SUBJECTS = frozenset({"DATE", "TIME", "PERSON", "GPE", "LOC", "CARDINAL", "ORDINAL"})

OTHER_LABELS = frozenset({"NORP", "FAC", "GPE", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT"})


@dataclass(frozen=True)
class OrgMention:
    start: int  # offsets in the layout's joined text
    end: int
    name: str  # the name without "the", possessive or bracketed acronym
    surface: str  # the string as the text writes it (a capital "The" kept)
    acronym: str = ""  # an acronym introduced in brackets right after the name
    person: bool = False  # a mention of a name the people of the article go by


def candidates(doc: Doc) -> list[OrgMention]:
    out = []
    for ent in entities(doc):
        if ent.label_ in CANDIDATE_LABELS or (
            ent.label_ in OTHER_LABELS and _named_like_an_organisation(ent)
        ):
            mention = org_mention(ent)
            if mention is not None:
                out.append(mention)
                out += _listed_after(ent)
    return out + _untagged_bodies(doc)


def _untagged_bodies(doc: Doc) -> list[OrgMention]:
    """Names the model left untagged that the syntax shows to be bodies: "Russia's Sputnik
    news agency" (a name before its kind noun), "told the Clarion" (a name with "the" that was
    told something)."""
    text = doc_text(doc)
    keyed = _keyed_tokens(doc)  # "Bank", "committees"
    out = _untagged_named_bodies(keyed) + _committees(keyed)
    for token in untagged_proper_nouns(doc):
        if not token.text[:1].isupper():
            continue
        head = token.head
        kind = token.dep_ == "compound" and head.i > token.i and head.lemma_ in KIND_NOUNS
        told = (
            token.dep_ in {"dobj", "dative"}
            and head.lemma_ == "tell"
            and any(c.lower_ == "the" for c in token.children)
        )
        if (kind or told) and not token.is_sent_start:
            first = token
            while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and not first.nbor(-1).ent_type_:
                first = first.nbor(-1)
            start, end = first.idx, token.idx + len(token.text)
            out.append(OrgMention(start, end, text[start:end], text[start:end]))
    return out


def _keyed_tokens(doc: Doc) -> list[Token]:
    """The tokens whose lower case is one of KEY_WORDS, found in the Doc's array of lower-case
    forms rather than by making every Token."""
    return [doc[i] for i in with_lower(doc, _KEY_IDS)]


def _committees(tokens: list[Token]) -> list[OrgMention]:
    """ "the House's committees on Foreign Affairs, Intelligence, and Oversight and Reform":
    each capitalised subject after "committee(s) on" names a committee ("Committee on
    Intelligence"), the subject as the text writes it."""
    out = []
    for token in tokens:
        if token.lower_ not in COMMITTEES:
            continue
        text = doc_text(token.doc)
        for prep in (c for c in token.children if c.lower_ in {"on", "for"}):
            for item in _list_items(prep):
                start, end = item.start_char, item.end_char
                name = f"Committee {prep.lower_} {text[start:end]}"
                out.append(OrgMention(start, end, name, text[start:end]))
    return out


def _list_items(preposition: Token) -> list[SpacySpan]:
    """The capitalised names a preposition governs, one or a list ("Foreign Affairs,
    Intelligence, and Oversight and Reform"), each the entity it is in or its compound."""
    doc = preposition.doc
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        return []
    tokens = [objects[0], *(t for t in objects[0].subtree if t.dep_ == "conj")]
    out: list[SpacySpan] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.ent_type_ in NOT_SUBJECTS:
            continue  # "the committee on Monday"
        if out and out[-1].start <= token.i < out[-1].end:
            continue
        if token.ent_iob_ in {"B", "I"}:
            span = next(e for e in entities(doc) if e.start <= token.i < e.end)
        else:
            span = doc[
                token.left_edge.i if token.left_edge.dep_ == "compound" else token.i : token.i + 1
            ]
        out.append(span)
    return out


def _untagged_named_bodies(tokens: list[Token]) -> list[OrgMention]:
    """ "African Export–Import Bank president Okey Oramah": capitalised words the model left
    untagged that end in a word of a body's name (`tokens`: the words of body names of a Doc)
    and say its kind."""
    out = []
    for token in tokens:
        doc = token.doc
        if (
            token.ent_type_
            or not token.text[:1].isupper()
            or (token.i + 1 < len(doc) and _joins_words(doc[token.i + 1]))
        ):
            continue
        first, joined = token, False  # words joined by a dash are one, whatever their tags
        while first.i > 0 and not first.is_sent_start:
            before = first.nbor(-1)
            if _joins_words(before) and before.i > 0 and _is_capital(before.nbor(-1), True):
                first, joined = before.nbor(-1), True
            elif _is_capital(before, joined):
                first = before
            else:
                break
        if first.i == token.i:
            continue
        start, end = first.idx, token.idx + len(token.text)
        text = doc_text(doc)
        if kind_by_words(text[start:end]) != "other":
            out.append(OrgMention(start, end, text[start:end], text[start:end]))
    return out


def _is_capital(token: Token, tagged: bool = False) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and (tagged or not token.ent_type_)
        and token.pos_ in {"PROPN", "ADJ", "NOUN"}
    )


def _joins_words(token: Token) -> bool:
    """A hyphen or a dash written between two words without spaces ("Export–Import")."""
    return (
        token.text in {"-", "–", "&"}
        and not token.whitespace_
        and token.i > 0
        and not token.nbor(-1).whitespace_
    )


def _listed_after(ent: SpacySpan) -> list[OrgMention]:
    """Names in a list with an organisation that the model left untagged ("Yahoo, Ask Jeeves,
    Amazon and ...")."""
    out: list[OrgMention] = []
    text = doc_text(ent.doc)
    if ent[-1].pos_ == "ADP":
        return out
    for token in list_members(ent.root):
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_:
            continue
        first = token
        while (
            first.i > 0
            and first.nbor(-1).text[:1].isupper()
            and first.nbor(-1).is_alpha
            and not first.nbor(-1).ent_type_
            and not first.is_sent_start
        ):
            first = first.nbor(-1)
        start, end = first.idx, token.idx + len(token.text)
        out.append(OrgMention(start, end, text[start:end], text[start:end]))
    return out


def list_members(token: Token) -> list[Token]:
    """The other members of the list ("X, Y and Z") a token is in."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    members = [top] + [t for t in top.subtree if t.dep_ == "conj" and _in_chain(t, top)]
    return [t for t in members if t.i != token.i]


def _in_chain(token: Token, top: Token) -> bool:
    while token.i != top.i:
        if token.dep_ != "conj":
            return False
        token = token.head
    return True


def _named_like_an_organisation(ent: SpacySpan) -> bool:
    """ "Conservatives", "Democrats", "Kremlin", "Ridgeback Biotherapeutics": a name of
    another label that only an organisation (or a seat of government) has."""
    key = bare(ent.text).casefold()
    if key in INSTITUTIONS or is_known_body(key):
        return True
    return (
        ent.label_ in {"PERSON", "PRODUCT", "WORK_OF_ART", "NORP"}
        and len(key.split()) > 1
        and kind_by_words(key) != "other"
    )


def is_known_body(key: str) -> bool:
    """A name that is, as a whole, one of the kind words ("nato", "hamas", "conservatives")."""
    return any(key in words for words in KIND_WORDS.values())


def org_mention(ent: SpacySpan) -> OrgMention | None:
    """The entity as an organisation's name: leading "the" and numbers, a possessive and
    trailing punctuation cut; "World Health Organization (WHO" -> name and acronym."""
    tokens = _widened(list(ent))
    while tokens and (tokens[0].lower_ == "the" or tokens[0].like_num or tokens[0].is_punct):
        if tokens[0].text == "The":
            break
        tokens = tokens[1:]
    acronym = ""
    if "(" in [t.text for t in tokens]:
        at = [t.text for t in tokens].index("(")
        inside = [t.text for t in tokens[at + 1 :] if t.text != ")"]
        acronym = inside[0] if len(inside) == 1 and is_acronym(inside[0]) else ""
        tokens = tokens[:at]
    while len(tokens) > 1 and tokens[-1].lower_ in ROLE_WORDS:
        tokens = tokens[:-1]  # "State Department Spokesperson": the body, not its spokesman
    while tokens and (
        tokens[-1].text in {"'s", "’s", "'", "’"}
        or not tokens[-1].text[:1].isalnum()
        or tokens[-1].lower_ in {"of", "and", "the", "for"}
    ):
        tokens = tokens[:-1]
    if not tokens:
        return None
    tokens = _with_and_tail(tokens)
    acronym = acronym or _bracketed_after(tokens[-1])
    if is_acronym(tokens[0].text) and len(tokens) == 1 and _explains_lowercase_words(tokens[0]):
        return None
    text = doc_text(ent.doc)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = text[start:end]
    name = re.sub(r"^The\s+", "", surface)
    if not _is_plausible_name(name):
        return None
    if name != surface and ent[0].text == "The" and kind_by_words(name.casefold()) == "media":
        name = surface  # "The New York Times": a paper's "The" is its title's own
    if tokens[0].text == "The" and tokens[0].is_sent_start and len(tokens) > 1:
        start = tokens[1].idx  # the sentence's "The", kept in the name as written only
    return OrgMention(start, end, name, surface, acronym)


def _is_plausible_name(name: str) -> bool:
    """Capitalised words, joined by a few small ones ("Bank of England"), no line break."""
    words = name.split()
    return (
        0 < len(words) <= 10
        and "\n" not in name
        and any(c.isupper() for c in words[0])
        and all(any(c.isupper() or c.isdigit() for c in w) or w in CONNECTORS for w in words)
        and not any(_ends_a_sentence(w) for w in words[:-1])
    )


def _ends_a_sentence(word: str) -> bool:
    """ "Jay-Z." inside a name: a full stop after a word, not an abbreviation ("U.S.", "Co.")."""
    return word.endswith(".") and len(word) > 4 and "." not in word[:-1]


def _widened(tokens: list[Token]) -> list[Token]:
    """The entity with the capitalised words the model left out around it: "Liberal" +
    "Democrats", "Fair Trials" + "Abroad", "The" + "Guardian"."""
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while first > 0 and _name_word_left_out(doc[first - 1]):
        first -= 1
    if first > 0 and doc[first - 1].text == "The" and doc[first].text != "The":
        first -= 1
    while (
        last + 1 < len(doc)
        and doc[last].text not in {"'s", "’s"}
        and _name_word_left_out(doc[last + 1])
    ):
        last += 1
    if last + 2 < len(doc) and doc[last + 1].lower_ == "of" and _name_word_left_out(doc[last + 2]):
        last += 2  # "the United States House" + "of Representatives"
        while last + 1 < len(doc) and _name_word_left_out(doc[last + 1]):
            last += 1
    return list(doc[first : last + 1])


def _name_word_left_out(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and not token.is_sent_start
        and token.ent_type_ == ""
        and token.pos_ in {"PROPN", "ADJ", "ADV"}
        and token.lower_ not in MEMBER_NOUNS
    )


def _bracketed_after(token: Token) -> str:
    """ "USA Gymnastics (USAG)": the acronym in brackets right after the name."""
    doc = token.doc
    if token.i + 3 < len(doc) and doc[token.i + 1].text == "(" and doc[token.i + 3].text == ")":
        inside = doc[token.i + 2].text
        return inside if is_acronym(inside) else ""
    return ""


def _explains_lowercase_words(token: Token) -> bool:
    """ "Ebola virus disease (EVD)": an acronym in brackets after words in lower case."""
    doc = token.doc
    return token.i > 1 and doc[token.i - 1].text == "(" and doc[token.i - 2].is_lower


def _with_and_tail(tokens: list[Token]) -> list[Token]:
    """ "National Institute of Allergy" + "and Infectious Diseases": a name the model cut at its
    "and", when the words after it are capitalised and no entity of their own."""
    doc = tokens[0].doc
    last = tokens[-1]
    if not {"of", "for"} & {t.lower_ for t in tokens} or last.i + 2 >= len(doc):
        return tokens
    if doc[last.i + 1].lower_ != "and":
        return tokens
    extra = []
    for token in doc[last.i + 2 : last.i + 6]:
        if not token.text[:1].isupper() or token.ent_type_ or token.is_sent_start:
            break
        extra.append(token)
    return [*tokens, doc[last.i + 1], *extra] if extra else tokens


@functools.lru_cache(maxsize=8192)  # asked of the same names again and again
def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "").replace("-", "")
    capitals = sum(c.isupper() for c in letters)
    return 2 <= len(letters) <= 8 and letters.isalnum() and capitals >= max(2, len(letters) - 2)


def bare(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s?$", "", text)


@functools.lru_cache(maxsize=8192)  # asked of the same names again and again
def kind_by_words(name: str) -> str:
    key = name.casefold()
    for kind, pattern in _KIND_PATTERNS.items():
        if pattern.search(key):
            return kind
    return "other"
