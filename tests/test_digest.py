"""Digests of plain values: equal values, equal digests; any change, another digest."""

from __future__ import annotations

import re

from generator.digest import value_digest
from generator.model import Block, Span


def test_equal_values_give_equal_digests_however_shared() -> None:
    shared = Span("a1", "p1", 0, 4, "Iran")
    assert value_digest((shared, shared)) == value_digest(
        (Span("a1", "p1", 0, 4, "Iran"), Span("a1", "p1", 0, 4, "Iran"))
    )
    assert re.fullmatch(r"[0-9a-f]{40}", value_digest("x"))


def test_any_changed_field_or_order_changes_the_digest() -> None:
    block = Block("p1", "paragraph", "Text.")
    digests = {
        value_digest(block),
        value_digest(Block("p1", "paragraph", "Text!")),
        value_digest(Block("p1", "paragraph", "Text.", line=3)),
        value_digest(1, 2),
        value_digest(2, 1),
        value_digest("1", 2),
    }
    assert len(digests) == 6
