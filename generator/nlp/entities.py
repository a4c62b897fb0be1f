"""What the analysis reads of a Doc again and again, made once: its entities (for each state of
its entity tags), its text, its words and their lower-case forms.

spaCy makes a new Span for every entity at each read of `doc.ents`, and the analysis reads them
about a dozen times per article (more where the headline is read apart from the body); it joins
the text of every token anew at each read of `doc.text`, and a pass over the Doc makes a Token
for every word; the words and their lower-case forms are read from the Doc's arrays instead.
"""

from __future__ import annotations

from typing import cast

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

_KEPT = "dossier.entities"
_TEXT = "dossier.text"
_WORDS = "dossier.words"
_LOWER = "dossier.lower"
# What `doc.ents` is made from and the analysis may change (setting `doc.ents`): the knowledge-base
# and entity ids are made from too, but no component of the pipeline sets them, nor does the
# analysis (reading them too made every call twice as slow).
_TAGS = [ENT_IOB, ENT_TYPE]


def entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """`doc.ents`, the same Spans until the Doc's entity tags change (setting `doc.ents` does):
    each call compares the tags' array with the one the Spans were made from, which costs far
    less than making them."""
    tags = doc.to_array(_TAGS).tobytes()
    kept = doc.user_data.get(_KEPT)
    if isinstance(kept, tuple) and kept[0] == tags:
        spans: tuple[SpacySpan, ...] = kept[1]
        return spans
    spans = tuple(doc.ents)
    doc.user_data[_KEPT] = (tags, spans)
    return spans


def doc_text(doc: Doc) -> str:
    """The Doc's text, read once."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def with_known_text(doc: Doc, text: str) -> Doc:
    """The Doc, its text known to be `text`, the string it was parsed from (spaCy's tokens keep
    every character of it, so `doc.text` would join them into `text` again): where the lengths
    agree, which is checked, the text is not rebuilt from the tokens."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        doc.user_data[_TEXT] = text
    return doc


def words(doc: Doc) -> list[str]:
    """The text of each token, in order (`[t.text for t in doc]`)."""
    kept = doc.user_data.get(_WORDS)
    if isinstance(kept, list):
        return kept
    text = doc_text(doc)
    # one array each: the list of a two-column array was ten times slower to make (measured)
    starts, sizes = doc.to_array(IDX).tolist(), doc.to_array(LENGTH).tolist()
    out = [text[at : at + size] for at, size in zip(starts, sizes, strict=True)]
    doc.user_data[_WORDS] = out
    return out


def lower_ids(doc: Doc) -> tuple[list[int], frozenset[int]]:
    """The string id of each token's lower-case form (`t.lower` for t in doc), in order, and
    the set of them."""
    kept = doc.user_data.get(_LOWER)
    if isinstance(kept, tuple):
        return kept
    ids = cast(list[int], doc.to_array(LOWER).reshape(-1).tolist())  # uint64 -> int
    out = (ids, frozenset(ids))
    doc.user_data[_LOWER] = out
    return out


def with_lower(doc: Doc, ids: frozenset[int]) -> list[int]:
    """The indices of the tokens whose lower-case form is one of `ids` (string ids)."""
    lower, present = lower_ids(doc)
    if present.isdisjoint(ids):
        return []
    return [i for i, word in enumerate(lower) if word in ids]
