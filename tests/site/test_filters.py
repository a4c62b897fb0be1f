"""Jinja filters: dates of quotes, safe links, the secondary source of a quote."""

from __future__ import annotations

import pytest
import yaml

from generator.site.filters import (
    flag,
    iso_date,
    long_date,
    month_label,
    safe_url,
    secondary_source,
    tag_list,
)


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


def test_flag_of_a_country_code_and_none_for_a_historic_one() -> None:
    assert flag("ir") == (
        '<span class="flag" data-code="IR" aria-hidden="true">\U0001f1ee\U0001f1f7</span>'
    )
    assert flag("SU") == flag("I1") == flag("IRN") == ""


def test_tag_list_keeps_every_value_a_string_and_no_markup() -> None:
    assert tag_list(["a: b", " x  y ", "{{ z }}"]) == "['a: b', x y, '{{ z }}']"
    # Material's search writes tags into its results as HTML (red-team item 2).
    tags = tag_list(["<img src=x onerror=alert(1)> & 'Berg'"])
    assert yaml.safe_load(tags) == ["&lt;img src=x onerror=alert(1)&gt; &amp; 'Berg'"]


def test_dates_read_as_words() -> None:
    assert month_label("2024-08") == "August 2024"
    assert long_date("2024-08-07") == "7 August 2024"
    assert long_date("2024-13-01") == "2024\\-13\\-01"  # not a date: shown escaped


def test_safe_url_keeps_only_plain_http_addresses() -> None:
    assert safe_url(" https://example.org/a?b=c ") == "https://example.org/a?b=c"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    assert safe_url("javascript:alert(1)") == safe_url("ftp://example.org") == ""
