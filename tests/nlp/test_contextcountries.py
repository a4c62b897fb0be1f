"""A person's country from the rest of the article (nlp.contextcountries): the sentence
before, a summit pair, the organisations they are tied to, the people they serve.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import Claim, OrgRef, PersonRef, Span
from generator.nlp.contextcountries import with_organisation_countries
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_an_organisation_whose_name_states_its_country_gives_its_people_that_country() -> None:
    span = Span("a1", "p1", 0, 15, "British Airways")
    person = PersonRef("lee", "Ann Lee", ("Ann Lee",), (span,), organisations=(Claim("ba", span),))
    org = OrgRef("ba", "British Airways", (), (span,), "company", (Claim("GB", span),))
    (tied,) = with_organisation_countries((person,), (org,))
    assert [c.value for c in tied.countries] == ["GB"]
    own = PersonRef(**{**person.__dict__, "countries": (Claim("IE", span),)})
    assert with_organisation_countries((own,), (org,)) == (own,)


def test_a_country_known_only_for_an_organisations_bare_name_is_not_inherited() -> None:
    """Halifax is a town in England and a city in Canada; Labour a party in several countries:
    the gazetteer's guess for the name is no evidence for the person."""
    for name, kind in (("Halifax", "company"), ("Labour", "party")):
        span = Span("a1", "p1", 0, len(name), name)
        person = PersonRef(
            "lee", "Ann Lee", ("Ann Lee",), (span,), organisations=(Claim("o", span),)
        )
        org = OrgRef("o", name, (), (span,), kind, (Claim("GB", span),))
        assert with_organisation_countries((person,), (org,)) == (person,)
    seat = Span("a1", "p1", 0, 11, "White House")
    aide = PersonRef("kay", "Jo Kay", ("Jo Kay",), (seat,), organisations=(Claim("wh", seat),))
    house = OrgRef("wh", "White House", (), (seat,), "government", (Claim("US", seat),))
    (tied,) = with_organisation_countries((aide,), (house,))
    assert [c.value for c in tied.countries] == ["US"]  # a state's institution is its state's


def test_the_office_holder_of_the_sentence_before_is_the_person_named_next(nlp: Language) -> None:
    a = analysed(
        nlp,
        "It follows remarks in which Chile's ambassador to Spain said exiles should vote. "
        "Dr Marta Quiroga said nobody could be ignored for long.",
    )
    people = subjects(resolve([a]))
    assert people["Marta Quiroga"].country_codes == ("CL",)
    (claim,) = people["Marta Quiroga"].countries
    assert claim.source.text == "Chile's ambassador to Spain"


def test_officials_in_the_sentence_before_are_no_one_person(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Chilean officials said exiles should vote. Marta Quiroga said nobody could be ignored.",
    )
    assert subjects(resolve([a]))["Marta Quiroga"].country_codes == ()


def test_the_other_leader_at_a_two_country_summit(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The Kenya-Japan talks were held on Friday between Prime Minister Haruto Sato and "
        "Kenyan President Daniel Mwangi.",
    )
    people = subjects(resolve([a]))
    assert people["Haruto Sato"].country_codes == ("JP",)
    assert people["Haruto Sato"].countries[0].source.text == "Kenya-Japan"


def test_a_member_of_a_band_of_a_named_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Canadian rock band KRN have cancelled two concerts. Tom Reedy, the bass player of KRN, "
        "was taken to hospital.",
    )
    assert subjects(resolve([a]))["Tom Reedy"].country_codes == ("CA",)


def test_an_organisation_described_in_the_next_sentence(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Car sales fell by 2% in May, Brightmoor has said.",
        "The UK's second largest lender said sales would recover. Ann Tully, Brightmoor chief "
        "economist, said the fall was short.",
    )
    assert subjects(resolve([a]))["Ann Tully"].country_codes == ("GB",)


def test_a_party_of_one_state_where_the_article_names_that_state(nlp: Language) -> None:
    text = (
        "Republican senator Dale Harker said he backed the inquiry, and his son, Ross Harker, "
        "agreed."
    )
    a = analysed(nlp, text, "The White House said the United States would not comment.")
    people = subjects(resolve([a]))
    assert people["Dale Harker"].country_codes == ("US",)
    assert people["Ross Harker"].country_codes == ("US",)
    b = analysed(nlp, text, "The government said the United States would not comment.")
    assert subjects(resolve([b]))["Dale Harker"].country_codes == ()


def test_whom_a_person_serves_personally(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Brazilian President Rui Lobo spoke on Friday. Carla Dias was serving as Lobo's "
        "personal lawyer at the time.",
    )
    people = subjects(resolve([a]))
    assert people["Carla Dias"].country_codes == ("BR",)
    assert people["Carla Dias"].countries[0].source.text == "Lobo's personal lawyer"


def test_ties_to_organisations_placed_in_two_countries_give_none(nlp: Language) -> None:
    a = analysed(
        nlp,
        "French carmaker Lumeau signed a deal with Japanese carmaker Hoshida. Chief executive "
        "Kenji Ono of Hoshida and Lumeau said both firms would gain.",
    )
    assert "FR" not in subjects(resolve([a]))["Kenji Ono"].country_codes


def test_the_host_a_foreign_visitor_meets_at_a_seat_of_government(nlp: Language) -> None:
    a = analysed(
        nlp,
        "On Monday the Chilean president met Prime Minister Ed Hale at 10 Downing Street, on his "
        "first visit to London.",
    )
    (claim,) = subjects(resolve([a]))["Ed Hale"].countries
    assert (claim.value, claim.source.text) == ("GB", "10 Downing Street")
    b = analysed(
        nlp, "On Monday the British foreign secretary met Prime Minister Ed Hale at Downing Street."
    )
    assert subjects(resolve([b]))["Ed Hale"].country_codes == ()
