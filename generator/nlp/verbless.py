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

import bisect
import re

from spacy.tokens import Token

from generator import lexicon
from generator.nlp.attribution import Cue, Speaker, speaker_named, subject_of
from generator.nlp.reference import tokens_between
from generator.nlp.scene import Scene
from generator.nlp.speech import is_speech_form
from generator.text import slug

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
    if not before.endswith(":") or not opening[:1].isupper():
        return None
    colon = sentence[0] + len(before) - 1
    label = _transcript_label(scene, colon)
    if label is not None:
        return label
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


def _transcript_label(scene: Scene, colon: int) -> Cue | None:
    """ "MR. O'NEILL:", "SECRETARY CLINTON:", "Craner:" opening a paragraph: the one person of
    the article whose last name the label ends with. "Q:" and "A:" name no one."""
    start = scene.layout.block_range(scene.layout.block_at(colon))[0]
    label = scene.layout.text[start:colon]
    words = label.split()
    if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
        return None
    last = slug(label.split()[-1].strip("."))
    keys = {k for k in scene.mention_starts if k == last or k.endswith("-" + last)}
    full = max(keys, key=len, default="")  # "o-neill" (the label read as a name) in "tip-o-neill"
    if len(last) < 2 or not full or any(not full.endswith(k) for k in keys):
        return None  # "Q:", "A:", or no one of the article: other readings may still name one
    return Cue(colon, "", Speaker(full, label, "name"), (start, colon), weak=True)


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


MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.8  # of the writer's longer words capitalised: a headline in Title Case


def title_case_cue(scene: Scene, sentence: tuple[int, int], open_at: int, close: int) -> Cue | None:
    """'Sarah Collins Joked "..."', '"...," Sarah Collins Said': in a Title Case headline the
    parser reads the verb as part of the name; the name next to a speech verb's form speaks."""
    tokens = tokens_between(scene, *sentence)
    long_words = [t for t in tokens if t.is_alpha and len(t) > 3]
    capitals = sum(t.text[:1].isupper() for t in long_words)
    if len(long_words) < MIN_TITLE_WORDS or capitals < TITLE_SHARE * len(long_words):
        return None
    before = [t for t in tokens if t.idx < open_at and not t.is_punct]
    after = [t for t in tokens if t.idx >= close and not t.is_punct]
    if before and is_speech_form(before[-1].text) and len(before) > 1:
        return _named_cue(scene, before[-2], before[-1])
    if len(after) > 1:
        verb = next((t for t in after if t.i not in scene.token_person), None)
        if verb is not None and verb.i > after[0].i and is_speech_form(verb.text):
            return _named_cue(scene, scene.doc[verb.i - 1], verb)
    return None


def _named_cue(scene: Scene, name: Token, verb: Token) -> Cue | None:
    key = scene.token_person.get(name.i)
    if key is None:
        return None
    first = name
    while first.i > 0 and scene.token_person.get(first.i - 1) == key:
        first = scene.doc[first.i - 1]
    phrase = scene.doc[first.i : name.i + 1]
    speaker = Speaker(key, phrase.text, "name")
    return Cue(verb.idx, verb.text.lower(), speaker, (phrase.start_char, phrase.end_char))


_EDITORIAL = re.compile(
    rf"\W*{lexicon.alternation(lexicon.word_list('speech', 'editorial_notes'))}\b", re.I
)


def is_editorial_note(scene: Scene, block: int) -> bool:
    """The quote's paragraph is the publisher's note ("Editor's note: ...", "Correction: ..."):
    no one's words continue into it."""
    start, end = scene.layout.block_range(block)
    return bool(_EDITORIAL.match(scene.layout.text, start, end))


def opens_with(scene: Scene, sentence: tuple[int, int], cue: Cue) -> bool:
    """The sentence opens with the cue's subject: '"Why?" Sarah Collins, the mayor of the town
    since 2019, asked the crowd.' (the parser starts a sentence after "?" or "!")."""
    text = scene.layout.text
    start = (
        sentence[0]
        + len(text[sentence[0] : sentence[1]])
        - len(text[sentence[0] : sentence[1]].lstrip())
    )
    return cue.subject[0] == start and cue.speaker.via == "name"


def unless_named_in(
    scene: Scene, quote: tuple[int, int], found: tuple[Speaker, str]
) -> tuple[Speaker, str] | None:
    """The person the writer reported, unless the quote (`quote`: its words) names them: an
    aside ("X, who chairs the board, has said ...") does not make X the speaker of "We don't
    need X"."""
    starts = scene.quoted_mentions.get(found[0].key or "", ())
    at = bisect.bisect_left(starts, quote[0])
    return None if at < len(starts) and starts[at] < quote[1] else found
