"""A busy period's quotes in key ranges that stay put (generator/site/quoteparts.py)."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from generator.site.quoteparts import KEY_LETTERS, KeyRange, name_key, split_by_key


def test_a_key_is_the_names_unaccented_letters_in_capitals_cut_short() -> None:
    assert name_key("Recep Tayyip Erdoğan") == "RECEPTAYYIPERDOGAN"
    assert name_key("O'Neill-Smith, Jr.") == "ONEILLSMITHJR"
    assert name_key("Владимир") == ""
    assert len(name_key("x" * 100)) == KEY_LETTERS


def test_items_up_to_the_most_make_one_whole_range() -> None:
    keyed = [(key, n) for n, key in enumerate(["BLAIR", "ZUMA", "ADAMS"])]
    assert split_by_key(keyed, 3) == [(KeyRange(""), [0, 1, 2])]
    assert KeyRange("").whole


def test_one_more_item_halves_the_alphabet_and_keeps_the_order_in_each_half() -> None:
    keyed = [(key, n) for n, key in enumerate(["ZUMA", "BLAIR", "NOON", "ADAMS"])]
    parts = split_by_key(keyed, 3)
    assert [(keys.label(), items) for keys, items in parts] == [("A–M", [1, 3]), ("N–Z", [0, 2])]
    assert [keys.slug() for keys, _ in parts] == ["a-m", "n-z"]


def test_a_full_letter_is_halved_on_its_next_letter() -> None:
    keyed = [(key, key) for key in ["BA", "BB", "BZ", "BY"]]
    parts = split_by_key(keyed, 2)
    assert [(keys.label(), items) for keys, items in parts] == [
        ("Ba–Bm", ["BA", "BB"]),
        ("Bn–Bz", ["BZ", "BY"]),
    ]


def test_items_of_one_key_stay_together_beyond_the_most() -> None:
    keyed = [("BLAIR", n) for n in range(5)] + [("ZUMA", 5)]
    parts = split_by_key(keyed, 2)
    assert [items for _, items in parts] == [[0, 1, 2, 3, 4], [5]]


def test_labels_of_ranges_that_take_in_the_end_of_a_key() -> None:
    assert KeyRange("B", 0, 13).label() == "Ba–Bm"
    assert KeyRange("BL", 0, 0).label() == "Bl"
    assert KeyRange("", 0, 0).label() == "#" and KeyRange("", 0, 0).slug() == "other"
    assert KeyRange("SH").label() == "Sh"


NAMES = st.text(alphabet=string.ascii_uppercase[:6], min_size=0, max_size=4)


@given(st.lists(NAMES, max_size=60), NAMES, st.integers(min_value=1, max_value=8))
def test_an_added_item_leaves_every_range_it_does_not_fall_in_as_it_was(
    keys: list[str], added: str, most: int
) -> None:
    before = split_by_key([(key, n) for n, key in enumerate(keys)], most)
    after = split_by_key([*((key, n) for n, key in enumerate(keys)), (added, len(keys))], most)
    assert sorted(n for _, items in after for n in items) == list(range(len(keys) + 1))
    for keys_range, items in before:
        if not _holds(keys_range, added):
            assert (keys_range, items) in after


def _holds(keys: KeyRange, key: str) -> bool:
    """Whether `key` falls in the range."""
    if not key.startswith(keys.prefix):
        return False
    rest = key[len(keys.prefix) :]
    letter = string.ascii_uppercase.index(rest[0]) + 1 if rest else 0
    return keys.first <= letter <= keys.last
