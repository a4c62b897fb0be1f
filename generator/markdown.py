"""Escaping: text from an article can never become markup, a link or a template expression."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (and its attr_list / tables extensions) give a meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|><&])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_SPACES = re.compile(r"\s+")


def md(text: str) -> str:
    """Inline text, shown as written: HTML-escaped, Markdown punctuation backslash-escaped."""
    return md_inline(str(text).strip())


def md_inline(text: str) -> str:
    """Like `md`, but keeps a leading or trailing space: for the text between links."""
    return _MD_SPECIAL.sub(_escaped_char, _SPACES.sub(" ", str(text)))


def _escaped_char(match: re.Match[str]) -> str:
    char = match.group(1)
    return _HTML.get(char) or "\\" + char


def attr(text: str) -> str:
    """Text for an HTML attribute value (title=...) or a Markdown link title."""
    return html.escape(" ".join(str(text).split()), quote=True)


def link(text: str, target: str, title: str = "") -> str:
    """A Markdown link whose visible text is escaped and whose target is a project path."""
    titled = f' "{attr(title)}"' if title else ""
    return f"[{md(text)}]({target}{titled})"
