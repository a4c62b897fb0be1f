"""Read a web page (saved as a file, or fetched): the article's text, title, byline, date,
publisher and address, with its section headings and its photo captions and their credits, and
none of the page's chrome (navigation, share bars, related links, comments, cookie banners).

trafilatura finds the main text and the metadata. It drops the captions of `<figure>`s, so
before extraction each figure with a caption is replaced by a marker paragraph, which
trafilatura keeps in its place when the figure is part of the article (and drops with the rest
of the page when it is not); the marker then becomes the caption block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from trafilatura.settings import Document
from trafilatura.utils import load_html

from generator.errors import ContentError
from generator.ingest.paste import CHROME, Metadata, caption_parts, headline_of
from generator.ingest.reader import field_text, is_web_url
from generator.model import CAPTION, HEADING, PARAGRAPH, Article, Block

# Markup of a photo credit inside a caption: a class or itemprop holding one of these words, or
# one of these elements.
_CREDIT_HINT = re.compile(r"credit|copyright|photographer|byline|source|attribution", re.I)
_CREDIT_TAGS = ("cite", "small")
_CREDIT_LABEL = re.compile(
    r"^(?:photo(?:graph)?|picture|image|credit)s?\s*(?:credit)?\s*:\s*", re.I
)
_TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?”\"’)])\s+(?P<credit>(?:photo(?:graph)?|picture|image)\s*:\s*.+)$", re.I
)
_MARKER = "dossierfigure{}mark"
_MARKER_RE = re.compile(r"^dossierfigure(\d+)mark$")
_ELLIPSIS = ("…", "...")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
MIN_WORDS = 6
MIN_TEXT_WORDS = 20


@dataclass(frozen=True)
class Figure:
    caption: str
    credit: str


def is_html(data: bytes) -> bool:
    """True for bytes that start like an HTML document (saved pages, whatever their name)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<!--"))


