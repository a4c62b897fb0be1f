"""What the analysis keeps of an article's title (model.TITLE, analysed after the body).

A headline's mentions link to the article's top. Its clipped words tie together names that the
text does not ("Blair rejects Tory offer"), and its capitals say little (the first word always
has one; a Title Case headline gives every word one), so the title gives no roles, countries or
ties, and a name found in the title alone is kept only where its capitals tell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol, TypeVar

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from generator.gazetteer import gazetteer
from generator.model import TITLE, Claim, OrgRef, PersonRef, Span
from generator.nlp.layout import Layout

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
LONG_WORD = 4  # letters: the words a Title Case headline capitalises (not 'to', 'as', 'in')


# The model's labels of numbers, dates and amounts: a headline's entity of these names no one,
# so it needs no second reading of the whole Doc (a quarter of the analysis time, profiled).
_NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def without_title_claims(people: tuple[PersonRef, ...]) -> tuple[PersonRef, ...]:
    """The people without the roles, countries and ties read in the title. Their mentions there
    stay: a person named in the headline is named in the article."""

    def kept(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
        return tuple(c for c in claims if not _in_title(c.source))

    return tuple(
        replace(
            p, roles=kept(p.roles), countries=kept(p.countries), organisations=kept(p.organisations)
        )
        for p in people
    )


class _Named(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def mentions(self) -> tuple[Span, ...]: ...


Named = TypeVar("Named", bound=_Named)


def seeded_by_the_body(
    doc: Doc, layout: Layout, find: Callable[[], tuple[Named, ...]]
) -> tuple[Named, ...]:
    """What `find` reads from the Doc (people, organisations), the body's from the body's
    entities alone: a headline's tags and capitals mislead the model ("Wembley firm won't make a
    profit" tags Wembley a person), and a name it tags once is looked for everywhere after. The
    headline adds its mentions of the body's names; then those it alone names, read from every
    entity, which `without_title_guesses` judges."""
    title = _title_text(layout)
    if title is None:
        return find()
    start = layout.starts[-1]
    ents = doc.ents
    try:
        doc.ents = [e for e in ents if e.start_char < start]
        body = find()
    finally:
        doc.ents = ents
    covered = [
        (layout.starts[-1] + m.start, layout.starts[-1] + m.end)
        for ref in body
        for m in ref.mentions
        if _in_title(m)
    ]
    if all(
        _names_no_one(e) or any(s <= e.start_char < t for s, t in covered)
        for e in ents
        if e.start_char >= start
    ):
        return body  # the headline names no one the body does not
    keys = {ref.key for ref in body}
    alone = [
        r for r in find() if r.key not in keys and r.mentions and all(map(_in_title, r.mentions))
    ]
    return (*body, *alone)


def _names_no_one(ent: SpacySpan) -> bool:
    """A date or amount, or a country by one of its names ("What now for British tennis?")."""
    if ent.label_ in _NOT_NAMES:
        return True
    return ent.label_ in _PLACE_LABELS and gazetteer().code_of(ent.text) is not None


def without_title_guesses(
    doc: Doc, layout: Layout, people: tuple[PersonRef, ...], organisations: tuple[OrgRef, ...]
) -> tuple[tuple[PersonRef, ...], tuple[OrgRef, ...]]:
    """The people and organisations, less those named in the title alone whose name there
    could be capitalised for being a headline's word ("Lifestyle 'governs mobile choice'"), or
    could be a short form of a name of the text ("U.S. House" beside "United States House of
    Representatives"), which it is not for certain."""
    title = _title_text(layout)
    if title is None:
        return people, organisations
    named = _words_of_body_names((*people, *organisations))

    def stays(mentions: tuple[Span, ...]) -> bool:
        if not mentions or not all(map(_in_title, mentions)):
            return True
        return _told(doc, title, mentions) and not any(
            w in named for m in mentions for w in _WORD.findall(m.text)
        )

    return (
        tuple(p for p in people if p.kind != "subject" or stays(p.mentions)),
        tuple(o for o in organisations if stays(o.mentions)),
    )


def judged_by_the_body(
    people: tuple[PersonRef, ...], judge: Callable[[tuple[PersonRef, ...]], tuple[PersonRef, ...]]
) -> tuple[PersonRef, ...]:
    """The people `judge` keeps when it sees only their mentions in the body, where the body
    names them: a test of every mention ("always after 'the'": "the Lib Dems say") is not
    passed by the headline, which drops such words."""
    kept = {
        p.key
        for p in judge(tuple(replace(p, mentions=_body(p.mentions) or p.mentions) for p in people))
    }
    return tuple(p for p in people if p.key in kept)


def _body(mentions: tuple[Span, ...]) -> tuple[Span, ...]:
    return tuple(m for m in mentions if not _in_title(m))


def is_title_case(title: str) -> bool:
    """Whether a headline capitalises its words ("Iran Looks to 'Strategic Partner' Russia"), so
    that a capital in it says nothing of a name: no word of LONG_WORD letters or more after the
    first is written in lower case (a sentence-case headline has such a word: "rejects")."""
    long = [w for w in _WORD.findall(title)[1:] if len(w) >= LONG_WORD]
    return len(long) >= 2 and not any(w[0].islower() for w in long)


def _told(doc: Doc, title: str, mentions: tuple[Span, ...]) -> bool:
    """Whether the headline's capitals tell that a mention is a name: a sentence-case headline,
    and the mention not its first word, or a name of two words or more whose first is no
    common word ("Can Smith work wonders?" is a question)."""
    if is_title_case(title):
        return False
    for span in mentions:
        if _WORD.search(title[: span.start]):
            return True
        words = span.text.split()
        if len(words) >= 2 and not doc.vocab[words[0].casefold()].is_stop:
            return True
    return False


def _words_of_body_names(refs: tuple[PersonRef | OrgRef, ...]) -> set[str]:
    """The words of the names (and aliases) the body gives people and organisations."""
    return {
        word
        for ref in refs
        if not all(map(_in_title, ref.mentions))
        for name in (ref.name, *ref.aliases)
        for word in _WORD.findall(name)
    }


def _title_text(layout: Layout) -> str | None:
    blocks = layout.article.blocks
    return blocks[-1].text if blocks and blocks[-1].kind == TITLE else None


def _in_title(source: object) -> bool:
    return isinstance(source, Span) and source.block == TITLE
