"""Escaping: text from an article can never become markup, a link or a template expression."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (and its attr_list / tables extensions) give a meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|><&])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def md(text: str) -> str:
    """Inline text, shown as written: HTML-escaped, Markdown punctuation backslash-escaped."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(_escaped_char, flat)


def _escaped_char(match: re.Match[str]) -> str:
    char = match.group(1)
    return _HTML.get(char) or "\\" + char


def attr(text: str) -> str:
    """Text for an HTML attribute value (title=...)."""
    return html.escape(" ".join(str(text).split()), quote=True)


def link(text: str, target: str) -> str:
    """A Markdown link whose visible text is escaped and whose target is a project path."""
    return f"[{md(text)}]({target})"
