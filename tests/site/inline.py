"""Dossiers written inline for the site tests."""

from __future__ import annotations

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
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"


def span_of(text: str, words: str, article: str = "a1", block: str = "p2") -> Span:
    start = text.index(words)
    return Span(article, block, start, start + len(words), words)


def crowd(size: int) -> Dossier:
    """`size` people and two countries, all named in one paragraph of one article."""
    names = [f"Person{i:04d} Example" for i in range(size)]
    text = " ".join(f"{n} spoke." for n in names) + " They met in Iran and Russia."
    article = Article(
        "a", "a.md", "Summit", (Block("p1", PARAGRAPH, text),), published="2024-01-01"
    )
    people = tuple(
        Person(
            f"p{i:04d}",
            n,
            (),
            "subject",
            (span_of(text, n, "a", "p1"),),
            countries=(Claim("IR", span_of(text, n, "a", "p1")),),
        )
        for i, n in enumerate(names)
    )
    countries = tuple(
        Country(n.lower(), c, n, (CountryRef(c, span_of(text, n, "a", "p1")),))
        for n, c in (("Iran", "IR"), ("Russia", "RU"))
    )
    return Dossier((article,), people, countries, ())
