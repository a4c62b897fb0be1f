"""The organisations an article names: the model's ORG entities (and seats of government used as
actors), cleaned ("the", possessives, an acronym in brackets cut off), kept when the name or the
text shows an organisation, grouped by organisation (acronyms, shorter forms), then found wherever
their names recur.

An entity is kept when its name says so (a word of an organisation's kind: "Ministry",
"University", "Holdings"; an acronym; an institution of the gazetteer) or when the text makes it
act as one somewhere: the subject of a verb bodies use ("Halifax said"), a name with a member
noun after it ("an REM spokesman", "Google vice-president"), a kind noun before it ("box office
tracker Exhibitor Relations"), where a person works ("head of distribution at Universal"), or
listed with another organisation. Countries, cities, people of the article, awards, events,
laws and shows are not organisations, nor is a country's government ("the British Government").

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import Claim, OrgRef, PersonRef
from generator.nlp.layout import Layout
from generator.nlp.mentions import doc_text
from generator.text import slug

KIND_WORDS = lexicon.word_groups("orgnames", "kind_words")
ACTING_VERBS = lexicon.words("orgnames", "acting_verbs")
MEMBER_NOUNS = lexicon.words("orgnames", "member_nouns") | lexicon.words("roles", "role_words")
NOT_HEADS = lexicon.words("orgnames", "not_heads")
KIND_NOUNS = lexicon.words("orgnames", "kind_nouns") | lexicon.words("organisations", "kinds")
NAME_WORDS = lexicon.words("organisations", "name_words")
INSTITUTIONS = lexicon.word_table("places", "institutions")
SEATS = frozenset(
    k for k in INSTITUTIONS if k in {s.casefold() for s in lexicon.word_list("places", "seats")}
)
WORKPLACE_PREPOSITIONS = frozenset({"at", "of", "for", "with", "from"})
_GOVERNMENT = re.compile(r"^(?P<country>.+?)\s+(?:Government|government|Administration)$")
_KIND_PATTERNS = {
    kind: re.compile(rf"(?<![\w-]){lexicon.alternation(words)}(?![\w-])")
    for kind, words in KIND_WORDS.items()
}
CANDIDATE_LABELS = frozenset({"ORG"})
OTHER_LABELS = frozenset({"NORP", "FAC", "GPE", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT"})


@dataclass(frozen=True)
class OrgMention:
    start: int  # offsets in the layout's joined text
    end: int
    name: str  # the name without "the", possessive or bracketed acronym
    surface: str  # the string as the text writes it (a capital "The" kept)
    acronym: str = ""  # an acronym introduced in brackets right after the name


def organisation_refs(doc: Doc, layout: Layout, people: Sequence[PersonRef]) -> tuple[OrgRef, ...]:
    """The organisations of one article, in order of first mention."""
    person_words = _person_words(people)
    candidates = [m for m in _candidates(doc) if _may_be_organisation(m, person_words)]
    groups = _grouped(candidates)
    kept = [g for g in groups if _is_organisation(doc, g, groups)]
    return _refs(doc, layout, kept, person_words)


# -- candidates ---------------------------------------------------------------------------------


def _candidates(doc: Doc) -> list[OrgMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ in CANDIDATE_LABELS or (
            ent.label_ in OTHER_LABELS and _named_like_an_organisation(ent.text)
        ):
            mention = org_mention(ent)
            if mention is not None:
                out.append(mention)
    return out


def _named_like_an_organisation(text: str) -> bool:
    """ "Conservatives", "Democrats", "Kremlin": a name of another label that only an
    organisation (or a seat of government) has."""
    key = _bare(text).casefold()
    return key in INSTITUTIONS or is_known_body(key)


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
        acronym = inside[0] if len(inside) == 1 and _is_acronym(inside[0]) else ""
        tokens = tokens[:at]
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
    if _is_acronym(tokens[0].text) and len(tokens) == 1 and _explains_lowercase_words(tokens[0]):
        return None
    text = doc_text(ent.doc)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = text[start:end]
    name = re.sub(r"^The\s+", "", surface)
    if not any(c.isupper() for c in name.split()[0]) or "\n" in name:
        return None
    if tokens[0].text == "The" and tokens[0].is_sent_start and len(tokens) > 1:
        start = tokens[1].idx  # the sentence's "The", kept in the name as written only
    return OrgMention(start, end, name, surface, acronym)


def _widened(tokens: list[Token]) -> list[Token]:
    """The entity with the capitalised words the model left out around it: "Liberal" +
    "Democrats", "Fair Trials" + "Abroad", "The" + "Guardian"."""
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while first > 0 and _name_word_left_out(doc[first - 1]):
        first -= 1
    if first > 0 and doc[first - 1].text == "The" and doc[first].text != "The":
        first -= 1
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
        return inside if _is_acronym(inside) else ""
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
    if "of" not in [t.lower_ for t in tokens] or last.i + 2 >= len(doc):
        return tokens
    if doc[last.i + 1].lower_ != "and":
        return tokens
    extra = []
    for token in doc[last.i + 2 : last.i + 6]:
        if not token.text[:1].isupper() or token.ent_type_ or token.is_sent_start:
            break
        extra.append(token)
    return [*tokens, doc[last.i + 1], *extra] if extra else tokens


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "").replace("-", "")
    capitals = sum(c.isupper() for c in letters)
    return 2 <= len(letters) <= 8 and letters.isalnum() and capitals >= max(2, len(letters) - 2)


def _bare(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s?$", "", text)


def _person_words(people: Sequence[PersonRef]) -> frozenset[str]:
    """Every name a person of the article goes by, and each word of their names."""
    out = set()
    for ref in people:
        for name in (ref.name, *ref.aliases):
            out.add(name)
            out.update(w for w in name.split() if w[:1].isupper())
    return frozenset(out)


def _may_be_organisation(m: OrgMention, person_words: frozenset[str]) -> bool:
    """Not a person of the article, a country, a city, a country's government, an award, an
    event, a law or a show."""
    g = gazetteer()
    words = m.name.split()
    if m.name in person_words or (len(words) > 1 and " ".join(words[-2:]) in person_words):
        return m.name.casefold() in INSTITUTIONS
    if m.name.casefold() in INSTITUTIONS:
        return True
    if g.code_of(m.name) or m.name in {"Union", "State"}:
        return False
    government = _GOVERNMENT.match(m.name)
    if government and g.code_of(government.group("country")):
        return False
    if words[-1].casefold() in NOT_HEADS or m.name.casefold() in NOT_HEADS:
        return False
    return not (len(words) == 1 and g.kind_of(m.name) == "demonym")


# -- grouping -----------------------------------------------------------------------------------


@dataclass
class _Group:
    mentions: list[OrgMention]

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(m.name for m in self.mentions))

    @property
    def name(self) -> str:
        full = [n for n in self.names if not _is_acronym(n)] or self.names
        return max(full, key=lambda n: (len(n.split()), len(n)))

    @property
    def acronyms(self) -> list[str]:
        found = [m.acronym for m in self.mentions if m.acronym]
        return list(dict.fromkeys(found + [n for n in self.names if _is_acronym(n)]))


def _grouped(mentions: Sequence[OrgMention]) -> list[_Group]:
    """Mentions of the same organisation together: the same name, an acronym introduced in
    brackets or made of the name's initials, a shorter form that begins the name ("Burisma"),
    or the name without the country before it ("Senate", "US Senate")."""
    groups: list[_Group] = []
    for mention in sorted(mentions, key=lambda m: -len(m.name.split())):
        homes = [g for g in groups if _same_organisation(g, mention)]
        home = max(homes, key=lambda g: len(g.mentions)) if homes else None
        if home is None:
            groups.append(_Group([mention]))
        else:
            home.mentions.append(mention)
    return sorted(groups, key=lambda g: min(m.start for m in g.mentions))


def _same_organisation(group: _Group, m: OrgMention) -> bool:
    if m.name in group.names or (m.acronym and m.acronym in group.acronyms):
        return True
    if _is_acronym(m.name):
        return m.name in group.acronyms or any(initials(n) == m.name for n in group.names)
    words = m.name.split()
    for name in group.names:
        longer = name.split()
        if len(words) >= len(longer):
            continue
        if longer[: len(words)] == words:
            return True
        country = " ".join(longer[: len(longer) - len(words)])
        if longer[-len(words) :] == words and gazetteer().code_of(country):
            return True
    return False


def initials(name: str) -> str:
    """ "World Health Organization" -> "WHO": the capitals that begin its capitalised words."""
    words = [w for w in re.split(r"[\s–-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


# -- evidence -----------------------------------------------------------------------------------


def _is_organisation(doc: Doc, group: _Group, groups: Sequence[_Group]) -> bool:
    name = group.name
    key = name.casefold()
    if key in INSTITUTIONS or any(m.acronym for m in group.mentions):
        return key not in SEATS or any(_acts(doc, m) for m in group.mentions)
    if _is_acronym(name) or group.acronyms or is_known_body(key):
        return not all(_modifies_a_thing(doc, m) for m in group.mentions)
    if any(w.casefold().strip(".") in NAME_WORDS for w in name.split()[-1:]):
        return True
    if len(name.split()) > 1 and _kind_by_words(name) != "other":
        return not all(_modifies_a_thing(doc, m) for m in group.mentions)
    return any(_acts(doc, m) or _listed_with(doc, m, groups) for m in group.mentions)


def _tokens(doc: Doc, m: OrgMention) -> SpacySpan | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _acts(doc: Doc, m: OrgMention) -> bool:
    """The text treats the name as a body: it speaks or acts, has members or staff, is named
    with its kind, or is where someone works."""
    span = _tokens(doc, m)
    if span is None:
        return False
    root = span.root
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in {"'s", "’s"} and span.end + 1 < len(doc):
        after = doc[span.end + 1]
        if after.ent_type_ == "PERSON" or after.lower_ in MEMBER_NOUNS:
            return True
    if (
        after is not None
        and after.lower_ in MEMBER_NOUNS
        and after.pos_ in {"NOUN", "PROPN"}
        and after.is_lower
    ):
        return True
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.casefold() in ACTING_VERBS:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in KIND_NOUNS and before.is_lower:
        return True
    if root.dep_ in {"dobj", "dative"} and root.head.lemma_ == "tell":
        return True  # "told the Observer"
    if root.dep_ == "pobj" and _such_as_a_kind(root.head):
        return True
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in WORKPLACE_PREPOSITIONS | {"by"}
        and _works_there(root.head)
    )


def _such_as_a_kind(preposition: Token) -> bool:
    """ "giants of the technology world such as Microsoft": listed as examples of a kind."""
    if preposition.lower_ not in {"as", "like"}:
        return False
    head = preposition.head
    if head.lower_ == "such":
        head = head.head
    return head.lemma_.casefold() in KIND_NOUNS


def _works_there(preposition: Token) -> bool:
    """ "head of distribution at Universal", "Paul Dergarabedian of Exhibitor Relations"."""
    head = preposition.head
    for _ in range(3):
        if head.ent_type_ == "PERSON" or head.lower_ in MEMBER_NOUNS:
            return True
        if head.dep_ not in {"pobj", "prep"} or head.head is head:
            return False
        head = head.head
    return False


def _listed_with(doc: Doc, m: OrgMention, groups: Sequence[_Group]) -> bool:
    """ "Hotbot and Altavista", "Google, Yahoo and Microsoft": in a list with a named body."""
    span = _tokens(doc, m)
    if span is None:
        return False
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [t for t in root.children if t.dep_ == "conj"]
    others = {n for g in groups if _strongly_named(g) for n in g.names}
    return any(_bare(t.text) in others for t in linked)


def _strongly_named(group: _Group) -> bool:
    return any(w.casefold() in NAME_WORDS for w in group.name.split()) or bool(group.acronyms)


def _modifies_a_thing(doc: Doc, m: OrgMention) -> bool:
    """ "the PALM trial", "his State of the Union address": the name only describes a thing."""
    span = _tokens(doc, m)
    if span is None:
        return False
    root = span.root
    return root.dep_ == "compound" and root.head.lower_ in NOT_HEADS and root.head.i >= span.end


# -- the refs -----------------------------------------------------------------------------------


def _refs(
    doc: Doc, layout: Layout, groups: Sequence[_Group], person_words: frozenset[str]
) -> tuple[OrgRef, ...]:
    text = layout.text
    taken: set[tuple[int, int]] = set()
    refs = []
    keys: set[str] = set()
    for group in groups:
        found = {(m.start, m.end): m.surface for m in group.mentions}
        aliases = dict.fromkeys([*(m.surface for m in group.mentions), *group.acronyms])
        for start, end in _recurring(text, [*group.names, *group.acronyms]):
            if not any(s <= start < e for s, e in found):
                found[(start, end)] = text[start:end]
        spans = sorted(k for k in found if k not in taken)
        taken.update(spans)
        if not spans:
            continue
        name = group.name
        key = _unique_key(slug(name), keys)
        refs.append(
            OrgRef(
                key=key,
                name=name,
                aliases=tuple(a for a in aliases if a != name) or (name,),
                mentions=tuple(layout.span(s, e) for s, e in spans),
                kind=kind_of(name),
                countries=tuple(_countries(layout, group)),
            )
        )
    del doc, person_words
    return tuple(refs)


def _recurring(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        return []
    pattern = re.compile(rf"(?<![\w-]){lexicon.alternation(names)}(?![\w-])")
    return [m.span() for m in pattern.finditer(text)]


def _unique_key(key: str, used: set[str]) -> str:
    base, n = key or "organisation", 2
    key = base
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    return key


def kind_of(name: str) -> str:
    """government, party, armed_group, company, international, media, sport, education,
    religious, ngo or other, from the words of the name."""
    kind = _kind_by_words(name)
    return kind


def _kind_by_words(name: str) -> str:
    key = name.casefold()
    for kind, pattern in _KIND_PATTERNS.items():
        if pattern.search(key):
            return kind
    return "other"


def _countries(layout: Layout, group: _Group) -> list[Claim]:
    """The country the name itself gives ("Russian Foreign Ministry", "US Senate") or the one
    the gazetteer's institutions give it ("Pentagon"), with the mention it was read from."""
    g = gazetteer()
    for m in group.mentions:
        words = m.name.split()
        for n in (3, 2, 1):
            code = g.code_of(" ".join(words[:n])) if len(words) > n else None
            if code:
                return [Claim(code, layout.span(m.start, m.end))]
        code = INSTITUTIONS.get(m.name.casefold())
        if code:
            return [Claim(code, layout.span(m.start, m.end))]
    return []
