"""Who a name, pronoun, title or description in an article refers to.

A pronoun ("he told reporters") is the person last named as the main subject of a sentence before
it; a title ("the home secretary") is the one person the article gives that title, or the person
the sentences before are about; a description ("the Dutchman") is that person. An unnamed
speaker ("a spokeswoman said") stops the search: nothing is guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from generator.gazetteer import gazetteer
from generator.model import PersonRef, Quote, Span
from generator.nlp.layout import Layout
from generator.nlp.scene import Scene, inside_quote, normal_words
from generator.nlp.speech import (
    ANONYMOUS_ROLES,
    IGNORED_MODIFIERS,
    LOOKBACK_SENTENCES,
    PERSONAL_PRONOUNS,
    SUBJECTS,
    TITLE_WORDS,
    is_description,
    is_indefinite,
    is_institution,
    is_speech_verb,
    is_title,
)


def title_holder(scene: Scene, head: Token, at: int) -> str | None:
    """The one person an article calls by this title ("the Pakistani president"), or None."""
    role = head.lemma_.casefold()
    codes, plain = _modifier_words(head)
    found = []
    for key, words in scene.titles.items():
        if role not in words and head.lower_ not in words:
            continue
        known = {w for w in words if w.startswith("@")}
        if (known and not codes <= known) or any(w not in words for w in plain if w != role):
            continue
        found.append(key)
    return _nearest_before(scene, found, at)


def _modifier_words(head: Token) -> tuple[set[str], list[str]]:
    """The countries ("@PK") and other words ("home") that narrow a title down."""
    words = [t.text for t in _title_modifiers(head)]
    normal = normal_words(words)
    codes = {w for w in normal if w.startswith("@")}
    g = gazetteer()
    covered: set[str] = set()
    cleaned = [w.casefold() for w in words]
    for i in range(len(cleaned)):
        for size in (2, 1):
            if g.code_of(" ".join(cleaned[i : i + size])):
                covered.update(cleaned[i : i + size])
    plain = [
        w
        for w in normal
        if not w.startswith("@") and w not in covered and w not in IGNORED_MODIFIERS
    ]
    return codes, plain


def _title_modifiers(head: Token) -> list[Token]:
    out = []
    for child in head.children:
        if child.i < head.i and child.dep_ not in {"det", "punct", "case"} and child.pos_ != "PRON":
            out += [
                t
                for t in child.subtree
                if t.dep_ not in {"det", "case", "punct"} and t.pos_ != "PRON"
            ]
        elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            out += [t for t in child.subtree if t.ent_type_ in {"GPE", "NORP"}]
    return out


def _nearest_before(scene: Scene, keys: Sequence[str], at: int) -> str | None:
    """Of several people, the one named last before `at`; else the one named first after it."""
    if len(keys) <= 1:
        return keys[0] if keys else None
    before = {k: _last_before(scene.mention_starts.get(k, ()), at) for k in keys}
    if max(before.values()) >= 0:
        return max(before, key=lambda k: before[k])
    after = {k: _first_from(scene.mention_starts.get(k, ()), at) for k in keys}
    return min(after, key=lambda k: after[k])


def _last_before(starts: Sequence[int], at: int) -> int:
    """The last of the ascending `starts` before `at`, or -1."""
    n = bisect.bisect_left(starts, at)
    return starts[n - 1] if n else -1


def _first_from(starts: Sequence[int], at: int) -> int:
    """The first of the ascending `starts` at or after `at`, or 1 << 30."""
    n = bisect.bisect_left(starts, at)
    return starts[n] if n < len(starts) else 1 << 30


def described_subject(
    scene: Scene, head: Token, strict: bool = True, pronouns: bool = True
) -> str | None:
    """ "Michael Howard has denied ... The Tory leader said": a title no one in the article is
    given refers to the person who was the subject just before, if they have no other title
    (`strict`); a description ("the Dutchman", "the 25-year-old") to that person in any case."""
    if head.lemma_.casefold() in ANONYMOUS_ROLES or any(c.dep_ == "prep" for c in head.children):
        return None  # "the head of the medical staff of X" is someone else
    codes, _ = _modifier_words(head)
    for start, end in _sentences_back(scene, head.idx)[:3]:
        for token in sorted(tokens_between(scene, start, min(end, head.idx)), key=_salience):
            key = scene.token_person.get(token.i)
            if (
                pronouns
                and key is None
                and token.dep_ in SUBJECTS
                and token.lower_ in PERSONAL_PRONOUNS
            ):
                key = pronoun_antecedent(scene, token)
                if key is None:
                    return None
            elif not key or _subject_person(scene, token) != key:
                continue
            if not strict:
                return key
            words = scene.titles.get(key, frozenset())
            titles = {w for w in words if w in TITLE_WORDS and w not in {"head", "chief"}}
            known = {w for w in words if w.startswith("@")}
            if titles - {head.lemma_.casefold(), head.lower_} or (known and not codes <= known):
                return None
            return key
    return None


def person_at(scene: Scene, subject: Token) -> str | None:
    """The person named by the subject's own words: its head, or a name joined to it
    ("co-ordinator Peter Facey", "the spokesman, Matthew Miller"), not "Mr X's spokesman"."""
    if subject.i in scene.token_person:
        return scene.token_person[subject.i]
    for child in subject.children:
        if child.dep_ in {"appos", "compound", "flat", "nmod", "npadvmod", "amod", "punct"}:
            for token in _own_words(child):
                if token.i in scene.token_person:
                    return scene.token_person[token.i]
    for token in subject.subtree:  # "the head of the staff of X, Jim West,"
        first = token.left_edge
        if token.dep_ == "appos" and first.i > subject.i and first.nbor(-1).text == ",":
            key = scene.token_person.get(token.i)
            if key:
                return key
    return None


def _own_words(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ not in {"poss", "prep", "relcl", "acl", "case"}:
            out += _own_words(child)
    return out


def pronoun_antecedent(scene: Scene, pronoun: Token) -> str | None:
    """The person "he" or "she" stands for: the last person who was the subject of a sentence
    before it (a name, or a title that resolves), else the person named nearest before it.

    "he told parliament ... he warned": the same pronoun as the main subject before it stands
    for the same person. A long run of such sentences is followed without recursion, and each
    pronoun is resolved once per article."""
    chain = [pronoun]
    while ("antecedent", chain[-1].i) not in scene.memo:
        step = _antecedent_step(scene, chain[-1])
        if not isinstance(step, Token):
            scene.memo[("antecedent", chain[-1].i)] = step
            break
        chain.append(step)
    found: str | None = scene.memo[("antecedent", chain[-1].i)]
    for token in chain:
        scene.memo[("antecedent", token.i)] = found
    return found


def _antecedent_step(scene: Scene, pronoun: Token) -> str | Token | None:
    """The person a pronoun stands for, or the same pronoun earlier that stands for the same
    person (a token), or None."""
    gender = PERSONAL_PRONOUNS.get(pronoun.lower_, "")
    reporting = is_speech_verb(pronoun.head)
    other: set[str] = set()  # people a pronoun of the other gender stands for nearby
    for n, (start, end) in enumerate(_sentences_back(scene, pronoun.idx)):
        if n == 0 and reporting:
            other |= _other_gender(scene, start, pronoun, gender)
            continue  # "Mr Blair has failed, he claimed": not Mr Blair
        tokens = tokens_between(scene, _near(scene, start, pronoun), min(end, pronoun.idx))
        for token in sorted(tokens, key=_salience):
            if token.lower_ == pronoun.lower_ and token.dep_ == "nsubj" and _is_main_subject(token):
                return token
            if n <= 1 and _is_other_pronoun(token, gender):
                other |= _other_gender(scene, token.idx, token, gender)
                continue
            key = _subject_person(scene, token)
            if key and key not in other and scene.genders.get(key, gender) == gender:
                return key
            if key is None and _is_unnamed_speaker(token):
                return None
    return _nearest_named(scene, pronoun, gender, other)


MAX_GENDER_DEPTH = 2  # pronouns of the other gender followed back, at most, for one pronoun
# How far back a pronoun's antecedent is looked for, in tokens: sentences of news are far
# shorter, and a sentence as long as the article (hostile input) must not make every pronoun
# read all of it (time growing with the square of its length).
NEAR_TOKENS = 200


def _near(scene: Scene, start: int, pronoun: Token) -> int:
    """`start`, or the offset NEAR_TOKENS tokens before the pronoun if that is later."""
    return max(start, scene.doc[max(0, pronoun.i - NEAR_TOKENS)].idx)


def _is_other_pronoun(token: Token, gender: str) -> bool:
    other = PERSONAL_PRONOUNS.get(token.lower_)
    return bool(gender) and other is not None and other != gender and token.dep_ in SUBJECTS


def _other_gender(scene: Scene, start: int, pronoun: Token, gender: str) -> set[str]:
    """The people the pronouns of the other gender before `pronoun` in its sentence (from
    `start`) stand for: "She thanked X, and he said": "he" is not who "she" is."""
    depth = scene.memo.get("gender depth", 0)
    if depth >= MAX_GENDER_DEPTH:
        return set()
    scene.memo["gender depth"] = depth + 1
    try:
        out = set()
        for token in tokens_between(scene, _near(scene, start, pronoun), pronoun.idx + 1):
            if _is_other_pronoun(token, gender):
                key = pronoun_antecedent(scene, token)
                if key:
                    out.add(key)
        return out
    finally:
        scene.memo["gender depth"] = depth


def _nearest_named(
    scene: Scene, pronoun: Token, gender: str, other: set[str] | frozenset[str] = frozenset()
) -> str | None:
    """The person named last before a pronoun, in its paragraph or the one before, whose gender
    (where known) is the pronoun's."""
    floor = _paragraph_start(scene, pronoun.idx, back=1)
    named = scene.named_tokens
    for n in range(bisect.bisect_left(named, pronoun.i) - 1, -1, -1):
        if scene.doc[named[n]].idx < floor:
            break
        key = scene.token_person[named[n]]
        if key not in other and scene.genders.get(key, gender) == gender:
            return key
    return None


