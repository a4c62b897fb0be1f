"""Cues without a speech verb: the words before a colon that opens a quotation, and the credit
line of a pull quote.

- 'David Moore deflected with a joke: "..."', 'He swiped at the council in tweets: "..."': the
  subject of the clause before the colon speaks, whatever its verb;
- 'Her succinct reply: "..."': the owner of the noun before the colon;
- 'Sarah Collins, Harbour Gazette: "..."' (a list of reactions, a transcript line): a short
  heading of a name and no verb;
- a paragraph that is only a quotation, followed by '— Sarah Collins, mayor of Dunmore'.

As everywhere in attribution, a subject that names no one evident gives no person.
"""

from __future__ import annotations

from spacy.tokens import Token

from generator.nlp.attribution import Cue, Speaker, speaker_named, subject_of
from generator.nlp.reference import tokens_between
from generator.nlp.scene import Scene

MAX_HEADING_WORDS = 8  # 'Sarah Collins, Harbour Gazette:' is a heading; a longer stretch is prose
MAX_CREDIT_WORDS = 12  # '— Sarah Collins, mayor of Dunmore'
DASHES = ("—", "–", "―", "-", "~")
_OPENING_MARKS = "“\"'‘ "


def colon_cue(scene: Scene, sentence: tuple[int, int], open_at: int) -> Cue | None:
    """The speaker of a quotation opened right after a colon, read from the writer's words of its
    sentence before the colon; None when the quotation is not a sentence of its own there."""
    text = scene.layout.text
    before = text[sentence[0] : open_at].rstrip()
    opening = text[open_at + 1 : open_at + 3].lstrip(_OPENING_MARKS)
    if not before.endswith(":") or not opening[:1].isupper() or any(m in before for m in '“”"'):
        return None
    colon = sentence[0] + len(before) - 1
    tokens = tokens_between(scene, sentence[0], colon)
    if not tokens:
        return None
    return _clause_cue(scene, tokens, sentence, colon) or _heading_cue(scene, tokens, colon)


def _clause_cue(
    scene: Scene, tokens: list[Token], sentence: tuple[int, int], colon: int
) -> Cue | None:
    """The subject of the first verb before the colon, or the owner of a noun with no verb."""
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    for verb in verbs:
        subject = subject_of(verb, sentence[0], colon, scene.quoted)
        if subject is not None and subject.i in {t.i for t in tokens}:
            return _cue(scene, subject, verb.text, colon)
    if verbs:
        return None
    for token in tokens:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if token.pos_ == "NOUN" and owner is not None and owner.idx < colon:
            return _cue(scene, owner, token.text, colon)
    return None


def _heading_cue(scene: Scene, tokens: list[Token], colon: int) -> Cue | None:
    """ "Sarah Collins, Harbour Gazette:" — a short heading that opens with a person's name."""
    words = [t for t in tokens if not t.is_punct]
    if len(words) > MAX_HEADING_WORDS or any(t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    first = words[0] if words else None
    if first is None or first.i not in scene.token_person:
        return None
    return _cue(scene, first, "", colon)


def _cue(scene: Scene, subject: Token, words: str, at: int) -> Cue | None:
    speaker = speaker_named(scene, subject, subject.idx)
    if speaker.via == "none":
        return None
    end = subject.right_edge.idx + len(subject.right_edge.text)
    return Cue(at, words, speaker, (subject.left_edge.idx, min(end, at)), weak=True)


def credit_cue(scene: Scene, block: int) -> Cue | None:
    """The person a pull quote's credit line names: the block `block` is short, opens with a
    dash or a name, and has no verb: '— Sarah Collins, mayor of Dunmore'."""
    layout = scene.layout
    if block >= len(layout.article.blocks):
        return None
    start, end = layout.block_range(block)
    line = layout.text[start:end]
    body = line.lstrip("".join(DASHES) + " ")
    if not body or len(body.split()) > MAX_CREDIT_WORDS or any(m in body for m in '“”"'):
        return None
    tokens = tokens_between(scene, end - len(body), end)
    words = [t for t in tokens if not t.is_punct]
    dashed = body != line
    if not words or (not dashed and any(t.pos_ in {"VERB", "AUX"} for t in words)):
        return None
    key = scene.token_person.get(words[0].i)
    if key is None:
        return None
    name = words[0]
    last = name
    while last.i + 1 < len(scene.doc) and scene.token_person.get(last.i + 1) == key:
        last = scene.doc[last.i + 1]
    phrase = scene.doc[name.i : last.i + 1]
    return Cue(start, "", Speaker(key, phrase.text, "name"), (phrase.start_char, phrase.end_char))
