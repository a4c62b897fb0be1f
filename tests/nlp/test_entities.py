"""The Doc's entities made once per state of its entity tags (nlp.entities).

Every text here is written for the test.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span as SpacySpan

from generator.nlp.entities import entities

TEXT = "Maria Lindqvist flew from Oslo to Lisbon on Tuesday with the Northern Rowing Club."


def _described(spans: tuple[SpacySpan, ...]) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in spans]


def test_the_entities_are_those_of_the_doc_and_made_once(nlp: Language) -> None:
    doc = nlp(TEXT)
    first = entities(doc)
    assert _described(first) == _described(doc.ents) and first
    assert all(a is b for a, b in zip(first, entities(doc), strict=True))


def test_entities_set_on_the_doc_are_read_again(nlp: Language) -> None:
    doc = nlp(TEXT)
    whole = entities(doc)
    doc.ents = list(whole[:1])
    assert _described(entities(doc)) == _described(whole[:1])
    doc.ents = list(whole)
    assert _described(entities(doc)) == _described(whole)


def test_a_label_changed_in_place_is_seen(nlp: Language) -> None:
    doc = nlp(TEXT)
    first = entities(doc)[0]
    doc.ents = [SpacySpan(doc, first.start, first.end, label="ORG"), *entities(doc)[1:]]
    assert entities(doc)[0].label_ == "ORG"


def test_a_doc_without_words_has_no_entities(nlp: Language) -> None:
    assert entities(nlp("")) == ()
