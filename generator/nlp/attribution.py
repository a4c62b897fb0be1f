"""Who said a quotation: the speech verb of its sentence, and the person its subject names.

The subject is read from the parse spaCy already made: a name ("Pezeshkian said"), a pronoun
("he told reporters", resolved to the person last named as the subject of a sentence), a title
("the home secretary said", resolved to the one person in the article who bears that title), an
institution ("the ministry said": no person), or "according to X". Nothing is guessed: a subject
that names no one evident gives `speaker=None`.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from generator.nlp.reference import (
    described_subject,
    group_antecedent,
    person_at,
    pronoun_antecedent,
    title_holder,
    tokens_between,
)
from generator.nlp.scene import Scene, inside_quote, memoized
from generator.nlp.speech import (
    CARRYING_NOUNS,
    GROUP_PRONOUNS,
    PERSONAL_PRONOUNS,
    SPEECH_NOUNS,
    SUBJECTS,
    is_description,
    is_hand_kept,
    is_indefinite,
    is_speech_verb,
    is_title,
    is_weak_verb,
)


@dataclass(frozen=True)
class Speaker:
    """Who a subject names: a person key (or None), the words, and how they name them."""

    key: str | None
    text: str
    via: str  # name | pronoun | title | none


@dataclass(frozen=True)
class Cue:
    """The speech verb (or "according to") that attributes a quotation, with its speaker."""

    at: int  # offset of the verb in the joined text
    words: str  # "said", "told reporters", "according to"
    speaker: Speaker
    subject: tuple[int, int] = (0, 0)  # offsets of the words that name the speaker, whole phrase
    weak: bool = False  # "agree", "believe": attributes only when no other verb does
    scope: tuple[int, int] = (0, 0)  # for a noun ("X's statement that ..."): the words it covers
    loose: bool = False  # a verb of communication only WordNet knows: attributes adjacent quotes


def subject_of(
    verb: Token, start: int, end: int, quoted: Sequence[tuple[int, int]] = ()
) -> Token | None:
    """The grammatical subject of a speech verb, climbing to the governing verb when it has none
    ("did not mention ... but said", "he said, describing", "Saying ..., the President stated"),
    past the verbs of a quotation it hangs from ('said the plan "costs jobs," adding'), but never
    out of the sentence (`start`..`end`) the verb is in."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS and start <= c.idx < end]
        if token is not verb and inside_quote(quoted, token.idx):
            subjects = []  # the quotation's own subject speaks in it, not of it
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            if subject.lower_ in {"who", "that", "which"} and token.dep_ == "relcl":
                return token.head
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if token.lemma_ == "quote" and subject.dep_ == "nsubj" and objects:
                return objects[0]  # "Reuters quoted him as saying": he is the speaker
            if subject.dep_ == "nsubjpass" and token.lemma_ != "quote" and token is verb:
                return _agent(token)  # "he was told", "Mugabe was declared": not the speaker
            if subject.lemma_.casefold() in CARRYING_NOUNS:
                return _writer_of(subject, start, end) or subject  # "X's statement added"
            return subject
        if token.dep_ == "acl" and token.tag_ == "VBD":
            return _main_subject(token, start)  # "X speaking to the think tank called it ..."
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return _writer_of(token.head, start, end)
        if token.dep_ == "relcl":
            return token.head
        inside = start <= token.head.idx < end and token.head is not token
        climbs = token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "ccomp"} or (
            token.dep_ == "prep"
            and token.pos_ in {"ADP", "SCONJ"}  # "as saying", "whilst promising"
        )
        if not climbs or not inside:
            return _earlier_subject(verb, start) if verb.dep_ in {"conj", "ROOT"} else None
        token = token.head
    return None


def _main_subject(verb: Token, start: int) -> Token | None:
    """A finite verb the parser hung from a noun ("X speaking to the think tank called the deal
    ...": "called" made a clause of "tank") is the main verb: the sentence's subject is its own."""
    root = verb.sent.root
    subjects = [c for c in root.children if c.dep_ == "nsubj" and start <= c.idx < verb.idx]
    return subjects[0] if subjects else None


