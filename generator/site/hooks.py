"""MkDocs plugin `dossier-safe-titles`: page titles stay text wherever the theme shows them.

MkDocs takes a page's title from its first heading as HTML-escaped text. Material writes it into
`<title>` through Jinja's `striptags`, which unescapes it: a heading `</title><script>...` would
become live markup there. Setting the (still escaped) title as the page's meta title makes
Material print it as it is, in `<title>` and in the header.

mkdocs.yml lists the plugin (pyproject.toml declares it as an `mkdocs.plugins` entry point), so
that plain MkDocs (`make serve`) runs it on the docs folder too; `dossier build` also installs
it into any config that lacks it (`install`), never twice.
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
    """Add the plugin to a loaded MkDocs config, unless the config has it already."""
    if not any(isinstance(plugin, SafeTitles) for plugin in config.plugins.values()):
        config.plugins[NAME] = SafeTitles()
