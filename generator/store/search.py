"""The site's search index: Pagefind, run over the built site.

Pagefind (a binary shipped in the `pagefind-bin` wheel) reads the HTML MkDocs wrote, keeps what
generator/site/searchmarks.py marked, and writes a chunked index with its search script and UI
into `pagefind/` inside the site: a browser downloads only the chunks a query needs, from the
site itself (no CDN). The index is written again on every build, from the whole site, so it is
always that of a full build.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

from generator.errors import DossierError
from generator.store.searchindex import make_reproducible

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the index's folder in the site

# Pagefind holds the whole index in memory while it builds it (1.1 GB at the full corpus, 13,500
# pages). Its allocator (jemalloc, built in; this variable is how it is tuned) keeps one arena
# and returns freed memory at once instead of caching it per thread and for seconds: 990 MB
# there, in the same time and with the same index (turning the thread caches off too saves
# another 80 MB but costs 60% more time).
ALLOCATOR = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0,retain:false"}


def pagefind_executable() -> Path:
    """The Pagefind binary of the installed `pagefind-bin` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise DossierError(
            "the search index needs Pagefind: install the project's dependencies "
            "(`make install`, or `pip install -r requirements.lock`)"
        ) from None
    return Path(get_executable())


def index_site(site: Path) -> None:
    """Write the search index of the built site in `site` into `site/pagefind/`."""
    bundle = site / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    command = [
        str(pagefind_executable()),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--force-language",
        "en",
        "--silent",
    ]
    log.info("indexing %s for search", site)
    environment = {**os.environ, **ALLOCATOR}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise DossierError(f"Pagefind could not index {site}: {detail}")
    make_reproducible(bundle)
