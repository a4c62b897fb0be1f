"""Articles written inline for the nlp tests, analysed with the session's model."""

from __future__ import annotations

from spacy.language import Language

from generator.ingest.paste import plain_text_article
from generator.model import (
    CAPTION,
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Dossier,
    Person,
    Quote,
)
from generator.nlp.analyse import analysis_of
from generator.nlp.layout import article_layout


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


def pasted(nlp: Language, *paragraphs: str) -> ArticleAnalysis:
    """The paragraphs pasted as plain text under a headline, the way a user adds an article."""
    text = "A headline for the test\n\n" + "\n\n".join(paragraphs) + "\n"
    layout = article_layout(plain_text_article(text, "test.txt", "test"))
    return analysis_of(nlp(layout.text), layout)


def speaker_name(analysis: ArticleAnalysis, quote: Quote) -> str | None:
    by_key = {p.key: p.name for p in analysis.people}
    return by_key.get(quote.speaker) if quote.speaker else None


def quote_table(analysis: ArticleAnalysis) -> list[tuple[str, str | None, str]]:
    return [(q.span.text, speaker_name(analysis, q), q.via) for q in analysis.quotes]


def subjects(dossier: Dossier) -> dict[str, Person]:
    return {p.name: p for p in dossier.people if p.kind == "subject"}


def codes(analysis: ArticleAnalysis) -> set[str]:
    return {c.code for c in analysis.countries}
