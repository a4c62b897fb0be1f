"""generator.atomic: a file is replaced whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import atomic
from generator.atomic import write_atomically


def test_text_and_bytes_are_written_whole_into_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "file.json"
    write_atomically(target, "{“quoted”}\n")
    assert target.read_text(encoding="utf-8") == "{“quoted”}\n"
    write_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert (target.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("old", encoding="utf-8")

    def refuse(source: str, destination: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]
