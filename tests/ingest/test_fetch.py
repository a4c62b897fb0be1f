"""Fetching pages on a local server (127.0.0.1 only): a time limit, a size limit, a user agent,
redirects followed but never in a loop, and a page that is not HTML refused by name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.ingest.fetch import FEED_TYPES, USER_AGENT, FetchError, Limits, fetched
from tests.ingest.webpages import Site, news_site_routes, serve

QUICK = Limits(timeout=1.0)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve(news_site_routes()) as served:
        yield served


def test_a_page_is_fetched_with_a_clear_user_agent(site: Site) -> None:
    page = fetched(site.url("/news/ferry"), QUICK)
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert b"Harbour Council Approves New Ferry Line" in page.body
    assert site.user_agents[-1] == USER_AGENT and USER_AGENT.startswith("Dossier/")


def test_redirects_are_followed_to_the_final_address(site: Site) -> None:
    page = fetched(site.url("/moved"), QUICK)
    assert page.final_url == site.url("/news/library")


def test_a_redirect_loop_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"/loop: redirects more than 5 times"):
        fetched(site.url("/loop"), QUICK)


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_a_50_mb_page_is_refused(site: Site, path: str) -> None:
    with pytest.raises(FetchError, match=r"is over \d+ MB, more than the 10 MB a page may have"):
        fetched(site.url(path), QUICK)


def test_a_slow_page_is_given_up(site: Site) -> None:
    with pytest.raises(FetchError, match=r"/slow: no answer within 1 s"):
        fetched(site.url("/slow"), QUICK)


def test_a_page_that_drips_is_given_up_after_the_whole_time_limit(site: Site) -> None:
    with pytest.raises(FetchError, match=r"/drip: took more than 1 s"):
        fetched(site.url("/drip"), QUICK)


def test_a_response_that_is_not_html_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"report\.pdf: is application/pdf, not a web page"):
        fetched(site.url("/report.pdf"), QUICK)


def test_a_feed_type_is_accepted_when_asked_for() -> None:
    assert "application/rss+xml" in FEED_TYPES and "application/atom+xml" in FEED_TYPES


def test_a_missing_page_and_a_closed_port_are_named(site: Site) -> None:
    with pytest.raises(FetchError, match=r"/nowhere: the server answered 404"):
        fetched(site.url("/nowhere"), QUICK)
    with pytest.raises(FetchError, match=r"cannot connect to the server"):
        fetched("http://127.0.0.1:9/", QUICK)


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "example.org"])
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match="not a web address"):
        fetched(url, QUICK)
