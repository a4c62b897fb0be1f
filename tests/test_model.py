"""The frozen data between stages: look-ups by id and the values derived from mentions."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import (
    PARAGRAPH,
    Article,
    Block,
    Claim,
    Country,
    CountryRef,
    Dossier,
    Person,
    Span,
)


def at(article: str, text: str) -> Span:
    return Span(article, "p1", 0, len(text), text)


def test_an_article_finds_its_block_by_id() -> None:
    article = Article(
        "a1", "a1.md", "T", (Block("p1", PARAGRAPH, "One."), Block("p2", PARAGRAPH, "Two."))
    )
    assert article.block("p2").text == "Two."
    with pytest.raises(KeyError):
        article.block("p9")


def test_a_person_s_articles_and_country_codes_in_first_seen_order_once_each() -> None:
    person = Person(
        "ana-lee",
        "Ana Lee",
        (),
        "subject",
        (at("a2", "Ana"), at("a1", "Lee"), at("a2", "Ana Lee")),
        countries=(
            Claim("RU", at("a2", "Russia")),
            Claim("IR", at("a1", "Iran")),
            Claim("RU", at("a1", "Moscow")),
        ),
    )
    assert person.articles == ("a2", "a1")
    assert person.country_codes == ("RU", "IR")


def test_a_country_s_articles_and_a_dossier_s_person_by_id() -> None:
    iran = Country(
        "iran",
        "IR",
        "Iran",
        (CountryRef("IR", at("a3", "Iran")), CountryRef("IR", at("a3", "Iran"))),
    )
    assert iran.articles == ("a3",)
    person = Person("ana-lee", "Ana Lee", (), "subject", ())
    dossier = Dossier((), (person,), (iran,), ())
    assert dossier.person("ana-lee") is person
    with pytest.raises(KeyError):
        dossier.person("nobody")


def test_stage_data_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        at("a1", "x").start = 3  # type: ignore[misc]
