"""The site's URL scheme (generator.site.paths): page paths, their URLs and relative links."""

from __future__ import annotations

import posixpath

from hypothesis import assume, given
from hypothesis import strategies as st

from generator.site import paths


def test_each_kind_of_page_has_its_folder() -> None:
    assert paths.person("sergei-shoigu") == "people/sergei-shoigu.md"
    assert paths.country("iran") == "countries/iran.md"
    assert paths.article("2024-08-07-a") == "articles/2024-08-07-a.md"
    assert paths.redirect("shoigu") == "people/shoigu/index.html"
    assert paths.organisation("tass") == "organisations/tass.md"
    assert paths.organisation_redirect("mdc") == "organisations/mdc/index.html"
    assert paths.INDEX_PAGES[1:3] == (paths.PEOPLE, paths.ORGANISATIONS)


def test_the_index_pages_are_listed_once_each() -> None:
    assert len(set(paths.INDEX_PAGES)) == len(paths.INDEX_PAGES)
    assert paths.INDEX_PAGES[0] == paths.HOME == "index.md"
    assert paths.WHATSNEW in paths.INDEX_PAGES


def test_page_urls_follow_use_directory_urls() -> None:
    assert paths.page_url("index.md") == ""
    assert paths.page_url("people/index.md") == "people/"
    assert paths.page_url("people/sergei-shoigu.md") == "people/sergei-shoigu/"
    assert paths.page_url("quotes.md") == "quotes/"


def test_links_between_pages_are_relative() -> None:
    shoigu, iran = paths.person("sergei-shoigu"), paths.country("iran")
    assert paths.relative(shoigu, iran) == "../countries/iran.md"
    assert paths.relative(shoigu, paths.person("x"), "p2") == "x.md#p2"
    assert paths.relative(paths.HOME, shoigu) == "people/sergei-shoigu.md"
    assert paths.relative(shoigu, paths.PEOPLE) == "index.md"
    assert paths.relative(paths.TIMELINE, paths.article("a"), "p7") == "articles/a.md#p7"
    assert paths.relative(paths.QUOTES, paths.article("a"), "p7") == "../articles/a.md#p7"


def test_links_between_site_urls_are_relative_too() -> None:
    """The feed and the redirect pages are copied as they are: their links are site URLs."""
    assert paths.relative(paths.FEED, paths.page_url(paths.WHATSNEW), "build-1") == (
        "whatsnew/#build-1"
    )
    old = paths.redirect("shoigu")
    assert paths.relative(old, paths.page_url(paths.person("sergei-shoigu"))) == (
        "../sergei-shoigu/"
    )
    assert paths.relative(old, paths.page_url(paths.country("iran"))) == "../../countries/iran/"


NAME = st.text(alphabet="ab.", min_size=1, max_size=3).filter(lambda n: n not in (".", ".."))
PATH = st.lists(NAME, min_size=1, max_size=4).map("/".join)


@given(PATH, PATH)
def test_relative_is_posixpath_relpath(from_page: str, to_page: str) -> None:
    folder = posixpath.dirname(from_page)
    assume(not f"{folder}/".startswith(f"{to_page}/"))  # a page is never another's folder
    assert paths.relative(from_page, to_page) == posixpath.relpath(to_page, folder or ".")


def test_an_offline_site_links_page_files_not_folders() -> None:
    assert paths.file_url("people/x/") == "people/x.html"
    assert paths.file_url("") == "index.html"
    assert paths.file_url("people/x/#q1") == "people/x.html#q1"
    assert paths.file_url("feed.xml") == "feed.xml"
