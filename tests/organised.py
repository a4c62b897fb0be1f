"""An article written for the tests, with its analysis written by hand: organisations (one with an
acronym), people tied to them, a quote an institution speaks. Site, golden and browser tests use
it without the model, whatever the extraction finds: `organised_analysis` is the analysis
`dossier build` would make of ARTICLE if it found exactly this (the browser tests put it in
through `with_organised_analysis`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

from generator.ingest.reader import parse_article
from generator.model import (
    Article,
    ArticleAnalysis,
    Claim,
    CountryRef,
    OrgRef,
    PersonRef,
    Quote,
    Span,
)

ARTICLE_ID = "2024-03-02-harbour-workers-strike"
ARTICLE = """---
title: Harbour workers strike as the ministry answers
published: 2024-03-02
publisher: Fixture Press
---

The Movement for Democratic Change (MDC) called a strike at the harbour of Beira on Monday.

Ana Ferreira, secretary general of the MDC, told reporters: “The workers will not wait any longer.”

The Mozambican Ministry of Transport said in a statement that “talks remain open to every union.”

Radio Horizonte reported that Tomas Lima, a spokesman for the Port Authority of Beira, said the MDC had asked for no meeting.
"""
MDC = "movement-for-democratic-change"
MINISTRY = "ministry-of-transport"


def organised_article() -> Article:
    return parse_article(ARTICLE, f"content/articles/{ARTICLE_ID}.md", ARTICLE_ID)


def _spans(article: Article, block: str, words: str) -> list[Span]:
    text = article.block(block).text
    found, at = [], text.find(words)
    while at != -1:
        found.append(Span(article.id, block, at, at + len(words), words))
        at = text.find(words, at + len(words))
    return found


def _span(article: Article, block: str, words: str) -> Span:
    return _spans(article, block, words)[0]


def organised_analysis(article: Article | None = None) -> ArticleAnalysis:
    """The analysis of ARTICLE as the extraction should find it."""
    a = article or organised_article()
    s = _span
    mdc = OrgRef(
        "o1",
        "Movement for Democratic Change",
        ("MDC",),
        (
            s(a, "p1", "Movement for Democratic Change"),
            s(a, "p1", "MDC"),
            s(a, "p2", "MDC"),
            s(a, "p4", "MDC"),
        ),
        "party",
        (Claim("MZ", s(a, "p1", "Beira")),),
    )
    ministry = OrgRef(
        "o2",
        "Ministry of Transport",
        (),
        (s(a, "p3", "Ministry of Transport"),),
        "government",
        (Claim("MZ", s(a, "p3", "Mozambican")),),
    )
    port = OrgRef("o3", "Port Authority of Beira", (), (s(a, "p4", "Port Authority of Beira"),))
    radio = OrgRef("o4", "Radio Horizonte", (), (s(a, "p4", "Radio Horizonte"),), "media")
    ferreira = PersonRef(
        "k1",
        "Ana Ferreira",
        ("Ferreira",),
        (s(a, "p2", "Ana Ferreira"),),
        roles=(Claim("secretary general of the MDC", s(a, "p2", "secretary general of the MDC")),),
        organisations=(Claim("o1", s(a, "p2", "secretary general of the MDC")),),
    )
    lima = PersonRef(
        "k2",
        "Tomas Lima",
        (),
        (s(a, "p4", "Tomas Lima"),),
        roles=(Claim("spokesman", s(a, "p4", "a spokesman")),),
        organisations=(Claim("o3", s(a, "p4", "a spokesman for the Port Authority of Beira")),),
    )
    quotes = (
        Quote(s(a, "p2", "The workers will not wait any longer."), "k1", "Ana Ferreira", "told"),
        Quote(
            s(a, "p3", "talks remain open to every union."),
            None,
            "The Mozambican Ministry of Transport",
            "said",
            speaker_org="o2",
        ),
    )
    countries = (
        CountryRef("MZ", s(a, "p1", "Beira")),
        CountryRef("MZ", s(a, "p3", "Mozambican")),
    )
    return ArticleAnalysis(a, (ferreira, lima), countries, quotes, (mdc, ministry, port, radio))


@contextmanager
def with_organised_analysis() -> Iterator[None]:
    """Builds in this block take ARTICLE's analysis from `organised_analysis` (the model never
    reads it): the test-only seam is the pipeline's `analyses_of`, wrapped."""
    from generator import pipeline

    real = pipeline.analyses_of

    def analyses_of(
        settings: Any, articles: Sequence[Article], use_cache: bool = True
    ) -> tuple[list[ArticleAnalysis], Any]:
        others = [a for a in articles if a.id != ARTICLE_ID]
        analyses, stats = real(settings, others, use_cache)
        analyses += [organised_analysis(a) for a in articles if a.id == ARTICLE_ID]
        return analyses, stats

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "analyses_of", analyses_of)
        yield
