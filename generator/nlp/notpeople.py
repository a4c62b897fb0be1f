"""Names taken for people that the article shows to be something else: organisations (the
organisation evidence of `organisations`: "Burisma" of "Burisma Holdings", "rival Zentrix"),
media and works ("wrote on Twitter", "the Holy Grail of search", "blockbusters such as Saving
Private Ryan and Forrest Gump", "Oscar" beside "Oscars") and places ("the towns of Beni, Mangina
and Katwa"). A person the text gives an honorific or a role stays a person.

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from wordfreq import zipf_frequency

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import OrgRef, PersonRef
from generator.nlp.entities import doc_text
from generator.nlp.layout import Layout
from generator.nlp.mentions import COURTESY
from generator.nlp.namedthings import (
    is_a_market_position,
    is_a_place,
    is_in_a_work_title,
    is_listed_with_things,
    is_named_as_a_company,
    is_read_from_a_plural,
    is_spelled_out,
    names_a_market_position,
)
from generator.nlp.names import is_a_given_persons_name, is_common_word, is_given_name
from generator.nlp.orgcandidates import KIND_NOUNS, list_members
from generator.nlp.speech import PERSONAL_PRONOUNS
from generator.text import literal_trie_pattern

WORK_NOUNS = lexicon.words("orgnames", "work_nouns")
WRITING_VERBS = lexicon.words("orgnames", "writing_verbs")
THING_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT"})
# WordNet's nouns of things and bodies ("toy", "firm", "wine") with the kinds of bodies, and
# its nouns of people ("son", "striker", "novelist", "nominee"). Nouns of works that are
# people's too ("nominee") name no work; the kinds of bodies ("publisher", "owner") name
# people as well, so only WordNet's things stand before a name with a given name as its.
WORDNET_THINGS = lexicon.words("nounkinds", "things")
THING_NOUNS = WORDNET_THINGS | KIND_NOUNS
PERSON_NOUNS = lexicon.words("nounkinds", "persons") - THING_NOUNS
THING_WORKS = WORK_NOUNS - PERSON_NOUNS
THINGS_NOT_PERSONS = WORDNET_THINGS - lexicon.words("nounkinds", "persons")
_THINGS_BY_GIVEN_NAME = {True: WORDNET_THINGS | THING_WORKS, False: THING_NOUNS | THING_WORKS}
_WORKS_OR_THINGS = WORK_NOUNS | THINGS_NOT_PERSONS  # unions made once, not for every name
TAGGED_THINGS = THING_LABELS | {"WORK_OF_ART", "EVENT", "LAW"}
# A word at least this common in English, in a name of which no word is a given name, is a
# word of a title ("Desperate Housewives", "Smart Tags"), not of a person's name.
TITLE_WORD_ZIPF = 3.0
# "Zafi-D", "Sasser-B2": a word, a dash and a short code of capitals and digits, a product's
# or a virus's version; no one is named so.
PRODUCT_SHAPE = re.compile(r"^[A-Za-z]+-[A-Z0-9]{1,2}$")
# "Christmases", "Watches": a sibilant's plural, its singular a common word.
SIBILANT_PLURAL = re.compile(r"(?:s|x|z|ch|sh)es$")


def people_only(
    doc: Doc, layout: Layout, people: Sequence[PersonRef], organisations: Sequence[OrgRef]
) -> tuple[PersonRef, ...]:
    """The people of the article without those the text shows to be no person."""
    org_names = {n for o in organisations for n in (o.name, *o.aliases)}
    sentence_starts = {s.start_char for s in doc.sents}
    plurals = _names_also_plural(doc_text(doc), [p.name for p in people if " " not in p.name])
    index = {block.id: n for n, block in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        spans = [
            doc.char_span(
                layout.starts[index[s.block]] + s.start,
                layout.starts[index[s.block]] + s.end,
                alignment_mode="expand",
            )
            for s in ref.mentions
        ]
        tokens = [s for s in spans if s is not None]
        if ref.kind != "subject" or (_is_addressed(ref) and not _only_in_titles(tokens)):
            out.append(ref)
            continue
        if ref.name in org_names or _has_a_things_shape(ref.name):
            continue
        if tokens and (ref.name in plurals or _is_no_person(tokens)):
            continue
        if _is_a_thing_by_its_words(ref, tokens, org_names, sentence_starts):
            continue
        out.append(ref)
    return tuple(out)


def _only_in_titles(spans: list[SpacySpan]) -> bool:
    """ "Jonathan Strange and Mr Norrell by Susanna Clarke": every mention inside a work's
    title, where an honorific is the title's word, not the text's."""
    return bool(spans) and all(is_in_a_work_title(s) for s in spans)


def _has_a_things_shape(name: str) -> bool:
    """A product's version ("Zafi-D") or a common noun's plural ("Christmases")."""
    words = name.split()
    if any(PRODUCT_SHAPE.match(w) for w in words):
        return True
    return (
        len(words) == 1
        and SIBILANT_PLURAL.search(name) is not None
        and not is_given_name(name)
        and is_common_word(name[:-2])
    )


def _is_addressed(ref: PersonRef) -> bool:
    """A role, or an honorific before the name ("Mr Smith"): a person, whatever else. A "role"
    that is a thing's or a body's kind ("one of the country's whisky firms") is none."""
    return any(
        not _names_a_thing(r.value)
        and not _ends_in_a_persons_name(r.value)
        and not is_read_from_a_plural(r)
        for r in ref.roles
    ) or any(a.split()[0].lower().rstrip(".") in COURTESY for a in ref.aliases if a.strip())


def _ends_in_a_persons_name(role: str) -> bool:
    """ "aviation analyst Jane Doe": a description of someone else, whose full name ends it."""
    words = role.split()
    return (
        len(words) > 2
        and any(w.islower() for w in words[:-2])
        and all(w[:1].isupper() for w in words[-2:])
        and is_given_name(words[-2])
    )


def _names_a_thing(role: str) -> bool:
    if names_a_market_position(role):
        return True
    words = role.split()
    last = words[-1].casefold() if words else ""
    return last in THING_NOUNS or last.removesuffix("s") in THING_NOUNS


def _is_no_person(spans: list[SpacySpan]) -> bool:
    return (
        all(_is_medium(s) for s in spans)
        or all(_has_an_article(s) or _is_before_a_country(s) for s in spans)
        or all(_is_among_things(s) for s in spans)
        or all(_is_in_a_title(s) for s in spans)
        or all(_only_describes(s) for s in spans)
        or any(_is_among_works(s) for s in spans)
        or all(_is_hyphened_to_a_word(s) for s in spans)
        or all(_is_an_adjective(s) for s in spans)
        or all(is_in_a_work_title(s) for s in spans)
        or any(is_spelled_out(s) for s in spans)
        or all(_is_a_part_played(s) for s in spans)
        or is_a_place(spans)
    )


def _is_a_part_played(span: SpacySpan) -> bool:
    """ "Jane Doe as teacher Hector", "who plays Hector in The Boys": a character, the part a
    person plays in a work."""
    doc, root = span.doc, span.root
    at = span.start - 1
    while at > 0 and doc[at].is_lower and doc[at].pos_ == "NOUN":
        at -= 1
    if at > 0 and doc[at].lower_ == "as" and _plays(doc[at - 1]):
        return True
    if root.dep_ != "dobj" or root.head.lemma_ != "play":
        return False
    places = {"GPE", "LOC", "FAC", "EVENT", "DATE", "ORG"}
    works = [o for c in root.head.children if c.lower_ == "in" for o in c.children]
    works += [o for c in root.children if c.lower_ == "in" for o in c.children]
    return any(o.text[:1].isupper() and o.ent_type_ not in places for o in works)


def _plays(token: Token) -> bool:
    """ "Jane Doe as Hector", "an impression of him as Hector": who plays or is played as."""
    return _is_a_full_name(token) or (token.lower_ in {"him", "her"} and token.dep_ == "pobj")


def _is_hyphened_to_a_word(span: SpacySpan) -> bool:
    """ "the Oscar-nominated actor", "Linux-based": the first half of a compound word."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text in {"-", "–"}
        and not span[-1].whitespace_
        and not doc[span.end].whitespace_
        and doc[span.end + 1].is_lower
    )


