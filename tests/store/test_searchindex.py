"""Pagefind's index made reproducible (generator.store.searchindex)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from generator.store import searchindex as si

NUMBERS = [0, 23, 24, 255, 256, 70_000, 2**40, -1, -500]
OTHERS = ["", "é", b"\x00", [], [1, [2, "x"]], {"a": 1}, True, False, None, "x" * 300]


@pytest.mark.parametrize("item", [*NUMBERS, *OTHERS, list(range(30))])
def test_cbor_reads_back_what_it_writes(item: object) -> None:
    assert si.decoded(si.encoded(item)) == item


def test_cbor_lengths_are_in_their_shortest_form() -> None:
    assert si.encoded(23) == b"\x17"
    assert si.encoded(24) == b"\x18\x18"
    assert si.encoded("ab") == b"\x62ab"
    assert si.encoded([1, 2]) == b"\x82\x01\x02"


def test_unknown_cbor_is_refused() -> None:
    with pytest.raises(si.Unreadable):
        si.decoded(b"\x9f\x01\xff")  # an indefinite-length array
    with pytest.raises(si.Unreadable):
        si.decoded(b"\x01\x02")


def test_a_filters_values_are_sorted() -> None:
    item = ["kind", [["quote", [0]], ["article", [1]], ["person", [2, 3]]]]
    assert si.sorted_filter(item) == [
        "kind",
        [["article", [1]], ["person", [2, 3]], ["quote", [0]]],
    ]


def test_a_file_is_read_only_when_it_writes_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "x.pf_filter"
    path.write_bytes(si.pagefind_bytes(["year", [["2024", [1]]]]))
    assert si.read_pagefind(path) == ["year", [["2024", [1]]]]
    path.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(si.Unreadable):
        si.read_pagefind(path)


def test_an_unreadable_bundle_is_left_as_it_is_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    si.make_reproducible(tmp_path)
    assert "may differ between builds" in caplog.text


def test_index_chunks_are_stored_unpacked_once(tmp_path: Path) -> None:
    index = tmp_path / "index"
    index.mkdir()
    packed = index / "en_1234567.pf_index"
    content = si.SIGNATURE + si.encoded([["word", [1, 2]]])
    packed.write_bytes(gzip.compress(content, mtime=0))
    linked = tmp_path / "previous.pf_index"
    os.link(packed, linked)  # a file of the previous site, linked into this one
    assert si.unpack_chunks(tmp_path) == 1
    assert packed.read_bytes() == content
    assert linked.read_bytes() == gzip.compress(content, mtime=0)  # not written through
    assert si.unpack_chunks(tmp_path) == 0
    assert packed.read_bytes() == content


def test_a_chunk_that_is_not_pagefinds_is_left_as_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "index").mkdir()
    for name, data in [("a.pf_index", b"not gzip"), ("b.pf_index", gzip.compress(b"other"))]:
        (tmp_path / "index" / name).write_bytes(data)
    assert si.unpack_chunks(tmp_path) == 0
    assert (tmp_path / "index" / "a.pf_index").read_bytes() == b"not gzip"
    assert caplog.text.count("is not a Pagefind index chunk") == 2
