"""Character ranges asked about in logarithmic time, against a scan of them all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.nlp.ranges import Ranges

SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=12)


@given(SPANS, st.integers(-1, 45), st.integers(0, 10))
def test_ranges_answer_as_a_scan_of_them_would(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    ranges = [(s, s + n) for s, n in spans]
    index = Ranges(ranges)
    end = start + length
    assert index.hold(start) == any(s <= start < e for s, e in ranges)
    assert index.hold_longer(start, end) == any(
        s <= start and end <= e and (e - s) > (end - start) for s, e in ranges
    )


def test_an_empty_range_holds_nothing() -> None:
    assert not Ranges([(5, 5)]).hold(5)
    assert not Ranges([]).hold_longer(0, 0)
