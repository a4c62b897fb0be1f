"""The article's blocks joined into one text, and offsets mapped back to block spans."""

from __future__ import annotations

from generator.model import CAPTION, PARAGRAPH, TITLE, Article, Block, Span
from generator.nlp.layout import SEPARATOR, article_layout

ARTICLE = Article(
    id="a1",
    path="a1.md",
    title="T",
    blocks=(
        Block("p1", PARAGRAPH, "Iran and Russia."),
        Block("p2", CAPTION, "A port."),
        Block("p3", PARAGRAPH, "Shoigu spoke."),
    ),
)


def test_blocks_are_joined_by_a_blank_line_with_their_offsets_then_the_title() -> None:
    layout = article_layout(ARTICLE)
    assert layout.text == "Iran and Russia.\n\nA port.\n\nShoigu spoke.\n\nT"
    assert SEPARATOR == "\n\n"
    assert layout.starts == (0, 18, 27, 42)
    assert [layout.block_range(i) for i in range(4)] == [(0, 16), (18, 25), (27, 40), (42, 43)]
    assert layout.span(42, 43) == Span("a1", TITLE, 0, 1, "T")
    assert layout.source == ARTICLE and layout.article.blocks[-1] == Block(TITLE, TITLE, "T")


def test_a_title_cut_from_the_first_paragraph_is_not_analysed_twice() -> None:
    lede = Block("p1", PARAGRAPH, "Officials met in Oslo on Monday. They agreed.")
    for title in ("Officials met in Oslo on Monday.", "Officials met in…"):
        layout = article_layout(Article("a3", "a3.md", title, (lede,)))
        assert layout.text == lede.text


def test_a_title_in_square_brackets_is_an_editors_note_not_analysed() -> None:
    note = Article("a4", "a4.md", "[Selected without editorial review]", ARTICLE.blocks)
    assert article_layout(note).text == "Iran and Russia.\n\nA port.\n\nShoigu spoke."


def test_the_title_is_a_block_of_the_article_by_its_id() -> None:
    assert ARTICLE.block(TITLE) == Block(TITLE, TITLE, "T")
    assert ARTICLE.block("p3").text == "Shoigu spoke."


def test_an_offset_maps_back_to_its_block_and_a_span_inside_it() -> None:
    layout = article_layout(ARTICLE)
    start = layout.text.index("Shoigu")
    assert layout.block_at(start) == 2 and layout.block_of(start).id == "p3"
    assert layout.span(start, start + 6) == Span("a1", "p3", 0, 6, "Shoigu")
    assert layout.span(9, 15) == Span("a1", "p1", 9, 15, "Russia")


def test_a_span_is_cut_at_the_end_of_its_block() -> None:
    layout = article_layout(ARTICLE)
    assert layout.span(18, 30) == Span("a1", "p2", 0, 7, "A port.")


def test_an_article_without_blocks_is_empty() -> None:
    layout = article_layout(Article("a2", "a2.md", "T", ()))
    assert (layout.text, layout.starts) == ("", ())
