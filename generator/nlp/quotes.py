"""Direct quotations in one article and who said them.

A quote is found by its marks (`quotemarks`); its speaker by the speech verb of its sentence
(`attribution`): "Pezeshkian said", "he told reporters", "said Miller", "the minister added",
"according to Dedov". A quote that is a sentence of its own continues the speaker of the quote just
before it (same paragraph, or the paragraph before); a quoted label ("the so-called 'three nos'",
a phrase already quoted as someone else's) has no speaker. Never a guess: `speaker=None`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from generator.model import CAPTION, HEADING, TITLE, PersonRef, Quote
from generator.nlp import quotemarks, verbless
from generator.nlp.attribution import Cue, Speaker, cues_in, nearest_cue
from generator.nlp.layout import Layout
from generator.nlp.quotemarks import Quoted, quoted_stretches, sentence_bounds
from generator.nlp.quotesource import date_in, source_in
from generator.nlp.quoteterms import is_a_quoted_title, is_noun_modifier
from generator.nlp.reference import subject_people
from generator.nlp.scene import Scene, article_scene, memoized

MAX_TRAILING_ATTRIBUTION = 8  # words of an attribution after a quote: 'Mr Blair asked.'
MAX_LABEL_WORDS = 6  # an unattributed quoted fragment this short is a label, not speech
MAX_SENTENCES_BACK = 2  # writer's sentences between a reported speaker and their own quote


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
    """The quotations and sentences of every paragraph (no headings nor title; captions have no quotes)."""
    out = []
    transcript = quotemarks.is_transcript(
        [b.text for b in layout.article.blocks if b.kind not in (HEADING, TITLE)]
    )
    for index, block in enumerate(layout.article.blocks):
        if block.kind in (HEADING, TITLE):
            continue
        base = layout.starts[index]
        stretches = quoted_stretches(block.text)
        if transcript and not stretches and block.kind != CAPTION:
            line = quotemarks.transcript_line(block.text, names=True)
            stretches = (line,) if line is not None else ()
        bounds = [(base + a, base + b) for a, b in sentence_bounds(block.text, stretches)]
        starts = [a for a, _ in bounds]
        quotes = (
            ()
            if block.kind == CAPTION
            else tuple(
                _found(q, base, index, _sentence_of(bounds, starts, base + q.open, base + q.close))
                for q in stretches
            )
        )
        out.append(Marked(quotes, tuple(bounds)))
    return out


def _found(q: Quoted, base: int, block: int, sentence: tuple[int, int]) -> Found:
    return Found(
        base + q.start, base + q.end, base + q.open, base + q.close, block, sentence, q.closed
    )


def _sentence_of(
    bounds: Sequence[tuple[int, int]], starts: Sequence[int], open_at: int, close: int
) -> tuple[int, int]:
    """The sentence (of `bounds`, in order, none inside another; `starts` their starts) that
    holds the opening mark, to the quote's end at least."""
    at = bisect.bisect_right(starts, open_at) - 1
    inside = at >= 0 and open_at < bounds[at][1]
    start, end = bounds[at] if inside else (open_at, close)
    return start, max(end, close)


def attributed(scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote]) -> Quote:
    """The quote at `index` with its speaker, cue, source and date."""
    here = found[index]
    span = scene.layout.span(here.start, here.end)
    partial = is_partial(scene.layout.text, here)
    attribution = own_attribution(scene, found, index)
    if attribution is None and is_pull_quote(scene, found, here):
        attribution = _with_context(scene, found, verbless.credit_cue(scene, here.block + 1), here)
    if (
        attribution is None
        and is_own_sentence(scene, found, here)
        and not verbless.is_editorial_note(scene, here.block)
    ):
        carried = carried_speaker(scene, found, index, earlier)
        if carried is not None:
            return replace(carried, span=span, partial=partial)
        attribution = _with_context(scene, found, leading_cue(scene, found, index), here)
    if attribution is None or is_label(
        scene, found, index, earlier, attribution[0].speaker, partial
    ):
        return Quote(span=span, speaker=None, partial=partial, via="none")
    cue, context = attribution
    # `context` is one string object per sentence (see _writer_words): its hash is computed once
    source = memoized(
        scene, ("source", context, cue.speaker.text), lambda: source_in(context, cue.speaker.text)
    )
    return Quote(
        span=span,
        speaker=cue.speaker.key,
        speaker_text=cue.speaker.text,
        cue=cue.words if not source.startswith(cue.words + " ") else cue.words.split()[0],
        source=source,
        date=memoized(scene, ("date", context), lambda: date_in(context)),
        partial=partial,
        via=cue.speaker.via,
    )


