"""Where every page lives and how pages link to each other: the site's one URL scheme.

Like MkDocs' `File.url` / `url_relative_to` and Pelican's `ARTICLE_URL` / `ARTICLE_SAVE_AS`, this
module is the only one that knows page paths. A path is relative to the docs folder, in POSIX
form ("people/sergei-shoigu.md"); MkDocs publishes it at a URL with `use_directory_urls`
("people/sergei-shoigu/", see `page_url`). Links between pages are relative (`relative`), so
the site works from any folder and MkDocs checks every one of them. Pure: no file is touched.
"""

from __future__ import annotations

import functools
import posixpath

# The index pages, each made from the whole dossier (the navigation of mkdocs.yml lists them in
# this order; a test checks that it does).
HOME = "index.md"
PEOPLE = "people/index.md"
ORGANISATIONS = "organisations/index.md"
COUNTRIES = "countries/index.md"
ARTICLES = "articles/index.md"
QUOTES = "quotes/index.md"  # the months and the speakers; a page per month beside it
TIMELINE = "timeline.md"
WHATSNEW = "whatsnew.md"
INDEX_PAGES = (HOME, PEOPLE, ORGANISATIONS, COUNTRIES, ARTICLES, QUOTES, TIMELINE, WHATSNEW)

# Files that are not Markdown pages.
FEED = "feed.xml"  # the Atom feed of what's new
GRAPH = "assets/graph.json"  # who appears with whom, for the graph script


def person(ident: str) -> str:
    """A person's profile page."""
    return f"people/{ident}.md"


def organisation(ident: str) -> str:
    """An organisation's profile page."""
    return f"organisations/{ident}.md"


def country(ident: str) -> str:
    """A country's page."""
    return f"countries/{ident}.md"


def article(ident: str) -> str:
    """An article's page (its paragraphs are anchors: `#p7`)."""
    return f"articles/{ident}.md"


def quotes_month(month: str) -> str:
    """The page of the quotes of one month ('2024-08', or 'undated')."""
    return f"quotes/{month}.md"


def quotes_part(month: str, part: str) -> str:
    """One part of a month whose quotes are split ('speakers-a-m'), in the month's folder:
    `quotes/2024-08.md` lists the parts, each at `quotes/2024-08/<part>.md`."""
    return f"quotes/{month}/{part}.md"


def redirect(old_person: str) -> str:
    """The page left at a person's old address: plain HTML that MkDocs copies as it is, served
    at the old page's URL."""
    return f"people/{old_person}/index.html"


def organisation_redirect(old_organisation: str) -> str:
    """The page left at an organisation's old address (as `redirect` is for a person)."""
    return f"organisations/{old_organisation}/index.html"


# Material's own icon, which every page it renders links to; a page without an icon link makes
# the browser ask for /favicon.ico, which the site does not have.
FAVICON = "assets/images/favicon.png"


def page_url(path: str) -> str:
    """The site URL (relative to the site root) MkDocs gives a page, with use_directory_urls."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def file_url(url: str) -> str:
    """A page's site URL as a site without directory URLs has it (`dossier build --offline`):
    "people/x/" -> "people/x.html", "" -> "index.html"; an anchor is kept."""
    address, mark, anchor = url.partition("#")
    if address == "" or address.endswith("/"):
        address = address.removesuffix("/") + ".html" if address else "index.html"
    return address + mark + anchor


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """The link from one file of the site to another (both relative to the same root: docs paths
    for Markdown links, which MkDocs checks and rewrites; site URLs for links it copies as they
    are, such as those of the feed and the redirect pages), with an optional `#anchor`."""
    target = _relative_path(_folder_of(from_page), to_page)
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65536)
def _folder_of(page: str) -> str:
    """posixpath.dirname, once per page (relative() is called for every link)."""
    return posixpath.dirname(page)


@functools.lru_cache(maxsize=65536)
def _relative_path(from_folder: str, to_page: str) -> str:
    """posixpath.relpath for clean relative paths, without its calls to os.getcwd()."""
    here = from_folder.split("/") if from_folder else []
    there = to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