def _writer_of(noun: Token, start: int, end: int) -> Token | None:
    """Who a thing that carries words is by ("X issued a statement saying", "X's tweet reading",
    "a letter from X saying"); any other noun is itself the subject ("officials saying")."""
    if noun.lemma_.casefold() not in CARRYING_NOUNS:
        return noun
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    head = noun.head
    if noun.dep_ in {"dobj", "pobj"} and head.pos_ in {"VERB", "ADP"} and head is not noun:
        verb = head if head.pos_ == "VERB" else head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and start <= c.idx < end]
        return subjects[0] if subjects else None
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """'"...," confirmed a club spokesman': the parse may call the speaker an object."""
    if verb.i == 0 or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    before = verb.nbor(-1)
    if before.text not in {'"', "”", "'", "’", "''"}:
        return None
    after = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "dative"}]
    return after[0] if after and after[0].pos_ in {"NOUN", "PROPN"} else None


def _agent(verb: Token) -> Token | None:
    """X in "was described by X as"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _earlier_subject(verb: Token, start: int) -> Token | None:
    """For a verb joined to an earlier one ("X did not mention ... but said"), the subject of the
    nearest verb before it in the sentence."""
    for token in reversed(verb.doc[: verb.i]):
        if token.idx < start:
            return None
        personal = token.pos_ != "PRON" or token.lower_ in PERSONAL_PRONOUNS
        if token.dep_ in SUBJECTS and token.head.i < verb.i and personal:
            return token
    return None


def _in_utterance(verb: Token) -> bool:
    """ "X, in a statement, blasted ...", "X attacked the plan in tweets", "X issued a
    statement": a verb whose words were said in something that carries words, or that makes
    one, attributes like a (weak) speech verb."""
    if any(c.dep_ == "dobj" and c.lemma_.casefold() in CARRYING_NOUNS for c in verb.children):
        return True  # "X issued a statement", "X sent a letter to the board"
    return any(
        c.dep_ == "pobj" and c.lemma_.casefold() in CARRYING_NOUNS
        for child in verb.children
        if child.dep_ == "prep" and child.lower_ == "in"
        for c in child.children
    )


def according_to(token: Token) -> Token | None:
    """X in "according to X"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        to = token.nbor()
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def speaker_named(scene: Scene, subject: Token, at: int) -> Speaker:
    """Who the subject of a speech verb is."""
    key = person_at(scene, subject) or named_in_description(scene, subject)
    if key:
        return Speaker(key, _phrase(scene, subject), "name")
    if subject.lower_ in PERSONAL_PRONOUNS:
        return Speaker(pronoun_antecedent(scene, subject), subject.text, "pronoun")
    if subject.lower_ in GROUP_PRONOUNS:
        group = group_antecedent(scene, subject)
        if not group:
            return Speaker(None, subject.text, "pronoun")
        return Speaker(None, group, "name" if group[:1].isupper() and " " not in group else "title")
    text = _phrase(scene, subject)
    if subject.pos_ == "PRON":
        return Speaker(None, text, "none")
    if is_title(subject):
        if is_indefinite(subject):
            return Speaker(None, text, "title")
        key = title_holder(scene, subject, at) or described_subject(scene, subject)
        return Speaker(key, text, "title")
    if is_description(subject):
        return Speaker(described_subject(scene, subject, strict=False), text, "title")
    proper = subject.pos_ == "PROPN" or subject.ent_type_ in {"ORG", "GPE", "NORP"}
    return Speaker(None, text, "name" if proper else "title")


_CLAUSE_OF_NOUN = {"relcl", "acl", "amod"}  # "the strike, which was approved by X"
_NAMING_PATH = {"acl", "dobj", "prep", "pobj"}  # "a nurse using the name X", "known as X"
_NAMING_LINK = {"appos", "oprd", "attr", "pobj"}


def named_in_description(scene: Scene, subject: Token) -> str | None:
    """The one person a described subject is given a name by: "a nurse named Maria", "a
    protester using the pseudonym Ana", "a farmer known as Big Joe"; never a person the
    description only mentions ("a nurse who met Maria", "a nurse calling Maria a liar")."""
    if subject.pos_ != "NOUN":
        return None
    found = set()
    for token in subject.subtree:
        key = scene.token_person.get(token.i)
        if key is None or token.i == subject.i or token.dep_ not in _NAMING_LINK:
            continue
        path = list(itertools.takewhile(lambda t: t.i != subject.i, token.ancestors))
        if token.dep_ == "pobj" and token.head.lower_ != "as":
            continue
        if all(t.dep_ in _NAMING_PATH for t in path) and path and path[-1].dep_ == "acl":
            found.add(key)
    return found.pop() if len(found) == 1 else None