def own_attribution(scene: Scene, found: Sequence[Found], index: int) -> tuple[Cue, str] | None:
    """The cue of the quote's own sentence, or of a short one right after it, with the writer's
    words of that sentence (where its source and date are read)."""
    here = found[index]
    cue = sentence_cue(scene, found, here)
    if cue is not None:
        return cue, _writer_words(scene, found, *here.sentence)
    return _with_context(scene, found, trailing_cue(scene, found, index), here)


def _with_context(
    scene: Scene, found: Sequence[Found], cue: Cue | None, here: Found
) -> tuple[Cue, str] | None:
    if cue is None:
        return None
    return cue, _writer_words(scene, found, *_next_sentence(scene, here))


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
    previous = continued(scene, found, index, earlier)
    return replace(previous, via="continuation") if previous is not None else None


def sentence_cue(scene: Scene, found: Sequence[Found], here: Found) -> Cue | None:
    """The speech verb of the quote's own sentence nearest to it that names a speaker, else the
    words before a colon that opens it."""
    cue = nearest_cue(scene, here.sentence, here.open, here.close)
    if cue is None:
        cue = verbless.colon_cue(scene, here.sentence, here.open)
    if cue is None:
        cue = verbless.title_case_cue(scene, here.sentence, here.open, here.close)
    return cue


def is_pull_quote(scene: Scene, found: Sequence[Found], here: Found) -> bool:
    """The quotation is all its paragraph holds (a pull quote, whose credit may follow)."""
    start, end = scene.layout.block_range(here.block)
    return not _writer_words(scene, found, start, end).strip()


def trailing_cue(scene: Scene, found: Sequence[Found], index: int) -> Cue | None:
    """ "Is it over?" Mr Blair asked. — a short attribution after a quote that ends a sentence."""
    here = found[index]
    following = _next_sentence(scene, here)
    if following[0] != here.sentence[1] or following[0] >= following[1]:
        return None
    if _quotations(scene, found).opens_between(*following):
        return None
    words = memoized(
        scene, ("words", *following), lambda: len(scene.layout.text[slice(*following)].split())
    )
    if scene.layout.block_at(following[0]) != here.block:
        return None
    cues = [c for c in cues_in(scene, *following) if c.speaker.via != "none"]
    if not cues:
        return None
    if words > MAX_TRAILING_ATTRIBUTION:  # only where the parser split after "?" or "!"
        asks = scene.layout.text[here.start : here.end].rstrip()[-1:] in {"?", "!"}
        return cues[0] if asks and verbless.opens_with(scene, following, cues[0]) else None
    return cues[0]


def leading_cue(scene: Scene, found: Sequence[Found], index: int) -> Cue | None:
    """A paragraph that is only a quotation, opening a passage with no quote before it, attributed
    by the first sentence of the next paragraph ("...." / "At a news conference, the prime minister
    announced ...")."""
    here = found[index]
    layout = scene.layout
    block_start, block_end = layout.block_range(here.block)
    if (
        _NON_SPACE.search(layout.text, block_start, here.open)
        or _writer_words(scene, found, block_start, block_end).strip()
    ):
        return None
    if here.block - 1 in _quotations(scene, found).blocks:
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
    history = _history(scene, found, earlier)
    last = history.last_attributed
    previous_end = found[last].close if last >= 0 else -1  # labels don't count
    speakers = history.speakers
    sentences = _sentences_within(scene, previous_end, here.sentence[0])
    for start, end in reversed(sentences[-MAX_SENTENCES_BACK:]):
        if scene.layout.block_at(start) < here.block - 1:
            break
        cues = [c for c in cues_in(scene, start, end) if c.speaker.key is not None and not c.loose]
        if cues:
            return verbless.unless_named_in(
                scene, (here.start, here.end), (cues[-1].speaker, cues[-1].words)
            )
        subjects = [k for k in subject_people(scene, start, end) if k in speakers]
        if subjects:
            return verbless.unless_named_in(
                scene, (here.start, here.end), (Speaker(subjects[0], "", "continuation"), "")
            )
    return None


