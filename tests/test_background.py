"""Work in a forked process (generator.background)."""

from __future__ import annotations

import os
import time

import pytest

from generator.background import Background
from generator.errors import DossierError


def test_the_result_comes_back() -> None:
    held = {"pages": ["a", "b"]}  # inherited by the child, not sent to it
    work = Background(lambda: [*held["pages"], str(os.getpid())], "test")
    pages = work.result()
    assert pages[:2] == ["a", "b"]
    assert pages[2] != str(os.getpid())  # made in another process
    work.stop()  # nothing to stop


def test_its_exception_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        Background(fails, "test").result()


def test_a_process_that_ends_without_a_result_is_named() -> None:
    with pytest.raises(DossierError, match=r"the data pages process ended without a result"):
        Background(lambda: os._exit(3), "data pages").result()


def test_a_result_never_asked_for_is_stopped() -> None:
    work = Background(lambda: time.sleep(60), "test")
    started = time.perf_counter()
    work.stop()
    assert time.perf_counter() - started < 10
    assert not work._process.is_alive()
