"""Mentions grouped by person (nlp.people), within an article and across articles.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_two_people_sharing_a_surname_stay_two(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Maria Keller, a lawyer, and her brother Tom Keller, a farmer, both spoke at the meeting.",
        "Tom Keller said the harvest was poor. Keller added that prices had fallen.",
    )
    people = subjects(resolve([a]))
    assert {"Maria Keller", "Tom Keller"} <= set(people)
    assert "Keller" not in people
    assert len(people["Tom Keller"].mentions) > len(people["Maria Keller"].mentions)


def test_a_name_in_brackets_is_an_alias(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The plan was welcomed by opposition legislator Parvin Lau (Lau Hsiao-wen) on Friday.",
        "Lau said the vote would be close.",
    )
    people = subjects(resolve([a]))
    assert list(people) == ["Parvin Lau"]
    assert "Lau Hsiao-wen" in people["Parvin Lau"].aliases


def test_same_person_across_articles_is_one_profile(nlp: Language) -> None:
    first = analysed(nlp, "Prime Minister Anna Novak visited the port.", article_id="a1")
    second = analysed(nlp, "Mrs Novak said the port would be expanded.", article_id="a2")
    people = subjects(resolve([first, second]))
    assert list(people) == ["Anna Novak"]
    assert people["Anna Novak"].articles == ("a1", "a2")


def test_a_surname_never_merges_two_full_names(nlp: Language) -> None:
    first = analysed(nlp, "John Reed, a banker, bought the house.", article_id="a1")
    second = analysed(nlp, "Sarah Reed, a doctor, sold the house.", article_id="a2")
    third = analysed(nlp, "Reed said the price was fair.", article_id="a3")
    people = subjects(resolve([first, second, third]))
    assert {"John Reed", "Sarah Reed"} <= set(people)
    assert people["John Reed"].articles == ("a1",)
    assert people["Sarah Reed"].articles == ("a2",)


def test_a_surname_written_without_its_accents_is_the_same_persons(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Turkish President Recep Tayyip Erdoğan met the envoy in Ankara.",
        "Erdogan said the talks went well, and Müller agreed.",
    )
    people = subjects(resolve([a]))
    assert set(people) == {"Recep Tayyip Erdoğan", "Müller"}
    assert "Erdogan" in people["Recep Tayyip Erdoğan"].aliases
