"""People and countries of one article, and of several resolved together.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from generator.gazetteer import gazetteer
from generator.model import CAPTION, PARAGRAPH, Article, ArticleAnalysis, Block, Dossier, Person
from generator.nlp.analyse import analysis_of
from generator.nlp.layout import article_layout
from generator.resolve.dossier import resolve


def analysed(
    nlp: Language, *paragraphs: str, article_id: str = "a1", author: str = "", credit: str = ""
) -> ArticleAnalysis:
    blocks = [Block(f"p{n}", PARAGRAPH, text) for n, text in enumerate(paragraphs, 1)]
    if credit:
        blocks.append(Block(f"p{len(blocks) + 1}", CAPTION, "A crowd in a square.", credit=credit))
    article = Article(
        id=article_id,
        path=f"{article_id}.md",
        title="Test article",
        blocks=tuple(blocks),
        author=author,
    )
    layout = article_layout(article)
    return analysis_of(nlp(layout.text), layout)


def subjects(dossier: Dossier) -> dict[str, Person]:
    return {p.name: p for p in dossier.people if p.kind == "subject"}


def codes(analysis: ArticleAnalysis) -> set[str]:
    return {c.code for c in analysis.countries}


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


def test_organisations_and_awards_named_like_people_are_not_people(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Qantas faces rivals such as low-cost carrier Virgin Blue, its boss Geoff Dixon said.",
        "Mr Dixon was named European Businessman of the Year by a magazine.",
        "He told the newspaper John Smith was innocent. Smith said so again.",
    )
    assert set(subjects(resolve([a]))) == {"Geoff Dixon", "John Smith"}


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


def test_two_people_sharing_a_surname_stay_two(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Maria Keller, a lawyer, and her brother Tom Keller, a farmer, both spoke at the meeting.",
        "Tom Keller said the harvest was poor. Keller added that prices had fallen.",
    )
    people = subjects(resolve([a]))
    assert {"Maria Keller", "Tom Keller"} <= set(people)
    assert "Keller" not in people
    assert len(people["Tom Keller"].mentions) > len(people["Maria Keller"].mentions)


def test_a_name_in_brackets_is_an_alias(nlp: Language) -> None:
    a = analysed(
        nlp,
        "The plan was welcomed by opposition legislator Parvin Lau (Lau Hsiao-wen) on Friday.",
        "Lau said the vote would be close.",
    )
    people = subjects(resolve([a]))
    assert list(people) == ["Parvin Lau"]
    assert "Lau Hsiao-wen" in people["Parvin Lau"].aliases


def test_demonym_before_a_name_is_not_part_of_it(nlp: Language) -> None:
    a = analysed(nlp, "The winning goal was scored by Croat Ivan Marelic in the second half.")
    people = subjects(resolve([a]))
    assert "Ivan Marelic" in people
    assert people["Ivan Marelic"].country_codes == ("HR",)


def test_person_of_a_country_after_the_name(nlp: Language) -> None:
    a = analysed(nlp, "President Farid Qasemi of Afghanistan flew home on Sunday.")
    assert subjects(resolve([a]))["Farid Qasemi"].country_codes == ("AF",)


def test_nationality_clause_gives_every_country(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Daniel Okafor, who has dual British and Nigerian nationality, was released on Tuesday.",
    )
    assert set(subjects(resolve([a]))["Daniel Okafor"].country_codes) == {"GB", "NG"}


def test_byline_and_photographer_are_credits_and_agencies_are_nobody(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Talks resumed in Geneva on Monday.",
        author="Laura Finch",
        credit="Pierre Dumas/AFP via Getty Images",
    )
    dossier = resolve([a])
    credits = {p.name: p for p in dossier.people if p.kind == "credit"}
    assert set(credits) == {"Laura Finch", "Pierre Dumas"}
    assert not [p for p in dossier.people if p.name in {"AFP", "Getty Images"}]
    assert not subjects(dossier)


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


def test_a_name_tagged_once_as_a_person_is_a_person_everywhere(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Sandor Vilmos, the mayor, opened the bridge.",
        "Vilmos thanked the builders. Later, Vilmos went home.",
    )
    people = subjects(resolve([a]))
    assert list(people) == ["Sandor Vilmos"]
    assert len(people["Sandor Vilmos"].mentions) == 3


def test_same_person_across_articles_is_one_profile(nlp: Language) -> None:
    first = analysed(nlp, "Prime Minister Anna Novak visited the port.", article_id="a1")
    second = analysed(nlp, "Mrs Novak said the port would be expanded.", article_id="a2")
    people = subjects(resolve([first, second]))
    assert list(people) == ["Anna Novak"]
    assert people["Anna Novak"].articles == ("a1", "a2")


def test_a_surname_never_merges_two_full_names(nlp: Language) -> None:
    first = analysed(nlp, "John Reed, a banker, bought the house.", article_id="a1")
    second = analysed(nlp, "Sarah Reed, a doctor, sold the house.", article_id="a2")
    third = analysed(nlp, "Reed said the price was fair.", article_id="a3")
    people = subjects(resolve([first, second, third]))
    assert {"John Reed", "Sarah Reed"} <= set(people)
    assert people["John Reed"].articles == ("a1",)
    assert people["Sarah Reed"].articles == ("a2",)


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


def test_every_gazetteer_form_maps_to_a_country_code() -> None:
    """YAML reads a bare NO as false: Norwegian and Oslo must map to "NO" (Norway), not False."""
    g = gazetteer()
    for table in (g.names, g.demonyms, g.cities):
        assert all(isinstance(code, str) and code for code in table.values())
    assert g.demonyms["norwegian"] == "NO"
    assert g.cities["oslo"] == "NO"


def test_short_forms_and_former_names_of_countries() -> None:
    g = gazetteer()
    forms = {"NZ": "NZ", "ROK": "KR", "KSA": "SA", "West Germany": "DE", "Brits": "GB"}
    assert {form: g.code_of(form) for form in forms} == forms
    assert g.code_of("East Germany") == "DD"  # a former country keeps its own code
