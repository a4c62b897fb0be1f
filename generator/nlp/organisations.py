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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import Claim, OrgRef, PersonRef
from generator.nlp.entities import entities
from generator.nlp.layout import Layout
from generator.nlp.names import is_given_name
from generator.nlp.orgcandidates import (
    INSTITUTIONS,
    NAME_WORDS,
    OrgMention,
    candidates,
    is_acronym,
    is_known_body,
    kind_by_words,
    org_mention,
)
from generator.nlp.orgevidence import (
    NOT_HEADS,
    acts,
    in_a_credit_line,
    listed_with,
    modifies_a_thing,
    owns,
    owns_as_a_body,
    remember_people,
    tokens_of,
)
from generator.text import literal_spans, slug

SEATS = frozenset(
    k for k in INSTITUTIONS if k in {s.casefold() for s in lexicon.word_list("places", "seats")}
)

GENERIC_NAMES = lexicon.words("orgnames", "generic_names")
# WordNet's nouns whose usual sense is a person ("bishop", "chairman"): "the Bishop said" names
# a person by a title, not a body.
PERSON_NOUNS = lexicon.words("nounkinds", "persons")
_GOVERNMENT = re.compile(r"^(?P<country>.+?)\s+(?:Government|government|Administration)$")


def organisation_refs(doc: Doc, layout: Layout, people: Sequence[PersonRef]) -> tuple[OrgRef, ...]:
    """The organisations of one article, in order of first mention."""
    person_words = _person_words(people)
    remember_people(doc, _person_candidates(layout, people, every=True))
    found = [
        replace(m, person=_is_person_name(m, person_words))
        for m in (
            *candidates(doc),
            *_person_candidates(layout, people),
            *_unclaimed_names(doc, person_words),
        )
    ]
    found = [
        m for m in found if (m.person or _may_be_organisation(m)) and not in_a_credit_line(doc, m)
    ]
    groups = _grouped(found)
    addressed = _addressed_names(people)
    kept = [
        g
        for g in groups
        if (_is_body_named_like_a_person(doc, g, addressed) if g.is_person else True)
        and _is_organisation(doc, g)
    ]
    while True:  # "Yahoo, Ask Jeeves and Amazon": listed with a body, a body too
        listed = [
            g
            for g in groups
            if g not in kept
            and not g.is_person
            and any(listed_with(doc, m, [b for k in kept for b in k.mentions]) for m in g.mentions)
        ]
        if not listed:
            break
        kept += listed
    return _refs(layout, sorted(kept, key=lambda g: min(m.start for m in g.mentions)))


