"""Handing freed memory back to the system, where the C library can (glibc's malloc_trim).

A process's C heap keeps the pages of what it freed, for its next allocations; between two
stages, or two batches of a worker, those pages would only add to the process tree's memory.
"""

from __future__ import annotations

import ctypes
import gc


def trim_heap() -> None:
    """Return the free pages of the C heap to the system (nothing where malloc_trim is absent,
    as on macOS or with musl)."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the process's own C library
    if trim is not None:
        trim(0)


def release_memory() -> None:
    """Collect what is unreachable (MkDocs' pages and navigation point at each other) and hand
    the memory the process no longer uses back to the system: what a later stage or a child
    process needs then comes from it, not on top of a heap full of freed pages."""
    gc.collect()
    trim_heap()
