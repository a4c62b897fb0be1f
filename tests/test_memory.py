"""generator.memory: freed memory handed back, where the C library can, and never an error."""

from __future__ import annotations

import gc
import weakref

from generator.memory import release_memory, trim_heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_trim_heap_runs_where_malloc_trim_is_absent_or_present() -> None:
    trim_heap()  # glibc here; a no-op elsewhere, never an AttributeError


def test_release_memory_collects_what_only_a_cycle_holds() -> None:
    gc.disable()
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        assert gone() is not None
        release_memory()
        assert gone() is None
    finally:
        gc.enable()
