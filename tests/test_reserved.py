"""generator.reserved: the ids no person may have are the site's own pages, folders and files."""

from __future__ import annotations

import re

from generator.reserved import RESERVED_IDS
from generator.site import paths


def test_every_page_and_folder_of_the_site_is_reserved() -> None:
    names = {p.split("/")[0].removesuffix(".md") for p in (*paths.INDEX_PAGES, paths.GRAPH)}
    names |= {paths.FEED.split(".")[0], paths.person("x").split("/")[0]}
    assert names <= RESERVED_IDS
    assert {"search", "sitemap", "404"} <= RESERVED_IDS  # what MkDocs writes itself


def test_each_reserved_id_is_written_as_a_profile_id() -> None:
    """Lowercase words joined by "-", as a slug or a curation id is: else no name could take it."""
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) for ident in RESERVED_IDS)
