"""The article's title, analysed after its body (nlp.headline): its names are mentions linked to
the page's top, never the source of a role, a quote, a tie or a country of a person, and a name
found in the title alone is kept only where the headline's capitals tell it is one.

Every text here is written for the test.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import PARAGRAPH, TITLE, Article, ArticleAnalysis, Block, PersonRef
from generator.nlp.analyse import analysis_of
from generator.nlp.headline import is_title_case, seeded_by_the_body
from generator.nlp.layout import article_layout


def headlined(nlp: Language, title: str, *paragraphs: str) -> ArticleAnalysis:
    blocks = tuple(Block(f"p{n}", PARAGRAPH, text) for n, text in enumerate(paragraphs, 1))
    layout = article_layout(Article("a1", "a1.md", title, blocks))
    return analysis_of(nlp(layout.text), layout)


def test_a_person_and_a_country_named_only_in_the_headline_are_mentioned_there(
    nlp: Language,
) -> None:
    a = headlined(
        nlp,
        "Police question Mark Jensen over fire in Norway",
        "The fire started at night. Officials said little afterwards.",
    )
    people = {p.name: p for p in a.people}
    assert [(m.block, m.text) for m in people["Mark Jensen"].mentions] == [(TITLE, "Mark Jensen")]
    assert [(c.code, c.span.block) for c in a.countries] == [("NO", TITLE)]
    assert a.article.blocks == (Block("p1", PARAGRAPH, a.article.blocks[0].text),)


def test_a_surname_in_the_headline_joins_the_full_name_of_the_text(nlp: Language) -> None:
    a = headlined(
        nlp,
        "Okafor wins harbour vote",
        "Mayor Grace Okafor won the vote on Tuesday, officials said. Okafor thanked the dock "
        "workers.",
    )
    (okafor,) = [p for p in a.people if p.kind == "subject"]
    assert okafor.name == "Grace Okafor"
    assert [m.block for m in okafor.mentions] == ["p1", "p1", TITLE]


def test_the_headline_gives_no_role_no_quote_and_no_tie(nlp: Language) -> None:
    a = headlined(
        nlp,
        "Trade Minister Mark Jensen 'will not resign' over Harbour Party row",
        "Mark Jensen spoke to reporters on Monday about the ferry contract.",
    )
    jensen = next(p for p in a.people if p.name == "Mark Jensen")
    assert TITLE in {m.block for m in jensen.mentions}
    assert jensen.roles == () and jensen.organisations == () and jensen.countries == ()
    assert a.quotes == ()


def test_a_headline_word_capitalised_for_being_first_is_no_name(nlp: Language) -> None:
    for title in ("Lifestyle 'shapes phone choice'", "'Standoff' over harbour fees"):
        a = headlined(nlp, title, "Shoppers were asked what mattered most to them.")
        assert [p.name for p in a.people] == [], title
        assert [o.name for o in a.organisations] == [], title


def test_a_title_case_headline_names_no_one_on_its_own(nlp: Language) -> None:
    a = headlined(
        nlp,
        "Harbour Talks Stall As Strategic Partner Waits",
        "The talks stalled again on Friday, the third time this month.",
    )
    assert [p.name for p in a.people] == [] and [o.name for o in a.organisations] == []


def test_title_case_is_most_long_words_capitalised() -> None:
    assert is_title_case("As Tensions Soar, Iran Looks to 'Strategic Partner' Russia")
    assert not is_title_case("Blair rejects Tory terror offer")
    assert not is_title_case("Police question Mark Jensen over fire in Norway")
    assert not is_title_case("Benin, Nigeria join African Union free trade bloc")


def test_the_body_is_read_from_its_own_entities_the_headline_adds_whom_it_alone_names(
    nlp: Language,
) -> None:
    blocks = (Block("p1", PARAGRAPH, "Mark Jensen spoke in Oslo on Monday."),)
    layout = article_layout(Article("a1", "a1.md", "Mark Jensen meets Anna Berg", blocks))
    doc = nlp(layout.text)
    seen: list[list[str]] = []

    def find() -> tuple[PersonRef, ...]:
        seen.append([e.text for e in doc.ents if e.label_ == "PERSON"])
        return tuple(
            PersonRef(e.text, e.text, (), (layout.span(e.start_char, e.end_char),))
            for e in doc.ents
            if e.label_ == "PERSON"
        )

    ents = doc.ents
    found = seeded_by_the_body(doc, layout, find)
    assert doc.ents == ents  # the Doc's entities as they were
    assert "Anna Berg" not in seen[0] and "Anna Berg" in seen[1]
    assert [r.key for r in found] == ["Mark Jensen", "Anna Berg"]
    assert found[1].mentions[0].block == TITLE
