"""Who a name, pronoun, title or description in an article refers to.

A pronoun ("he told reporters") is the person last named as the main subject of a sentence before
it; a title ("the home secretary") is the one person the article gives that title, or the person
the sentences before are about; a description ("the Dutchman") is that person. An unnamed
speaker ("a spokeswoman said") stops the search: nothing is guessed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from generator.gazetteer import gazetteer
from generator.model import PersonRef
from generator.nlp.layout import Layout
from generator.nlp.speech import (
    ANONYMOUS_ROLES,
    FEMALE,
    IGNORED_MODIFIERS,
    LOOKBACK_SENTENCES,
    MALE,
    PERSONAL_PRONOUNS,
    SUBJECTS,
    TITLE_WORDS,
    is_description,
    is_indefinite,
    is_institution,
    is_speech_verb,
    is_title,
)


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
    genders: dict[str, str]  # person key -> "m" | "f", where an honorific says so


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
    for start, end, key in mentions:
        if inside_quote(quoted, start):
            continue
        starts.setdefault(key, []).append(start)
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            token_person[token.i] = key
    scene = Scene(
        doc,
        layout,
        tuple(sentences),
        tuple(quoted),
        token_person,
        {k: tuple(v) for k, v in starts.items()},
        {},
        {},
    )
    titles = {ref.key: title_words(scene, ref) for ref in people if ref.kind == "subject"}
    genders = {key: g for key in starts if (g := gender_of(layout.text, starts[key]))}
    return Scene(
        doc,
        layout,
        scene.sentences,
        scene.quoted,
        token_person,
        scene.mention_starts,
        titles,
        genders,
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
    for i, key in scene.token_person.items():
        if key != ref.key or (i > 0 and scene.token_person.get(i - 1) == key):
            continue
        words += [t.text for t in _leading_title(doc, i)]
        last = i
        while scene.token_person.get(last + 1) == key:
            last += 1
        trailing = [t for t in _trailing_title(doc, last) if t.i not in scene.token_person]
        if any(is_title(t) for t in trailing):
            words += [t.text for t in trailing]
    return frozenset(_normal_words(words))


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


def _normal_words(words: Sequence[str]) -> set[str]:
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
    normal = _normal_words(words)
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
    before = {
        k: max((s for s in scene.mention_starts.get(k, ()) if s < at), default=-1) for k in keys
    }
    if max(before.values()) >= 0:
        return max(before, key=lambda k: before[k])
    after = {
        k: min((s for s in scene.mention_starts.get(k, ()) if s >= at), default=1 << 30)
        for k in keys
    }
    return min(after, key=lambda k: after[k])


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
    before it (a name, or a title that resolves), else the person named nearest before it."""
    gender = PERSONAL_PRONOUNS.get(pronoun.lower_, "")
    reporting = is_speech_verb(pronoun.head)
    for n, (start, end) in enumerate(_sentences_back(scene, pronoun.idx)):
        if n == 0 and reporting:
            continue  # "Mr Blair has failed, he claimed": not Mr Blair
        tokens = tokens_between(scene, start, min(end, pronoun.idx))
        for token in sorted(tokens, key=_salience):
            if token.lower_ == pronoun.lower_ and token.dep_ == "nsubj" and _is_main_subject(token):
                return pronoun_antecedent(scene, token)  # "he told parliament ... he warned"
            key = _subject_person(scene, token)
            if key and scene.genders.get(key, gender) == gender:
                return key
            if key is None and _is_unnamed_speaker(token):
                return None
    nearest = [
        (i, k)
        for i, k in scene.token_person.items()
        if i < pronoun.i
        and scene.genders.get(k, gender) == gender
        and scene.doc[i].idx >= _paragraph_start(scene, pronoun.idx, back=1)
    ]
    return max(nearest)[1] if nearest else None


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
    out = [s for s in scene.sentences if s[0] <= offset]
    return list(reversed(out))[: LOOKBACK_SENTENCES + 1]


def tokens_between(scene: Scene, start: int, end: int) -> list[Token]:
    span = scene.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return [t for t in span if not inside_quote(scene.quoted, t.idx)]


def _paragraph_start(scene: Scene, offset: int, back: int = 0) -> int:
    index = max(0, scene.layout.block_at(offset) - back)
    return scene.layout.starts[index]