def _is_an_adjective(span: SpacySpan) -> bool:
    """ "the best Shakespearean performer": one word that qualifies a noun, no given name."""
    return len(span) == 1 and span.root.dep_ == "amod" and not is_given_name(span.text)


def _is_a_thing_by_its_words(
    ref: PersonRef, spans: list[SpacySpan], org_names: set[str], sentence_starts: set[int]
) -> bool:
    """What the name's words and the nouns beside it say, unless a mention is plainly a
    person's ("his eldest son, X", "X and Jane Doe"): a noun of a thing names it ("1980s toy
    X"); with no personal pronoun, a company's kind ("Bookmaker X"), a place in a market
    ("market leader X") or a list of things ("the egg timer and the bizarre X"); or, for a name with no given name and no personal pronoun in what it does ("X made
    his name"), it is also an organisation's ("Acme" of "Acme Fabre"), its words are a
    title's, or the model tags it as a thing."""
    if not spans or any(_is_personal(s) for s in spans):
        return False
    if any(_follows_a_thing_noun(s) or _names_a_brand(s) for s in spans):
        return True
    if any(_has_a_personal_pronoun(s) for s in spans):
        return False
    if any(is_named_as_a_company(s) or is_listed_with_things(s) for s in spans):
        return True
    if _is_a_place_in_time(ref.name, spans):
        return True
    return not _has_a_given_name(ref.name) and (
        any(a in org_names for a in ref.aliases)
        or _has_a_title_shape(ref.name)
        or _ends_in_a_thing_noun(ref.name)
        or _is_a_thing(spans, sentence_starts)
        or any(_is_a_persons_affiliation(s) or _owns_a_person(s) for s in spans)
    )


