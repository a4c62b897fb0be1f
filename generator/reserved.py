"""Ids no person may have: the names of the pages, folders and files the site makes itself.

A person's page is `people/<id>.md` (an organisation's `organisations/<id>.md`): the id `index`
would replace the People index. The other
names (the sections, the index pages, the feed, the assets and what MkDocs writes: search,
sitemap, 404) cannot collide under today's URL scheme, but stay free so that no person's page
can ever take one if pages move. generator.site.paths owns the scheme; this list is core so that
every stage can read it: resolve (which may not import site) never hands out such an id
(generator.resolve.ids), and the curation file may not give one. A test checks that every page
and folder paths names is here.
"""

from __future__ import annotations

RESERVED_IDS = frozenset(
    {
        *("index", "people", "organisations", "countries", "articles", "quotes", "timeline"),
        "whatsnew",
        *("assets", "feed", "search", "sitemap", "404"),
    }
)