def group_antecedent(scene: Scene, pronoun: Token) -> str:
    """The institution an "it" or "they" stands for ("The US government ... it said"), or ""."""
    for start, end in _sentences_back(scene, pronoun.idx)[:3]:
        for token in tokens_between(scene, start, min(end, pronoun.idx)):
            if (
                token.dep_ in SUBJECTS
                and token.i != pronoun.i
                and token.pos_ != "PRON"
                and token.i not in scene.token_person
                and is_institution(token)
            ):
                return scene.doc[token.left_edge.i : token.i + 1].text
    return ""


def _salience(token: Token) -> tuple[bool, bool, int]:
    """Main-clause subjects first, active before passive, then in order."""
    return (not _is_main_subject(token), token.dep_ == "nsubjpass", token.i)


def _is_main_subject(token: Token) -> bool:
    """The subject of the sentence's main verb, not of a clause inside it."""
    root = token
    while root.dep_ in {"compound", "flat", "amod"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECTS and root.head.dep_ == "ROOT"


def _subject_person(scene: Scene, token: Token) -> str | None:
    """The person a token names as (the head of) a sentence's subject, or as "according to" X."""
    key = scene.token_person.get(token.i)
    root = token
    if key:
        while root.head.i != root.i and scene.token_person.get(root.head.i) == key:
            root = root.head
        if root.dep_ in SUBJECTS or (root.dep_ == "appos" and root.head.dep_ in SUBJECTS):
            return key
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "to"
            and root.head.head.lower_ == "according"
        ):
            return key
        return None
    if token.dep_ in SUBJECTS and token.pos_ in {"NOUN", "PROPN"} and not is_indefinite(token):
        if is_title(token):
            return (
                person_at(scene, token)
                or title_holder(scene, token, token.idx)
                or described_subject(scene, token, pronouns=False)
            )
        if is_description(token):
            return described_subject(scene, token, strict=False, pronouns=False)
    return None