def _next_sentence(scene: Scene, here: Found) -> tuple[int, int]:
    """The first sentence that starts where the quote's sentence ends, or later."""
    at = bisect.bisect_left(scene.sentence_starts, here.sentence[1])
    if at < len(scene.sentences):
        return scene.sentences[at]
    return here.sentence[1], here.sentence[1]


def _sentences_within(scene: Scene, start: int, end: int) -> Sequence[tuple[int, int]]:
    """The sentences that start at `start` or later and end by `end` (sentences are in order and
    none holds another, so their ends are in order too)."""
    ends = memoized(scene, "sentence ends", lambda: [e for _, e in scene.sentences])
    first = bisect.bisect_left(scene.sentence_starts, start)
    return scene.sentences[first : max(first, bisect.bisect_right(ends, end))]


def continued(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote]
) -> Quote | None:
    """The attributed quote this one continues: the last one before it (quoted labels aside) in
    its paragraph, or in the paragraph before."""
    here = found[index]
    last = _history(scene, found, earlier).last_unlabelled
    if last < 0:
        return None
    previous = earlier[last]
    if previous.speaker is None and not previous.speaker_text:
        return None
    return previous if found[last].block in (here.block, here.block - 1) else None


def is_own_sentence(scene: Scene, found: Sequence[Found], here: Found) -> bool:
    """The quote is the whole of its sentence: no words of the writer around it."""
    return memoized(
        scene,
        ("own sentence", *here.sentence),
        lambda: not re.search(r"\w", _writer_words(scene, found, *here.sentence)),
    )


def is_partial(text: str, here: Found) -> bool:
    """A fragment inside the writer's sentence, not a sentence the speaker said: words of the
    writer before it that do not end in ":", "," or a speech verb ("said", "told reporters")."""
    start, end = here.sentence[0], here.open
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return False
    if text[end - 1] == ",":
        return text[here.start : here.start + 1].islower()
    return text[end - 1] != ":" and not _ends_in_speech_verb(text, start, end)


_SPEECH_VERB_AT_END = re.compile(r"\b(?:said|says|added|told \w+|asked|declared|stated)$")
_NON_SPACE = re.compile(r"\S")


