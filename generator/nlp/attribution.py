"""Who said a quotation: the speech verb of its sentence, and the person its subject names.

The subject is read from the parse spaCy already made: a name ("Pezeshkian said"), a pronoun
("he told reporters", resolved to the person last named as the subject of a sentence), a title
("the home secretary said", resolved to the one person in the article who bears that title), an
institution ("the ministry said": no person), or "according to X". Nothing is guessed: a subject
that names no one evident gives `speaker=None`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from generator.nlp.reference import (
    Scene,
    described_subject,
    group_antecedent,
    inside_quote,
    person_at,
    pronoun_antecedent,
    title_holder,
    tokens_between,
)
from generator.nlp.speech import (
    GROUP_PRONOUNS,
    PERSONAL_PRONOUNS,
    SPEECH_NOUNS,
    SUBJECTS,
    WEAK_VERBS,
    is_description,
    is_indefinite,
    is_speech_verb,
    is_title,
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


def subject_of(verb: Token, start: int, end: int) -> Token | None:
    """The grammatical subject of a speech verb, climbing to the governing verb when it has none
    ("did not mention ... but said", "he said, describing", "Saying ..., the President stated"),
    but never out of the sentence (`start`..`end`) the verb is in."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS and start <= c.idx < end]
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            if subject.lower_ in {"who", "that", "which"} and token.dep_ == "relcl":
                return token.head
            quoted = [c for c in token.children if c.dep_ == "dobj"]
            if token.lemma_ == "quote" and subject.dep_ == "nsubj" and quoted:
                return quoted[0]  # "Reuters quoted him as saying": he is the speaker
            if subject.dep_ == "nsubjpass" and token.lemma_ != "quote" and token is verb:
                return _agent(token)  # "he was told", "Mugabe was declared": not the speaker
            return subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head
        if token.dep_ == "relcl":
            return token.head
        inside = start <= token.head.idx < end and token.head is not token
        climbs = token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "ccomp"} or (
            token.dep_ == "prep" and token.pos_ == "ADP"  # "quoted ... as saying"
        )
        if not climbs or not inside:
            return _earlier_subject(verb, start) if verb.dep_ in {"conj", "ROOT"} else None
        token = token.head
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
    key = person_at(scene, subject)
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


def _phrase(scene: Scene, subject: Token) -> str:
    """The words naming the subject, without relative clauses or appositions after it."""
    start = subject.left_edge.i
    end = subject.i
    while (
        end + 1 < len(scene.doc)
        and scene.token_person.get(end + 1) is not None
        and scene.token_person.get(end + 1) == scene.token_person.get(subject.i)
    ):
        end += 1
    return scene.doc[start : end + 1].text


def cues_in(scene: Scene, start: int, end: int) -> list[Cue]:
    """Every speech verb with a subject (and every "according to X") in the writer's words of a
    stretch of text, with the speaker it names."""
    out = []
    for token in tokens_between(scene, start, end):
        if is_speech_verb(token):
            subject = subject_of(token, start, end)
            if subject is None or inside_quote(scene.quoted, subject.idx):
                continue
            speaker = speaker_named(scene, subject, token.idx)
            weak = token.lemma_.casefold() in WEAK_VERBS
            out.append(Cue(token.idx, cue_words(token), speaker, _extent(subject), weak))
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
