"""Turn a pasted plain-text article into an Article, and an Article into an article file.

A paste carries page chrome ("Updated:", "0:00", the headline repeated), a standfirst, a byline,
photo captions ending in a credit "(Name/Agency)" and section headings. These are recognised
here; everything else is body text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from generator import lexicon
from generator.ingest.reader import CAPTION_PREFIX, CREDIT_PREFIX
from generator.model import CAPTION, HEADING, PARAGRAPH, Article, Block
from generator.text import normalized_text, not_after_abbreviation, slug

_CHROME_START = lexicon.alternation(lexicon.word_list("chrome", "line_starts"))
_CHROME_LINE = lexicon.alternation(lexicon.word_list("chrome", "lines"))
CHROME = re.compile(
    rf"^({_CHROME_START}.*|\d{{1,2}}:\d{{2}}(:\d{{2}})?|{_CHROME_LINE})$", re.IGNORECASE
)
CREDIT_WORDS = re.compile(
    rf"/|\bvia\b|\b{lexicon.alternation(lexicon.word_list('credits', 'agencies'))}\b"
)
_CAPTION = re.compile(r"^(?P<caption>.*[.!?”\"’)])\s*\((?P<credit>[^()]{2,120})\)$")
_BYLINE = re.compile(r"^(?:By\s+)?(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})$")
_SENTENCE_END = re.compile(r"[.!?:;,…]['\"’”)]*$")
MAX_HEADING_WORDS = 12
MAX_TITLE = 200  # a first line longer than this is the article's text, not its title
HEADLINE = 100
LEDE_WORDS = 12  # a first line of this many words ending with a full stop is a lede
_FIRST_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b[A-Z][a-z]\.)"
    + not_after_abbreviation(r"\.")
    + r"\s+(?=[A-Z“\"‘'])"
)


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    url: str = ""
    published: str = ""
    publisher: str = ""
    author: str = ""


def plain_text_article(raw: str, path: str, ident: str, meta: Metadata | None = None) -> Article:
    """An Article from pasted plain text: the first non-empty line is the title."""
    meta = meta or Metadata()
    paragraphs = _paragraphs(normalized_text(raw))
    if not paragraphs:
        return Article(id=ident, path=path, title=meta.title or ident, blocks=())
    first = paragraphs[0][1]
    if len(first) > MAX_TITLE or _is_lede(first):  # no title line: the text starts at once
        title = meta.title or headline_of(first)
        rest = paragraphs
    else:
        title = meta.title or first
        rest = [(line, p) for line, p in paragraphs[1:] if p != first and p != title]
    deck, author, body_start = _prelude(rest, meta.author)
    blocks = _blocks(rest, body_start, deck)
    return Article(
        id=ident,
        path=path,
        title=title,
        blocks=tuple(blocks),
        deck=deck,
        author=meta.author or author,
        publisher=meta.publisher,
        url=meta.url,
        published=meta.published,
    )


def _is_lede(line: str) -> bool:
    """A first line that is the story's first sentence, not a headline: a full sentence of a
    dozen words or more that ends with a full stop (headlines end without one). It is analysed
    as the article's first paragraph; the title is cut from it."""
    text = line.rstrip()
    return len(text.split()) >= LEDE_WORDS and text.endswith(".") and not text.endswith("..")


