"""Fetch a web page or a feed: a time limit, a size limit, a user agent that says who asks, and
redirects followed (a few, never in a loop). Every failure is a FetchError naming the address."""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    HTTPError,
    LocationParseError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ResponseError,
    SSLError,
    TimeoutError,
)

from generator import __version__
from generator.errors import DossierError
from generator.ingest.reader import is_web_url

USER_AGENT = f"Dossier/{__version__} (briefing-site generator; fetches the pages it is given)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/html",  # some servers say so of their feeds; the feed reader decides
    "text/plain",
)
_CHUNK = 65_536
# A page is text and markup; a news page with its scripts is rarely over 3 MB.
MAX_PAGE_BYTES = 10_000_000


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds for the whole download
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    content_type: str
    charset: str
    body: bytes


class FetchError(DossierError):
    """A page or feed that could not be fetched, or is not what was asked for."""

    def __init__(self, url: str, message: str, hint: str = "") -> None:
        self.url = url
        self.message = message
        self.hint = hint
        super().__init__(f"{url}: {message}" + (f" ({hint})" if hint else ""))


def fetched(
    url: str, limits: Limits | None = None, accept: tuple[str, ...] = PAGE_TYPES
) -> Fetched:
    """The body of `url` (an http(s) address) when its type is one of `accept`."""
    limits = limits or Limits()
    if not is_web_url(url):
        raise FetchError(url, "not a web address", "give an http:// or https:// address")
    deadline = time.monotonic() + limits.timeout
    response = _response(url, limits)
    try:
        _check_status(url, response.status, response.reason or "")
        content_type, charset = _content_type(response.headers.get("Content-Type", ""))
        if content_type and content_type not in accept:
            raise FetchError(
                url,
                f"is {content_type}, not {_kind(accept)}",
                "give the address of the article's web page" if accept == PAGE_TYPES else "",
            )
        _check_length(url, response.headers.get("Content-Length"), limits.max_bytes)
        body = _body(url, response, limits, deadline)
        final = final_address(url, response)
    finally:
        response.release_conn()
    return Fetched(url, final, content_type, charset, body)


def final_address(url: str, response: urllib3.BaseHTTPResponse) -> str:
    """Where `url` led after its redirects (each Location read against the address before)."""
    current = url
    history = response.retries.history if response.retries is not None else ()
    for step in history:
        if step.redirect_location:
            current = urljoin(current, step.redirect_location)
    return current


def _response(url: str, limits: Limits) -> urllib3.BaseHTTPResponse:
    pool = urllib3.PoolManager(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xml;q=0.9, */*;q=0.5"},
        timeout=urllib3.Timeout(connect=limits.timeout, read=limits.timeout),
        retries=urllib3.Retry(
            total=None,
            connect=0,
            read=0,
            status=0,
            other=0,
            redirect=limits.max_redirects,
            raise_on_redirect=True,
            raise_on_status=False,
        ),
    )
    try:
        return pool.request("GET", url, preload_content=False, decode_content=True)
    except MaxRetryError as exc:
        raise _failure(url, exc.reason, limits) from None
    except (HTTPError, LocationParseError) as exc:
        raise _failure(url, exc, limits) from None


def _failure(url: str, reason: object, limits: Limits) -> FetchError:
    """A FetchError saying in words why `url` could not be fetched."""
    if isinstance(reason, ResponseError):
        return FetchError(
            url,
            f"redirects more than {limits.max_redirects} times (a redirect loop?)",
            "open it in a browser and give the address it ends at",
        )
    if isinstance(reason, NameResolutionError):
        return FetchError(url, "unknown host", "check the address")
    if isinstance(reason, NewConnectionError):
        return FetchError(url, "cannot connect to the server", "check the address, or try later")
    if isinstance(reason, TimeoutError):
        return FetchError(url, f"no answer within {limits.timeout:g} s", "try again later")
    if isinstance(reason, SSLError):
        return FetchError(url, "the secure connection failed", "check the address")
    if isinstance(reason, LocationParseError):
        return FetchError(url, "not a valid web address", "check the address")
    if isinstance(reason, ProtocolError):
        return FetchError(url, "the connection broke off", "try again later")
    return FetchError(url, f"cannot be fetched: {reason}")


def _check_status(url: str, status: int, reason: str) -> None:
    if status >= 400:
        raise FetchError(
            url, f"the server answered {status} {reason}".rstrip(), "check the address"
        )
    if 300 <= status < 400:  # a redirect without a usable Location
        raise FetchError(url, f"the server answered {status} {reason} without a usable address")


def _content_type(header: str) -> tuple[str, str]:
    """(media type, charset) of a Content-Type header, both lower case; "" when absent."""
    message = Message()
    message["Content-Type"] = header
    if not header:
        return "", ""
    return message.get_content_type().lower(), str(message.get_param("charset") or "").lower()


def _kind(accept: tuple[str, ...]) -> str:
    return "a web page (HTML)" if accept == PAGE_TYPES else "a feed (RSS or Atom)"


def _check_length(url: str, length: str | None, max_bytes: int) -> None:
    if length and length.isdigit() and int(length) > max_bytes:
        raise _too_big(url, int(length), max_bytes)


def _too_big(url: str, size: int, max_bytes: int) -> FetchError:
    return FetchError(
        url,
        f"is over {size / 1e6:.0f} MB, more than the {max_bytes / 1e6:.0f} MB a page may have",
        "save the article's text into a .txt file and add that",
    )


def _body(url: str, response: urllib3.BaseHTTPResponse, limits: Limits, deadline: float) -> bytes:
    """The body, read in pieces: refused as soon as it is too big or too slow."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_big(url, size, limits.max_bytes)
            if time.monotonic() > deadline:
                raise FetchError(url, f"took more than {limits.timeout:g} s", "try again later")
            chunks.append(chunk)
    except (HTTPError, OSError) as exc:
        raise _failure(url, exc, limits) from None
    return b"".join(chunks)
