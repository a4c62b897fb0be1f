"""The words of reported speech, read on tokens the session's model parsed."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from generator.nlp.speech import (
    is_description,
    is_indefinite,
    is_institution,
    is_speech_verb,
    is_title,
)


def token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def test_a_speech_verb_but_not_a_capitalised_word_inside_a_name(nlp: Any) -> None:
    doc = nlp("The minister said the North East Says No campaign had grown.")
    assert is_speech_verb(token(doc, "said"))
    assert not is_speech_verb(token(doc, "Says"))
    assert not is_speech_verb(token(doc, "grown"))


def test_as_someone_put_it_is_speech(nlp: Any) -> None:
    doc = nlp("It was a disaster, as the mayor put it.")
    assert is_speech_verb(token(doc, "put"))


def test_titles_descriptions_and_institutions(nlp: Any) -> None:
    doc = nlp("The minister met the Dutchman at the ministry.")
    assert is_title(token(doc, "minister"))
    assert not is_title(token(doc, "ministry"))
    assert is_description(token(doc, "Dutchman"))
    assert not is_description(token(doc, "minister"))
    assert is_institution(token(doc, "ministry"))
    assert not is_institution(token(doc, "minister"))


def test_a_spokesman_is_indefinite_the_spokesman_is_not(nlp: Any) -> None:
    doc = nlp("A spokesman met the spokeswoman.")
    assert is_indefinite(token(doc, "spokesman"))
    assert not is_indefinite(token(doc, "spokeswoman"))


def test_verbs_of_communication_from_wordnet_are_weak_speech_verbs(nlp: Any) -> None:
    from generator.nlp.speech import is_weak_verb

    doc = nlp("The coach gushed about the team, and the captain blurted out a reply.")
    assert is_speech_verb(token(doc, "gushed")) and is_weak_verb(token(doc, "gushed"))
    assert is_speech_verb(token(doc, "blurted"))
    assert not is_weak_verb(nlp("She said no.")[1])
    assert not is_speech_verb(nlp("He read the book.")[1])
