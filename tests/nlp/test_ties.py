"""A person's organisations (nlp.ties): each tie a Claim whose value is the organisation's key,
read from the words that say so.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from generator.model import ArticleAnalysis
from generator.nlp.ties import lead_words
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def ties(a: ArticleAnalysis) -> dict[str, list[str]]:
    names = {o.key: o.name for o in a.organisations}
    return {p.name: [names[c.value] for c in p.organisations] for p in a.people}


def test_a_role_before_the_name_that_names_the_body(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Harbour Analytics chief economist Maria Olsen said rents would rise.",
        "Harbour Analytics said so again on Monday.",
    )
    assert ties(a)["Maria Olsen"] == ["Harbour Analytics"]
    claim = a.people[0].organisations[0]
    assert "Harbour Analytics" in claim.source.text  # type: ignore[union-attr]


def test_an_apposition_that_names_the_body(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Yesterday Tom Price, secretary general of the Movement for Rural Change (MRC), spoke.",
    )
    assert ties(a)["Tom Price"] == ["Movement for Rural Change"]


def test_the_body_right_after_the_name_or_its_possessive_before_it(nlp: Language) -> None:
    a = analysed(
        nlp,
        '"We grow," said Jan Novak of the World Grain Organization, a body of 40 states.',
        '"We grow too," said Microsoft\'s Peter Lindqvist on Monday.',
    )
    found = ties(a)
    assert found["Jan Novak"] == ["World Grain Organization"]
    assert found["Peter Lindqvist"] == ["Microsoft"]


def test_a_predicate_ties_the_subject_to_the_body(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Carl Moss served as the team physician for the Ostland Rowing Association for years.",
    )
    assert ties(a)["Carl Moss"] == ["Ostland Rowing Association"]


def test_another_persons_title_before_a_clause_is_no_title_of_the_name_after_it(
    nlp: Language,
) -> None:
    a = analysed(
        nlp,
        "Harbour Party chairman Liam Dale was speaking after Mr Wren told his members to vote.",
        "Meanwhile Green League leader Ann Carver is expected to attack Mr Wren's words.",
    )
    found = ties(a)
    assert found["Liam Dale"] == ["Harbour Party"]
    venue = analysed(
        nlp,
        "They pulled out of a concert at the Leeds Music Society last month after bassist Tom "
        "Reedy fell ill.",
        "The Leeds Music Society said so.",
    )
    assert ties(venue).get("Tom Reedy") == []
    assert found["Ann Carver"] == ["Green League"]
    assert found.get("Wren", found.get("Mr Wren", [])) == []


def test_a_person_merely_near_a_body_is_not_tied_to_it(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Maria Olsen visited the city on Monday. Harbour Analytics said rents would rise.",
    )
    assert ties(a).get("Maria Olsen") == []


def test_an_office_ties_its_holder_to_the_ministry_of_its_portfolio(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The Norwegian Health Ministry said on Monday that clinics would stay open.",
        "Ola Berg, Norway's deputy health minister, visited Bergen.",
        "Chile's former health minister, Rosa Vidal, disagreed.",
    )
    found = ties(a)
    assert found["Ola Berg"] == ["Norwegian Health Ministry"]
    assert found["Rosa Vidal"] == []  # another country's office


def test_committees_listed_respectively_go_one_to_each_name_of_the_list(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The letter was signed by Senators Ann Marsh, Tom Reyes, and Paul Okafor, who serve as"
        " chairs of the Senate's committees on Finance, Agriculture, and Energy and Commerce,"
        " respectively.",
    )
    found = ties(a)
    assert found["Ann Marsh"] == ["Senate", "Committee on Finance"]
    assert found["Tom Reyes"] == ["Senate", "Committee on Agriculture"]
    assert found["Paul Okafor"] == ["Senate", "Committee on Energy and Commerce"]
    committee = next(o for o in a.organisations if o.name == "Committee on Finance")
    assert committee.aliases == ("Finance",)


def test_a_role_naming_the_body_by_its_kind_ties_to_the_one_body_of_that_kind(
    nlp: Language,
) -> None:
    a = analysed(
        nlp,
        "The loss left the squad short, said former Irish team member Liam Byrne.",
        "He hopes it will springboard Team IE to greater success.",
    )
    assert ties(a)["Liam Byrne"] == ["Team IE"]


def test_a_shadow_office_is_no_ministrys(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The Foreign Office said embassies would close.",
        "Shadow Foreign Secretary Tom Reyes said the cuts were wrong.",
    )
    assert ties(a)["Tom Reyes"] == []


def test_a_band_role_ties_to_the_band_the_sentence_is_about(nlp: Language) -> None:
    a = analysed(
        nlp,
        "US rock band Kestrel have cancelled two concerts after bass player Jo Kent was taken "
        "to hospital.",
    )
    assert ties(a)["Jo Kent"] == ["Kestrel"]
    assert subjects(resolve([a]))["Jo Kent"].country_codes == ("US",)


def test_a_role_of_another_body_or_owner_ties_to_no_subject(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Football club Arlen beat Corvo United after striker Dan Wolfe was sent off.",
        "Rock band Kestrel played on after its singer Jo Kent left.",
        "Software firm Helix sued Arcon after chief executive Tim Ross spoke.",
    )
    found = ties(a)
    assert found["Dan Wolfe"] == found["Jo Kent"] == found["Tim Ross"] == []


@given(st.text(alphabet="ab ,;:.()“”\"\n'-é", max_size=80))
def test_the_lead_words_are_what_their_pattern_finds(before: str) -> None:
    match = re.search(r"(?P<words>[^,;:.()“”\"\n]{2,80})$", before)
    assert lead_words(before) == (match.group("words") if match else "")
