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

from generator import lexicon
from generator.model import OrgRef, PersonRef
from generator.nlp.layout import Layout
from generator.nlp.mentions import COURTESY, doc_text
from generator.nlp.orgcandidates import list_members
from generator.text import literal_trie_pattern

WORK_NOUNS = lexicon.words("orgnames", "work_nouns")
WRITING_VERBS = lexicon.words("orgnames", "writing_verbs")
THING_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT"})


def people_only(
    doc: Doc, layout: Layout, people: Sequence[PersonRef], organisations: Sequence[OrgRef]
) -> tuple[PersonRef, ...]:
    """The people of the article without those the text shows to be no person."""
    org_names = {n for o in organisations for n in (o.name, *o.aliases)}
    plurals = _names_also_plural(doc_text(doc), [p.name for p in people if " " not in p.name])
    index = {block.id: n for n, block in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        if ref.kind != "subject" or _is_addressed(ref):
            out.append(ref)
            continue
        spans = [
            doc.char_span(
                layout.starts[index[s.block]] + s.start,
                layout.starts[index[s.block]] + s.end,
                alignment_mode="expand",
            )
            for s in ref.mentions
        ]
        tokens = [s for s in spans if s is not None]
        if ref.name in org_names or (tokens and (ref.name in plurals or _is_no_person(tokens))):
            continue
        out.append(ref)
    return tuple(out)


def _is_addressed(ref: PersonRef) -> bool:
    """A role, or an honorific before the name ("Mr Smith"): a person, whatever else."""
    return bool(ref.roles) or any(
        a.split()[0].lower().rstrip(".") in COURTESY for a in ref.aliases if a.strip()
    )


def _is_no_person(spans: list[SpacySpan]) -> bool:
    return (
        all(_is_medium(s) for s in spans)
        or all(_has_an_article(s) for s in spans)
        or all(_is_among_things(s) for s in spans)
        or all(_is_in_a_title(s) for s in spans)
        or all(_only_describes(s) for s in spans)
        or any(_is_among_works(s) for s in spans)
    )


def _is_medium(span: SpacySpan) -> bool:
    """ "wrote on Twitter", "posted on Weibo": where words are written, not who."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in {"on", "via"}:
        return False
    attached = root.head.head
    verbs = [attached, attached.head] if attached.dep_ in {"nsubj", "dobj"} else [attached]
    return any(v.lemma_.casefold() in WRITING_VERBS for v in verbs)


def _has_an_article(span: SpacySpan) -> bool:
    """ "the Holy Grail": a name with "the" before it is a thing's."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the" and len(span) > 1


def _is_among_things(span: SpacySpan) -> bool:
    """ "the towns of Beni, Mangina and Katwa", "Hotbot and Altavista": in a list of places or
    bodies, and of no people."""
    members = list_members(span.root)
    things = [t for t in members if t.ent_type_ in THING_LABELS]
    return bool(things) and not any(t.ent_type_ == "PERSON" for t in members)


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
    """ "blockbusters such as Saving Private Ryan, Forrest Gump and Ghost": examples of works."""
    top = span.root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    return top.dep_ == "pobj" and _names_works(top.head)


def _names_works(preposition: Token) -> bool:
    if preposition.lower_ not in {"as", "like"}:
        return False
    head = preposition.head
    if head.lower_ == "such":
        head = head.head
    return head.lemma_.casefold() in WORK_NOUNS


def _names_also_plural(text: str, names: Sequence[str]) -> frozenset[str]:
    """ "Oscar nominees" beside "11 Oscars": the one-word names also written as a plural noun,
    found in one pass over the text (a trie of the plurals, tried at every word start)."""
    if not names:
        return frozenset()
    plurals = literal_trie_pattern(n + "s" for n in dict.fromkeys(names))
    pattern = re.compile(rf"(?=(?<![\w-])({plurals})(?![\w-]))")
    return frozenset(m.group(1)[:-1] for m in pattern.finditer(text))
