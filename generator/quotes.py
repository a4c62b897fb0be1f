"""Direct quotations in one article and who said them.

A quote is found by its marks; its speaker by the speech verb next to it ("Pezeshkian said",
"he told reporters", "said Miller", "according to Dedov"), by continuation (a paragraph that is
only a quote continues the previous speaker), or not at all (`speaker=None`): never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from generator.layout import Layout
from generator.model import HEADING, PersonRef, Quote

SPEECH_VERBS = {
    "say", "tell", "add", "urge", "describe", "call", "warn", "insist", "claim", "state",
    "declare", "announce", "explain", "note", "argue", "write", "ask", "reply", "answer",
    "stress", "emphasise", "emphasize", "acknowledge", "admit", "remark", "comment", "suggest",
    "continue", "conclude", "predict", "promise", "vow", "pledge", "accuse", "deny", "confirm",
    "complain", "recall", "observe", "tweet", "post", "quote", "label", "dub", "brand", "term",
    "characterize", "characterise", "believe", "think", "hope", "recount", "point", "caution",
}
PRONOUNS = {"he", "she", "they", "i", "we"}
_QUOTE = re.compile(r"“(?P<curly>[^“”]+?)(?:”|$)|(?<![\w])\"(?P<straight>[^\"]+?)(?:\"|$)", re.S)
_SOURCE = re.compile(
    r"(according to [^,.;“”\"]+|(?:told|in an interview with|speaking to|in remarks (?:carried|reported) by|"
    r"in a statement (?:to|on|carried by)) [^,.;“”\"]+|at an? [^,.;“”\"]*(?:briefing|conference|"
    r"meeting|summit|rally|event|hearing|session)[^,.;“”\"]*)",
    re.I,
)
_DATE = re.compile(
    r"\b(?:on|Speaking on)\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))",
)


@dataclass(frozen=True)
class RawQuote:
    start: int  # offsets of the quoted words in the layout's joined text
    end: int
    block: int
    opens_block: bool  # the quote is the first thing in its paragraph
    unclosed: bool


def raw_quotes(layout: Layout) -> list[RawQuote]:
    out = []
    for index, block in enumerate(layout.article.blocks):
        if block.kind == HEADING:
            continue
        base = layout.starts[index]
        for match in _QUOTE.finditer(block.text):
            group = "curly" if match.group("curly") is not None else "straight"
            start, end = match.span(group)
            words = block.text[start:end].strip()
            if not words or not re.search(r"\w", words):
                continue
            unclosed = match.end() == len(block.text) and not block.text.endswith(("”", '"'))
            out.append(RawQuote(base + start, base + end, index, match.start() == 0, unclosed))
    return out


def article_quotes(doc: Doc, layout: Layout, people: Sequence[PersonRef]) -> tuple[Quote, ...]:
    mentions = _person_offsets(layout, people)
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_block = -2
    for raw in raw_quotes(layout):
        span = layout.span(raw.start, raw.end)
        partial = _is_partial(layout, raw)
        speaker, speaker_text, via, cue = _attribution(doc, layout, raw, mentions, quotes)
        if speaker is None and via == "none" and previous and raw.opens_block and \
                raw.block == previous_block + 1 and _is_whole_block_quote(layout, raw):
            speaker, speaker_text, via, cue = previous.speaker, previous.speaker_text, "continuation", ""
        context = _attribution_context(layout, raw)
        source = _first(_SOURCE, context)
        date = _first(_DATE, context, group=1)
        quote = Quote(span=span, speaker=speaker, speaker_text=speaker_text, cue=cue,
                      source=source, date=date, partial=partial, via=via)
        quotes.append(quote)
        if speaker is not None:
            previous, previous_block = quote, raw.block
    return tuple(quotes)


def _person_offsets(layout: Layout, people: Sequence[PersonRef]) -> list[tuple[int, int, str]]:
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        if ref.kind != "subject":
            continue
        for span in ref.mentions:
            base = layout.starts[index[span.block]]
            out.append((base + span.start, base + span.end, ref.key))
    return sorted(out)


def _is_partial(layout: Layout, raw: RawQuote) -> bool:
    block_start, _ = layout.block_range(raw.block)
    before = layout.text[block_start : raw.start - 1].rstrip()
    if raw.opens_block or before.endswith((":", ",")) and not before.endswith("said,"):
        return before.endswith(",") and bool(before)
    return True


def _is_whole_block_quote(layout: Layout, raw: RawQuote) -> bool:
    block_start, block_end = layout.block_range(raw.block)
    rest = layout.text[raw.end : block_end].strip(" ”\"")
    return not rest


def _attribution_context(layout: Layout, raw: RawQuote) -> str:
    block_start, block_end = layout.block_range(raw.block)
    return _QUOTE.sub(" ", layout.text[block_start:block_end])


def _first(pattern: re.Pattern[str], text: str, group: int = 0) -> str:
    match = pattern.search(text)
    return match.group(group).strip() if match else ""


def _attribution(doc: Doc, layout: Layout, raw: RawQuote, mentions: list[tuple[int, int, str]],
                 earlier: list[Quote]) -> tuple[str | None, str, str, str]:
    """(speaker key, words naming the speaker, how tied, cue) for the quote, from its sentence."""
    sent_tokens = _sentence_tokens(doc, layout, raw)
    for token in sent_tokens:
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
            continue
        if raw.start <= token.idx < raw.end:
            continue
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        cue = _cue(token)
        start = subject.left_edge.idx
        end = subject.right_edge.idx + len(subject.right_edge.text)
        person = _person_in(mentions, start, end)
        if person:
            return person, layout.text[start:end], "name", cue
        if subject.lower_ in PRONOUNS:
            return _pronoun_speaker(mentions, earlier, raw), subject.text, "pronoun", cue
        return None, layout.text[start:end], "title", cue
    according = re.search(r"according to ([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", _attribution_context(layout, raw))
    if according:
        block_start, _ = layout.block_range(raw.block)
        at = layout.text.find(according.group(1), block_start)
        person = _person_in(mentions, at, at + len(according.group(1)))
        if person:
            return person, according.group(1), "name", "according to"
    return None, "", "none", ""


def _sentence_tokens(doc: Doc, layout: Layout, raw: RawQuote) -> list:  # type: ignore[type-arg]
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if span is None:
        return []
    block_start, block_end = layout.block_range(raw.block)
    sents = {s.start: s for t in span for s in [t.sent]}
    first = min(sents.values(), key=lambda s: s.start)
    last = max(sents.values(), key=lambda s: s.start)
    tokens = [t for t in doc[first.start : last.end]]
    after = doc[last.end : last.end + 12]
    tokens += [t for t in after if t.idx < block_end]
    before = doc[max(0, first.start - 12) : first.start]
    tokens = [t for t in before if t.idx >= block_start] + tokens
    outside = [t for t in tokens if not (raw.start <= t.idx < raw.end)]
    return sorted(outside, key=lambda t: abs(t.idx - raw.start))


def _cue(verb) -> str:  # type: ignore[no-untyped-def]
    words = [verb.text]
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child.i == verb.i + 1 and child.pos_ in {"NOUN", "PRON"}:
            words.append(child.text)
        if child.dep_ == "prt":
            words.append(child.text)
    return " ".join(words)


def _person_in(mentions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    inside = [key for s, e, key in mentions if start <= s and e <= end]
    return inside[-1] if inside else None


def _pronoun_speaker(mentions: list[tuple[int, int, str]], earlier: list[Quote], raw: RawQuote) -> str | None:
    """The person a "he"/"she" stands for: the nearest person named before, outside quotes."""
    before = [(s, key) for s, e, key in mentions if s < raw.start]
    return before[-1][1] if before else None
