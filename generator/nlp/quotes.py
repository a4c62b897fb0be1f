"""Direct quotations in one article and who said them.

A quote is found by its marks (`quotemarks`); its speaker by the speech verb of its sentence
(`attribution`): "Pezeshkian said", "he told reporters", "said Miller", "the minister added",
"according to Dedov". A quote that is a sentence of its own continues the speaker of the quote just
before it (same paragraph, or the paragraph before); a quoted label ("the so-called 'three nos'",
a phrase already quoted as someone else's) has no speaker. Never a guess: `speaker=None`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from generator import lexicon
from generator.model import CAPTION, HEADING, PersonRef, Quote
from generator.nlp.attribution import Cue, Speaker, cues_in, nearest_cue
from generator.nlp.layout import Layout
from generator.nlp.quotemarks import Quoted, quoted_stretches, sentence_bounds
from generator.nlp.quotesource import date_in, source_in
from generator.nlp.reference import subject_people
from generator.nlp.scene import Scene, article_scene

MAX_TRAILING_ATTRIBUTION = 8  # words of an attribution after a quote: 'Mr Blair asked.'
MAX_LABEL_WORDS = 6  # an unattributed quoted fragment this short is a label, not speech
MAX_SENTENCES_BACK = 2  # writer's sentences between a reported speaker and their own quote
_AFTER_DETERMINER = re.compile(
    rf"\b{lexicon.alternation(lexicon.word_list('speech', 'label_determiners'))}\s*$", re.I
)


@dataclass(frozen=True)
class Found:
    """A quotation located in the joined text, with the sentence that holds it."""

    start: int
    end: int
    open: int
    close: int
    block: int
    sentence: tuple[int, int]
    closed: bool


def article_quotes(doc: Doc, layout: Layout, people: Sequence[PersonRef]) -> tuple[Quote, ...]:
    """Every quotation of an article with its speaker, in order."""
    paragraphs = marked_paragraphs(layout)
    found = [f for p in paragraphs for f in p.quotes]
    sentences = [s for p in paragraphs for s in p.sentences]
    scene = article_scene(doc, layout, people, sentences, [(f.start, f.end) for f in found])
    quotes: list[Quote] = []
    for index in range(len(found)):
        quotes.append(attributed(scene, found, index, quotes))
    return tuple(quotes)


@dataclass(frozen=True)
class Marked:
    """One paragraph's quotations and sentences, by offsets in the joined text."""

    quotes: tuple[Found, ...]
    sentences: tuple[tuple[int, int], ...]


def marked_paragraphs(layout: Layout) -> list[Marked]:
    """The quotations and sentences of every paragraph (no headings; captions have no quotes)."""
    out = []
    for index, block in enumerate(layout.article.blocks):
        if block.kind == HEADING:
            continue
        base = layout.starts[index]
        stretches = quoted_stretches(block.text)
        bounds = [(base + a, base + b) for a, b in sentence_bounds(block.text, stretches)]
        quotes = (
            ()
            if block.kind == CAPTION
            else tuple(
                _found(q, base, index, _sentence_of(bounds, base + q.open, base + q.close))
                for q in stretches
            )
        )
        out.append(Marked(quotes, tuple(bounds)))
    return out


def _found(q: Quoted, base: int, block: int, sentence: tuple[int, int]) -> Found:
    return Found(
        base + q.start, base + q.end, base + q.open, base + q.close, block, sentence, q.closed
    )


def _sentence_of(bounds: Sequence[tuple[int, int]], open_at: int, close: int) -> tuple[int, int]:
    start, end = next(((a, b) for a, b in bounds if a <= open_at < b), (open_at, close))
    return start, max(end, close)


def attributed(scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote]) -> Quote:
    """The quote at `index` with its speaker, cue, source and date."""
    here = found[index]
    span = scene.layout.span(here.start, here.end)
    partial = is_partial(scene.layout.text, here)
    attribution = own_attribution(scene, found, index)
    if attribution is None and is_own_sentence(scene.layout.text, found, here):
        carried = carried_speaker(scene, found, index, earlier)
        if carried is not None:
            return replace(carried, span=span, partial=partial)
        attribution = _with_context(scene, found, leading_cue(scene, found, index), here)
    if attribution is None or is_label(scene, found, index, earlier, attribution[0].speaker):
        return Quote(span=span, speaker=None, partial=partial, via="none")
    cue, context = attribution
    source = source_in(context, cue.speaker.text)
    return Quote(
        span=span,
        speaker=cue.speaker.key,
        speaker_text=cue.speaker.text,
        cue=cue.words if not source.startswith(cue.words + " ") else cue.words.split()[0],
        source=source,
        date=date_in(context),
        partial=partial,
        via=cue.speaker.via,
    )


