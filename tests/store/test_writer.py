"""Atomic output: a build that fails, or is killed, leaves the previous folders byte-identical."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import DossierError
from generator.model import KeptPage, Page
from generator.store import writer
from generator.store.writer import inside, recover, staging_folder, swap_in, write_docs
from tests.conftest import ROOT, SEED_ARTICLE


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` by relative path, with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".") and p.is_dir())


@pytest.fixture()
def previous(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    write_docs([Page("index.md", "old\n"), Page("people/a.md", "A\n")], None, target)
    return target


@pytest.mark.parametrize(
    "bad", ["../escape.md", "/tmp/abs.md", "people/../../escape.md", "", ".", "a\\..\\b.md"]
)
def test_pages_are_never_written_outside_the_output_folder(previous: Path, bad: str) -> None:
    before = snapshot(previous)
    with pytest.raises(DossierError, match="outside the output folder"):
        write_docs([Page("new.md", "new"), Page(bad, "evil")], None, previous)
    assert snapshot(previous) == before
    assert not (previous.parent / "escape.md").exists()
    assert hidden(previous.parent) == []


def test_inside_accepts_ordinary_paths(tmp_path: Path) -> None:
    assert inside(tmp_path, "people/x.md") == (tmp_path / "people" / "x.md").resolve()


def test_a_failure_while_writing_keeps_the_previous_docs(previous: Path) -> None:
    def pages() -> Iterator[Page]:
        yield Page("index.md", "new\n")
        raise RuntimeError("renderer crashed half way")

    before = snapshot(previous)
    with pytest.raises(RuntimeError):
        write_docs(pages(), None, previous)
    assert snapshot(previous) == before
    assert hidden(previous.parent) == []


def test_a_successful_write_replaces_the_folder_whole(previous: Path) -> None:
    write_docs([Page("index.md", "new\n")], None, previous)
    assert snapshot(previous) == {"index.md": hashlib.sha256(b"new\n").hexdigest()}
    assert hidden(previous.parent) == [".docs.spare"]  # the replaced folder, for the next build


def test_the_spare_folder_is_brought_up_to_date_never_through_a_link(tmp_path: Path) -> None:
    """Each build writes into the folder the build before replaced: a kept page is the live
    file linked (the same file where the spare has it already), a rendered one is written anew
    without touching the live file it may be linked to, and what is gone is removed."""
    target = tmp_path / "docs"
    write_docs([Page("index.md", "1\n"), Page("people/a.md", "A\n")], None, target)
    a = (target / "people" / "a.md").stat().st_ino
    write_docs([Page("index.md", "2\n"), KeptPage("people/a.md", "")], None, target)
    live_a = target / "people" / "a.md"
    assert live_a.stat().st_ino == a
    write_docs([Page("index.md", "3\n"), Page("people/a.md", "A2\n")], None, target)
    assert snapshot(target) == {
        "index.md": hashlib.sha256(b"3\n").hexdigest(),
        "people/a.md": hashlib.sha256(b"A2\n").hexdigest(),
    }
    spare = tmp_path / ".docs.spare"
    assert (spare / "people" / "a.md").read_text(encoding="utf-8") == "A\n"  # not written through
    write_docs([Page("index.md", "4\n")], None, target)
    assert snapshot(target) == {"index.md": hashlib.sha256(b"4\n").hexdigest()}


def test_without_atomic_exchange_a_crash_between_renames_is_repaired(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(previous)
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    staging = previous.with_name(".docs.staging-x")
    staging.mkdir()
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == staging:
            raise KeyboardInterrupt  # killed between the two renames
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        swap_in(staging, previous)
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not previous.exists()  # the window the next build repairs
    recover(previous)
    assert snapshot(previous) == before
    assert hidden(previous.parent) == []


def test_leftover_staging_folders_are_removed_next_time(previous: Path) -> None:
    (previous.parent / ".docs.staging-killed").mkdir()
    (previous.parent / ".docs.staging-killed" / "half.md").write_text("x")
    write_docs([Page("index.md", "new\n")], None, previous)
    assert hidden(previous.parent) == [".docs.spare"]


def test_two_builds_cannot_write_the_same_folder_at_once(previous: Path) -> None:
    with staging_folder(previous), pytest.raises(DossierError, match="another build"):
        write_docs([Page("index.md", "x")], None, previous)


def test_hand_written_symlinks_are_not_followed(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "about.md").write_text("About\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (pages / "leak.md").symlink_to(secret)
    target = tmp_path / "docs"
    write_docs([], pages, target)
    assert sorted(snapshot(target)) == ["about.md"]


def test_a_failed_mkdocs_build_keeps_the_previous_site(project: Path) -> None:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous")
    (project / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n")
    docs = project / "build" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# x\n")
    with pytest.raises(DossierError, match="MkDocs"):
        writer.build_site(project / "mkdocs.yml", docs, site, strict=True)
    assert snapshot(site) == {"index.html": hashlib.sha256(b"previous").hexdigest()}
    assert hidden(project) == []


def test_killing_a_build_half_way_keeps_the_previous_site(project: Path) -> None:
    """SIGKILL `dossier build` while MkDocs writes; the previous site/ is byte-identical."""
    assert main(["--root", str(project), "build"]) == 0
    site = project / "site"
    before = snapshot(site)
    assert "index.html" in before
    (project / "content" / "articles" / SEED_ARTICLE.name).write_text(
        "---\ntitle: Changed\n---\n\nA changed article about Iran.\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "build"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staged = wait_for_staging_files(project, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert staged, "the build ended before MkDocs wrote anything: nothing was interrupted"
    assert snapshot(site) == before
    assert [name for name in hidden(project) if name.startswith(".site.staging-")]
    assert main(["--root", str(project), "build"]) == 0  # the next build cleans up
    assert "Changed" in (site / "index.html").read_text(encoding="utf-8")
    # Only the site the last build replaced is left, kept for the next build to update.
    assert [name for name in hidden(project) if name.startswith(".site.")] == [".site.spare"]


def wait_for_staging_files(project: Path, process: subprocess.Popen[bytes]) -> bool:
    """True once MkDocs has written files into a staging folder of site/ (within 120 s)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        for staging in project.glob(".site.staging-*"):
            if sum(1 for _ in staging.rglob("*")) > 20:
                return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize(
    ("key", "value"), [("DOCS_DIR", "content"), ("SITE_DIR", "."), ("SITE_DIR", "content/pages")]
)
def test_output_folders_may_not_replace_input(
    project: Path,
    key: str,
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot(project / "content")
    monkeypatch.setenv(f"DOSSIER_{key}", value)
    assert main(["--root", str(project), "build", "--no-site"]) == 1
    assert "must not" in capsys.readouterr().err
    assert snapshot(project / "content") == before


def test_a_page_rendered_again_the_same_as_before_keeps_its_file(tmp_path: Path) -> None:
    """A page rendered again (its inputs' digest changed, as after an upgrade of the generator)
    whose text is the same keeps the live file and its time, so that MkDocs' dirty build does
    not build it again; a changed one is written anew."""
    target = tmp_path / "docs"
    write_docs([Page("people/a.md", "A\n", "k1"), Page("people/b.md", "B\n", "k1")], None, target)
    a, b = (os.stat(target / "people" / name) for name in ("a.md", "b.md"))
    time.sleep(0.01)
    write_docs([Page("people/a.md", "A\n", "k2"), Page("people/b.md", "B2\n", "k2")], None, target)
    kept, written = (os.stat(target / "people" / name) for name in ("a.md", "b.md"))
    assert (kept.st_ino, kept.st_mtime_ns) == (a.st_ino, a.st_mtime_ns)
    assert written.st_ino != b.st_ino
    assert (target / "people" / "b.md").read_text(encoding="utf-8") == "B2\n"
