"""Table cells and list items of plain text and links, made without the inline patterns.

The index pages are long tables (people/index.md holds a row for each of the 7,000 people of the
full corpus), and Python-Markdown tries each of its inline patterns on each cell: converting the
index pages took a quarter of MkDocs' time when one article was added. Most cells (and the
articles index's list items) are text that no inline pattern can match but a backslash escape
(`md` escapes every Markdown character), and links `[text](target)` to pages. This
treeprocessor runs just before the inline patterns and makes such an element what they would
make of it: the escapes resolved, each link an `<a href>` element, the text marked atomic (not
processed again). Any other (raw HTML such as a flag, emphasis, a link with a title, an escape
of a character Python-Markdown does not escape) is left to the inline patterns. The HTML is the
same, byte for byte: tests compare, and so did a conversion of all 13,609 pages of the full
corpus. It halves the conversion of the people, organisations and quotes indexes (1.14 s to
0.62 s for people/index.md, 467 KB).

`dossier build` adds the extension to the config it loads (`install`); a plain MkDocs build
without it writes the same pages, only more slowly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

NAME = "dossier_table_cells"
CELLS = frozenset({"td", "th", "li"})  # table cells, and list items (the articles index)
# Before Python-Markdown's inline patterns (the `inline` treeprocessor, priority 20).
PRIORITY = 25

# A character that some inline pattern of Python-Markdown or of the extensions in mkdocs.yml could
# start with or need (code, escape, link, image, autolink, raw HTML, emphasis, attribute list).
_INLINE = re.compile(r"[`\\\[\]!<>*_{}]|\s\s")
# A link: its text (escapes allowed, no brackets) and a target without spaces, quotes, brackets,
# parentheses or backslashes (no title).
_LINK = re.compile(r"\[((?:[^\\\[\]]|\\.)*)\]\(([^\s\\()<>\"'\[\]]+)\)")


def resolved_text(text: str, escaped: frozenset[str]) -> str | None:
    """`text` as the inline patterns show it when they only resolve its backslash escapes (of
    the characters in `escaped`): the text without those backslashes; None when any other
    pattern could apply."""
    pieces: list[str] = []
    at = 0
    while (slash := text.find("\\", at)) >= 0:
        plain = text[at:slash]
        if _INLINE.search(plain):
            return None
        char = text[slash + 1 : slash + 2]
        if char not in escaped:
            return None
        pieces += (plain, char)
        at = slash + 2
    rest = text[at:]
    if _INLINE.search(rest):
        return None
    pieces.append(rest)
    shown = "".join(pieces)
    # attr_list reads `{...}` at the end of an element's text once the escapes are resolved
    # (`\{: x \}` after a link in a cell becomes an attribute of the cell): left to it.
    return None if "{" in shown or "}" in shown else shown


def fast_cell(cell: etree.Element, escaped: frozenset[str]) -> bool:
    """Make `cell` (an element holding text alone) what the inline patterns would, where its
    text is plain text and plain links; whether it did."""
    text = cell.text or ""
    plain: list[str | None] = []  # the text before each link, and after the last
    links: list[tuple[str | None, str]] = []  # each link's label and target
    at = 0
    for found in _LINK.finditer(text):
        plain.append(resolved_text(text[at : found.start()], escaped))
        links.append((resolved_text(found.group(1), escaped), found.group(2)))
        at = found.end()
    plain.append(resolved_text(text[at:], escaped))
    if None in plain or any(label is None for label, _ in links):
        return False
    cell.text = AtomicString(plain[0])
    for (label, target), after in zip(links, plain[1:], strict=True):
        anchor = etree.SubElement(cell, "a")
        anchor.text = AtomicString(label)
        anchor.set("href", target)
        anchor.tail = AtomicString(after)
    return True


class FastCells(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        escaped = frozenset(self.md.ESCAPED_CHARS)
        cells = [e for e in root.iter() if e.tag in CELLS and e.text and len(e) == 0]
        for cell in cells:
            fast_cell(cell, escaped)


class TableCellsExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.treeprocessors.register(FastCells(md), NAME, PRIORITY)


def install(config: Any) -> None:
    """Add the extension to a loaded MkDocs config, unless it has it already."""
    extensions = config["markdown_extensions"]
    if not any(isinstance(e, TableCellsExtension) for e in extensions):
        extensions.append(TableCellsExtension())