def own_attribution(scene: Scene, found: Sequence[Found], index: int) -> tuple[Cue, str] | None:
    """The cue of the quote's own sentence, or of a short one right after it, with the writer's
    words of that sentence (where its source and date are read)."""
    here = found[index]
    cue = sentence_cue(scene, found, here)
    if cue is not None:
        return cue, _writer_words(scene.layout.text, found, *here.sentence)
    return _with_context(scene, found, trailing_cue(scene, found, index), here)


def _with_context(
    scene: Scene, found: Sequence[Found], cue: Cue | None, here: Found
) -> tuple[Cue, str] | None:
    if cue is None:
        return None
    return cue, _writer_words(scene.layout.text, found, *_next_sentence(scene, here))


def carried_speaker(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote]
) -> Quote | None:
    """For a quote that is a sentence of its own: the person the writer just reported, or the
    speaker of the quote it continues, as a continuation."""
    recent = preceding_speaker(scene, found, index, earlier)
    if recent is not None:
        speaker, cue = recent
        return Quote(
            span=scene.layout.span(found[index].start, found[index].end),
            speaker=speaker.key,
            speaker_text=speaker.text,
            cue=cue,
            via="continuation",
        )
    previous = continued(found, index, earlier)
    return replace(previous, via="continuation") if previous is not None else None


def sentence_cue(scene: Scene, found: Sequence[Found], here: Found) -> Cue | None:
    """The speech verb of the quote's own sentence nearest to it that names a speaker."""
    return nearest_cue(scene, here.sentence, here.open, here.close)


def trailing_cue(scene: Scene, found: Sequence[Found], index: int) -> Cue | None:
    """ "Is it over?" Mr Blair asked. — a short attribution after a quote that ends a sentence."""
    here = found[index]
    following = _next_sentence(scene, here)
    if following[0] != here.sentence[1] or following[0] >= following[1]:
        return None
    if any(following[0] <= f.open < following[1] for f in found):
        return None
    words = scene.layout.text[following[0] : following[1]].split()
    if len(words) > MAX_TRAILING_ATTRIBUTION or scene.layout.block_at(following[0]) != here.block:
        return None
    cues = [c for c in cues_in(scene, *following) if c.speaker.via != "none"]
    return cues[0] if cues else None


def leading_cue(scene: Scene, found: Sequence[Found], index: int) -> Cue | None:
    """A paragraph that is only a quotation, opening a passage with no quote before it, attributed
    by the first sentence of the next paragraph ("...." / "At a news conference, the prime minister
    announced ...")."""
    here = found[index]
    layout = scene.layout
    block_start, block_end = layout.block_range(here.block)
    if (
        layout.text[block_start : here.open].strip()
        or _writer_words(layout.text, found, block_start, block_end).strip()
    ):
        return None
    if any(f.block == here.block - 1 for f in found):
        return None
    following = _next_sentence(scene, here)
    if layout.block_at(following[0]) != here.block + 1:
        return None
    cues = [
        c
        for c in cues_in(scene, *following)
        if c.speaker.key is not None and c.speaker.via in {"name", "title"} and not c.weak
    ]
    return cues[0] if cues else None


def preceding_speaker(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote]
) -> tuple[Speaker, str] | None:
    """The person the writer's last sentences before a stand-alone quote report or are about:
    "Mr Ash told the BBC there are two parts to it. ... "The solution is ..."". Only sentences
    after the previous quote count, at most two, in the same paragraph or the one before."""
    here = found[index]
    attributed_before = [
        f for f, q in zip(found[:index], earlier, strict=False) if q.speaker or q.speaker_text
    ]
    previous_end = attributed_before[-1].close if attributed_before else -1  # labels don't count
    speakers = {q.speaker for q in earlier if q.speaker}
    sentences = [s for s in scene.sentences if previous_end <= s[0] and s[1] <= here.sentence[0]]
    for start, end in reversed(sentences[-MAX_SENTENCES_BACK:]):
        if scene.layout.block_at(start) < here.block - 1:
            break
        cues = [c for c in cues_in(scene, start, end) if c.speaker.key is not None]
        if cues:
            return cues[-1].speaker, cues[-1].words
        subjects = [k for k in subject_people(scene, start, end) if k in speakers]
        if subjects:
            return Speaker(subjects[0], "", "continuation"), ""
    return None