def _ends_in_speech_verb(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (`end` just past a letter or sign) ends in a speech verb, read
    from its last words only: the longest match is "told " and the word at the end."""
    word = end
    while word > start and (text[word - 1].isalnum() or text[word - 1] == "_"):
        word -= 1  # \w, as `re` reads it
    window = min(end - len("declared"), word - len("told "))
    if window <= start:
        return bool(_SPEECH_VERB_AT_END.search(text[start:end].strip()))
    return bool(_SPEECH_VERB_AT_END.search(text, window, end))  # \b sees text[window - 1]


def is_label(
    scene: Scene,
    found: Sequence[Found],
    index: int,
    earlier: Sequence[Quote],
    speaker: Speaker,
    partial: bool,
) -> bool:
    """A quoted term, not words someone said: "the so-called 'three nos'", "the 'axis of evil'
    statement", a title quoted in the writer's sentence (`partial`: see is_partial), or a
    phrase the article already quoted as a label or as someone else's."""
    here = found[index]
    before = scene.layout.text[max(0, here.open - 12) : here.open]
    if re.search(r"so-called\s*$", before, re.I):
        return True
    if partial and is_a_quoted_title(scene, here):
        return True
    return is_noun_modifier(scene, here) or is_repeated_label(scene, found, index, earlier, speaker)


def is_repeated_label(
    scene: Scene, found: Sequence[Found], index: int, earlier: Sequence[Quote], speaker: Speaker
) -> bool:
    """The same words were quoted before with no speaker, or as another person's."""
    history = _history(scene, found, earlier)
    key = _quotations(scene, found).terms[index]
    if key in history.labels:
        return True
    others = history.term_speakers.get(key, set())
    return len(others) > 1 or (len(others) == 1 and speaker.key not in others)


def _term_key(words: str) -> str:
    return " ".join(re.findall(r"\w+", words.casefold()))


def _writer_words(scene: Scene, found: Sequence[Found], start: int, end: int) -> str:
    """The text between `start` and `end` with every quotation (marks included) cut out; one
    string per stretch and article."""
    return memoized(scene, ("writer", start, end), lambda: _cut_out(scene, found, start, end))


def _cut_out(scene: Scene, found: Sequence[Found], start: int, end: int) -> str:
    text = scene.layout.text
    pieces, at = [], start
    for f in _quotations(scene, found).overlapping(start, end):
        pieces.append(text[at : max(at, f.open)])
        at = max(at, f.close)
    pieces.append(text[at:end])
    return " | ".join(p.strip() for p in pieces if p.strip())


@dataclass(frozen=True)
class Quotations:
    """Look-ups over an article's quotations, made once: their marks' offsets (in order, as no
    quotation holds another), the paragraphs that hold one, the words of each as a term."""

    found: Sequence[Found]
    opens: tuple[int, ...]
    closes: tuple[int, ...]
    ordered: bool
    blocks: frozenset[int]
    terms: tuple[str, ...]

    def overlapping(self, start: int, end: int) -> Sequence[Found]:
        """The quotations with words or marks between `start` and `end`, in order."""
        if not self.ordered:
            return [f for f in self.found if not (f.close <= start or f.open >= end)]
        first = bisect.bisect_right(self.closes, start)
        return self.found[first : max(first, bisect.bisect_left(self.opens, end))]

    def opens_between(self, start: int, end: int) -> bool:
        """Whether a quotation opens between `start` and `end`."""
        if not self.ordered:
            return any(start <= f.open < end for f in self.found)
        at = bisect.bisect_left(self.opens, start)
        return at < len(self.opens) and self.opens[at] < end


def _quotations(scene: Scene, found: Sequence[Found]) -> Quotations:
    index = scene.memo.get("quotations")
    if not isinstance(index, Quotations) or index.found is not found:
        index = scene.memo["quotations"] = _indexed(scene.layout.text, found)
    return index


def _indexed(text: str, found: Sequence[Found]) -> Quotations:
    opens = tuple(f.open for f in found)
    closes = tuple(f.close for f in found)
    ordered = all(a <= b for a, b in itertools.pairwise(opens)) and all(
        a <= b for a, b in itertools.pairwise(closes)
    )
    terms = tuple(_term_key(text[f.start : f.end]) for f in found)
    return Quotations(found, opens, closes, ordered, frozenset(f.block for f in found), terms)


@dataclass
class History:
    """What the quotes attributed so far (`earlier`, which only grows) say, kept up to date as
    each quote is attributed: the questions each new quote asks of all the earlier ones."""

    earlier: Sequence[Quote]
    seen: int = 0
    last_attributed: int = -1  # the last quote with a speaker or the words of one
    last_unlabelled: int = -1  # the last quote that is not a short quoted label
    speakers: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)  # terms quoted with no speaker
    term_speakers: dict[str, set[str]] = field(default_factory=dict)

    def add(self, index: int, quote: Quote, term: str) -> None:
        unattributed = quote.speaker is None and not quote.speaker_text
        if quote.speaker or quote.speaker_text:
            self.last_attributed = index
        if not (
            unattributed
            and quote.partial
            and len(quote.span.text.split()) <= MAX_LABEL_WORDS  # a quoted label
        ):
            self.last_unlabelled = index
        if unattributed or quote.via == "none":
            self.labels.add(term)
        if quote.speaker is not None:
            self.term_speakers.setdefault(term, set()).add(quote.speaker)
            if quote.speaker:
                self.speakers.add(quote.speaker)


def _history(scene: Scene, found: Sequence[Found], earlier: Sequence[Quote]) -> History:
    """The history of `earlier` (the quotes before the one asked about), brought up to date."""
    history = scene.memo.get("history")
    if (
        not isinstance(history, History)
        or history.earlier is not earlier
        or history.seen > len(earlier)
    ):
        history = scene.memo["history"] = History(earlier)
    terms = _quotations(scene, found).terms
    for index in range(history.seen, min(len(earlier), len(found))):
        history.add(index, earlier[index], terms[index])
        history.seen = index + 1
    return history
