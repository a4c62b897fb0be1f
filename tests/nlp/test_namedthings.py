"""Names the words around them give to a work or a company (nlp.namedthings), and the people
the same words around a real person's name must leave alone.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import Claim, Span
from generator.nlp.namedthings import is_read_from_a_plural, names_a_market_position
from tests.nlp.inline import analysed


def people(nlp: Language, *paragraphs: str) -> set[str]:
    return {p.name for p in analysed(nlp, *paragraphs).people if p.kind == "subject"}


def test_a_name_in_a_titles_question_is_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The critics named Tom Brandle best newcomer for The Horse, or Who is Marla?",
        "The Horse or Who is Marla? by Harold Penwick is shortlisted for best play.",
    )
    assert "Marla" not in found
    assert {"Tom Brandle", "Harold Penwick"} <= found


def test_a_question_someone_asks_keeps_its_person(nlp: Language) -> None:
    found = people(
        nlp,
        "Nobody at the party knew the stranger. Then the host asked: Who is Marla Quint?",
        "Marla Quint later said she had come with a friend.",
    )
    assert "Marla Quint" in found


def test_an_honorific_inside_a_novels_title_makes_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The prize went to Jane Holt for Grey Water, beating the favourite Peter Crane and "
        "Mr Tollbury by Susanna Harker.",
    )
    assert "Tollbury" not in found
    assert {"Jane Holt", "Susanna Harker"} <= found


def test_an_honorific_in_the_text_keeps_its_person(nlp: Language) -> None:
    found = people(
        nlp,
        "Mr Tollbury said the shop would stay open. The council has backed Mr Tollbury.",
    )
    assert "Tollbury" in found


def test_a_company_named_with_its_kind_at_a_sentences_start_is_no_person(
    nlp: Language,
) -> None:
    found = people(
        nlp,
        "Bookmaker Edward Marsh has made the novel the 5/2 favourite to win the prize.",
        "The judges meet next week in Leeds.",
    )
    assert "Edward Marsh" not in found


def test_a_person_with_the_same_name_stays_a_person(nlp: Language) -> None:
    found = people(
        nlp,
        "Edward Marsh, a 40-year-old teacher, said the school had been closed for a week.",
        '"We were never told why," Mr Marsh said.',
    )
    assert "Edward Marsh" in found


def test_a_market_leader_is_a_company(nlp: Language) -> None:
    found = people(
        nlp,
        "The rest of Halvard was bought by market leader Zentrix. The deal was worth $2bn.",
    )
    assert "Zentrix" not in found


def test_a_party_leader_stays_a_person(nlp: Language) -> None:
    found = people(nlp, "The motion was backed by party leader Morag Quentin on Tuesday.")
    assert "Morag Quentin" in found


def test_a_role_that_is_a_place_in_a_market_is_no_persons_post() -> None:
    assert names_a_market_position("Market leader")
    assert names_a_market_position("sector rival")
    assert not names_a_market_position("Party leader")
    assert not names_a_market_position("leader")


def test_a_name_listed_with_things_is_a_thing(nlp: Language) -> None:
    found = people(
        nlp,
        "The list holds some oddities: the Pez sweet dispenser (98th) and the bizarre "
        "Pemberton inside the shell egg peeler (77th).",
    )
    assert "Pemberton" not in found


def test_a_person_listed_with_things_stays_a_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The museum shows the old tin opener and the young Jane Holt in a photograph.",
    )
    assert "Jane Holt" in found
    found = people(nlp, "Fans cheered the veteran Okonjo and the young striker at the gates.")
    assert "Okonjo" in found


def test_a_company_word_in_a_name_makes_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The list includes the first flash music player (Dorrance Multimedia), as well as "
        "the first phone.",
    )
    assert "Dorrance Multimedia" not in found


def test_a_place_someone_moves_to_is_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "Ms Harlow was born in Perth. She moved to Llanwyddyn nearly 20 years ago where she works.",
    )
    assert "Llanwyddyn" not in found and "Harlow" in found


def test_a_person_something_goes_to_stays_a_person(nlp: Language) -> None:
    found = people(nlp, "The award went to Okonjo, who thanked the jury in a short speech.")
    assert "Okonjo" in found


def test_a_name_after_a_titles_small_words_is_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The drama 'No More Mr Pemberton' is shown on Sunday.",
    )
    assert "Pemberton" not in found


def test_a_name_after_words_of_the_text_stays_a_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The board met on Monday, and Lena Morrow spoke. Nobody told Mr Grimble, who said he "
        "was angry.",
    )
    assert {"Lena Morrow", "Grimble"} <= found


def test_a_part_someone_is_played_as_is_no_person(nlp: Language) -> None:
    found = people(
        nlp,
        "The film shows Mr Harlow laughing at Rory Bremner's impression of him as "
        "Frankenstein, which he calls good fun.",
    )
    assert "Frankenstein" not in found and "Harlow" in found


def test_a_role_read_from_a_plural_noun_names_a_group() -> None:
    def role(value: str, written: str) -> Claim:
        return Claim(value, Span("a1", "p1", 0, len(written), written))

    assert is_read_from_a_plural(role("Anti-noise campaigner", "anti-noise campaigners"))
    assert is_read_from_a_plural(role("Party spokesman", "party spokesmen"))
    assert is_read_from_a_plural(role("Company", "companies"))
    assert not is_read_from_a_plural(role("Anti-noise campaigner", "anti-noise campaigner"))
    assert not is_read_from_a_plural(role("Boss", "boss"))


def test_people_after_a_plural_noun_stay_people(nlp: Language) -> None:
    found = people(
        nlp,
        "Local campaigners Jane Holt and Peter Crane said the runway would ruin the village.",
    )
    assert {"Jane Holt", "Peter Crane"} <= found
