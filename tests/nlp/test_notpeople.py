"""Names taken for people that are no people (nlp.notpeople): bodies, media, works, places.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from tests.nlp.inline import analysed


def people(nlp: Language, *paragraphs: str) -> set[str]:
    return {p.name for p in analysed(nlp, *paragraphs).people if p.kind == "subject"}


def test_a_medium_written_on_is_no_person(nlp: Language) -> None:
    found = people(nlp, "Activist Lena Morrow wrote on Chirper that the march would go ahead.")
    assert "Chirper" not in found and "Lena Morrow" in found


def test_works_given_as_examples_are_no_people(nlp: Language) -> None:
    found = people(
        nlp,
        "Past years saw blockbusters such as Dancing Private Ryan, Harold Pump and Spook win.",
    )
    assert not found & {"Dancing Private Ryan", "Harold Pump"}


def test_a_name_in_a_list_of_places_is_no_person(nlp: Language) -> None:
    found = people(nlp, "Patients came from the towns of Goma, Beni, and Tamwa in the east.")
    assert "Tamwa" not in found


def test_a_name_also_written_as_a_plural_is_a_thing(nlp: Language) -> None:
    found = people(
        nlp, "This year's Grammy nominees sold few records.", "The band won three Grammys."
    )
    assert "Grammy" not in found


def test_a_person_with_an_honorific_stays_a_person(nlp: Language) -> None:
    found = people(nlp, "Mr Holloway wrote on Chirper that he would resign.")
    assert "Holloway" in found


def test_a_name_after_a_noun_of_a_thing_is_a_things(nlp: Language) -> None:
    found = people(
        nlp,
        "The list has the 1990s toy Zibbelwump and a juicer, chosen by Anna Grey.",
        "Last year Marrow tried to buy Glenquarrie, one of the region's whisky firms.",
    )
    assert "Zibbelwump" not in found and "Glenquarrie" not in found
    assert "Anna Grey" in found


def test_a_name_of_title_words_with_no_given_name_is_no_person(nlp: Language) -> None:
    assert people(nlp, "Viewers loved Lonely Gardeners, said Tom Reyes.") == {"Tom Reyes"}
    assert not people(nlp, "Smart Lanterns allowed the firm to link any word to a page.")


def test_a_name_a_person_noun_or_a_person_beside_it_stays_a_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The deal was run by the president's eldest son, Sigrit Harjono, bankers said.",
        "Veteran striker Bomani Okafor scored twice.",
    )
    assert {"Sigrit Harjono", "Bomani Okafor"} <= found


def test_the_first_half_of_a_hyphened_word_is_no_person(nlp: Language) -> None:
    assert "Grammy" not in people(nlp, "The Grammy-nominated singer opened the show.")


def test_names_listed_among_more_bodies_are_no_people(nlp: Language) -> None:
    found = people(
        nlp,
        "Suits were filed against Reynolds Tobacco, Lorillard Tobacco, Liggett Group and Brown"
        " and Williamson.",
    )
    assert not found & {"Brown", "Williamson"}


def test_a_person_after_a_hyphened_noun_of_a_person_stays_a_person(nlp: Language) -> None:
    found = people(nlp, "The festival screened murdered Dutch film-maker Theo Van Doorn's film.")
    assert "Theo Van Doorn" in found


def test_a_title_followed_by_by_and_its_author_is_a_work(nlp: Language) -> None:
    found = people(
        nlp,
        "The prize went to Susan Reyes, beating the favourite Jonathan Marsh and Mr Norvell by"
        " Susanna Clarke.",
        "Tom Reyes was beaten by Susanna Clarke in the final.",
    )
    assert "Jonathan Marsh" not in found
    assert {"Susan Reyes", "Tom Reyes", "Susanna Clarke"} <= found


def test_a_noun_both_of_works_and_of_people_leaves_a_person(nlp: Language) -> None:
    found = people(
        nlp,
        "Lena Ortiz faces a strong challenge from Annette Bell, a nominee for the farce Julia.",
        "The court asked the site's publisher Jason Grady for his sources.",
    )
    assert {"Annette Bell", "Jason Grady"} <= found


def test_a_products_version_and_a_common_nouns_plural_are_no_people(nlp: Language) -> None:
    found = people(
        nlp,
        "Like other worms, Quorbo-K reads address books, said Lena Morrow.",
        "We have seen such scams for several Christmases already, she said.",
    )
    assert not found & {"Quorbo-K", "Christmases"} and "Lena Morrow" in found


def test_a_name_spelled_out_in_brackets_is_an_acronym(nlp: Language) -> None:
    found = people(nlp, "The studio's own engine, Vela (Very Expensive Layout Agent), is new.")
    assert "Vela" not in found


def test_what_a_person_is_of_is_no_person(nlp: Language) -> None:
    found = people(nlp, "Yet aviation analyst Tom Reyes of Bruckner Halloran says fares will rise.")
    assert "Bruckner Halloran" not in found and "Tom Reyes" in found


def test_a_name_before_a_country_or_after_the_is_a_places(nlp: Language) -> None:
    found = people(
        nlp,
        "He has written many histories, including one of Norman England.",
        "The tree stands at London's Vantry Britain gallery.",
        "Texts sent by visitors to the Vantry light it up, said Anna Grey.",
    )
    assert not found & {"Norman England", "Vantry"} and "Anna Grey" in found


def test_brands_given_as_examples_are_no_people(nlp: Language) -> None:
    found = people(
        nlp,
        "Its brands include Malibu rum, as well as snack chains such as Dorkin' Bagels.",
        "Pernod owns brands including Havana Club rum and Jacob's Creek wine, said Tom Reyes.",
    )
    assert not found & {"Dorkin", "Jacob"} and "Tom Reyes" in found


def test_the_possessor_of_a_persons_name_is_no_person(nlp: Language) -> None:
    found = people(nlp, "Vastren's Rufus Norland was named best director, said Anna Grey.")
    assert "Vastren" not in found and "Rufus Norland" in found
    found = people(nlp, "The shortlist has Simon Marley for Toxen.", "Toxen is also shortlisted.")
    assert "Toxen" not in found and "Simon Marley" in found


def test_a_part_played_is_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The play won a prize for its star Rufus Norland as teacher Hector.",
        "Norland, who plays Hector in The Exam Boys, is tipped to win.",
    )
    assert "Hector" not in found and "Rufus Norland" in found
