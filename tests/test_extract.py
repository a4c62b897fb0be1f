"""The `dossier extract` JSON of a tiny Dossier written inline."""

from __future__ import annotations

import json

from generator.extract import extract_json
from generator.model import (
    PARAGRAPH,
    Article,
    Block,
    Claim,
    Country,
    CountryRef,
    Dossier,
    DossierQuote,
    Person,
    Quote,
    Span,
)

TEXT = "Ana Lee, the mayor of Tehran, said “we stay” in Iran."


def words(text: str) -> Span:
    start = TEXT.index(text)
    return Span("a1", "p1", start, start + len(text), text)


def tiny_dossier() -> Dossier:
    article = Article(
        "a1", "a1.md", "Title", (Block("p1", PARAGRAPH, TEXT),), url="https://example.org/a1"
    )
    ana = Person(
        "ana-lee",
        "Ana Lee",
        ("Ms Lee",),
        "subject",
        (words("Ana Lee"),),
        roles=(Claim("mayor of Tehran", words("mayor of Tehran")),),
        countries=(Claim("IR", words("Iran")), Claim("IR", words("Tehran"))),
    )
    iran = Country("iran", "IR", "Iran", (CountryRef("IR", words("Iran")),))
    quote = Quote(words("we stay"), "ana-lee", "Ana Lee", cue="said", via="name")
    return Dossier((article,), (ana,), (iran,), (DossierQuote("a1-q1", quote),))


def test_the_extract_of_a_tiny_dossier() -> None:
    ana_at = TEXT.index("Ana Lee")
    iran_at = TEXT.index("Iran")
    quote_at = TEXT.index("we stay")
    assert extract_json(tiny_dossier()) == {
        "articles": [
            {"id": "a1", "title": "Title", "published": None, "url": "https://example.org/a1"}
        ],
        "people": [
            {
                "id": "ana-lee",
                "name": "Ana Lee",
                "aliases": ["Ms Lee"],
                "kind": "subject",
                "countries": ["IR"],
                "roles": ["mayor of Tehran"],
                "credit_roles": [],
                "mentions": [
                    {
                        "article": "a1",
                        "paragraph": "p1",
                        "start": ana_at,
                        "end": ana_at + 7,
                        "text": "Ana Lee",
                    }
                ],
            }
        ],
        "countries": [
            {
                "id": "iran",
                "code": "IR",
                "name": "Iran",
                "mentions": [
                    {
                        "article": "a1",
                        "paragraph": "p1",
                        "start": iran_at,
                        "end": iran_at + 4,
                        "text": "Iran",
                        "via": "Iran",
                    }
                ],
            }
        ],
        "quotes": [
            {
                "id": "a1-q1",
                "article": "a1",
                "paragraph": "p1",
                "start": quote_at,
                "end": quote_at + 7,
                "text": "we stay",
                "speaker": "ana-lee",
                "speaker_text": "Ana Lee",
                "partial": False,
                "cue": "said",
                "source": "",
                "date": "",
                "via": "name",
            }
        ],
    }


def test_the_extract_is_plain_json() -> None:
    data = extract_json(tiny_dossier())
    assert json.loads(json.dumps(data)) == data
    assert extract_json(Dossier((), (), (), ())) == {
        "articles": [],
        "people": [],
        "countries": [],
        "quotes": [],
    }