def subject_people(scene: Scene, start: int, end: int) -> list[str]:
    """The people who are the subjects of the writer's words between `start` and `end`."""
    out = []
    for token in tokens_between(scene, start, end):
        key = scene.token_person.get(token.i)
        if key and _subject_person(scene, token) == key and key not in out:
            out.append(key)
        elif token.dep_ in SUBJECTS and token.lower_ in PERSONAL_PRONOUNS:
            resolved = pronoun_antecedent(scene, token)
            if resolved and resolved not in out:
                out.append(resolved)
    return out


def _is_unnamed_speaker(token: Token) -> bool:
    """ "A spokeswoman said ...", "The spokesman said ..." (naming no one): the next "she said"
    is the same unnamed person, not someone named before."""
    return (
        token.dep_ in SUBJECTS
        and token.tag_ == "NN"
        and is_title(token)
        and is_speech_verb(token.head)
    )


def _sentences_back(scene: Scene, offset: int) -> list[tuple[int, int]]:
    """The sentence holding `offset` and the ones before it, nearest first."""
    end = bisect.bisect_right(scene.sentence_starts, offset)
    return list(scene.sentences[max(0, end - LOOKBACK_SENTENCES - 1) : end][::-1])


def tokens_between(scene: Scene, start: int, end: int) -> list[Token]:
    span = scene.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return [t for t in span if not inside_quote(scene.quoted, t.idx)]


def _paragraph_start(scene: Scene, offset: int, back: int = 0) -> int:
    index = max(0, scene.layout.block_at(offset) - back)
    return scene.layout.starts[index]


def with_title_mentions(
    people: tuple[PersonRef, ...], quotes: Sequence[Quote], layout: Layout
) -> tuple[PersonRef, ...]:
    """The people with a mention where a title alone named them as a quote's speaker ("the
    minister said", tied to the Foreign Minister named before): the words nearest the quote in
    its paragraph, outside it. Only where the attribution found the one person."""
    added: dict[str, list[Span]] = {}
    for quote in quotes:
        if quote.via != "title" or not quote.speaker or not quote.speaker_text:
            continue
        span = _title_span(layout, quote)
        if span is not None:
            added.setdefault(quote.speaker, []).append(span)
    if not added:
        return people
    order = {block.id: n for n, block in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        new = [s for s in dict.fromkeys(added.get(ref.key, ())) if s not in ref.mentions]
        if new:
            mentions = sorted((*ref.mentions, *new), key=lambda s: (order[s.block], s.start))
            ref = replace(ref, mentions=tuple(mentions))
        out.append(ref)
    return tuple(out)


def _title_span(layout: Layout, quote: Quote) -> Span | None:
    """Where the quote's paragraph writes its speaker's title, nearest the quote, outside it."""
    text = layout.article.block(quote.span.block).text
    words, at = quote.speaker_text, quote.span
    found = [
        m.start()
        for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)
        if m.start() + len(words) <= at.start or m.start() >= at.end
    ]
    if not found:
        return None
    start = min(found, key=lambda s: min(abs(s - at.end), abs(s + len(words) - at.start)))
    return Span(at.article, at.block, start, start + len(words), words)
