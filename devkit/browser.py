"""Debian's Chromium, headless and offline, and a small static server for a built site."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))
# Debian's Chromium, headless, with nothing that reaches for the network on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def opened_page(browser: Any, **options: Any) -> Iterator[Any]:
    """A new page in a browser context of its own (`options`: the context's, a viewport say),
    closed with its context on leaving.

    Closing the context disposes of it in one step. `page.close()` instead waits for the page's
    close event, which Chromium fails to send when the close meets a navigation being committed
    (the meta refresh of a redirect page, say): Playwright then waits forever, with no timeout
    (microsoft/playwright#42366)."""
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


# The site's search (content/pages/assets/dossier/search.js, Pagefind's UI in a dialog).
SEARCH_INPUT = ".pagefind-ui__search-input"
SEARCH_RESULT_LINK = ".pagefind-ui__result-link"
SEARCH_MESSAGE = ".pagefind-ui__message"


def search_results(page: Any, query: str, timeout_ms: int = 10_000) -> list[str]:
    """Open the site's search on a loaded `page` with its keyboard shortcut, type `query` and
    return the result links, best first (empty when the search says it found nothing)."""
    page.locator("body").press("/")
    box = page.locator(SEARCH_INPUT)
    box.wait_for(timeout=timeout_ms)
    box.fill(query)
    # Done when the message names this query ("3 results for ...", "No results for ...") and
    # no result still shows Pagefind's loading placeholder.
    page.wait_for_function(
        """([query, message]) => {
            const shown = document.querySelector(message);
            return shown && shown.textContent.trim().endsWith("for " + query)
                && !document.querySelector(".pagefind-ui__loading");
        }""",
        arg=[query, SEARCH_MESSAGE],
        timeout=timeout_ms,
    )
    found: list[str] = page.eval_on_selector_all(
        SEARCH_RESULT_LINK, "links => links.map(link => link.getAttribute('href'))"
    )
    return found