def _next_sentence(scene: Scene, here: Found) -> tuple[int, int]:
    return next(
        (s for s in scene.sentences if s[0] >= here.sentence[1]),
        (here.sentence[1], here.sentence[1]),
    )


def continued(found: Sequence[Found], index: int, earlier: Sequence[Quote]) -> Quote | None:
    """The attributed quote this one continues: the last one before it (quoted labels aside) in
    its paragraph, or in the paragraph before."""
    here = found[index]
    for before, previous in reversed(list(zip(found[:index], earlier, strict=False))):
        if previous.speaker is None and not previous.speaker_text:
            if previous.partial and len(previous.span.text.split()) <= MAX_LABEL_WORDS:
                continue  # a quoted label: look past it
            return None
        return previous if before.block in (here.block, here.block - 1) else None
    return None


def is_own_sentence(text: str, found: Sequence[Found], here: Found) -> bool:
    """The quote is the whole of its sentence: no words of the writer around it."""
    return not re.search(r"\w", _writer_words(text, found, *here.sentence))


def is_partial(text: str, here: Found) -> bool:
    """A fragment inside the writer's sentence, not a sentence the speaker said."""
    before = text[here.sentence[0] : here.open].strip()
    return (
        bool(before)
        and not before.endswith((":", ","))
        and not re.search(r"\b(?:said|says|added|told \w+|asked|declared|stated)$", before)
    ) or (bool(before) and before.endswith(",") and text[here.start : here.start + 1].islower())


def is_label(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote], speaker: Speaker
) -> bool:
    """A quoted term, not words someone said: "the so-called 'three nos'", "the 'axis of evil'
    statement", or a phrase the article already quoted as a label or as someone else's."""
    here = found[index]
    before = scene.layout.text[max(0, here.open - 12) : here.open]
    if re.search(r"so-called\s*$", before, re.I):
        return True
    return is_noun_modifier(scene, here) or is_repeated_label(scene, found, index, earlier, speaker)


def is_noun_modifier(scene: Scene, here: Found) -> bool:
    """A short quoted name standing before a noun: the "axis of evil" statement."""
    text = scene.layout.text
    words = scene.doc.char_span(here.start, here.end, alignment_mode="expand")
    after = scene.doc.char_span(
        here.close, min(len(text), here.close + 30), alignment_mode="expand"
    )
    if words is None or after is None or not len(after) or not len(words) or len(words) > 5:
        return False
    before = text[max(0, here.open - 12) : here.open]
    return (
        after[0].pos_ == "NOUN"
        and words[-1].pos_ in {"NOUN", "PROPN"}
        and bool(_AFTER_DETERMINER.search(before))
    )


def is_repeated_label(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote], speaker: Speaker
) -> bool:
    """The same words were quoted before with no speaker, or as another person's."""
    text = scene.layout.text
    key = _term_key(text[found[index].start : found[index].end])
    for other, quote in zip(found[:index], earlier, strict=False):
        if _term_key(text[other.start : other.end]) != key:
            continue
        if (quote.speaker is None and not quote.speaker_text) or quote.via == "none":
            return True
        if quote.speaker is not None and quote.speaker != speaker.key:
            return True
    return False


def _term_key(words: str) -> str:
    return " ".join(re.findall(r"\w+", words.casefold()))


def _writer_words(text: str, found: Sequence[Found], start: int, end: int) -> str:
    """The text between `start` and `end` with every quotation (marks included) cut out."""
    pieces, at = [], start
    for f in found:
        if f.close <= start or f.open >= end:
            continue
        pieces.append(text[at : max(at, f.open)])
        at = max(at, f.close)
    pieces.append(text[at:end])
    return " | ".join(p.strip() for p in pieces if p.strip())
