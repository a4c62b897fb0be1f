"""Character ranges of the joined text, asked about in logarithmic time.

An article of a megabyte has tens of thousands of mentions and entities: asking each candidate
"does one of these ranges hold you?" by scanning them all grows with the square of its size.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Ranges:
    """(start, end) ranges, end excluded, in any order, overlapping or not."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]
        # reach[k]: the furthest end among the first k + 1 ranges (by start)
        self.reach = list(itertools.accumulate((e for _, e in self.ranges), max))

    def hold(self, offset: int) -> bool:
        """Whether a range holds `offset`: any(s <= offset < e)."""
        k = bisect.bisect_right(self.starts, offset)
        return k > 0 and self.reach[k - 1] > offset

    def hold_longer(self, start: int, end: int) -> bool:
        """Whether a range longer than `start`..`end` holds it:
        any(s <= start and end <= e and e - s > end - start)."""
        first = bisect.bisect_left(self.starts, start)
        if first > 0 and self.reach[first - 1] >= end:  # starts before it, ends at or after it
            return True
        last = bisect.bisect_right(self.starts, start)
        return any(e > end for _, e in self.ranges[first:last])  # same start, ends after it
