"""`dossier check`: every problem once, with file, line and what to do; duplicates counted once."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import ContentError, Problem
from generator.ingest.check import VALIDATORS, check_content, grouped
from generator.settings import load_settings

GOOD = "---\ntitle: Good\nurl: https://example.org/good\n---\n\nAnna Berg met Tomas Reyes.\n"


def write(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--root", str(root), "check", *extra])
    out, err = capsys.readouterr()
    return code, out + err


def test_clean_content_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    code, out = run_check(tmp_path, capsys)
    assert code == 0 and "ok: 1 articles: 0 errors, 0 warnings" in out


def test_each_problem_has_file_line_and_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.md", "---\ntitle: A\npublished: 7 May\n---\n\nText.\n")
    write(tmp_path, "b.md", "---\ntitle: B\nurl: javascript:alert(1)\n---\n\nText.\n")
    write(tmp_path, "c.md", "no front matter\n")
    write(tmp_path, "d.md", "---\ntitle: D\n---\n")
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "a.md:3: error: published '7 May' is not a date (write it as YYYY-MM-DD)" in out
    assert "b.md:3: error: url must be a web address" in out
    assert "c.md:1: error: no front matter (start the file with a '---' line)" in out
    assert "d.md:4: error: article has no body text" in out
    assert "0 articles: 4 errors, 0 warnings" in out


def test_repeated_problems_are_shown_once_with_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(6):
        write(tmp_path, f"a{i}.md", f"---\ntitle: A{i}\ntags: [x]\n---\n\nText {i}.\n")
    code, out = run_check(tmp_path, capsys)
    lines = [line for line in out.splitlines() if "unknown front-matter key" in line]
    assert code == 2 and len(lines) == 1
    assert "a0.md:3:" in lines[0] and "[x6: also" in lines[0] and "and 2 more" in lines[0]


def test_duplicates_are_reported_and_one_copy_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    write(tmp_path, "2024-01-02-same-url.md", GOOD.replace("Anna", "Anne"))
    write(tmp_path, "2024-01-03-same-text.md", GOOD.replace("url: https://example.org/good\n", ""))
    code, out = run_check(tmp_path, capsys)
    assert code == 0  # warnings only; --strict turns them into a failure
    assert "2024-01-02-same-url.md: warning: duplicate of" in out and "(same url)" in out
    assert "2024-01-03-same-text.md: warning: duplicate of" in out and "(same text)" in out
    assert run_check(tmp_path, capsys, "--strict")[0] == 2
    report = check_content(load_settings(tmp_path))
    assert [a.id for a in report.articles] == ["2024-01-01-good"]


def test_a_near_duplicate_is_reported_with_the_file_it_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = (
        "The harbour council voted on Tuesday to open a ferry line to the islands of the "
        "northern bay, ending a dispute that had lasted three winters. Councillor Ines Varga "
        "said the line would carry four hundred passengers a day once the pier is finished."
    )
    write(tmp_path, "2024-01-01-ferry.md", f"---\ntitle: Ferry\n---\n\n{story}\n")
    edited = story.replace("Tuesday", "Wednesday")
    write(tmp_path, "2024-01-02-ferry-again.md", f"---\ntitle: Ferry again\n---\n\n{edited}\n")
    code, out = run_check(tmp_path, capsys)
    assert code == 0
    assert "2024-01-02-ferry-again.md: warning: duplicate of" in out
    assert "2024-01-01-ferry.md (near-identical text: " in out
    report = check_content(load_settings(tmp_path))
    assert [a.id for a in report.articles] == ["2024-01-01-ferry"]


def test_file_names_that_are_not_page_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "My Article.md", GOOD)
    write(tmp_path, "my-article.md", GOOD.replace("good", "other").replace("Anna", "Ola"))
    write(tmp_path, "notes.txt", "stray")
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "My Article.md: warning: file name is not a page id" in out
    assert "my-article.md: error: gives the same page id 'my-article'" in out
    assert "notes.txt: warning: not an article file (.md)" in out


def test_add_refuses_the_same_article_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paste = tmp_path / "paste.txt"
    paste.write_text("Talks Resume\n\nAnna Berg met Tomas Reyes.\n", encoding="utf-8")
    root = ["--root", str(tmp_path)]
    assert main([*root, "add", str(paste), "--url", "https://example.org/a"]) == 0
    capsys.readouterr()
    assert main([*root, "add", str(paste)]) == 1
    assert "has this article already (same text); nothing was added" in capsys.readouterr().err
    other = tmp_path / "other.txt"
    other.write_text("Other Title\n\nDifferent text entirely.\n", encoding="utf-8")
    assert main([*root, "add", str(other), "--url", "https://example.org/a"]) == 1
    assert "(same url)" in capsys.readouterr().err
    assert len(list((tmp_path / "content" / "articles").glob("*.md"))) == 1
    assert main([*root, "add", str(paste), "--force", "--publisher", "X"]) == 0


def test_same_title_different_text_gets_its_own_file(tmp_path: Path) -> None:
    root = ["--root", str(tmp_path)]
    for i in range(2):
        paste = tmp_path / f"p{i}.txt"
        paste.write_text(f"Same Title\n\nDifferent text {i}.\n", encoding="utf-8")
        assert main([*root, "add", str(paste)]) == 0
    names = sorted(p.name for p in (tmp_path / "content" / "articles").glob("*.md"))
    assert names == ["undated-same-title-2.md", "undated-same-title.md"]


def test_the_curation_loader_is_one_of_the_validators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    (tmp_path / "content" / "curation.yml").write_text("people: [\n", encoding="utf-8")

    def load_curation(path: Path) -> None:
        raise ContentError(str(path), 1, "not valid YAML", "close the bracket")

    fake = types.ModuleType("generator.ingest.curation")
    fake.load_curation = load_curation  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "generator.ingest.curation", fake)
    code, out = run_check(tmp_path, capsys)
    assert code == 2 and "curation.yml:1: error: not valid YAML (close the bracket)" in out


def test_validators_are_a_list_and_grouping_counts() -> None:
    assert len(VALIDATORS) >= 4
    same = [Problem(f"f{i}.md", 2, "m", "h") for i in range(3)]
    assert grouped([*same, Problem("g.md", 0, "w", severity="warning")]) == [
        "f0.md:2: error: m (h) [x3: also f1.md:2, f2.md:2]",
        "g.md: warning: w",
    ]


def test_every_bad_key_of_a_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path, "a.md", "---\ntitle: ''\ntags: x\nurl: ftp://x\npublished: soon\n---\n\nText.\n"
    )
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    for expected in (
        "a.md:3: error: unknown front-matter key 'tags'",
        "a.md:2: error: title is empty",
        "a.md:4: error: url must be a web address",
        "a.md:5: error: published 'soon' is not a date",
    ):
        assert expected in out
    assert "0 articles: 4 errors" in out


# -- links and special files (red-team item 11) ------------------------------------------------


def test_links_and_special_files_among_the_articles_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD.replace("Anna", "Secret"), encoding="utf-8")
    folder = tmp_path / "content" / "articles"
    (folder / "linked.md").symlink_to(outside)
    (folder / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.md")
    (folder / "folder.md").mkdir()
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "linked.md: error: a symbolic link; the build reads no file through a link" in out
    assert "[x2: also " in out and "zero.md]" in out  # the same problem, counted
    assert "pipe.md: error: not a regular file (a named pipe)" in out
    assert "folder.md: error: not a regular file (a folder)" in out
    assert "1 articles: 4 errors, 0 warnings" in out
    assert [a.id for a in check_content(load_settings(tmp_path)).articles] == ["2024-01-01-good"]


def test_a_curation_file_or_page_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    os.mkfifo(tmp_path / "content" / "curation.yml")
    pages = tmp_path / "content" / "pages" / "notes"
    pages.mkdir(parents=True)
    os.mkfifo(pages / "pipe.md")
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "error: not a regular file (a named pipe)" in out
    assert "notes/pipe.md" in out and "curation.yml" in out and "2 errors" in out


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_add_reads_only_a_regular_file(
    tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if source == "fifo":
        source = str(tmp_path / "fifo")
        os.mkfifo(source)
    assert main(["--root", str(tmp_path), "add", source]) == 2
    assert "not a regular file" in capsys.readouterr().err


# -- reserved page ids (red-team item 4) -------------------------------------------------------


@pytest.mark.parametrize("name", ["index.md", "Index.md", "INDEX.md", " index .md"])
def test_an_article_may_not_take_the_address_of_the_articles_index(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "2024-01-01-good.md", GOOD)
    write(tmp_path, name, GOOD.replace("good", "other").replace("Anna", "Ola"))
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert f"{name}: error: its page id 'index' is the address of the Articles index" in out
