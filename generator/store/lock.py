"""The build lock: one build at a time per cache folder, from reading the content to publishing.

Two builds at once would otherwise interleave: one swaps `build/docs` while the other's MkDocs is
reading it, and the site published matches neither input. `build_lock` holds an exclusive
`fcntl.flock` on `build.lock` in the cache folder for the whole build. The system releases it
when the build's process ends, however it ends (kill -9 included), so a lock is never stale. A
second build waits for it, saying so once, and gives up with an error after WAIT seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from generator.errors import DossierError

log = logging.getLogger(__name__)

LOCK_FILE = "build.lock"
WAIT = 30 * 60.0  # seconds a build waits for another one before it gives up
POLL = 0.1  # seconds between two attempts


@contextlib.contextmanager
def build_lock(cache_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the build lock of `cache_dir` for the block, waiting up to `wait` (default WAIT)
    seconds for a build that holds it. A cache folder that cannot hold a lock file (it is a
    file, or read-only) is logged and the build goes on unlocked, as it goes on uncached."""
    path = cache_dir / LOCK_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = _opened(path)
    except OSError as exc:
        log.warning("cannot lock %s (%s): building without the lock", path, exc)
        yield
        return
    try:
        _acquire(handle, path, WAIT if wait is None else wait)
        _record_holder(handle)
        yield
    finally:
        os.close(handle)  # releases the lock


def _opened(path: Path) -> int:
    """The lock file, opened for writing; a folder or link in its place (cache damage) is
    removed first, so that damage does not leave every later build unlocked."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        log.warning("replacing %s, which is not a plain file", path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)


def _acquire(handle: int, path: Path, wait: float) -> None:
    """Take the lock, waiting (with one message) while another build holds it."""
    deadline = time.monotonic() + wait
    said = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not said:
            log.warning(
                "waiting for another build (%s) to finish: it uses the cache folder %s "
                "(giving up after %s)",
                _holder(handle),
                path.parent,
                _duration(wait),
            )
            said = True
        if time.monotonic() >= deadline:
            raise DossierError(
                f"another build ({_holder(handle)}) still holds {path} after {_duration(wait)}: "
                "wait for it to finish, or stop it, then build again"
            )
        time.sleep(POLL)


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} minutes" if seconds >= 120 else f"{seconds:.0f} seconds"


def _record_holder(handle: int) -> None:
    """Write this process's id into the lock file, for the message of a build that waits."""
    with contextlib.suppress(OSError):
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)


def _holder(handle: int) -> str:
    """'process N' from the lock file, or 'another process' when it does not say."""
    try:
        text = os.pread(handle, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    return f"process {text}" if text.isdigit() else "another process"
