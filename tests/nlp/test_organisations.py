"""The organisations of an article (nlp.organisations): names cleaned and grouped, kept only
where the name or the text shows a body.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import ArticleAnalysis, OrgRef
from generator.nlp.organisations import initials, kind_of
from tests.nlp.inline import analysed


def orgs(a: ArticleAnalysis) -> dict[str, OrgRef]:
    return {o.name: o for o in a.organisations}


def test_an_acronym_in_brackets_is_an_alias_and_its_later_uses_are_mentions(
    nlp: Language,
) -> None:
    a = analysed(
        nlp,
        "The Movement for Democratic Change (MDC) held a rally in the capital on Sunday.",
        "Officials of the MDC said the vote had been stolen.",
    )
    mdc = orgs(a)["Movement for Democratic Change"]
    assert "MDC" in mdc.aliases
    assert [m.text for m in mdc.mentions] == ["Movement for Democratic Change", "MDC", "MDC"]
    assert mdc.kind == "party"
    assert [m.block for m in mdc.mentions] == ["p1", "p1", "p2"]


def test_a_country_or_its_government_is_no_organisation(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The British Government said on Monday that France would host the talks.",
    )
    assert not [o for o in a.organisations if "Government" in o.name or o.name == "France"]


def test_a_seat_of_government_acting_is_a_government_body_with_its_country(
    nlp: Language,
) -> None:
    a = analysed(nlp, "The Kremlin said on Tuesday that the talks would go ahead as planned.")
    kremlin = orgs(a)["Kremlin"]
    assert kremlin.kind == "government"
    assert [c.value for c in kremlin.countries] == ["RU"]


def test_a_name_that_acts_like_a_body_is_kept(nlp: Language) -> None:
    a = analysed(
        nlp,
        "House prices rose again last month, lender Brightwater said on Friday.",
        '"Demand is strong," said Ann Tolley, chief economist at Brightwater.',
    )
    assert "Brightwater" in orgs(a)


def test_a_thing_named_like_an_organisation_is_dropped(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Doctors enrolled 400 patients in the HALO trial, which ended in May.",
        "The film won three awards at the Golden Reel Awards in Paris.",
    )
    names = set(orgs(a))
    assert "HALO" not in names and "Golden Reel Awards" not in names


def test_an_acronym_of_a_disease_in_brackets_is_no_organisation(nlp: Language) -> None:
    a = analysed(nlp, "Cases of severe lung syndrome (SLS) rose in the north of the region.")
    assert "SLS" not in orgs(a)


def test_initials_and_kinds_come_from_the_name() -> None:
    assert initials("World Health Organization") == "WHO"
    assert initials("Movement for Democratic Change") == "MDC"
    assert initials("Halifax") == ""
    assert kind_of("Foreign Ministry") == "government"
    assert kind_of("Tsinghua University") == "education"
    assert kind_of("Human Rights Watch") == "ngo"
    assert kind_of("Burisma Holdings") == "company"
    assert kind_of("Blue Lantern") == "other"


def test_a_body_not_named_and_a_spokesman_after_a_name_are_cut(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The Government said on Monday that taxes would rise.",
        "US State Department Spokesperson Jane Oakes declined to comment.",
    )
    names = set(orgs(a))
    assert "Government" not in names
    assert "US State Department" in names and "US State Department Spokesperson" not in names


def test_a_person_stays_a_person_beside_a_body_named_after_them(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The actress Mara Lindqvist founded the Mara Lindqvist Animal Foundation in 1987.",
        "Lindqvist said she loved dogs.",
    )
    assert "Mara Lindqvist" in {p.name for p in a.people}
    assert "Mara Lindqvist Animal Foundation" in orgs(a)


def test_a_bloc_has_no_country_and_a_states_own_council_is_its_government(
    nlp: Language,
) -> None:
    a = analysed(
        nlp,
        "Kenya joined the Nairobi Cooperation Organization, a bloc of African states, last year.",
        "The Russian Security Council met in Moscow on Friday to discuss the treaty.",
    )
    bloc = orgs(a)["Nairobi Cooperation Organization"]
    assert bloc.kind == "international" and bloc.countries == ()  # not Kenya: a city in a name
    council = orgs(a)["Russian Security Council"]
    assert council.kind == "government"
    assert [c.value for c in council.countries] == ["RU"]


def test_a_one_word_name_tagged_as_a_persons_that_no_person_goes_by_may_be_a_body(
    nlp: Language,
) -> None:
    a = analysed(
        nlp,
        "The owners of embattled Russian oil giant Vostrukos are to sue.",
        "Vostrukos had filed for bankruptcy in Houston.",
    )
    assert len(orgs(a)["Vostrukos"].mentions) == 2


def test_a_company_named_before_its_product_is_named_alone(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The gadget list includes the Sony iPad at number three.",
        "Sony's third entry is a radio, and Sony's rivals followed.",
    )
    assert "Sony" in orgs(a) and "Sony iPad" not in orgs(a)


def test_a_title_of_a_person_always_after_the_is_no_body(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The Bishop of Wexford said the claims were false.",
        "Later the Bishop said there was no evidence.",
    )
    assert "Bishop" not in orgs(a)


def test_an_acronym_after_a_number_is_a_unit(nlp: Language) -> None:
    assert "GMT" not in orgs(analysed(nlp, "Harbour Freight shares rose 4% by 1200 GMT."))


def test_a_common_word_with_a_lower_case_prefix_is_no_organisation(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Chancellor Gordon Brown will deliver his pre-Budget report on 16 March, "
        "and easyJet said its fares would fall. Officials said al-Qaeda had claimed the attack.",
    )
    assert not [o for o in a.organisations if o.name.startswith("pre-")]
    assert "al-Qaeda" in orgs(a)
    people = {p.name: p for p in a.people}
    assert not people["Gordon Brown"].organisations
