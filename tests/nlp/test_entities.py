"""The Doc's entities made once per state of its entity tags, its text read once (nlp.entities).

Every text here is written for the test.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Span as SpacySpan

from generator.nlp.entities import (
    doc_text,
    entities,
    lower_ids,
    with_known_text,
    with_lower,
    words,
)

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


def test_the_text_is_the_docs_and_a_known_text_is_taken_when_its_length_agrees(
    nlp: Language,
) -> None:
    assert doc_text(nlp(TEXT)) == TEXT
    assert doc_text(with_known_text(nlp(TEXT), TEXT)) is TEXT
    assert doc_text(with_known_text(nlp(TEXT), TEXT + " ")) == TEXT  # not the Doc's: ignored
    assert doc_text(with_known_text(nlp(""), "")) == ""


def test_the_words_and_lower_forms_are_the_tokens(nlp: Language) -> None:
    doc = nlp("  Ana   Lindqvist said: “Oslo’s harbour is ours.”\n\nOSLO  ")
    assert words(doc) == [t.text for t in doc]
    assert lower_ids(doc)[0] == [t.lower for t in doc]
    oslo = frozenset({get_string_id("oslo"), get_string_id("nowhere")})
    assert with_lower(doc, oslo) == [t.i for t in doc if t.lower_ == "oslo"] != []
    assert with_lower(doc, frozenset({get_string_id("nowhere")})) == []
