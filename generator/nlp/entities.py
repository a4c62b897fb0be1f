"""The Doc's entities, made once for each state of its entity tags.

spaCy makes a new Span for every entity at each read of `doc.ents`, and the analysis reads them
about a dozen times per article (more where the headline is read apart from the body).
"""

from __future__ import annotations

from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

_KEPT = "dossier.entities"
_TAGS = [ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID]  # all that `doc.ents` is made from


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
