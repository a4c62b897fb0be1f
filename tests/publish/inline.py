"""A dossier written inline for the export and review tests: two articles, people tied to
organisations (one tie set by curation), a quote attributed through a pronoun, a person given
two countries, a person named by one word, an organisation an article names by acronym only."""

from __future__ import annotations

from generator.model import (
    PARAGRAPH,
    Article,
    Block,
    Claim,
    Country,
    CountryRef,
    Curated,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    Quote,
    Span,
)

A1_P1 = "Ana Ferreira, a spokeswoman for the Movement for Democratic Change, spoke in Maputo."
A1_P2 = "“We will march on Friday,” she said."
A1_P3 = "Bo Lee, an engineer at the Ministry of Transport, said nothing."
A2_P1 = "The MDC said Ana Ferreira had moved to Portugal, where Tomas met her."

FIRST = Article(
    "2024-03-02-march",
    "content/articles/2024-03-02-march.md",
    "A march",
    (Block("p1", PARAGRAPH, A1_P1), Block("p2", PARAGRAPH, A1_P2), Block("p3", PARAGRAPH, A1_P3)),
    author="Cy Doe",
    publisher="The Example Post",
    url="https://example.org/march",
    published="2024-03-02",
)
SECOND = Article(
    "2024-03-09-move",
    "content/articles/2024-03-09-move.md",
    "A move",
    (Block("p1", PARAGRAPH, A2_P1),),
    published="2024-03-09",
)


def span(text: str, words: str, article: str, block: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(article, block, start, start + len(words), words)


def one(text: str, words: str, block: str = "p1", article: str = FIRST.id) -> Span:
    return span(text, words, article, block)


ANA = Person(
    "ana-ferreira",
    "Ana Ferreira",
    (),
    "subject",
    (one(A1_P1, "Ana Ferreira"), one(A2_P1, "Ana Ferreira", article=SECOND.id)),
    roles=(Claim("spokeswoman", one(A1_P1, "spokeswoman")),),
    countries=(
        Claim("MZ", one(A1_P1, "Maputo")),
        Claim("PT", one(A2_P1, "Portugal", article=SECOND.id)),
    ),
    organisations=(
        Claim("movement-for-democratic-change", one(A1_P1, "Movement for Democratic Change")),
    ),
)
BO = Person(
    "bo-lee",
    "Bo Lee",
    (),
    "subject",
    (one(A1_P3, "Bo Lee", "p3"),),
    roles=(Claim("engineer", one(A1_P3, "engineer", "p3")),),
    organisations=(Claim("ministry-of-transport", Curated("curation.yml", 12)),),
)
TOMAS = Person("tomas", "Tomas", (), "subject", (one(A2_P1, "Tomas", article=SECOND.id),))
CY = Person("credit-cy-doe", "Cy Doe", (), "credit", (), credit_roles=("author",))
MDC = Organisation(
    "movement-for-democratic-change",
    "Movement for Democratic Change",
    ("MDC",),
    "party",
    (one(A1_P1, "Movement for Democratic Change"), one(A2_P1, "MDC", article=SECOND.id)),
    countries=(Claim("MZ", one(A1_P1, "Maputo")),),
)
MINISTRY = Organisation(
    "ministry-of-transport",
    "Ministry of Transport",
    (),
    "government",
    (one(A1_P3, "Ministry of Transport", "p3"),),
)
COUNTRIES = (
    Country("mozambique", "MZ", "Mozambique", (CountryRef("MZ", one(A1_P1, "Maputo")),)),
    Country(
        "portugal",
        "PT",
        "Portugal",
        (CountryRef("PT", one(A2_P1, "Portugal", article=SECOND.id)),),
    ),
)
MARCH = DossierQuote(
    f"{FIRST.id}-q1",
    Quote(
        one(A1_P2, "We will march on Friday,", "p2"),
        "ana-ferreira",
        speaker_text="she",
        cue="said",
        via="pronoun",
    ),
)
STATEMENT = DossierQuote(
    f"{SECOND.id}-q1",
    Quote(one(A2_P1, "Ana Ferreira had moved", article=SECOND.id), None, speaker_org=MDC.id),
)

DOSSIER = Dossier(
    articles=(FIRST, SECOND),
    people=(ANA, BO, CY, TOMAS),
    countries=COUNTRIES,
    quotes=(MARCH, STATEMENT),
    redirects={"ferreira": "ana-ferreira"},
    organisations=(MDC, MINISTRY),
)
