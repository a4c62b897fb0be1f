"""Quotes an institution speaks: `speaker_org` for a quote whose speaker is no person.

The words that name the speaker ("a Capital Economics statement", "an REM spokesman", "a senior
Foreign Ministry official", "USAG") name an organisation of the article; or they describe one
("the bank", "the band's spokesman"): the organisation last named before the quote; or a pronoun
("he said", "it added") carries on from the quote before it in the same or the previous paragraph
that an organisation spoke. `speaker` stays a person or None: an unnamed spokesman of an
organisation is no person of the article.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from generator import lexicon
from generator.model import OrgRef, Quote
from generator.nlp.layout import Layout
from generator.text import literal_spans

# "the bank", "the band's spokesman": nouns that stand for a body already named.
BODY_NOUNS = lexicon.words("orgnames", "body_nouns")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})


def with_speaker_orgs(
    quotes: Sequence[Quote], organisations: Sequence[OrgRef], layout: Layout
) -> tuple[Quote, ...]:
    """The quotes, those an organisation of the article speaks with its key as `speaker_org`."""
    if not organisations:
        return tuple(quotes)
    index = {block.id: n for n, block in enumerate(layout.article.blocks)}
    names = _names(organisations)
    mentions = sorted(
        (layout.starts[index[s.block]] + s.start, o.key) for o in organisations for s in o.mentions
    )
    out: list[Quote] = []
    for quote in quotes:
        at = layout.starts[index[quote.span.block]] + quote.span.start
        key = None if quote.speaker else _speaking_org(quote, names, mentions, at)
        if key is None and quote.speaker is None and quote.speaker_text.lower() in _PRONOUNS:
            key = _carried_on(quote, out, index)
        out.append(replace(quote, speaker_org=key) if key else quote)
    return tuple(out)


def _names(organisations: Sequence[OrgRef]) -> dict[str, str]:
    """Every name and alias of the article's organisations -> the organisation's key."""
    out: dict[str, str] = {}
    for org in organisations:
        for name in (org.name, *org.aliases):
            out.setdefault(re.sub(r"^[Tt]he\s+", "", name), org.key)
    return out


def _speaking_org(
    quote: Quote,
    names: dict[str, str],
    mentions: list[tuple[int, str]],
    at: int,
) -> str | None:
    words = quote.speaker_text
    if not words:
        return None
    found = max((words[s:e] for s, e in literal_spans(words, names)), key=len, default="")
    if found:
        return names[found]
    nouns = {w.strip("’'s,.").lower() for w in words.split()[1:]}
    definite = words.split()[0].lower() in {"the", "its", "their"}
    if definite and nouns & BODY_NOUNS:
        before = bisect.bisect_left(mentions, (at, ""))
        return mentions[before - 1][1] if before else None
    return None


def _carried_on(quote: Quote, earlier: Sequence[Quote], index: dict[str, int]) -> str | None:
    """The organisation of the last quote before, when it is in the same or the previous
    paragraph: "..., said an REM spokesman. ... "We all want ...," he said."""
    if not earlier or earlier[-1].speaker_org is None:
        return None
    here, there = index[quote.span.block], index[earlier[-1].span.block]
    return earlier[-1].speaker_org if here - there <= 1 else None
