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
    Organisation,
    Person,
    Quote,
    Span,
)

TEXT = "Ana Lee, the mayor of Tehran, said “we stay” in Iran. The ministry said “no”."


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
        organisations=(Claim("tehran-council", words("mayor of Tehran")),),
    )
    iran = Country("iran", "IR", "Iran", (CountryRef("IR", words("Iran")),))
    quote = Quote(words("we stay"), "ana-lee", "Ana Lee", cue="said", via="name")
    council = Organisation(
        "tehran-council",
        "Tehran Council",
        ("the council",),
        "government",
        (words("Tehran"),),
        countries=(Claim("IR", words("Tehran")),),
    )
    said = Quote(words("no"), None, "The ministry", cue="said", speaker_org="tehran-council")
    return Dossier(
        (article,),
        (ana,),
        (iran,),
        (DossierQuote("a1-q1", quote), DossierQuote("a1-q2", said)),
        organisations=(council,),
    )


def test_the_extract_of_a_tiny_dossier() -> None:
    ana_at = TEXT.index("Ana Lee")
    iran_at = TEXT.index("Iran")
    quote_at = TEXT.index("we stay")
    tehran_at = TEXT.index("Tehran")
    no_at = TEXT.index("no”")
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
                "organisations": ["tehran-council"],
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
        "organisations": [
            {
                "id": "tehran-council",
                "name": "Tehran Council",
                "aliases": ["the council"],
                "kind": "government",
                "countries": ["IR"],
                "mentions": [
                    {
                        "article": "a1",
                        "paragraph": "p1",
                        "start": tehran_at,
                        "end": tehran_at + 6,
                        "text": "Tehran",
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
                "speaker_org": None,
                "partial": False,
                "cue": "said",
                "source": "",
                "date": "",
                "via": "name",
            },
            {
                "id": "a1-q2",
                "article": "a1",
                "paragraph": "p1",
                "start": no_at,
                "end": no_at + 2,
                "text": "no",
                "speaker": None,
                "speaker_text": "The ministry",
                "speaker_org": "tehran-council",
                "partial": False,
                "cue": "said",
                "source": "",
                "date": "",
                "via": "none",
            },
        ],
    }


def test_the_extract_is_plain_json() -> None:
    data = extract_json(tiny_dossier())
    assert json.loads(json.dumps(data)) == data
    assert extract_json(Dossier((), (), (), ())) == {
        "articles": [],
        "people": [],
        "countries": [],
        "organisations": [],
        "quotes": [],
    }
