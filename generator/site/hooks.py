"""MkDocs plugin added by `dossier build`: page titles stay text wherever the theme shows them.

MkDocs takes a page's title from its first heading as HTML-escaped text. Material writes it into
`<title>` through Jinja's `striptags`, which unescapes it: a heading `</title><script>...` would
become live markup there. Setting the (still escaped) title as the page's meta title makes
Material print it as it is, in `<title>` and in the header.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin

NAME = "dossier-safe-titles"


class SafeTitles(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        if page.title and not page.meta.get("title"):
            page.meta["title"] = page.title
        return html


def install(config: Any) -> None:
    """Add the plugin to a loaded MkDocs config (once)."""
    if NAME not in config.plugins:
        config.plugins[NAME] = SafeTitles()


def on_page_content(html: str, /, *, page: Any, config: Any, files: Any) -> str:
    """The same, as an MkDocs hook (`hooks: [generator/site_hooks.py]` in mkdocs.yml), so that a
    plain `mkdocs serve` gets it too."""
    return SafeTitles().on_page_content(html, page=page, config=config, files=files)
