"""Pagefind's search script with a result's words split once (generator.store.searchscript)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from devkit.browser import opened_page
from generator.store import search
from generator.store.searchscript import (
    SCRIPTS,
    SPLIT_EACH_TIME,
    SPLIT_ONCE,
    split_words_once,
    with_words_split_once,
)
from tests.conftest import needs_chromium
from tests.store.test_search import small_site


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = small_site(tmp_path_factory.mktemp("site"))
    search.index_site(site)
    return site / search.BUNDLE


def test_every_bundle_built_has_its_words_split_once(indexed: Path) -> None:
    for shard in ("articles", "profiles"):
        for name in SCRIPTS:
            script = (indexed / shard / name).read_text(encoding="utf-8")
            assert SPLIT_ONCE in script and SPLIT_EACH_TIME not in script, (shard, name)


def test_a_bundle_kept_from_before_is_changed_in_place_of_its_link(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    script = f"let a=1;{SPLIT_EACH_TIME}return 1;}};"
    for name in SCRIPTS:
        (old / name).write_text(script, encoding="utf-8")
        (new / name).hardlink_to(old / name)
    split_words_once(new)
    split_words_once(new)  # once changed, left as it is
    for name in SCRIPTS:
        assert (old / name).read_text(encoding="utf-8") == script
        assert (new / name).read_text(encoding="utf-8") == f"let a=1;{SPLIT_ONCE}return 1;}};"


def test_another_pagefinds_script_is_left_as_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert with_words_split_once("var build_excerpt=()=>{};") is None
    for name in SCRIPTS:
        (tmp_path / name).write_text("var build_excerpt=()=>{};", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        split_words_once(tmp_path)
    assert (tmp_path / SCRIPTS[0]).read_text(encoding="utf-8") == "var build_excerpt=()=>{};"
    assert "not as expected" in caplog.text


def excerpt_function(script: str, start: str) -> str:
    """The text that defines `build_excerpt` (and what it keeps) in Pagefind's `script`."""
    begin = script.index(start)
    return script[begin : script.index("var calculate_sub_results=", begin)]


# Pagefind's build_excerpt and the one that splits once, called alike in turn: texts separated by
# spaces and by zero-width spaces, the same text again with other marks (a mark must not stay
# on the next excerpt's words), excerpts cut at a section's start and end.
SAME_EXCERPTS = """([before, after]) => {
    const made = (source) => new Function(source + "; return build_excerpt;")();
    const each_time = made(before), once = made(after);
    const long = Array.from({length: 400}, (_, i) => "word" + i + (i % 7 ? "" : "\\n")).join(" ");
    const zws = Array.from({length: 50}, (_, i) => "w" + i).join("\\u200B");
    const calls = [
        [long, 0, 30, [1, 5, 9], undefined, undefined],
        [long, 100, 30, [101, 120], 90, 140],
        [long, 100, 30, [102], 90, 140],
        [long, 390, 30, [395], 380, undefined],
        [zws, 3, 10, [4, 5], undefined, undefined],
        [long, 10, 12, [], 0, 15],
        [zws, 0, 10, [0], 0, 3],
        ["short text", 0, 30, [1], undefined, undefined],
        [long, 0, 30, [2, 3], undefined, undefined],
    ];
    return calls.map((args) => [each_time(...args), once(...args)]);
}"""


@pytest.mark.browser
@needs_chromium
def test_the_excerpts_are_pagefinds(indexed: Path, browser: Any) -> None:
    script = (indexed / "profiles" / "pagefind-worker.js").read_text(encoding="utf-8")
    pagefinds = script.replace(SPLIT_ONCE, SPLIT_EACH_TIME)  # as Pagefind wrote it
    before = excerpt_function(pagefinds, "var build_excerpt=")
    after = excerpt_function(script, "var excerpt_text=")
    with opened_page(browser) as page:
        pairs = page.evaluate(SAME_EXCERPTS, [before, after])
    assert len(pairs) == 9
    for each_time, once in pairs:
        assert once == each_time
    assert "<mark>word101</mark>" in pairs[1][0]["excerpt"]
    assert "<mark>word101</mark>" not in pairs[2][0]["excerpt"]
