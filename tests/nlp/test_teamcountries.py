"""A person's country from the national side the sentence puts them in (nlp.teamcountries).

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import ArticleAnalysis
from generator.nlp.layout import article_layout
from generator.nlp.teamcountries import side_country
from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def countries(a: ArticleAnalysis) -> dict[str, tuple[str, ...]]:
    return {name: p.country_codes for name, p in subjects(resolve([a])).items()}


def test_the_players_listed_after_a_countrys_side_are_its(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "The Danish team of Tom Hale, Rob Dunn and Ian Cole lost in the final.",
            "Spain's squad, Ana Gil and Eva Sanz, arrived on Monday.",
        )
    )
    assert found["Tom Hale"] == found["Rob Dunn"] == found["Ian Cole"] == ("DK",)
    assert found["Ana Gil"] == found["Eva Sanz"] == ("ES",)


def test_a_side_without_a_country_gives_none(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "The Leeds team of Tom Hale and Rob Dunn lost in the final in France.",
            "A delegation of Ana Gil and Eva Sanz reached Spain on Monday.",
        )
    )
    assert found["Tom Hale"] == found["Rob Dunn"] == ()
    assert found["Ana Gil"] == found["Eva Sanz"] == ()


def test_a_player_picked_for_or_playing_in_a_countrys_side_is_its(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Jonny Wilkinson has been named in the England squad.",
            "Coach Andy Robinson also named Tom Hale in the Welsh squad for the match.",
            "Rob Dunn won his place in the British team after the trials.",
            "Ian Cole was left out of France's squad on Monday.",
        )
    )
    assert found["Jonny Wilkinson"] == found["Tom Hale"] == found["Rob Dunn"] == ("GB",)
    assert found["Ian Cole"] == ("FR",)
    assert found["Andy Robinson"] == ()  # who picks the squad is not placed in it


def test_meeting_or_serving_a_countrys_side_places_no_one(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Tom Hale lost to the British team on Monday.",
            "Rob Dunn returned to the England side as coach.",
            "Ian Cole spoke to the French squad in Paris.",
            "Mark Lewis played against the Spanish team.",
        )
    )
    assert found["Tom Hale"] == found["Rob Dunn"] == found["Ian Cole"] == found["Mark Lewis"] == ()


def test_a_countrys_result_without_a_player_places_the_player(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Tom Hale has quit the Davis Cup after ten years.",
            "And Great Britain's last win without Hale came against Chile in 1996.",
        )
    )
    assert found["Tom Hale"] == ("GB",)


def test_a_country_doing_other_things_without_a_person_places_no_one(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Tom Hale left the cabinet in May. Britain's war went on without Hale.",
            "Ivo Berg was ill, and Chelsea's first win without Berg followed in March.",
        )
    )
    assert found["Tom Hale"] == ()
    assert found["Ivo Berg"] == ()


def test_those_a_countrys_opponents_meet_in_a_fixture_are_its(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Rob Dunn and Ian Cole are both young.",
            "Britain's next opponents, Peru, are calm ahead of the May match against a likely "
            "trio of Dunn, Tom Hale and the 187th-ranked Cole.",
        )
    )
    assert found["Rob Dunn"] == found["Tom Hale"] == found["Ian Cole"] == ("GB",)


def test_those_a_country_plays_or_argues_against_are_not_its(nlp: Language) -> None:
    found = countries(
        analysed(
            nlp,
            "Britain's match against Carlos Ruiz ended in a draw on Monday.",
            "Britain's rivals lobbied against Jacques Morel in Brussels.",
        )
    )
    assert found["Carlos Ruiz"] == ()
    assert found["Jacques Morel"] == ()


def test_the_claim_cites_the_country_word_and_the_name(nlp: Language) -> None:
    layout = article_layout(
        analysed(nlp, "The Danish team of Ole Brask and Kim Holt lost.").article
    )
    doc = nlp(layout.text)
    start = layout.text.index("Kim Holt")
    (claim,) = side_country(doc, layout, start, start + len("Kim Holt"))
    assert claim.value == "DK"
    assert claim.source.text == "Danish team of Ole Brask and Kim Holt"  # type: ignore[union-attr]