def _phrase(scene: Scene, subject: Token) -> str:
    """The words naming the subject, without relative clauses or appositions after it."""
    start = subject.left_edge.i
    while start < subject.i and (scene.doc[start].is_punct or scene.doc[start].is_space):
        start += 1  # a closing mark of the paragraph before, hung on the subject
    end = subject.i
    while (
        end + 1 < len(scene.doc)
        and scene.token_person.get(end + 1) is not None
        and scene.token_person.get(end + 1) == scene.token_person.get(subject.i)
    ):
        end += 1
    return scene.doc[start : end + 1].text


def cues_in(scene: Scene, start: int, end: int) -> tuple[Cue, ...]:
    """Every speech verb with a subject (and every "according to X") in the writer's words of a
    stretch of text, with the speaker it names; worked out once per stretch (every quote of a
    sentence asks for its cues)."""
    return memoized(scene, ("cues", start, end), lambda: tuple(_cues(scene, start, end)))


def _cues(scene: Scene, start: int, end: int) -> list[Cue]:
    out = []
    for token in tokens_between(scene, start, end):
        if is_speech_verb(token) and (is_hand_kept(token) or token.dep_ not in _CLAUSE_OF_NOUN):
            subject = subject_of(token, start, end, scene.quoted)
            if subject is None or inside_quote(scene.quoted, subject.idx):
                continue
            speaker = speaker_named(scene, subject, token.idx)
            weak = is_weak_verb(token)
            loose = not is_hand_kept(token) and not _in_utterance(token)
            words = cue_words(token)
            out.append(Cue(token.idx, words, speaker, _extent(subject), weak, loose=loose))
        elif token.pos_ == "VERB" and _in_utterance(token):
            subject = subject_of(token, start, end, scene.quoted)
            if subject is not None and not inside_quote(scene.quoted, subject.idx):
                speaker = speaker_named(scene, subject, token.idx)
                out.append(Cue(token.idx, token.text, speaker, _extent(subject), True))
        elif token.lower_ == "according":
            named = according_to(token)
            if named is not None and not inside_quote(scene.quoted, named.idx):
                speaker = speaker_named(scene, named, token.idx)
                out.append(Cue(token.idx, "according to", speaker, _extent(named)))
        elif token.lemma_.casefold() in SPEECH_NOUNS and token.pos_ == "NOUN":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            personal = owner is not None and owner.lower_ not in GROUP_PRONOUNS
            if owner is not None and personal and not inside_quote(scene.quoted, owner.idx):
                speaker = speaker_named(scene, owner, token.idx)
                right = token.right_edge
                scope = (token.idx, right.idx + len(right.text))
                out.append(Cue(token.idx, token.text, speaker, _extent(owner), True, scope))
    return out


def _extent(token: Token) -> tuple[int, int]:
    """The words of a subject with its relative clauses ("Mr X, who ...,"), and its appositions
    when it follows its verb ('..., says Adam Roberts, editor of "Laws of War."')."""
    deps = {"relcl", "acl", "compound", "flat", "prep"}
    if token.head.i < token.i and is_speech_verb(token.head):
        deps |= {"appos", "conj", "cc", "punct"}
    last = token
    for child in token.rights:
        if child.dep_ in deps:
            last = max(last, child.right_edge, key=lambda t: t.i)
    return token.left_edge.idx, last.idx + len(last.text)


def cue_words(verb: Token) -> str:
    """ "said", "told reporters", "pointed out"."""
    words = [verb.text]
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ in {"dobj", "dative"}
            and child.i == verb.i + 1
            and child.pos_ in {"NOUN", "PRON"}
            and verb.lemma_ == "tell"
        ):
            words.append(child.text)
    return " ".join(words)


def nearest_cue(scene: Scene, sentence: tuple[int, int], open_at: int, close: int) -> Cue | None:
    """The cue of a quote's sentence nearest to the quote (marks `open_at`..`close`) that names a
    speaker: one whose scope ("X's statement that ...") covers the quote, else a strong one,
    else any; never one whose subject holds the quote."""
    cues = _sentence_cues(scene, *sentence)
    if cues.loose:
        cues = _without_distant_loose(scene, cues, open_at, close)
    covering = [
        c for c in cues.scoped if c.scope[0] <= open_at < c.scope[1] and _usable(c, open_at)
    ]
    if covering:
        return min(covering, key=lambda c: _distance(c, open_at, close))
    governing = _governing(scene, cues.named, open_at, close)
    if governing is not None:
        return governing
    return _nearest(cues.strong, open_at, close) or _nearest(cues.named, open_at, close)


