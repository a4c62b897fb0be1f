"""Where each block of an article sits in the single text handed to spaCy."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from generator.model import Article, Block, Span

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Layout:
    """The article's analysed text: blocks joined by blank lines, and each block's offset.

    `article` is the article as analysed: its blocks are `Article.analysed_blocks`, the title
    last (block id model.TITLE) where it is a headline of its own; `source` is the article as
    read, which the analysis hands on."""

    article: Article
    text: str
    starts: tuple[int, ...]
    source: Article

    def block_at(self, offset: int) -> int:
        """Index of the block that holds the character at `offset` of the joined text."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span(self, start: int, end: int) -> Span:
        """A Span (block id + offsets inside that block) for text[start:end]."""
        index = self.block_at(start)
        block = self.article.blocks[index]
        base = self.starts[index]
        end = min(end, base + len(block.text))
        return Span(self.article.id, block.id, start - base, end - base, self.text[start:end])

    def block_range(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + len(self.article.blocks[index].text)

    def block_of(self, offset: int) -> Block:
        return self.article.blocks[self.block_at(offset)]


def article_layout(article: Article) -> Layout:
    analysed = replace(article, blocks=article.analysed_blocks)
    starts: list[int] = []
    position = 0
    for block in analysed.blocks:
        starts.append(position)
        position += len(block.text) + len(SEPARATOR)
    text = SEPARATOR.join(block.text for block in analysed.blocks)
    return Layout(analysed, text, tuple(starts), article)
