"""MkDocs plugin `dossier-search`: marks each page for Pagefind, the site's search.

Pagefind indexes the built site (generator/store/search.py) and reads what to index from the
HTML: only what lies in an element marked `data-pagefind-body`, so the index pages (which list
every name) and Material's navigation stay out of it. Each profile, article and quotes page gets
such a body, with

- a `kind` filter (person, organisation, country, article, quote), from the page's path;
- for dated pages (an article's file name starts with its date), a `year` filter and a `date`
  sort key;
- the sections Material's search left out (`data-search-exclude`) ignored by Pagefind too;
- the names the page is found by first (the `tags` of its front matter: a person's name and
  aliases, an organisation's or a country's names), weighted above anything else on the page,
  and also as the `names` metadata, which the search boosts above a title
  (content/pages/assets/dossier/search.js, `metaWeights`): a surname or an alias lists the
  profile before any article that repeats it. The weighted names are written once more for each
  doubling of the profile's mentions (1, 2-3, 4-7... mentions: 1, 2, 3... times), the profile's
  own count, so that of two profiles a word names, the one the dossier mentions most comes first.

mkdocs.yml lists the plugin (an `mkdocs.plugins` entry point in pyproject.toml), so that plain
MkDocs (`make serve`) marks pages the same way.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.site import paths

NAME = "dossier-search"

# Pagefind's weights run from 0 to 10; a page's own h1 is 7 by default, body text 1.
NAMES_WEIGHT = 10

# Quotes repeated on the quotes pages (each is a heading on its speaker's profile, marked
# data-search-exclude elsewhere) weigh as body text there: the profile is found first.
REPEATED_WEIGHT = 1

# The `names` metadata: boosted by the search (search.js), not shown in its results.
NAMES_META = "names"

# The most times the weighted names are written (a profile mentioned 128 times or more).
MOST_REPEATS = 8

# The search body, its end (a comment after it, so that generator/store/searchsources.py finds
# it without parsing the page) and the sections of it Pagefind leaves out.
BODY_START = "<div data-pagefind-body>"
BODY_END = "<!-- /data-pagefind-body -->"
IGNORED_START = "<div data-pagefind-ignore>"

_DATED = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:-|$)")


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


# The folder of each kind of profile page, and the kind it is filtered by.
KIND_OF_FOLDER = {
    _folder(paths.person("x")): "person",
    "organisations": "organisation",
    _folder(paths.country("x")): "country",
    _folder(paths.article("x")): "article",
}
QUOTES_KIND = "quote"
# What each quote of a quotes page is in (templates/_macros.j2, quote_block).
QUOTE_CARD = 'class="quote-card"'


def page_kind(src_uri: str) -> str | None:
    """The search kind of a page of the docs folder, or None for a page search leaves out."""
    folder, _, name = src_uri.rpartition("/")
    quotes = _folder(paths.QUOTES)
    # A month's quotes, or a part of a split month's (in the month's folder); the index of
    # months is left out.
    if folder == quotes or _folder(folder) == quotes:
        return QUOTES_KIND if name != "index.md" else None
    if name == "index.md" or "/" in folder:
        return None
    return KIND_OF_FOLDER.get(folder)


def page_date(src_uri: str) -> str | None:
    """The ISO date a page's file name starts with (articles: `<published>-<slug>.md`)."""
    found = _DATED.match(src_uri.rpartition("/")[2].removesuffix(".md"))
    return "-".join(found.groups()) if found else None


def search_names(meta: dict[str, Any]) -> list[str]:
    """The names a page is found by first: the `tags` of its front matter, as text."""
    tags = meta.get("tags")
    if not isinstance(tags, list):
        return []
    return [str(tag) for tag in tags if isinstance(tag, str | int) and str(tag).strip()]


_H2 = re.compile(r"(?=<h2[\s>])")


def without_repeated_sections(html: str) -> str:
    """The sections Material's search left out (an h2 marked `data-search-exclude`: lists of
    links, mentions repeated from the articles) inside `data-pagefind-ignore`, so that a page is
    found for its own text, not for the names it lists. A section whose elements do not close
    within it (an h2 inside a block) is left as it is."""
    parts = _H2.split(html)
    for number, part in enumerate(parts):
        head = part[: part.find(">") + 1]
        if "data-search-exclude" in head and part.count("<div") == part.count("</div>"):
            parts[number] = f"{IGNORED_START}{part}</div>"
    return "".join(parts)


_MENTIONS = re.compile(r"In the dossier:</strong>\s*(\d+) mentions?\b")


def mention_count(html: str) -> int:
    """The mentions a profile page counts ("In the dossier: 148 mentions in 42 articles"), or 1
    for a page that gives none."""
    found = _MENTIONS.search(html)
    return max(1, int(found.group(1))) if found else 1


def name_repeats(mentions: int) -> int:
    """How many times a profile's weighted names are written: one more for each doubling of its
    mentions (1: once, 2-3: twice, 4-7: three times...), at most MOST_REPEATS."""
    return min(MOST_REPEATS, max(1, mentions).bit_length())


_FLAG = re.compile(r'<span class="flag" data-code="([A-Z]{2})"')


def flag_code(html: str, kind: str) -> str | None:
    """The country code of a country page's flag (the first flag it shows), which the search
    shows before the page's title in its results (content/pages/assets/dossier/search.js)."""
    found = _FLAG.search(html) if kind == "country" else None
    return found.group(1) if found else None


def marked_body(
    html: str,
    kind: str,
    date: str | None,
    names: list[str],
    flag: str | None = None,
    mentions: int = 1,
) -> str:
    """A page's HTML inside Pagefind's body, with its filters, sort key and names: weighted
    (written `name_repeats(mentions)` times) and as the `names` metadata.

    Tags are already escaped for HTML (generator.site.markdown.tag); they are escaped here again
    only as far as needed to stay text: `&` is kept as written."""
    marks = [f'<span data-pagefind-filter="kind" hidden>{kind}</span>']
    if date:
        marks.append(f'<span data-pagefind-filter="year" hidden>{date[:4]}</span>')
        marks.append(f'<span data-pagefind-sort="date" hidden>{date}</span>')
    if flag:
        marks.append(f'<span data-pagefind-meta="flag" hidden>{flag}</span>')
    if names:
        text = " · ".join(escape(name, quote=False).replace("&amp;", "&") for name in names)
        repeated = " · ".join([text] * name_repeats(mentions))
        marks.append(
            f'<p class="dossier-search-names" data-pagefind-weight="{NAMES_WEIGHT}" hidden>'
            f"{repeated}</p>"
        )
        marks.append(f'<span data-pagefind-meta="{NAMES_META}" hidden>{text}</span>')
    return f"{BODY_START}\n{html}\n{''.join(marks)}\n</div>{BODY_END}"


class SearchMarks(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
        src_uri = str(page.file.src_uri)
        kind = page_kind(src_uri)
        if kind is None:
            return html
        if kind == QUOTES_KIND:
            if QUOTE_CARD not in html:  # a split month's list of its parts: nothing to find
                return html
            html = html.replace(
                " data-search-exclude", f' data-pagefind-weight="{REPEATED_WEIGHT}"'
            )
        flag = flag_code(html, kind)
        html = without_repeated_sections(html)
        names = search_names(page.meta)
        return marked_body(html, kind, page_date(src_uri), names, flag, mention_count(html))


def install(config: Any) -> None:
    """Add the plugin to a loaded MkDocs config, unless the config has it already."""
    if not any(isinstance(plugin, SearchMarks) for plugin in config.plugins.values()):
        config.plugins[NAME] = SearchMarks()
