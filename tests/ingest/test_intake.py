"""What `add` and `pull` take in (files, folders, addresses) and what becomes of each article:
added under a free name, an update or a forced replacement in the file it repeats, or skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.ingest.duplicates import DuplicateIndex
from generator.ingest.intake import (
    ADDED,
    REPLACED,
    SKIPPED,
    UPDATED,
    file_article,
    free_path,
    is_address,
    planned,
    sources_of,
    with_date,
)
from generator.ingest.paste import Metadata, plain_text_article
from tests.ingest.webpages import STORIES, article_page

TEXT = "Frost Spares the Orchards\n\n" + "\n\n".join(STORIES["orchard"].paragraphs) + "\n"


def test_folders_give_their_text_and_html_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "sub/c.htm", ".hidden/d.txt", "notes.md", "e.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = sources_of([str(tmp_path), "https://a.example/x"])
    assert found == [str(tmp_path / n) for n in ("a.html", "b.txt", "sub/c.htm")] + [
        "https://a.example/x"
    ]
    assert is_address("https://a.example/x") and not is_address(str(tmp_path))


def test_a_page_is_read_as_html_whatever_its_name(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"
    saved.write_text(article_page(STORIES["ferry"]), encoding="utf-8")
    article, page = file_article(saved, Metadata())
    assert page and article.title == STORIES["ferry"].title
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(TEXT, encoding="utf-8")
    article, page = file_article(pasted, Metadata())
    assert not page and article.title == "Frost Spares the Orchards"


def test_an_article_file_is_not_pasted_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: A\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(ContentError, match="an article file already"):
        file_article(path, Metadata())


def plan_for(tmp_path: Path, text: str, index: DuplicateIndex, url: str = "", **flags: bool):  # type: ignore[no-untyped-def]
    article = plain_text_article(text, "in.txt", "in", Metadata(url=url))
    return planned(article, "in.txt", tmp_path, index, **flags)


def test_a_new_article_is_added_under_a_free_name(tmp_path: Path) -> None:
    (tmp_path / "undated-frost-spares-the-orchards.md").write_text("taken", encoding="utf-8")
    plan = plan_for(tmp_path, TEXT, DuplicateIndex())
    assert plan.action == ADDED
    assert plan.target.name == "undated-frost-spares-the-orchards-2.md"
    assert plan.article.path == str(plan.target)


def test_a_repeat_is_skipped_unless_forced(tmp_path: Path) -> None:
    first = plan_for(tmp_path, TEXT, DuplicateIndex())
    index = DuplicateIndex([first.article])
    again = plan_for(tmp_path, TEXT.replace("Thursday", "Friday"), index)
    assert again.action == SKIPPED and again.repeat is not None
    assert again.repeat.original is first.article
    forced = plan_for(tmp_path, TEXT.replace("Thursday", "Friday"), index, force=True)
    assert forced.action == REPLACED and forced.target == first.target


def test_a_changed_page_at_the_same_address_updates_its_file(tmp_path: Path) -> None:
    url = "https://a.example/orchards"
    first = plan_for(tmp_path, TEXT, DuplicateIndex(), url=url)
    index = DuplicateIndex([first.article])
    changed = TEXT + "\nA late frost warning was issued on Saturday for the upper slopes.\n"
    update = plan_for(tmp_path, changed, index, url=url)
    assert update.action == UPDATED and update.target == first.target
    kept = plan_for(tmp_path, changed, index, url=url, replace_updated=False)
    assert kept.action == SKIPPED
    same = plan_for(tmp_path, TEXT, index, url=url)
    assert same.action == SKIPPED


def test_free_path_and_a_feed_date(tmp_path: Path) -> None:
    assert free_path(tmp_path / "a.md") == tmp_path / "a.md"
    article = plain_text_article(TEXT, "in.txt", "in")
    assert with_date(article, "2024-04-11").published == "2024-04-11"
