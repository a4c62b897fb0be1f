"""Escaping: text from an article can never become markup, a link or a template expression.

Everything from an article goes into generated Markdown through one of these three functions:

- `md`: inline text. `<`, `>`, `&`, `=` and `~` become HTML entities (no raw HTML, entity,
  autolink, setext heading underline or code fence can start), and every other character
  Python-Markdown or its attr_list / tables extensions give a meaning to is backslash-escaped
  (no emphasis, link, heading, list, `{: attr }` or table cell can start). Whitespace, newlines
  included, is flattened to single spaces. Control characters, which Python-Markdown uses as
  placeholder markers, are dropped. Bidirectional controls and zero-width characters are shown
  as markers such as ⟨U+202E⟩ (generator.unicode.shown): they never reorder or hide text.
- `attr`: a value inside a quoted HTML attribute or Markdown link title.
- `link`: a Markdown link whose visible text is escaped and whose target is percent-encoded.
- `front_matter`: YAML front matter for a generated page (`title:` and the like).
- `tag`: a search tag of a page's front matter. Material's search writes tags into its results
  as HTML (innerHTML), so a tag is HTML-escaped too.

Jinja syntax needs no escaping: values are rendered once and the output is never re-rendered.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import yaml

from generator.text import CONTROL_CHARACTERS
from generator.unicode import shown

# Characters Python-Markdown (and its attr_list / tables / fenced_code extensions) give a meaning
# to. Those it has no backslash escape for are written as entities: `=` (a setext heading
# underline), `~` (a fenced code block).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|><&=~])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "=": "&#61;", "~": "&#126;"}
_WHITESPACE = re.compile(r"\s+")
# In a link title, characters that could end the title or the link are written as entities.
_TITLE_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "()[]\\`*_{}"}


def _flat(text: object) -> str:
    """One line: every run of whitespace (newlines included) becomes one space. Nothing is
    trimmed, so the pieces of a paragraph around its links join with their spaces."""
    return _WHITESPACE.sub(" ", shown(CONTROL_CHARACTERS.sub("", str(text))))


def md(text: object) -> str:
    """Inline text, shown as written: HTML-escaped, Markdown punctuation backslash-escaped."""
    return _flat(text).translate(_MD_ESCAPES)


def _escaped_char(match: re.Match[str]) -> str:
    char = match.group(1)
    return _HTML.get(char) or "\\" + char


# What `md` does, as one table (a str.translate is many times faster than a re.sub with a
# function): every character _MD_SPECIAL matches, written as _escaped_char writes it.
_MD_ESCAPES = {ord(c): _HTML.get(c) or "\\" + c for c in "\\`*_{}[]()#+-.!|><&=~"}


def attr(text: object) -> str:
    """Text for a quoted HTML attribute value or a Markdown link title ("...")."""
    return html.escape(_flat(text).strip(), quote=True).translate(_TITLE_SPECIAL)


def link(text: object, target: str, title: str = "") -> str:
    """A Markdown link whose visible text is escaped and whose target is a project path."""
    titled = f' "{attr(title)}"' if title else ""
    return f"[{md(text)}]({quote(target, safe='/#.-_~%')}{titled})"


def tag(text: object) -> str:
    """A search tag: one line, `<`, `>` and `&` as entities, so that Material's search results
    show it as text. Quotes are kept (they cannot start markup in an element's text, and search
    still finds "O'Brien")."""
    return html.escape(_flat(text).strip(), quote=False)


def front_matter(**fields: object) -> str:
    """YAML front matter of a generated page: strings flattened and HTML-escaped, as MkDocs
    titles are (Material prints `page.meta.title` into `<title>` as it is); lists and booleans,
    which only templates supply, are kept. Empty values are left out."""
    data = {
        key: html.escape(_flat(value).strip(), quote=True) if isinstance(value, str) else value
        for key, value in fields.items()
        if not (value is None or (isinstance(value, str) and not _flat(value).strip()))
    }
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n"
