"""Who is a person (nlp.mentions): titles, possessives and organisations named like people.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from generator.nlp.mentions import _untagged_people
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_honorifics_titles_and_possessives_are_one_person(nlp: Language) -> None:
    a = analysed(
        nlp,
        "German Foreign Minister Jonas Brandt arrived in Warsaw on Monday for two days of talks.",
        "Mr Brandt said the talks had been useful. Brandt's deputy stayed in Berlin.",
    )
    people = subjects(resolve([a]))
    assert list(people) == ["Jonas Brandt"]
    brandt = people["Jonas Brandt"]
    assert {"Mr Brandt", "Brandt"} <= set(brandt.aliases)
    assert brandt.country_codes == ("DE",)
    assert len(brandt.mentions) == 3


def test_organisations_and_awards_named_like_people_are_not_people(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Qantas faces rivals such as low-cost carrier Virgin Blue, its boss Geoff Dixon said.",
        "Mr Dixon was named European Businessman of the Year by a magazine.",
        "He told the newspaper John Smith was innocent. Smith said so again.",
    )
    assert set(subjects(resolve([a]))) == {"Geoff Dixon", "John Smith"}


def test_demonym_before_a_name_is_not_part_of_it(nlp: Language) -> None:
    a = analysed(nlp, "The winning goal was scored by Croat Ivan Marelic in the second half.")
    people = subjects(resolve([a]))
    assert "Ivan Marelic" in people
    assert people["Ivan Marelic"].country_codes == ("HR",)


def test_a_name_tagged_once_as_a_person_is_a_person_everywhere(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Sandor Vilmos, the mayor, opened the bridge.",
        "Vilmos thanked the builders. Later, Vilmos went home.",
    )
    people = subjects(resolve([a]))
    assert list(people) == ["Sandor Vilmos"]
    assert len(people["Sandor Vilmos"].mentions) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch says the ban should stay.",
        "The Nelson Mandela Foundation said it would help.",
    ],
)
def test_organisations_are_not_people(nlp: Language, text: str) -> None:
    assert not subjects(resolve([analysed(nlp, text)]))


def test_teams_and_places_tagged_as_people_are_not_people(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Genoa (3) v Cremona (9)",
        "Cremona have injury doubts about striker Paolo Renzi before Sunday.",
        "Roads near Brasov and Sibiu were closed because of fog.",
    )
    people = subjects(resolve([a]))
    assert "Paolo Renzi" in people
    assert not {"Genoa", "Cremona", "Sibiu", "Brasov"} & set(people)


def names(nlp: Language, *paragraphs: str) -> set[str]:
    return set(subjects(resolve([analysed(nlp, *paragraphs)])))


def test_a_suffix_is_not_part_of_the_name(nlp: Language) -> None:
    found = names(nlp, "The lawyer Philippe Morand QC said the war was illegal.")
    assert "Philippe Morand" in found
    assert not any("QC" in n for n in found)


def test_a_common_word_glued_before_a_name_is_cut_off(nlp: Language) -> None:
    found = names(nlp, "The bill was signed by Representatives Eliot Sandor and Adam Kluger.")
    assert "Eliot Sandor" in found
    assert not any(n.startswith("Representatives") for n in found)


def test_a_given_name_the_model_left_out_joins_the_name(nlp: Language) -> None:
    found = names(nlp, "Danish Foreign Minister Per Stig Moller said on Monday he agreed.")
    assert "Per Stig Moller" in found


def test_a_particle_surname_joins_the_name(nlp: Language) -> None:
    found = names(nlp, "Kenyan President Daniel arap Moi congratulated him on Sunday.")
    assert "Daniel arap Moi" in found


def test_a_name_inside_a_programme_title_is_no_mention(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The minister Jack Hollis told BBC One's Breakfast with Frost that he would stay.",
    )
    assert "Frost" not in subjects(resolve([a]))


def test_rare_capitalised_words_after_a_name_belong_to_it(nlp: Language) -> None:
    found = names(nlp, "On Tuesday, opposition leader Aung San Suu Kyi was kept at home.")
    assert "Aung San Suu Kyi" in found


def test_names_the_model_tagged_as_nothing(nlp: Language) -> None:
    """A given name and a rare surname, or a title or demonym before rare names, with no entity
    at all (the model's labels removed to make the case)."""
    for text, name in (
        ("Oleg Burnazov made sure of the win in injury time.", "Oleg Burnazov"),
        ("The ANC and Chief Mandlakazi Dubenhle's party met.", "Mandlakazi Dubenhle"),
    ):
        doc = nlp(text)
        doc.ents = []
        assert [m.name for m in _untagged_people(doc, set())] == [name]
    doc = nlp("Winners included Ant & Dec's Saturday Night Takeaway and others.")
    doc.ents = []
    assert _untagged_people(doc, set()) == []


def test_a_name_alone_on_its_line_is_a_person_and_a_place_reached_is_not(nlp: Language) -> None:
    from generator.nlp.names import alone_on_its_line

    text = "Talks resume.\n\nMarta de Quiroz\n\nLIMA 1996-12-06"
    start = text.index("Marta")
    assert alone_on_its_line(text, start, start + len("Marta de Quiroz"), "Marta de Quiroz")
    assert not alone_on_its_line(text, 0, len("Talks resume"), "Talks resume")
    a = analysed(nlp, "The envoy said he had just arrived from Ulan Bator and was tired.")
    assert "Ulan Bator" not in subjects(resolve([a]))


def test_a_name_after_a_place_noun_or_before_one_is_a_place(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Voters met on Saturday in the Czech second city Brovno. Police waited near the "
        "Shwe Kalan pagoda.",
    )
    people = subjects(resolve([a]))
    assert "Brovno" not in people and "Shwe Kalan" not in people


def test_a_playing_position_before_a_name_is_no_part_of_it(nlp: Language) -> None:
    a = analysed(nlp, "Ohio State left tackle Orlen Pacewicz won the award on Thursday.")
    assert "Orlen Pacewicz" in subjects(resolve([a]))


def test_a_noun_of_a_person_and_a_possessives_work_are_not_in_the_name(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Jeweller Walter Penrose has named the novel his favourite.",
        "Last year Joseph Connell's Star of the Sea came second.",
    )
    names = {p.name for p in a.people}
    assert not any("Jeweller" in n or "Star" in n for n in names)
    assert "Walter Penrose" in names and "Joseph Connell" in names
