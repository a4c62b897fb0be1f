"""Candidate names of organisations (nlp.orgcandidates): entities cleaned and widened, names
listed with a body, untagged names the syntax shows to be bodies.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.nlp.orgcandidates import bare, candidates, is_acronym, kind_by_words


def names(nlp: Language, text: str) -> set[str]:
    return {m.name for m in candidates(nlp(text))}


def test_an_entity_loses_the_article_and_possessive_and_keeps_its_bracketed_acronym(
    nlp: Language,
) -> None:
    doc = nlp("Officials of the National Farmers Union (NFU) met on Monday in Leeds.")
    found = {m.name: m.acronym for m in candidates(doc)}
    assert found.get("National Farmers Union") == "NFU"


def test_a_name_before_its_kind_noun_is_a_candidate(nlp: Language) -> None:
    assert "Vostok" in names(nlp, "He told Russia's Vostok news agency on Friday.")


def test_a_name_with_lower_case_words_is_no_candidate(nlp: Language) -> None:
    found = names(nlp, "The Board said while the Council agrees the Committee has not acted.")
    assert not any(" said " in n or " agrees " in n for n in found)


def test_acronyms_bare_names_and_kinds() -> None:
    assert is_acronym("NATO") and is_acronym("AfCFTA") and not is_acronym("Nato")
    assert bare("the Senate's") == "Senate"
    assert kind_by_words("lawn tennis association") == "sport"
    assert kind_by_words("blue lantern") == "other"


def test_untagged_words_joined_by_a_dash_and_ending_in_a_body_word_are_one_name(
    nlp: Language,
) -> None:
    found = names(nlp, "West Coast Export–Import Bank chairman Pavel Orlov said rates would rise.")
    assert "West Coast Export–Import Bank" in found
    assert "Import Bank" not in found


def test_each_subject_of_committees_on_a_list_names_a_committee_but_no_date_does(
    nlp: Language,
) -> None:
    found = names(
        nlp, "She chairs the Senate's committees on Finance, Agriculture, and Energy and Commerce."
    )
    assert {"Committee on Finance", "Committee on Energy and Commerce"} <= found
    assert not any("Monday" in n for n in names(nlp, "He will face the committee on Monday."))
