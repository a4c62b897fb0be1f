"""The vocabulary loader: word lists read once from data files, clear errors when one is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import lexicon
from generator.lexicon import LexiconError

PACKAGE = Path(lexicon.__file__).parent


def test_every_data_file_is_named_lists_of_distinct_words() -> None:
    for path in sorted((PACKAGE / "data").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        for name, value in data.items():
            if isinstance(value, list):
                words = [str(w) for w in value]
                assert len(words) == len(set(words)), f"{path.name}: {name} repeats a word"
                assert all(isinstance(w, str) for w in value), f"{path.name}: {name}"


def test_a_missing_list_names_its_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"other": ["a"]})
    with pytest.raises(LexiconError, match=r"generator/data/roles\.yml: the list 'chiefs'"):
        lexicon.word_list.__wrapped__("roles", "chiefs")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [["mayor", False], [], "mayor", ["mayor", ["chief"]], None],
)
def test_a_malformed_list_names_its_data_file(
    monkeypatch: pytest.MonkeyPatch, value: object
) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"chiefs": value})
    with pytest.raises(LexiconError, match=r"generator/data/roles\.yml: 'chiefs' must be"):
        lexicon.word_list.__wrapped__("roles", "chiefs")  # type: ignore[attr-defined]


def test_a_malformed_table_names_its_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"codes": {"NO": False}})
    with pytest.raises(LexiconError, match=r"places\.yml: 'codes' must be a non-empty mapping"):
        lexicon.word_table.__wrapped__("places", "codes")  # type: ignore[attr-defined]
    with pytest.raises(LexiconError, match=r"places\.yml: 'codes' must be a non-empty mapping"):
        lexicon.word_groups.__wrapped__("places", "codes")  # type: ignore[attr-defined]


def test_a_missing_data_file_is_named() -> None:
    with pytest.raises(LexiconError, match=r"generator/data/no-such-file\.yml: cannot read"):
        lexicon._document.__wrapped__("no-such-file")  # type: ignore[attr-defined]


def test_an_alternation_matches_whole_words_longest_first() -> None:
    group = lexicon.alternation(["Sep", "Sept", "op-ed", "Sep"])
    assert group == r"(?:op\-ed|Sept|Sep)"
    assert re.fullmatch(group + r"\.?", "Sept.")
    assert not re.fullmatch(group, "Se.")


def test_the_months_give_names_and_short_forms_in_order() -> None:
    months = lexicon.word_groups("dates", "months")
    assert list(months)[:2] == ["January", "February"]
    assert len(months) == 12
    assert months["September"] == ("Sept", "Sep")
