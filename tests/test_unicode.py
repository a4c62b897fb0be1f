"""generator.unicode: names as they look, and text whose unseen characters are shown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.unicode import plain_name, shown


def test_a_name_is_the_name_it_looks_like() -> None:
    assert plain_name("An\u200dna Berg\u202c") == "Anna Berg"
    assert plain_name("Anna\u3164Berg") == "Anna Berg"  # a Hangul filler is drawn as a blank
    assert plain_name("Ber\u00adg") == "Berg"
    assert plain_name("\u200b") == ""


UNSEEN = "\u061c\u200b\u200c\u200d\u200e\u202a\u202e\u2066\u2069\ufeff\u00ad\U000e0041"


@given(st.text(alphabet=st.sampled_from([*UNSEEN, "a", "B", " ", "é"])))
def test_a_plain_name_has_nothing_unseen_left(text: str) -> None:
    name = plain_name(text)
    assert not set(UNSEEN) & set(name)
    assert plain_name(name) == name


def test_unseen_characters_are_shown_as_markers() -> None:
    assert shown("\u202eAnna\u202c") == "⟨U+202E⟩Anna⟨U+202C⟩"
    assert shown("Ber\u00adg, \U000e0041") == "Ber\u00adg, ⟨U+E0041⟩"  # a soft hyphen may stay
    assert shown("plain") == "plain"
