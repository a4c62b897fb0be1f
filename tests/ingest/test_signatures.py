"""The duplicate signatures kept in the cache folder: made once per text, found again by the
next build, made again when an article's text changes or the file is damaged or foreign."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from generator.ingest import signatures as module
from generator.ingest.check import check_content
from generator.ingest.duplicates import signature
from generator.ingest.signatures import FILE, SignatureCache, stored_signatures
from generator.model import PARAGRAPH, Article, Block
from generator.settings import load_settings


def article(path: str, *paragraphs: str) -> Article:
    blocks = tuple(Block(f"p{n}", PARAGRAPH, text) for n, text in enumerate(paragraphs, 1))
    return Article(id=Path(path).stem, path=path, title="T", blocks=blocks)


FIRST = article("a.md", "Anna Berg met Tomas Reyes in Oslo on Tuesday to talk about ferries.")
SECOND = article("b.md", "The orchard by the river gave its first apples this week, early.")


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the articles whose signature is made (not found) from now on."""
    made: list[str] = []

    def made_now(found: Article):  # type: ignore[no-untyped-def]
        made.append(found.path)
        return signature(found)

    monkeypatch.setattr(module, "signature", made_now)
    return made


def cached_run(path: Path, *articles: Article) -> list[Article]:
    cache = SignatureCache(path)
    found = [a for a in articles if cache.of(a) == signature(a)]
    cache.save()
    return found


def test_a_signature_is_made_once_then_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = counting(monkeypatch)
    path = tmp_path / FILE
    assert cached_run(path, FIRST, SECOND) == [FIRST, SECOND]
    assert made == ["a.md", "b.md"]
    written = path.stat().st_mtime_ns
    assert cached_run(path, FIRST, SECOND) == [FIRST, SECOND]
    assert made == ["a.md", "b.md"]  # nothing made again, nothing written again
    assert path.stat().st_mtime_ns == written
    moved = article("elsewhere.md", *[b.text for b in FIRST.blocks])
    assert cached_run(path, moved, SECOND) == [moved, SECOND]
    assert made == ["a.md", "b.md"]  # the key is the text, not the file


def test_an_edited_text_is_signed_again_and_the_old_signature_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = counting(monkeypatch)
    path = tmp_path / FILE
    cached_run(path, FIRST, SECOND)
    edited = article("a.md", FIRST.blocks[0].text.replace("Tuesday", "Wednesday"))
    assert cached_run(path, edited, SECOND) == [edited, SECOND]
    assert made == ["a.md", "b.md", "a.md"]
    assert len(stored_signatures(path)) == 2  # the old text's signature is gone
    cached_run(path, SECOND)
    assert len(stored_signatures(path)) == 1  # and so is a removed article's


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"format": 1, "code": "%s", "signatures": {"k": ["x", "!!"]}}',
        '{"format": 1, "code": "%s", "signatures": {"k": ["x", "AAAA"]}}',
        '{"format": 1, "code": "%s", "signatures": []}',
        "[]",
    ],
)
def test_a_damaged_file_is_no_signature_and_is_replaced(
    tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / FILE
    path.write_text(text.replace("%s", module.code_digest()), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert cached_run(path, FIRST) == [FIRST]
    assert "duplicate signatures: ignoring damaged" in caplog.text
    assert set(stored_signatures(path)) == {module.text_digest(FIRST)}


def test_signatures_of_other_code_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / FILE
    cached_run(path, FIRST)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "code": "other"}), encoding="utf-8")
    made = counting(monkeypatch)
    cached_run(path, FIRST)
    assert made == ["a.md"]


def test_an_unwritable_cache_is_logged_and_the_check_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert cached_run(tmp_path / "file" / FILE, FIRST) == [FIRST]
    assert "duplicate signatures: cannot write" in caplog.text


def test_check_keeps_the_signatures_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    for name, text in (("a.md", FIRST), ("b.md", SECOND), ("c.md", FIRST)):
        body = text.blocks[0].text
        (folder / name).write_text(f"---\ntitle: {name}\n---\n\n{body}\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    first = check_content(settings)
    assert (settings.path("cache_dir") / FILE).is_file()
    made = counting(monkeypatch)
    again = check_content(settings)
    assert made == []
    assert [a.path for a in again.articles] == [a.path for a in first.articles]
    assert [p.message for p in again.problems] == [p.message for p in first.problems]
    assert any("(same text)" in p.message for p in again.problems)