def headline_of(text: str) -> str:
    """A title for an article that has none: its first sentence, cut to a headline's length."""
    sentence = _FIRST_SENTENCE.split(text, maxsplit=1)[0]
    if len(sentence) <= HEADLINE:
        return sentence
    return sentence[:HEADLINE].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(line, text) per paragraph: blank-line groups, hard-wrapped groups joined."""
    out: list[tuple[int, str]] = []
    group: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            group.append((number, " ".join(line.split())))
        elif group:
            out.extend(_group_paragraphs(group))
            group = []
    if group:
        out.extend(_group_paragraphs(group))
    return out


def _group_paragraphs(group: list[tuple[int, str]]) -> list[tuple[int, str]]:
    if _is_hard_wrapped([text for _, text in group]):
        return [(group[0][0], " ".join(text for _, text in group))]
    return group


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    widths = [len(line) for line in lines[:-1]]
    return max(widths) <= 100 and sum(w >= 45 for w in widths) >= len(widths) / 2


def _prelude(rest: list[tuple[int, str]], author: str) -> tuple[str, str, int]:
    """(deck, byline, index of the first body paragraph) from the paragraphs after the title."""
    last_chrome = -1
    byline = ""
    for i, (_, text) in enumerate(rest[:10]):
        if CHROME.match(text) or (author and text.removeprefix("By ").strip() == author):
            last_chrome = i
            if not CHROME.match(text):
                byline = author
        elif (
            not byline
            and _looks_like_byline(text)
            and i + 1 < len(rest)
            and any(CHROME.match(t) for _, t in rest[i + 1 : i + 4])
        ):
            byline, last_chrome = _BYLINE.match(text).group("name"), i  # type: ignore[union-attr]
    if last_chrome < 0:
        return "", byline, 0
    prelude = [t for _, t in rest[:last_chrome] if not caption_parts(t) and not CHROME.match(t)]
    prelude = [t for t in prelude if t != byline and t.removeprefix("By ") != byline]
    deck = prelude[0] if prelude else ""
    return deck, byline, last_chrome + 1


def _looks_like_byline(text: str) -> bool:
    return bool(_BYLINE.match(text)) and len(text) <= 60


def caption_parts(text: str) -> tuple[str, str] | None:
    """(caption, credit) of a caption line ending in a bracketed credit "(Name/Agency)"."""
    match = _CAPTION.match(text)
    if not match or not CREDIT_WORDS.search(match.group("credit")):
        return None
    return match.group("caption").strip(), match.group("credit").strip()


def _blocks(rest: list[tuple[int, str]], body_start: int, deck: str) -> list[Block]:
    blocks: list[Block] = []
    seen_captions: set[str] = set()
    body = [(line, text) for line, text in rest[body_start:]]
    prelude_captions = [(line, t) for line, t in rest[:body_start] if caption_parts(t)]
    for index, (line, text) in enumerate(prelude_captions + body):
        if CHROME.match(text) or text == deck:
            continue
        caption = caption_parts(text)
        if caption:
            if text in seen_captions:
                continue
            seen_captions.add(text)
            blocks.append(Block(f"p{len(blocks) + 1}", CAPTION, caption[0], caption[1], line))
        elif _looks_like_heading(text) and index + 1 < len(prelude_captions + body):
            blocks.append(Block(f"p{len(blocks) + 1}", HEADING, text, "", line))
        else:
            blocks.append(Block(f"p{len(blocks) + 1}", PARAGRAPH, text, "", line))
    return blocks


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(text) > 90:
        return False
    if _SENTENCE_END.search(text) or text[0].islower():
        return False
    long_words = [w.strip("‘’“”'\"") for w in words if len(w.strip("‘’“”'\"")) > 3]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= len(long_words) / 2


def article_markdown(article: Article) -> str:
    """The article file's text: YAML front matter, then the body blocks."""
    meta = {
        key: value
        for key, value in (
            ("title", article.title),
            ("deck", article.deck),
            ("author", article.author),
            ("publisher", article.publisher),
            ("url", article.url),
            ("published", article.published),
        )
        if value
    }
    if article.published:
        meta["published"] = dt.date.fromisoformat(article.published)  # type: ignore[assignment]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = "\n\n".join(_block_markdown(block) for block in article.blocks)
    return f"---\n{front}---\n\n{body}\n"


def _block_markdown(block: Block) -> str:
    if block.kind == HEADING:
        # A heading that ends in "#" gets a closing sequence, which the reader drops, so that its
        # own "#" stays text ("## 4 #" would read back as "4").
        return f"## {block.text} ##" if block.text.endswith("#") else f"## {block.text}"
    if block.kind == CAPTION:
        credit = f"\n{CREDIT_PREFIX} {block.credit}" if block.credit else ""
        return f"{CAPTION_PREFIX} {block.text}{credit}"
    text = block.text
    if text.startswith(("#", "\\", CAPTION_PREFIX, CREDIT_PREFIX)):
        text = "\\" + text
    return text


def article_filename(article: Article) -> str:
    return f"{article.published or 'undated'}-{slug(article.title)}.md"