def _owns_a_person(span: SpacySpan) -> bool:
    """ "Acme's Jane Doe": the possessor of a person's full name, a body, work or place."""
    root = span.root
    return root.dep_ == "poss" and root.head.i > span.end and _is_a_full_name(root.head)


def _is_a_full_name(token: Token) -> bool:
    """ "Jane Doe" (as its last word), tagged a person's, or a proper noun after a given name."""
    if is_a_given_persons_name(token):
        return True
    first = token.left_edge
    while first.i < token.i and first.dep_ != "compound":
        first = first.nbor()
    return token.pos_ == "PROPN" and first.i < token.i and is_given_name(first.text)


def _is_a_persons_affiliation(span: SpacySpan) -> bool:
    """ "analyst Jane Doe of Acme Partners", "Jane Doe for Hamlet": what a person's full name
    is "of" or "for", a body, a place or a work."""
    root = span.root
    of = root.head
    return (
        root.dep_ == "pobj"
        and of.lower_ in {"of", "for"}
        and of.i == span.start - 1
        and is_a_given_persons_name(of.head)
    )


def _is_a_place_in_time(name: str, spans: list[SpacySpan]) -> bool:
    """ "Tudor England", "Victorian Britain": a word before a country's name, none of its
    mentions tagged as a person or one of them the country alone, tagged as a place."""
    words = name.split()
    if len(words) != 2 or gazetteer().kind_of(words[-1]) != "name":
        return False
    return all(s.root.ent_type_ != "PERSON" for s in spans) or any(
        s.text == words[-1] and s.root.ent_type_ in {"GPE", "LOC"} for s in spans
    )


def _names_a_brand(span: SpacySpan) -> bool:
    """ "Acme's Creek wine": the possessive of a noun of a thing, capitalised words between, a
    brand's name (a person's possessive goes to the noun: "Jane Doe's wine")."""
    root = span.root
    head = root.head
    between = span.doc[span.end : head.i]
    words = [t for t in between if t.tag_ != "POS"]
    return (
        root.dep_ == "poss"
        and head.i > span.end
        and head.is_lower
        and head.lemma_.casefold() in WORDNET_THINGS
        and bool(words)
        and all(t.text[:1].isupper() and t.ent_type_ != "PERSON" for t in words)
    )