def _governing(scene: Scene, cues: Cues, open_at: int, close: int) -> Cue | None:
    """The cue whose verb the quotation hangs from in the parse ("Tapper told O'Connor that the
    news was "..."", "When Ryan said so, Trump replied "..."")."""
    words = scene.doc.char_span(open_at + 1, max(open_at + 1, close), alignment_mode="expand")
    if words is None or not len(words):
        return None
    for token in itertools.chain([words.root], words.root.ancestors):
        cue = _cue_at(cues, token.idx)
        if cue is not None and _usable(cue, open_at) and not cue.weak:
            return cue
    return None


def _cue_at(cues: Cues, at: int) -> Cue | None:
    """The cue whose verb is at offset `at`, found by bisect: a quote of a sentence as long as
    the article must not read all its cues."""
    if not cues.ascending:
        return next((c for c in reversed(cues.cues) if c.at == at), None)
    i = bisect.bisect_left(cues.at, at)
    return cues.cues[i] if i < len(cues.at) and cues.at[i] == at else None


@dataclass(frozen=True)
class Cues:
    """Cues in order of their verbs, with the verbs' offsets (for bisect)."""

    cues: tuple[Cue, ...]
    at: tuple[int, ...]
    ascending: bool  # each verb after the one before (always: one cue per token, in order)


def _in_order(cues: Sequence[Cue]) -> Cues:
    at = tuple(c.at for c in cues)
    return Cues(tuple(cues), at, all(a < b for a, b in itertools.pairwise(at)))


@dataclass(frozen=True)
class SentenceCues:
    """The cues of a sentence that name a speaker: all, the strong ones, those with a scope."""

    named: Cues
    strong: Cues
    scoped: tuple[Cue, ...]
    loose: bool = False  # any of them loose (see Cue.loose)


def _sentence_cues(scene: Scene, start: int, end: int) -> SentenceCues:
    def make() -> SentenceCues:
        named = tuple(c for c in cues_in(scene, start, end) if c.speaker.via != "none")
        return SentenceCues(
            _in_order(named),
            _in_order([c for c in named if not c.weak]),
            tuple(c for c in named if c.scope[0] < c.scope[1]),
            any(c.loose for c in named),
        )

    return memoized(scene, ("sentence cues", start, end), make)


def _without_distant_loose(
    scene: Scene, cues: SentenceCues, open_at: int, close: int
) -> SentenceCues:
    """The cues less the loose ones that do not stand right beside the quote."""
    kept = [c for c in cues.named.cues if not c.loose or is_adjacent(scene, c, open_at, close)]
    return SentenceCues(
        _in_order(kept),
        _in_order([c for c in kept if not c.weak]),
        tuple(c for c in kept if c.scope[0] < c.scope[1]),
    )


def is_adjacent(scene: Scene, cue: Cue, open_at: int, close: int) -> bool:
    """The cue's clause and a quotation of whole sentences meet at a colon or comma:
    'X gushed: "..."', 'X implored the council, "..."', '"...," X gushed'."""
    text = scene.layout.text
    if cue.at > close:
        first = min(cue.at, cue.subject[0]) if cue.subject[1] > cue.subject[0] else cue.at
        inner = text[max(open_at + 1, close - 2) : close].rstrip("”\"'’ ")
        return not text[close + 1 : first].strip() and inner[-1:] in {",", "?", "!"}
    between = text[cue.at : open_at].rstrip()
    opening = text[open_at + 1 : open_at + 3].lstrip("“\"'‘ ")
    plain = not any(mark in between for mark in '"“”\n')
    return between[-1:] in {":", ","} and opening[:1].isupper() and plain


def _usable(cue: Cue, open_at: int) -> bool:
    """The cue's subject does not hold the quote's opening mark."""
    return not cue.subject[0] <= open_at < cue.subject[1]


def _distance(cue: Cue, open_at: int, close: int) -> int:
    return open_at - cue.at if cue.at < open_at else cue.at - close


def _nearest(cues: Cues, open_at: int, close: int) -> Cue | None:
    """The usable cue nearest to the quote, the earlier one on a tie: the last one before the
    opening mark or the first one from it on (the distance shrinks towards the quote)."""
    ordered = cues.cues
    if not cues.ascending:
        usable = [c for c in ordered if _usable(c, open_at)]
        return min(usable, key=lambda c: _distance(c, open_at, close)) if usable else None
    n = bisect.bisect_left(cues.at, open_at)
    before = next((ordered[i] for i in range(n - 1, -1, -1) if _usable(ordered[i], open_at)), None)
    after = next((ordered[i] for i in range(n, len(ordered)) if _usable(ordered[i], open_at)), None)
    if before is None or after is None:
        return before or after
    if _distance(before, open_at, close) <= _distance(after, open_at, close):
        return before
    return after
