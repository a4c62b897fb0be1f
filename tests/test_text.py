"""Small string helpers: normalised text, decoding, binary sniffing, slugs, sentence breaks."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator import lexicon
from generator.text import (
    FEW_WORDS,
    MAX_SLUG,
    content_hash,
    decode,
    decoded_text,
    literal_spans,
    literal_trie_pattern,
    looks_binary,
    nfkc_casefold,
    normalized_text,
    not_after_abbreviation,
    slug,
    without_accents,
)


def test_normalized_text_drops_bom_and_controls_and_composes() -> None:
    assert normalized_text("\ufeffa\r\nb\rc\x02e\u0301") == "a\nb\ncé"


def test_decode_reads_utf8_and_falls_back_to_windows_1252() -> None:
    assert (decode("café".encode()).text, decode("café".encode()).encoding) == ("café", "utf-8")
    assert decode("\ufeffhi".encode("utf-8-sig")).text == "hi"
    fallback = decode("café – “x”".encode("cp1252"))
    assert (fallback.text, fallback.encoding) == ("café – “x”", "cp1252")
    assert decoded_text(b"\x81x") == "x"  # an unused cp1252 byte is read as Latin-1, a control


def test_looks_binary_on_a_nul_byte_or_many_controls() -> None:
    assert looks_binary(b"a\x00b")
    assert not looks_binary(b"plain text\n\twith a tab\r\n")
    assert looks_binary(b"\x01\x01" + b"a" * 100)
    assert not looks_binary(b"\x01\x01" + b"a" * 300)


def test_slug_is_readable_ascii_and_the_same_for_case_and_unicode_forms() -> None:
    assert slug("Masoud Pezeshkian") == "masoud-pezeshkian"
    assert slug("Łukasz Żak") == "lukasz-zak"
    assert slug("MASOUD  Pezeshkian") == slug("masoud pezeshkian")
    assert slug("Jose\u0301") == slug("Jos\u00e9") == "jose"


def test_slug_of_another_script_or_a_long_name_keeps_a_hash() -> None:
    assert re.fullmatch(r"x-[0-9a-f]{8}", slug("Владимир Путин"))
    assert slug("Владимир Путин") != slug("Дмитрий Медведев")
    long = slug("a " * 100)
    assert len(long) <= MAX_SLUG and re.search(r"-[0-9a-f]{8}$", long)
    assert slug("!!!") != "" and "/" not in slug("../etc/passwd")


def test_nfkc_casefold_folds_width_and_sharp_s() -> None:
    assert nfkc_casefold("ＳTRASSE") == nfkc_casefold("Straße") == "strasse"


def test_no_sentence_break_after_an_abbreviation() -> None:
    breaks = re.compile(not_after_abbreviation(r"\.") + r"(?<=\.)\s")
    assert [m.start() for m in breaks.finditer("Dr. Lee left. Then Aug. 5 came.")] == [13]


def test_content_hash_is_sha256_of_utf8() -> None:
    assert content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert content_hash("é") != content_hash("e")


@given(
    st.lists(st.text(alphabet="ab .'-", min_size=1, max_size=6), min_size=1, max_size=12),
    st.text(alphabet="ab .'-x", max_size=60),
)
def test_a_trie_pattern_matches_what_the_longest_first_alternation_matches(
    words: list[str], text: str
) -> None:
    def spans(group: str) -> list[tuple[int, int]]:
        pattern = re.compile(r"(?<![\w-])(" + group + r")(?![\w])")
        return [m.span() for m in pattern.finditer(text)]

    assert spans(literal_trie_pattern(words)) == spans(lexicon.alternation(words))


@given(
    st.lists(st.text(alphabet="ab .'-_é1", min_size=0, max_size=6), max_size=FEW_WORDS + 3),
    st.text(alphabet="ab .'-_é1x", max_size=80),
    st.booleans(),
)
def test_literal_spans_are_what_the_trie_pattern_finds(
    words: list[str], text: str, hyphen_after: bool
) -> None:
    after = r"[\w-]" if hyphen_after else r"\w"
    pattern = re.compile(rf"(?<![\w-]){literal_trie_pattern(words)}(?!{after})")
    expected = [m.span() for m in pattern.finditer(text)]
    assert literal_spans(text, words, hyphen_after) == expected


def test_a_trie_pattern_of_nothing_matches_nothing() -> None:
    assert re.search(literal_trie_pattern([]), "anything") is None
    assert re.fullmatch(literal_trie_pattern(["Ann", "Ann Lee"]), "Ann Lee")


def test_without_accents_keeps_case_and_other_scripts() -> None:
    assert without_accents("Erdoğan Müller-Łódź") == "Erdogan Muller-Lodz"
    assert without_accents("Путин") == "Путин"  # no accents to take off; the letters stay


@given(st.text())
def test_without_accents_is_idempotent(text: str) -> None:
    once = without_accents(text)
    assert without_accents(once) == once