def _person_candidates(
    layout: Layout, people: Sequence[PersonRef], every: bool = False
) -> list[OrgMention]:
    """The mentions of the article's people, which the text may show to be bodies ("Burisma",
    "Team GB", "rival Zentrix")."""
    index = {block.id: n for n, block in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        if ref.kind != "subject" or not (every or _may_name_a_body(ref.name)):
            continue
        for span in ref.mentions:
            start = layout.starts[index[span.block]] + span.start
            name = re.sub(r"['’]s$", "", span.text)
            out.append(OrgMention(start, start + len(name), name, name, person=True))
    return out


def _unclaimed_names(doc: Doc, person_words: frozenset[str]) -> list[OrgMention]:
    """One-word names the model tags as people's that no person of the article goes by and
    that are no given names ("oil giant Yukos"): taken as names people go by, which the text
    must show to be a body's."""
    out = []
    for ent in entities(doc):
        if ent.label_ != "PERSON":
            continue
        m = org_mention(ent)
        if (
            m is not None
            and " " not in m.name
            and m.name not in person_words
            and not is_given_name(m.name)
            and _may_be_organisation(m)
        ):
            out.append(replace(m, person=True))
    return out


def _may_name_a_body(name: str) -> bool:
    """One word ("Burisma") or words of a body's name ("Team GB"): not a person's full name,
    whose mentions stay the person's even beside a body named after them ("Doris Day" and the
    "Doris Day Animal Foundation")."""
    words = name.split()
    return (
        len(words) == 1
        or kind_by_words(name.casefold()) != "other"
        or any(w.casefold() in NAME_WORDS for w in words)
    )


def _is_body_named_like_a_person(doc: Doc, group: _Group, addressed: frozenset[str]) -> bool:
    """A name the people of the article go by that the text shows to be a body: it is part of
    a longer name of one ("Burisma" of "Burisma Holdings"), holds a word of a body's kind ("Team
    GB"), or has staff, a kind noun before it or people working at it, and nobody with that
    name has an honorific or a role."""
    if any(w in addressed for w in group.name.split()):
        return False
    fullest = [m for m in group.mentions if m.name == group.name]
    words = group.name.split()
    if (
        any(not m.person for m in fullest)
        and len(words) > 1
        and any(w.casefold() in NAME_WORDS for w in words)
    ):
        return True
    if kind_by_words(group.name) != "other":
        return True
    return any(acts(doc, m, strong=True) for m in group.mentions)


# -- candidates ---------------------------------------------------------------------------------


def _person_words(people: Sequence[PersonRef]) -> frozenset[str]:
    """Every name a person of the article goes by, and each word of their names."""
    out = set()
    for ref in people:
        for name in (ref.name, *ref.aliases):
            out.add(name)
            out.update(w for w in name.split() if w[:1].isupper())
    return frozenset(out)


def _is_person_name(m: OrgMention, person_words: frozenset[str]) -> bool:
    words = m.name.split()
    return (
        m.person
        or m.name in person_words
        or (len(words) > 1 and " ".join(words[-2:]) in person_words)
    ) and m.name.casefold() not in INSTITUTIONS


def _addressed_names(people: Sequence[PersonRef]) -> frozenset[str]:
    """Names of people whom the text gives an honorific or a role: people, whatever else."""
    out: set[str] = set()
    for ref in people:
        if ref.roles or any(a != ref.name and a.endswith(ref.name) for a in ref.aliases):
            out.update(w for n in (ref.name, *ref.aliases) for w in n.split())
    return frozenset(out)


_LOWER_CASE_PREFIX = re.compile(
    rf"{lexicon.alternation(lexicon.word_list('orgnames', 'lower_case_prefixes'))}-"
)


def _may_be_organisation(m: OrgMention) -> bool:
    """Not a country, a city, a country's government, an award, an event, a law or a show."""
    g = gazetteer()
    words = m.name.split()
    if m.name.casefold() in INSTITUTIONS:
        return True
    if m.name.casefold() in GENERIC_NAMES:
        return False  # "the Government": a body not named
    if _LOWER_CASE_PREFIX.match(m.name):
        return False  # "pre-Budget", "anti-War": a prefix of a common word, no name's start
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
        full = [n for n in self.names if not is_acronym(n)] or self.names
        longest = max(full, key=lambda n: (len(n.split()), len(n)))
        return _owner_of_products(longest, [m.name for m in self.mentions]) or longest

    @property
    def is_person(self) -> bool:
        return any(m.person for m in self.mentions)

    @property
    def acronyms(self) -> list[str]:
        found = [m.acronym for m in self.mentions if m.acronym]
        return list(dict.fromkeys(found + [n for n in self.names if is_acronym(n)]))


def _owner_of_products(longest: str, names: list[str]) -> str | None:
    """ "Apple" of "Apple" (five times) and "the Apple iPod" (once): the shorter name that
    begins the longest, written more often, when the words after it are capitalised words of
    no body ("iPod", "Net Minidisc"): a product or a brand of the organisation, not its name.
    "Burisma Holdings" and "House of Representatives" keep their whole names."""
    words = longest.split()
    for n in range(len(words) - 1, 0, -1):
        short = " ".join(words[:n])
        rest = words[n:]
        if (
            names.count(short) > names.count(longest)
            and all(any(c.isupper() for c in w) for w in rest)
            and not any(w.casefold().strip(".") in NAME_WORDS for w in rest)
            and kind_by_words(" ".join(rest)) == "other"
        ):
            return short
    return None


def _grouped(mentions: Sequence[OrgMention]) -> list[_Group]:
    """Mentions of the same organisation together: the same name, an acronym introduced in
    brackets or made of the name's initials, a shorter form that begins the name ("Burisma"),
    or the name without the country before it ("Senate", "US Senate")."""
    groups: list[_Group] = []
    index = _GroupIndex()
    for mention in sorted(mentions, key=lambda m: -len(m.name.split())):
        homes = [i for i in index.candidates(mention) if _same_organisation(groups[i], mention)]
        if homes:
            home = max(homes, key=lambda i: len(groups[i].mentions))
            groups[home].mentions.append(mention)
        else:
            home = len(groups)
            groups.append(_Group([mention]))
        index.add(home, mention)
    return sorted(groups, key=lambda g: min(m.start for m in g.mentions))


class _GroupIndex:
    """The groups a mention may join, found by the keys `_same_organisation` compares (names,
    acronyms, initials, runs of words at either end), so that grouping thousands of names does
    not compare each with every group; `_same_organisation` still decides."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], set[int]] = defaultdict(set)

    def add(self, group: int, m: OrgMention) -> None:
        words = tuple(m.name.split())
        keys: list[tuple[str, ...]] = [("name", m.name), ("untitled", _untitled(m.name))]
        keys += [("initials", initials(m.name)), ("initials", initials(m.name, small=True))]
        keys += [("acronym", a) for a in (m.acronym, m.name if is_acronym(m.name) else "") if a]
        keys += [("head", *words[:n]) for n in range(1, len(words))]
        keys += [("tail", *words[-n:]) for n in range(1, len(words))]
        for key in keys:
            self.keys[key].add(group)

    def candidates(self, m: OrgMention) -> list[int]:
        words = tuple(m.name.split())
        keys: list[tuple[str, ...]] = [("untitled", _untitled(m.name)), ("head", *words)]
        keys.append(("tail", *words))
        keys += [("acronym", a) for a in (m.acronym, m.name) if a]
        keys += [("initials", m.name)]
        if " " not in m.name:
            keys += [("name", m.name + "s"), ("name", m.name.removesuffix("s"))]
        found: set[int] = set()
        for key in keys:
            found |= self.keys.get(key, set())
        return sorted(found)


def _same_organisation(group: _Group, m: OrgMention) -> bool:
    if _untitled(m.name) in {_untitled(n) for n in group.names}:
        return True
    if m.acronym and m.acronym in group.acronyms:
        return True
    if " " not in m.name and any(
        n in {m.name + "s", m.name.removesuffix("s")} for n in group.names
    ):
        return True  # "Conservative" and "Conservatives"
    if is_acronym(m.name):
        return m.name in group.acronyms or any(
            m.name in {initials(n), initials(n, small=True)} for n in group.names
        )
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


def _untitled(name: str) -> str:
    return name.removeprefix("The ")


def initials(name: str, small: bool = False) -> str:
    """ "World Health Organization" -> "WHO": the capitals that begin its capitalised words;
    `small`: with the small words' first letters too ("Bank of England" -> "BoE")."""
    words = [w for w in re.split(r"[\s–-]+", name) if w[:1].isupper() or (small and w)]
    if sum(w[:1].isupper() for w in words) < 2:
        return ""
    return "".join(w[0] for w in words)


# -- evidence -----------------------------------------------------------------------------------


def _is_organisation(doc: Doc, group: _Group) -> bool:
    name = group.name
    key = name.casefold()
    if _is_a_title(doc, group):
        return False
    things = sum(modifies_a_thing(doc, m) for m in group.mentions)
    if (
        things
        and 2 * things >= len(group.mentions)
        and not any(acts(doc, m) for m in group.mentions)
    ):
        return False
    if key in INSTITUTIONS or any(m.acronym for m in group.mentions):
        return key not in SEATS or any(acts(doc, m) or owns(doc, m) for m in group.mentions)
    if is_acronym(name) or group.acronyms or is_known_body(key):
        return not all(modifies_a_thing(doc, m) for m in group.mentions)
    if any(w.casefold().strip(".") in NAME_WORDS for w in name.split()[-1:]):
        return True
    if len(name.split()) > 1 and kind_by_words(name) != "other":
        return not all(modifies_a_thing(doc, m) for m in group.mentions)
    return any(acts(doc, m) or owns_as_a_body(doc, m) for m in group.mentions)


def _is_a_title(doc: Doc, group: _Group) -> bool:
    """ "the Bishop said": one word whose usual sense is a person, always after "the"."""
    key = group.name.casefold()
    if " " in key or key not in PERSON_NOUNS or is_known_body(key) or key in INSTITUTIONS:
        return False
    spans = [tokens_of(doc, m) for m in group.mentions]
    return all(s is not None and s.start > 0 and doc[s.start - 1].lower_ == "the" for s in spans)


# -- the refs -----------------------------------------------------------------------------------


def _refs(layout: Layout, groups: Sequence[_Group]) -> tuple[OrgRef, ...]:
    text = layout.text
    taken: set[tuple[int, int]] = set()
    refs = []
    keys: set[str] = set()
    for group in groups:
        found = {(m.start, m.end): m.surface for m in group.mentions}
        aliases = dict.fromkeys([*(m.surface for m in group.mentions), *group.acronyms])
        for start, end in _recurring(text, [*group.names, *group.acronyms, *_singulars(group)]):
            if not any(s <= start < e for s, e in found):
                found[(start, end)] = text[start:end]
        spans = sorted(k for k in found if k not in taken)
        taken.update(spans)
        if not spans:
            continue
        name = group.name
        key = _unique_key(slug(name), keys)
        kind = kind_of(name)
        # a bloc has members, not a country: "Shanghai" in its name names no owner
        countries = [] if kind == "international" else _countries(layout, group)
        refs.append(
            OrgRef(
                key=key,
                name=name,
                aliases=tuple(a for a in aliases if a != name) or (name,),
                mentions=tuple(layout.span(s, e) for s, e in spans),
                kind=kind,
                countries=tuple(countries),
            )
        )
    return tuple(refs)


def _singulars(group: _Group) -> list[str]:
    """ "Conservative" for "the Conservatives": a party's member, as its name's adjective."""
    return [
        n.removesuffix("s")
        for n in group.names
        if " " not in n and n.endswith("s") and kind_of(n) == "party"
    ]


def _recurring(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    return literal_spans(text, names)


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
    kind = kind_by_words(name)
    if kind == "international" and gazetteer().state_code(name.split()[0]):
        return "government"  # a state's own council or commission: "Russian Security Council"
    return kind


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
