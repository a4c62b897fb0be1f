"""The roles of a person (nlp.roles): before the name and in apposition after it.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_a_role_before_a_name_keeps_an_institution_whole_and_drops_mr(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Winners include Royal Bank of Midland chief executive Fred Gooding and others.",
        "Airline boss Mr Dixon also said he would stay, speaking on behalf of Health "
        "Minister Ann Kell.",
    )
    people = subjects(resolve([a]))
    assert [r.value for r in people["Fred Gooding"].roles] == [
        "Royal Bank of Midland chief executive"
    ]
    assert [r.value for r in people["Dixon"].roles] == ["Airline boss"]
    assert [r.value for r in people["Ann Kell"].roles] == ["Health Minister"]


def test_role_from_apposition_and_premodifier(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Elena Petrova, the head of the Russian Security Council, met then-Defense Minister "
        "Viktor Lomov in Moscow.",
    )
    people = subjects(resolve([a]))
    roles = [r.value.casefold() for r in people["Elena Petrova"].roles]
    assert any("head of the russian security council" in r for r in roles)
    assert people["Elena Petrova"].country_codes == ("RU",)
    assert any("Defense Minister" in r.value for r in people["Viktor Lomov"].roles)
    role = people["Elena Petrova"].roles[0]
    assert role.source.block == "p1"


def roles_of(nlp: Language, name: str, *paragraphs: str) -> list[str]:
    return [r.value for r in subjects(resolve([analysed(nlp, *paragraphs)]))[name].roles]


def test_a_run_of_titles_holds_one_role_per_title_and_keeps_time_words(nlp: Language) -> None:
    assert roles_of(
        nlp,
        "Joe Bell",
        "Files relate to the Democratic challenger former Vice President Joe Bell.",
    ) == ["Democratic challenger", "Former Vice President"]


def test_a_capitalised_title_after_a_lower_case_noun_starts_a_new_role(nlp: Language) -> None:
    assert roles_of(
        nlp, "Hamid Saleh", "The summit was opened by AU chairperson President Hamid Saleh."
    ) == ["AU chairperson", "President"]
    assert roles_of(
        nlp, "Wen Bo", "Mr Lamb met his Chinese counterpart Minister Wen Bo on Friday."
    ) == ["Minister"]


def test_a_title_never_reaches_into_the_sentence_before(nlp: Language) -> None:
    assert roles_of(
        nlp,
        "Jeremy Cole",
        "Where does that leave the team event? Captain Jeremy Cole has named two players.",
    ) == ["Captain"]


def test_an_apposition_stops_at_a_relative_clause(nlp: Language) -> None:
    assert roles_of(
        nlp,
        "Nina Rocca",
        "Sales were down, said Nina Rocca, head of sales at Orbital which made the film.",
    ) == ["Head of sales at Orbital"]


def test_an_apposition_may_open_with_a_name(nlp: Language) -> None:
    assert roles_of(
        nlp, "Martin Ode", "Martin Ode, Lumen chief economist, said prices would fall."
    ) == ["Lumen chief economist"]


def test_a_predicate_states_a_role(nlp: Language) -> None:
    assert roles_of(
        nlp, "Ann Lee", "Ann Lee is the chief executive of Lumen, which makes lamps."
    ) == ["Chief executive of Lumen"]
    assert roles_of(
        nlp, "Tom Hale", "Tom Hale served as the team physician for the national squad."
    ) == ["Team physician for the national squad"]


def test_one_of_several_holds_the_role_of_each(nlp: Language) -> None:
    assert roles_of(
        nlp, "Ivan Petrenko", "He met Ivan Petrenko, one of President Koval's aides, in May."
    ) == ["President Koval's aide"]


def test_a_family_relation_is_no_role(nlp: Language) -> None:
    assert (
        roles_of(nlp, "Omar Haddad", "Omar Haddad, grandson of the late king, spoke on Monday.")
        == []
    )


def test_a_plural_title_before_a_list_of_names_is_each_ones(nlp: Language) -> None:
    people = subjects(
        resolve(
            [
                analysed(
                    nlp,
                    "The letter was signed by Senators Eliot Sandor, Adam Kluger, and Ruth Ames, "
                    "who lead the committee.",
                )
            ]
        )
    )
    for name in ("Eliot Sandor", "Adam Kluger"):
        assert [r.value for r in people[name].roles] == ["Senator"]


def test_an_apposition_stops_at_a_verb_and_never_ends_on_a_name(nlp: Language) -> None:
    assert (
        roles_of(
            nlp,
            "Robert Tamba",
            "Few doubt Robert Tamba, Malian President Sekou Diarra calls him a friend.",
        )
        == []
    )


def test_a_friend_is_no_role_and_gives_no_country(nlp: Language) -> None:
    people = subjects(
        resolve([analysed(nlp, "Ann Crowe, a friend of the Tory leader, wrote the speech.")])
    )
    assert people["Ann Crowe"].roles == ()
    assert people["Ann Crowe"].country_codes == ()


def test_a_role_does_not_end_on_a_dangling_word(nlp: Language) -> None:
    assert roles_of(
        nlp, "Ezra Vogel", "Ezra Vogel, a senior adviser to the White House and, later, a critic."
    ) == ["Senior adviser to the White House"]


def test_a_title_keeps_its_time_word_even_tagged_an_adverb_or_a_verb(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The plan was drawn up by then-Defence Secretary Tom Hale in 2019.",
        "Acting President Li Wen signed it on Monday.",
        "They said acting Mayor Joe Rinn would stay.",
        "He was then Mayor Tom Pick's deputy.",
    )
    people = subjects(resolve([a]))
    assert [r.value for r in people["Tom Hale"].roles] == ["Then-Defence Secretary"]
    assert [r.value for r in people["Li Wen"].roles] == ["Acting President"]
    assert [r.value for r in people["Joe Rinn"].roles] == ["Acting Mayor"]
    assert [r.value for r in people["Tom Pick"].roles] == ["Mayor"]  # 'then' of 'was'


def test_an_adjective_of_a_noun_after_the_name_is_no_role(nlp: Language) -> None:
    a = analysed(nlp, "Talks were held at the minister's official Sussex house, Wakehurst, today.")
    assert not any(r.value for p in a.people for r in p.roles if "official" in r.value.lower())
    assert "Sussex" not in {p.name for p in a.people}


def test_an_official_before_a_name_keeps_the_role(nlp: Language) -> None:
    a = analysed(nlp, "Senior official Jane Holt said the talks would resume on Monday.")
    holt = next(p for p in a.people if p.name == "Jane Holt")
    assert any("official" in r.value.lower() for r in holt.roles)


def test_a_day_an_adverb_or_a_dateline_before_a_title_is_no_part_of_it(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The plan was criticised on Monday President George Walker Bean and his aides.",
        "LONDON -- Transport Minister Tom Harrow said the plan would pass.",
        "Earlier Tory leader Michael Hubbard said the tax was wrong.",
        "On Wednesday Greek Foreign Minister Petros Alexis arrived in Rome.",
    )
    people = subjects(resolve([a]))
    assert [r.value for r in people["George Walker Bean"].roles] == ["President"]
    assert [r.value for r in people["Tom Harrow"].roles] == ["Transport Minister"]
    assert [r.value for r in people["Michael Hubbard"].roles] == ["Tory leader"]
    assert [r.value for r in people["Petros Alexis"].roles] == ["Greek Foreign Minister"]
