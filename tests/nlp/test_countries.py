"""Countries (nlp.countries): those an article names and those of its people.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from generator.nlp.countries import (
    _adjacent_country,
    _last_words,
)
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


LEAD = st.lists(st.sampled_from(["Iranian", "Israeli", "President", "Prime", "Minister", "the"]))


@settings(max_examples=300, deadline=None)
@given(LEAD, st.lists(st.sampled_from([" ", "  ", "\n", "x", "Mr", ","]), max_size=4))
def test_the_last_words_before_a_name_are_all_its_country_is_read_from(
    words: list[str], tail: list[str]
) -> None:
    lead = " ".join(words) + "".join(tail) + " "
    assert _adjacent_country(_last_words(lead, 0, len(lead))) == _adjacent_country(lead)


def test_a_president_whose_state_is_never_named_has_no_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "President Tomas Verhoef met traders in Kenya and Tanzania on Monday.",
        "Kenya and Kenya again: the talks in Kenya ran late, Verhoef said.",
    )
    assert subjects(resolve([a]))["Tomas Verhoef"].country_codes == ()


def test_a_role_naming_the_country_gives_it(nlp: Language) -> None:
    a = analysed(nlp, "Nadia Rahman, Egypt's ambassador to Peru, arrived in Lima.")
    assert subjects(resolve([a]))["Nadia Rahman"].country_codes == ("EG",)


def test_a_country_the_role_works_for_is_not_the_persons(nlp: Language) -> None:
    a = analysed(
        nlp, "Paul Grady, the United States special envoy for Ukraine talks, resigned on Friday."
    )
    assert subjects(resolve([a]))["Paul Grady"].country_codes == ("US",)


def test_a_demonym_on_the_person_gives_the_country(nlp: Language) -> None:
    a = analysed(nlp, "The Ghanaian minister Kofi Mensah left early.")
    assert subjects(resolve([a]))["Kofi Mensah"].country_codes == ("GH",)


def test_a_capital_acting_as_its_government_gives_the_country(nlp: Language) -> None:
    a = analysed(nlp, "Moscow's envoy Pyotr Ilyin refused to comment.")
    assert subjects(resolve([a]))["Pyotr Ilyin"].country_codes == ("RU",)


def test_a_relative_inherits_from_the_person_named_just_before(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Colombian President Ana Ruiz asked Tom Becker and his son, Sam Becker, to testify.",
    )
    people = subjects(resolve([a]))
    assert people["Ana Ruiz"].country_codes == ("CO",)
    assert people["Sam Becker"].country_codes == ()


def test_an_aide_has_the_country_of_whom_they_serve(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Ukrainian President Ivan Koval spoke to reporters.",
        "Talks included Petro Ilchuk, one of President Koval's aides.",
    )
    assert subjects(resolve([a]))["Petro Ilchuk"].country_codes == ("UA",)


def test_a_demonym_before_a_counterpart_is_the_persons(nlp: Language) -> None:
    a = analysed(nlp, "Mr Lamb met his Chinese counterpart Minister Wen Bo on Friday.")
    assert subjects(resolve([a]))["Wen Bo"].country_codes == ("CN",)


def test_a_body_named_for_a_country_gives_it_to_those_who_work_for_it(nlp: Language) -> None:
    a = analysed(nlp, "Tom Hale, the team physician for USA Swimming, was charged.")
    assert subjects(resolve([a]))["Tom Hale"].country_codes == ("US",)


def test_a_portfolio_named_like_a_party_gives_no_country(nlp: Language) -> None:
    a = analysed(nlp, "Labour Minister Membathisi Ndlovu said on Friday that talks would go on.")
    assert subjects(resolve([a]))["Membathisi Ndlovu"].country_codes == ()


def test_a_state_office_held_in_a_named_states_capital_is_that_states(nlp: Language) -> None:
    a = analysed(
        nlp, "President Yoweri Kaguta told reporters in Kampala, the Ugandan capital, on Monday."
    )
    assert subjects(resolve([a]))["Yoweri Kaguta"].country_codes == ("UG",)
    b = analysed(nlp, "The writer Ann Tobin told reporters in the Ugandan capital on Monday.")
    assert subjects(resolve([b]))["Ann Tobin"].country_codes == ()


def test_a_description_beside_the_name_gives_its_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Ola Brandt, Norway's number one, lost in the first round on Monday.",
        "Pia Lind has since been picked as Sweden's captain for the cup.",
    )
    people = subjects(resolve([a]))
    assert people["Ola Brandt"].country_codes == ("NO",)
    assert people["Pia Lind"].country_codes == ("SE",)
    (claim,) = people["Ola Brandt"].countries
    assert claim.source.text == "Norway's number one"


def test_a_description_that_opposes_a_country_gives_none(nlp: Language) -> None:
    a = analysed(nlp, "Tomas Ruud, Norway's fiercest critic, spoke at the meeting on Monday.")
    assert subjects(resolve([a]))["Tomas Ruud"].country_codes == ()