def page_article(
    page: bytes | str, where: str, ident: str, meta: Metadata | None = None, url: str = ""
) -> Article:
    """The Article of a web page; `url` is where it was fetched from ("" for a saved file).

    Raises ContentError (at `where`) for a page with no article text. `meta` overrides what
    the page says."""
    meta = meta or Metadata()
    tree = load_html(page)
    if tree is None:
        raise _no_article(where)
    figures = _marked_figures(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(document, Document) or document.body is None:
        raise _no_article(where)
    title = _field("title", meta.title or _text(document, "title"))
    author = meta.author or _field("author", _text(document, "author").replace("; ", ", "))
    blocks = _blocks(document.body, figures, title, author)
    if not has_prose(blocks):
        raise _no_article(where)
    if not title:
        title = headline_of(next(b.text for b in blocks if b.kind == PARAGRAPH))
    return Article(
        id=ident,
        path=where,
        title=title,
        blocks=blocks,
        deck=_deck(_field("deck", _text(document, "description")), title, blocks),
        author=author,
        publisher=meta.publisher or _field("publisher", _text(document, "sitename")),
        url=meta.url or _page_url(_text(document, "url"), url),
        published=meta.published or _field("published", _text(document, "date")),
    )


def has_prose(blocks: tuple[Block, ...]) -> bool:
    """True when some paragraph reads as a sentence (MIN_WORDS words or more, ending as a
    sentence ends) and the paragraphs hold MIN_TEXT_WORDS in all: what a page of links, a
    video page or a home page does not have."""
    paragraphs = [block.text for block in blocks if block.kind == PARAGRAPH]
    words = sum(len(text.split()) for text in paragraphs)
    sentence = any(len(t.split()) >= MIN_WORDS and _SENTENCE_END.search(t) for t in paragraphs)
    return sentence and words >= MIN_TEXT_WORDS


def _no_article(where: str) -> ContentError:
    return ContentError(
        where,
        0,
        "no article text found in this page",
        "give the article's own page (not a home, index or video page), "
        "or paste its text into a .txt file and add that",
    )


def _text(document: Any, name: str) -> str:
    value = getattr(document, name, None)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _field(name: str, value: str) -> str:
    """`value` as the article file holds the front-matter field, or "" when it cannot."""
    if not value:
        return ""
    try:
        return field_text(name, value)
    except ContentError:
        return ""


def _page_url(canonical: str, fetched: str) -> str:
    """The page's own (canonical) address when it gives one, else where it was fetched from."""
    for candidate in (canonical, fetched):
        if candidate and is_web_url(candidate):
            return candidate
    return ""


def _deck(description: str, title: str, blocks: tuple[Block, ...]) -> str:
    """The page's description as the standfirst, unless it repeats the title or the text, or is
    cut short."""
    if not description or description.endswith(_ELLIPSIS) or description == title:
        return ""
    key = _key(description)
    return "" if any(key in _key(block.text) for block in blocks) else description


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# -- figures ---------------------------------------------------------------------------------


def _marked_figures(tree: Any) -> dict[int, Figure]:
    """Replace every `<figure>` that has a caption by a marker paragraph; the figures by number.
    A figure without a caption is left to the extractor (which keeps no image)."""
    figures: dict[int, Figure] = {}
    for figure in list(tree.iter("figure")):
        caption = figure.find(".//figcaption")
        parent = figure.getparent()
        if caption is None or parent is None:
            continue
        found = figure_caption(caption)
        if not found.caption:
            continue
        number = len(figures)
        figures[number] = found
        marker = etree.Element("p")
        marker.text = _MARKER.format(number)
        marker.tail = figure.tail
        parent.replace(figure, marker)
    return figures


def figure_caption(caption: Any) -> Figure:
    """The caption and credit of a `<figcaption>`: the credit is marked up (a class such as
    "credit", a `<cite>`), or ends the text ("(Name/Agency)", "Photo: Name")."""
    credit_parts = [_flat(el) for el in caption.iter() if el is not caption and _is_credit(el)]
    credit = " ".join(part for part in credit_parts if part)
    text = _flat(caption)
    if credit:
        text = _flat_without_credit(caption)
    else:
        text, credit = _split_credit(text)
    return Figure(text, _CREDIT_LABEL.sub("", credit).strip())


def _is_credit(element: Any) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _CREDIT_TAGS:
        return True
    hints = f"{element.get('class', '')} {element.get('itemprop', '')}"
    return bool(_CREDIT_HINT.search(hints))


def _flat(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _flat_without_credit(caption: Any) -> str:
    """The caption's text without its credit elements (on a copy)."""
    copy = etree.fromstring(etree.tostring(caption))
    for element in [el for el in copy.iter() if el is not copy and _is_credit(el)]:
        parent = element.getparent()
        if parent is not None and not any(_is_credit(a) for a in element.iterancestors()):
            element.tail, tail = None, element.tail
            _keep_tail(element, tail)
            parent.remove(element)
    return _flat(copy)


def _keep_tail(element: Any, tail: str | None) -> None:
    """Keep the text after `element` when it is removed from its parent."""
    if not tail:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + tail


def _split_credit(text: str) -> tuple[str, str]:
    parts = caption_parts(text)
    if parts:
        return parts
    trailing = _TRAILING_CREDIT.match(text)
    if trailing:
        return trailing.group("caption").strip(), trailing.group("credit").strip()
    return text, ""


# -- blocks ----------------------------------------------------------------------------------


def _blocks(body: Any, figures: dict[int, Figure], title: str, author: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for kind, text, credit in _pieces(body, figures):
        if _is_chrome(text, title, author) and kind != CAPTION:
            continue
        blocks.append(Block(f"p{len(blocks) + 1}", kind, text, credit))
    while blocks and blocks[-1].kind == HEADING:  # a heading with nothing under it
        blocks.pop()
    return tuple(blocks)


def _pieces(body: Any, figures: dict[int, Figure]) -> list[tuple[str, str, str]]:
    """(kind, text, credit) of each element of trafilatura's body, in order."""
    out: list[tuple[str, str, str]] = []
    for element in body:
        if element.tag == "head":
            out.append((HEADING, _flat(element), ""))
        elif element.tag == "list":
            out.extend((PARAGRAPH, _flat(item), "") for item in element.iter("item"))
        elif element.tag in ("p", "quote"):
            text = _flat(element)
            marker = _MARKER_RE.match(text)
            if marker and int(marker.group(1)) in figures:
                figure = figures[int(marker.group(1))]
                out.append((CAPTION, figure.caption, figure.credit))
            else:
                out.append((PARAGRAPH, text, ""))
    return [(kind, text, credit) for kind, text, credit in out if text]


def _is_chrome(text: str, title: str, author: str) -> bool:
    """A line of the page, not of the article: chrome ("Advertisement", "Share"), the headline
    again, or the byline."""
    if CHROME.match(text) or _MARKER_RE.match(text) or text == title:
        return True
    return bool(author) and text.removeprefix("By ").strip() in (author, f"{author}.")