def _ends_in_a_thing_noun(name: str) -> bool:
    """ "Coudenberg Cellars", "Harbour Cinemas": a name of two words or more that ends in a
    noun of things."""
    words = name.split()
    last = words[-1].casefold()
    return len(words) > 1 and (last in THING_NOUNS or last.removesuffix("s") in THING_NOUNS)


def _is_personal(span: SpacySpan) -> bool:
    """ "his eldest son, X", "striker X", "X, a novelist", "Jane Doe and X": a noun of a person
    that the name names, or a list with a person in it."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.pos_ == "NOUN"]
    if root.dep_ in {"appos", "compound"} and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    persons = [
        n
        for n in nouns
        if n.is_lower and n.lemma_.casefold() in PERSON_NOUNS and n.tag_ not in {"NNS", "NNPS"}
    ]
    if any(not is_a_market_position(n) for n in persons):
        return True
    return any(
        is_a_given_persons_name(t) for t in list_members(root) if not span.start <= t.i < span.end
    )


def _has_a_personal_pronoun(span: SpacySpan) -> bool:
    """ "X made his breakthrough": a personal pronoun in what the name does."""
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and any(
        t.lower_ in PERSONAL_PRONOUNS and t.i >= span.end for t in root.head.subtree
    )


def _has_a_given_name(name: str) -> bool:
    """ "Mary Poppins", "Madonna", "Exchequer Kenneth Clarke": a word of the name before its
    last (or its only word) is a first name people are given."""
    words = name.split()
    return any(is_given_name(w) for w in words[:-1] or words)


def _has_a_title_shape(name: str) -> bool:
    """ "Desperate Housewives", "Being Digital": two words or more, each an English word of
    some currency and the first a common one, none a given name: a title's words."""
    words = name.split()
    return (
        len(words) > 1
        and is_common_word(words[0])
        and all(w.isalpha() and zipf_frequency(w.lower(), "en") >= TITLE_WORD_ZIPF for w in words)
        and not any(is_given_name(w) for w in words)
    )


def _is_a_thing(spans: list[SpacySpan], sentence_starts: set[int]) -> bool:
    """A name with no given name that the model tags as a thing more often than as a person
    ("Linux" as a place, a product or nothing), or a common word capitalised only because it
    starts its sentences ("Children's winner ...")."""
    labels = [s.root.ent_type_ for s in spans]
    if labels.count("PERSON") * 2 < len(labels) and any(t in TAGGED_THINGS for t in labels):
        return True
    words = spans[0].text.split()
    return (
        len(words) == 1
        and is_common_word(words[0])
        and all(s.start_char in sentence_starts for s in spans)
    )


def _follows_a_thing_noun(span: SpacySpan) -> bool:
    """ "1980s toy Tamagotchi", "the children's film Mary Poppins", "the novel, Cloud Atlas",
    "Glenmorangie, one of the whisky firms": a noun of a thing or a work that the name stands
    beside as its name ("soccer legend Pele", "the actress Jane Doe (Calico)", "a nominee,
    Jane Doe", "the magazine's publisher Jane Doe" are people)."""
    root = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text == "," and span.start > 1:
        before = span.doc[span.start - 2] if root.dep_ == "appos" else None
    nouns = []
    if before is not None and before.i > 0 and before.nbor(-1).text in {"-", "–"}:
        before = None  # "film-maker": a word of its own
    if before is not None and before.pos_ == "NOUN" and before.is_lower:
        described = span.start <= before.head.i < span.end
        named = root.dep_ in {"appos", "nmod", "compound"} and root.head.i == before.i
        if described or named:
            nouns.append(before)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    for child in root.children:  # "Glenmorangie, one of ... firms", right after its comma
        if child.dep_ != "appos" or after is None or after.text != "," or not child.is_lower:
            continue
        if child.left_edge.i != span.end + 1 and child.i != span.end + 1:
            continue
        if child.pos_ == "NOUN":
            nouns.append(child)
        elif child.lower_ == "one":
            nouns += [p for c in child.children if c.lower_ == "of" for p in c.children]
    things = _THINGS_BY_GIVEN_NAME[_has_a_given_name(span.text)]
    return any(n.lemma_.casefold() in things for n in nouns if n.ent_type_ != "PERSON")


