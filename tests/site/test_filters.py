"""Jinja filters: dates of quotes, safe links, the secondary source of a quote."""

from __future__ import annotations

import pytest

from generator.site.filters import iso_date, secondary_source


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Aug. 6", "2024-08-07", "2024-08-06"),
        ("August 6", "2024-08-07", "2024-08-06"),
        ("Dec. 30", "2024-01-02", "2023-12-30"),
        ("July 31, 2023", "2024-08-07", "2023-07-31"),
        ("Sept. 3rd", "2024-09-10", "2024-09-03"),
        ("at the time", "2024-08-07", ""),
        ("Aug. 6", "", ""),
        ("Aug. 40", "2024-08-07", ""),
    ],
)
def test_iso_date_of_a_quote(text: str, published: str, expected: str) -> None:
    assert iso_date(text, published) == expected


def test_the_secondary_source_does_not_repeat_the_cue() -> None:
    assert secondary_source("told Russia’s Sputnik news agency", "told") == (
        "Russia’s Sputnik news agency"
    )
    assert secondary_source("told reporters", "told reporters") == ""
    assert secondary_source("TASS", "said") == "TASS"
