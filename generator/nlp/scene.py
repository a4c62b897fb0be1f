"""What the attribution of quotes knows about one article, worked out once: its sentences and
quotations, which tokens name which person, the titles and genders the article gives them, and
a memo for what several quotes ask alike (a sentence's cues, a pronoun's antecedent)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from spacy.tokens import Doc, Token

from generator.gazetteer import gazetteer
from generator.model import PersonRef
from generator.nlp.layout import Layout
from generator.nlp.names import given_name_gender
from generator.nlp.speech import FEMALE, MALE, is_title


@dataclass(frozen=True)
class Scene:
    """What attribution needs to know about one article, computed once."""

    doc: Doc
    layout: Layout
    sentences: tuple[tuple[int, int], ...]  # offsets in the joined text, in order
    quoted: tuple[tuple[int, int], ...]  # the words of every quotation, in order
    token_person: dict[int, str]  # token index -> person key, for names outside quotations
    mention_starts: dict[str, tuple[int, ...]]  # person key -> offsets of their mentions
    titles: dict[str, frozenset[str]]  # person key -> title words ("home", "secretary", "@GB")
    genders: dict[str, str]  # person key -> "m" | "f", where an honorific or a given name says so
    sentence_starts: tuple[int, ...] = ()  # the start of every sentence, for bisect
    named_tokens: tuple[int, ...] = ()  # the token indices of `token_person`, ascending
    tokens_of: dict[str, tuple[int, ...]] = field(default_factory=dict)  # key -> its tokens
    quoted_mentions: dict[str, tuple[int, ...]] = field(default_factory=dict)  # inside quotes
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)


T = TypeVar("T")


def memoized(scene: Scene, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, computed once per scene for `key`: the results that several quotes ask for
    (a sentence's cues, a pronoun's antecedent) are worked out once per article."""
    if key not in scene.memo:
        scene.memo[key] = make()
    return cast(T, scene.memo[key])


def article_scene(
    doc: Doc,
    layout: Layout,
    people: Sequence[PersonRef],
    sentences: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
) -> Scene:
    quoted = sorted(quoted)
    mentions = person_offsets(layout, people)
    token_person: dict[int, str] = {}
    starts: dict[str, list[int]] = {}
    in_quotes: dict[str, list[int]] = {}
    for start, end, key in mentions:
        if inside_quote(quoted, start):
            in_quotes.setdefault(key, []).append(start)
            continue
        starts.setdefault(key, []).append(start)
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            token_person[token.i] = key
    tokens_of: dict[str, list[int]] = {}
    for i, key in token_person.items():
        tokens_of.setdefault(key, []).append(i)
    scene = Scene(
        doc,
        layout,
        tuple(sentences),
        tuple(quoted),
        token_person,
        {k: tuple(v) for k, v in starts.items()},
        {},
        {},
        tuple(s[0] for s in sentences),
        tuple(sorted(token_person)),
        {k: tuple(v) for k, v in tokens_of.items()},
    )
    titles = {ref.key: title_words(scene, ref) for ref in people if ref.kind == "subject"}
    names = {ref.key: ref.name for ref in people}
    genders = {
        key: g
        for key in starts
        if (g := gender_of(layout.text, starts[key]) or given_name_gender(names.get(key, "")))
    }
    return Scene(
        doc,
        layout,
        scene.sentences,
        scene.quoted,
        token_person,
        scene.mention_starts,
        titles,
        genders,
        scene.sentence_starts,
        scene.named_tokens,
        scene.tokens_of,
        {k: tuple(v) for k, v in in_quotes.items()},
    )


def person_offsets(layout: Layout, people: Sequence[PersonRef]) -> list[tuple[int, int, str]]:
    """(start, end, key) of every mention of a subject person, in the joined text."""
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        if ref.kind != "subject":
            continue
        for span in ref.mentions:
            if span.block in index:
                base = layout.starts[index[span.block]]
                out.append((base + span.start, base + span.end, ref.key))
    return sorted(out)


def inside_quote(quoted: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in the words of a quotation (`quoted` is in order, not nested)."""
    at = bisect.bisect_right(quoted, (offset, 1 << 62)) - 1
    return at >= 0 and quoted[at][0] <= offset < quoted[at][1]


def gender_of(text: str, starts: Sequence[int]) -> str:
    """ "m" or "f" when an honorific before a mention says so ("Mr Straw"), else ""."""
    for start in starts:
        before = text[max(0, start - 12) : start]
        if MALE.search(before):
            return "m"
        if FEMALE.search(before):
            return "f"
    return ""


def title_words(scene: Scene, ref: PersonRef) -> frozenset[str]:
    """Every title word the article gives a person: before the name, in apposition, in roles."""
    doc = scene.doc
    words: list[str] = []
    for claim in ref.roles:
        words += claim.value.split()
    for code in {c.value for c in ref.countries}:
        words.append("@" + code)
    key = ref.key
    for i in scene.tokens_of.get(key, ()):
        if i > 0 and scene.token_person.get(i - 1) == key:
            continue
        words += [t.text for t in _leading_title(doc, i)]
        last = i
        while scene.token_person.get(last + 1) == key:
            last += 1
        trailing = [t for t in _trailing_title(doc, last) if t.i not in scene.token_person]
        if any(is_title(t) for t in trailing):
            words += [t.text for t in trailing]
    return frozenset(normal_words(words))


def _leading_title(doc: Doc, first: int) -> list[Token]:
    """ "Home Secretary" in "Home Secretary Charles Clarke", "US President" in "US President X"."""
    out: list[Token] = []
    i = first - 1
    while (
        i >= 0
        and len(out) < 6
        and doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "PART"}
        and not doc[i].is_punct
        and doc[i].text not in {"'", "’"}
    ):
        out.insert(0, doc[i])
        i -= 1
    return out


def _trailing_title(doc: Doc, last: int) -> list[Token]:
    """ ", Russia's deputy foreign minister," and "of Pakistan" after a name."""
    following = doc[last + 1 : last + 16]
    if len(following) > 1 and following[0].text == "(":
        close = next((t.i for t in following if t.text == ")"), None)
        following = doc[close + 1 : close + 16] if close is not None else following
    if len(following) > 1 and following[0].text == ",":
        out = []
        for token in following[1:]:
            if token.is_punct or token.pos_ in {"VERB", "AUX"} or token.lower_ in {"who", "which"}:
                break
            out.append(token)
        return out
    if (
        len(following) > 1
        and following[0].lower_ == "of"
        and following[1].ent_type_ in {"GPE", "NORP"}
    ):
        return [following[1]]
    return []


def normal_words(words: Sequence[str]) -> set[str]:
    out: set[str] = set()
    cleaned = [
        w
        if w.startswith("@")
        else w.casefold().strip(".,;:’'\"()").removesuffix("’s").removesuffix("'s")
        for w in words
    ]
    cleaned = [w for w in cleaned if w]
    g = gazetteer()
    for i, word in enumerate(cleaned):
        out.add(word)
        for size in (2, 1):
            phrase = " ".join(cleaned[i : i + size])
            code = g.code_of(phrase) if len(phrase) > 1 else None
            if code:
                out.add("@" + code)
    return out