def _is_medium(span: SpacySpan) -> bool:
    """ "wrote on Twitter", "posted on Weibo": where words are written, not who."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in {"on", "via"}:
        return False
    attached = root.head.head
    verbs = [attached, attached.head] if attached.dep_ in {"nsubj", "dobj"} else [attached]
    return any(v.lemma_.casefold() in WRITING_VERBS for v in verbs)


def _has_an_article(span: SpacySpan) -> bool:
    """ "the Holy Grail", "visitors to the Tate", "the Tate tree": a name with "the" before it
    is a thing's (a one-word given name only when "the" is its own or it qualifies a noun)."""
    if span.start == 0 or span.doc[span.start - 1].lower_ != "the":
        return False
    the, root = span.doc[span.start - 1], span.root
    return (
        len(span) > 1
        or not is_given_name(span.text)
        or the.head.i == root.i
        or (root.dep_ == "compound" and root.head.is_lower)
    )


def _is_before_a_country(span: SpacySpan) -> bool:
    """ "London's Acme Britain": a word of a name that goes on with a country's name."""
    doc = span.doc
    return (
        span.end < len(doc)
        and span.root.dep_ == "compound"
        and span.root.head.i == span.end
        and gazetteer().kind_of(doc[span.end].text) == "name"
    )


def _is_among_things(span: SpacySpan) -> bool:
    """ "the towns of Beni, Mangina and Katwa", "Hotbot and Altavista", "Liggett Group, Reynolds
    Tobacco and Brown and Williamson": in a list of places or bodies, with no person's full
    name and more than twice as many of them as names the model tags as people."""
    members = list_members(span.root)
    things = [t for t in members if t.ent_type_ in THING_LABELS]
    persons = [t for t in members if t.ent_type_ == "PERSON"]
    if any(is_a_given_persons_name(t) for t in persons):
        return False
    return bool(things) and 2 * len(persons) < len(things)


def _is_in_a_title(span: SpacySpan) -> bool:
    """ "Breakfast with Frost": the object of a preposition inside a capitalised title."""
    root = span.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.i != span.start - 1 or not preposition.is_lower:
        return False
    head = preposition.head
    return (
        head.i == preposition.i - 1
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and not head.is_sent_start
        and head.ent_type_ != "PERSON"
    )


def _only_describes(span: SpacySpan) -> bool:
    """ "the Olympic family", "Oscar nominees": a one-word name used as a noun's modifier."""
    if len(span) != 1:
        return False
    token = span[0]
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        after is not None
        and token.dep_ in {"compound", "amod", "nmod"}
        and token.head.i > token.i
        and (after.is_lower or (after.ent_type_ not in {"", "PERSON"}))
        and token.head.ent_type_ != "PERSON"
    )


def _is_among_works(span: SpacySpan) -> bool:
    """ "blockbusters such as Saving Private Ryan, Forrest Gump and Ghost", "films including
    Ghost": examples of works; for a name with no given name, of things too ("chains such as
    Acme's Donuts")."""
    top = span.root
    while top.dep_ == "poss" and top.head.text[:1].isupper() and top.head.i > top.i:
        top = top.head  # "Acme's Donuts": a word of a longer name
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    kinds = WORK_NOUNS if _has_a_given_name(span.text) else _WORKS_OR_THINGS
    return top.dep_ == "pobj" and _names_works(top.head, kinds)


def _names_works(preposition: Token, kinds: frozenset[str]) -> bool:
    if preposition.lower_ not in {"as", "like", "including"}:
        return False
    head = preposition.head
    if head.lower_ == "such":
        head = head.head
    return head.lemma_.casefold() in kinds


def _names_also_plural(text: str, names: Sequence[str]) -> frozenset[str]:
    """ "Oscar nominees" beside "11 Oscars": the one-word names also written as a plural noun,
    found in one pass over the text (a trie of the plurals, tried at every word start)."""
    if not names:
        return frozenset()
    plurals = literal_trie_pattern(n + "s" for n in dict.fromkeys(names))
    pattern = re.compile(rf"(?=(?<![\w-])({plurals})(?![\w-]))")
    return frozenset(m.group(1)[:-1] for m in pattern.finditer(text))
