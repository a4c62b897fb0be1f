"""`dossier serve` (generator.serve): what it watches."""

from __future__ import annotations

import os
from pathlib import Path

from generator.serve import watched_state


def test_a_change_an_addition_or_a_removal_changes_the_watched_state(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    article = content / "articles" / "a.md"
    article.write_text("one", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x", encoding="utf-8")
    watched = [content, config, tmp_path / "absent"]
    first = watched_state(watched)
    assert watched_state(watched) == first
    article.write_text("two", encoding="utf-8")
    os.utime(article, ns=(1, 1))
    second = watched_state(watched)
    assert second != first
    (content / "articles" / "b.md").write_text("new", encoding="utf-8")
    third = watched_state(watched)
    assert third != second
    (content / "articles" / "b.md").unlink()
    assert watched_state(watched) == second
