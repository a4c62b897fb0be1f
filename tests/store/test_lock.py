"""The build lock (generator.store.lock): one build at a time per cache folder; a second one
waits and says so, gives up after a time with a clear error; a killed build never leaves it."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import DossierError
from generator.store.lock import LOCK_FILE, build_lock

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_build_waits_then_gives_up_with_a_clear_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with build_lock(tmp_path), caplog.at_level(logging.WARNING, logger="generator.store.lock"):
        started = time.monotonic()
        refused = pytest.raises(DossierError, match=r"another build \(process \d+\) still holds")
        with refused, build_lock(tmp_path, wait=0.5):
            raise AssertionError("two builds held the lock at once")
        assert time.monotonic() - started >= 0.5
    assert caplog.text.count("waiting for another build") == 1
    with build_lock(tmp_path, wait=0):  # released when the block ends
        pass


def test_the_lock_of_a_killed_build_is_free_at_once(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from generator.store.lock import "
            "build_lock\nwith build_lock(Path(sys.argv[1])):\n print('locked', flush=True)\n"
            " time.sleep(600)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    with pytest.raises(DossierError), build_lock(tmp_path, wait=0):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with build_lock(tmp_path, wait=0):
        pass


def test_a_folder_in_place_of_the_lock_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE / "inside").mkdir(parents=True)
    with build_lock(tmp_path, wait=0):
        assert (tmp_path / LOCK_FILE).is_file()


def test_a_cache_folder_that_cannot_hold_the_lock_is_logged_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator.store.lock"), build_lock(blocker):
        pass
    assert "building without the lock" in caplog.text
