"""Countries (nlp.countries): those an article names and those of its people.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from generator.nlp.countries import _adjacent_country, _last_words, _sentence_at
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, codes, subjects


def test_person_of_a_country_after_the_name(nlp: Language) -> None:
    a = analysed(nlp, "President Farid Qasemi of Afghanistan flew home on Sunday.")
    assert subjects(resolve([a]))["Farid Qasemi"].country_codes == ("AF",)


def test_nationality_clause_gives_every_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Daniel Okafor, who has dual British and Nigerian nationality, was released on Tuesday.",
    )
    assert set(subjects(resolve([a]))["Daniel Okafor"].country_codes) == {"GB", "NG"}


def test_countries_from_names_demonyms_and_seats_of_government(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Moscow said on Friday that it would answer. Iranian diplomats flew to Ankara.",
        "Observers in the Middle East and officials of NATO and the European Union were silent.",
    )
    assert codes(a) == {"RU", "IR"}
    evidence = {c.span.text for c in a.countries}
    assert {"Moscow", "Iranian"} <= evidence


def test_a_city_alone_is_not_its_country(nlp: Language) -> None:
    a = analysed(nlp, "The conference opened in Geneva and will move to Lyon next week.")
    assert codes(a) == set()


def test_a_city_joins_a_country_named_anyway(nlp: Language) -> None:
    a = analysed(nlp, "France hosted the talks. Delegates met in Lyon on Tuesday.")
    assert [c.span.text for c in a.countries if c.code == "FR"] == ["France", "Lyon"]


def test_a_demonym_in_the_name_of_a_thing_names_no_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The breeds with the most incidents were chow chows, German shepherds and Dalmatians.",
        "The cafe sells French fries and Danish pastries.",
    )
    assert codes(a) == set()
    b = analysed(nlp, "German officials and French diplomats met on Friday.")
    assert codes(b) == {"DE", "FR"}


def test_a_capital_as_a_sports_opponent_is_not_its_state(nlp: Language) -> None:
    a = analysed(nlp, "Bure will miss Saturday's home game against Ottawa.")
    assert codes(a) == set()
    b = analysed(nlp, "Sanctions against Moscow were tightened on Friday.")
    assert codes(b) == {"RU"}


def test_historic_country(nlp: Language) -> None:
    a = analysed(nlp, "Yugoslavia broke apart in the 1990s after years of tension.")
    assert "YU" in codes(a)


def test_a_token_s_sentence_is_the_one_span_sent_gives(nlp: Language) -> None:
    doc = nlp(
        "Iranian President Masoud Rahimi met Anna Berg. They talked.\n\nIn Oslo, Berg said "
        "it went well, and Rahimi agreed"
    )
    for token in doc:
        assert _sentence_at(doc, token.i) == doc[token.i : token.i + 1].sent


LEAD = st.lists(st.sampled_from(["Iranian", "Israeli", "President", "Prime", "Minister", "the"]))


@settings(max_examples=300, deadline=None)
@given(LEAD, st.lists(st.sampled_from([" ", "  ", "\n", "x", "Mr", ","]), max_size=4))
def test_the_last_words_before_a_name_are_all_its_country_is_read_from(
    words: list[str], tail: list[str]
) -> None:
    lead = " ".join(words) + "".join(tail) + " "
    assert _adjacent_country(_last_words(lead, 0, len(lead))) == _adjacent_country(lead)
