"""Pagefind's search script, with the excerpts of a result made from its words split once.

For a result, Pagefind's script (`pagefind.js`, and `pagefind-worker.js`, which runs it in a web
worker) makes an excerpt of the page and one of each section whose heading matched the query,
and `build_excerpt` split the page's whole text into words again for each of them. A much
mentioned person's page has a section per quote: "Blair" matches 128 sections of Tony Blair's
page at the full corpus, whose 32,000 characters were split 129 times (about 100 ms in the
worker, the first result waiting for it). The words of the last text split are kept here and
copied for each excerpt instead (the copy is marked up, as the split was): the excerpts are the
same, made in about a quarter of the time.

The change is made to Pagefind's own text, which is checked: a script without it (another
Pagefind) is left as it is, and says so in the log.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

SCRIPTS = ("pagefind.js", "pagefind-worker.js")  # in a bundle: both hold `build_excerpt`

# Pagefind 1.5's `build_excerpt`, up to where it has split the text into words.
SPLIT_EACH_TIME = (
    "var build_excerpt=(content,start,length,locations,not_before,not_from)=>{"
    'let is_zws_delimited=content.includes("\\u200B");let fragment_words=[];'
    'if(is_zws_delimited){fragment_words=content.split("\\u200B");}'
    "else{fragment_words=content.split(/[\\r\\n\\s]+/g);}"
)
SPLIT_ONCE = (
    "var excerpt_text=null,excerpt_words=[],excerpt_zws=false;"
    "var build_excerpt=(content,start,length,locations,not_before,not_from)=>{"
    "if(content!==excerpt_text){"
    'excerpt_zws=content.includes("\\u200B");'
    'excerpt_words=excerpt_zws?content.split("\\u200B"):content.split(/[\\r\\n\\s]+/g);'
    "excerpt_text=content;}"
    "let is_zws_delimited=excerpt_zws;let fragment_words=excerpt_words.slice();"
)


def with_words_split_once(script: str) -> str | None:
    """`script` (Pagefind's) with `build_excerpt` splitting a text into words only when it
    differs from the last one; None when `script` does not hold Pagefind 1.5's function."""
    if script.count(SPLIT_EACH_TIME) != 1:
        return None
    return script.replace(SPLIT_EACH_TIME, SPLIT_ONCE)


def split_words_once(bundle: Path) -> None:
    """Rewrite the search scripts of the Pagefind bundle in `bundle` (see the module's
    docstring); a script already rewritten, or not Pagefind 1.5's, stays as it is."""
    for name in SCRIPTS:
        path = bundle / name
        script = path.read_text(encoding="utf-8")
        if SPLIT_ONCE in script:
            continue
        faster = with_words_split_once(script)
        if faster is None:
            log.warning("%s: Pagefind's excerpts are not as expected, left as they are", path)
            continue
        path.unlink()  # never written through a link to a previous site's file
        path.write_text(faster, encoding="utf-8")
