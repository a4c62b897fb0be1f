"""The YAML loader of the input files: text kept as written, every refusal at its line."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import ContentError
from generator.ingest.yamlfile import MAX_NESTING, is_text, yaml_timestamp, yaml_value


def test_scalars_stay_text_as_written() -> None:
    assert yaml_value("title: 0x1F\ndeck: yes\n", "a.md") == {"title": "0x1F", "deck": "yes"}


def test_a_key_given_twice_is_refused_at_its_second_line() -> None:
    with pytest.raises(ContentError) as error:
        yaml_value("title: A\nauthor: B\ntitle: C\n", "a.md", first_line=2)
    assert error.value.path == "a.md" and error.value.line == 4


def test_nesting_too_deep_to_load_is_refused_at_its_line() -> None:
    text = "x: 1\ny: " + "[" * 20_000 + "\n"  # no RecursionError
    with pytest.raises(ContentError) as error:
        yaml_value(text, "curation.yml", what="the curation file")
    assert error.value.line == 2
    assert f"more than {MAX_NESTING} deep" in str(error.value)


def test_invalid_yaml_names_its_line() -> None:
    with pytest.raises(ContentError) as error:
        yaml_value("a: 1\nb: [unclosed\n", "a.md", first_line=10)
    assert error.value.line >= 11


def test_a_lone_surrogate_is_not_text() -> None:
    assert is_text("Anna Berg") and not is_text("Anna \ud800 Berg")


def test_timestamps_as_yaml_reads_them() -> None:
    assert yaml_timestamp("2024-08-07") == dt.date(2024, 8, 7)
    assert yaml_timestamp("2001-12-14 21:59:43.10 -5") == dt.date(2001, 12, 14)
    assert yaml_timestamp("2024-02-30") is None
    assert yaml_timestamp("not a date") is None
