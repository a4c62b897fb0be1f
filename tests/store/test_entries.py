"""The analysis cache's entry format (generator.store.entries): every dataclass written as JSON
and read back the same; anything else in an entry file is MalformedEntry, never another error,
never code (red-team item 13)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import (
    CAPTION,
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Claim,
    CountryRef,
    OrgRef,
    PersonRef,
    Quote,
    Span,
)
from generator.store.entries import FORMAT, MalformedEntry, entry_analysis, entry_bytes

KEY = "k" * 64
TEXT = "Minister Ann Smith said “we stay” in Paris."
ARTICLE = Article(
    id="a1",
    path="/x/a1.md",
    title="Title",
    blocks=(Block("p1", PARAGRAPH, TEXT), Block("p2", CAPTION, "Ann Smith.", credit="Bob Ray/AFP")),
    published="2024-01-02",
)


def span(start: int, end: int, block: str = "p1") -> Span:
    text = ARTICLE.block(block).text
    return Span("a1", block, start, end, text[start:end])


def rich_analysis(name: str = "Ann Smith") -> ArticleAnalysis:
    """One of each dataclass, every field set."""
    ann = PersonRef(
        key="ann-smith",
        name=name,
        aliases=("Smith", "Ann"),
        mentions=(span(9, 18), span(0, 9, "p2")),
        roles=(Claim("Minister", span(0, 8)),),
        countries=(Claim("FR", span(36, 41)),),
        organisations=(Claim("paris", span(0, 8)),),
    )
    bob = PersonRef("bob-ray", "Bob Ray", (), (), kind="credit", credit_role="photographer")
    quote = Quote(span(25, 32), "ann-smith", "Ann Smith", "said", "", "2024-01-02", True, "name")
    unsaid = Quote(span(33, 35), None, speaker_org="paris")
    paris = OrgRef("paris", "Paris", ("Paris",), (span(36, 41),), "government", ())
    return ArticleAnalysis(
        ARTICLE, (ann, bob), (CountryRef("FR", span(36, 41)),), (quote, unsaid), (paris,)
    )


def entry(analysis: ArticleAnalysis | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(entry_bytes(KEY, analysis or rich_analysis()))
    return data


def read(data: object) -> ArticleAnalysis:
    return entry_analysis(json.dumps(data).encode(), KEY, ARTICLE)


def test_every_field_reads_back_the_same() -> None:
    analysis = rich_analysis()
    assert entry_analysis(entry_bytes(KEY, analysis), KEY, ARTICLE) == analysis
    assert entry()["format"] == FORMAT


def test_the_article_is_the_one_handed_in_not_stored() -> None:
    moved = Article(**{**vars(ARTICLE), "path": "/elsewhere/a1.md"})
    assert entry_analysis(entry_bytes(KEY, rich_analysis()), KEY, moved).article is moved
    assert "Title" not in entry_bytes(KEY, rich_analysis()).decode()


def test_a_lone_surrogate_in_a_name_reads_back() -> None:
    analysis = rich_analysis("Ann \ud800 Smith")
    assert entry_analysis(entry_bytes(KEY, analysis), KEY, ARTICLE) == analysis


def test_the_seed_articles_analysis_reads_back(seed_analysis: ArticleAnalysis) -> None:
    data = entry_bytes(KEY, seed_analysis)
    assert entry_analysis(data, KEY, seed_analysis.article) == seed_analysis


def edited(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    """A valid entry with the value at `path` replaced."""
    data = entry()
    *inner, last = path
    target = data
    for step in inner:
        target = target[step]
    target[last] = value
    return data


PERSON, MENTION, QUOTE = ("people", 0), ("people", 0, 3, 0), ("quotes", 0)
WRONG = {
    "format as text": edited(("format",), str(FORMAT)),
    "an older format": edited(("format",), 2),
    "format true": edited(("format",), True),
    "another key": edited(("key",), "x" * 64),
    "people as a mapping": edited(("people",), {}),
    "a person of 8 fields": edited(PERSON, entry()["people"][0][:8]),
    "a tie to no organisation": edited((*PERSON, 8, 0, 0), "nowhere"),
    "a speaker_org of no organisation": edited(("quotes", 1, 8), "nowhere"),
    "an organisation of 5 fields": edited(("organisations", 0), entry()["organisations"][0][:5]),
    "an organisation kind that is null": edited(("organisations", 0, 4), None),
    "a name that is a number": edited((*PERSON, 1), 7),
    "an alias that is null": edited((*PERSON, 2, 0), None),
    "a kind that is a list": edited((*PERSON, 4), ["subject"]),
    "a start as text": edited((*MENTION, 2), "9"),
    "a start true": edited((*MENTION, 2), True),
    "a start as a float": edited((*MENTION, 2), 9.0),
    "a start that is not a number": edited((*MENTION, 2), float("nan")),
    "an end past the block": edited((*MENTION, 3), len(TEXT) + 1),
    "a negative start": edited((*MENTION, 2), -1),
    "a start after the end": edited((*MENTION, 2), 19),
    "a block of no article": edited((*MENTION, 1), "p99"),
    "a span of another article": edited((*MENTION, 0), "a2"),
    "a span of 4 fields": edited(MENTION, entry()["people"][0][3][0][:4]),
    "a claim value that is null": edited((*PERSON, 6, 0, 0), None),
    "a country code that is a list": edited(("countries", 0, 0), ["FR"]),
    "a speaker of no person": edited((*QUOTE, 1), "nobody"),
    "a speaker that is a number": edited((*QUOTE, 1), 3),
    "partial as a number": edited((*QUOTE, 6), 1),
    "via null": edited((*QUOTE, 7), None),
    "an extra key": {**entry(), "code": "import os"},
    "a key missing": {k: v for k, v in entry().items() if k != "quotes"},
    "a list": [FORMAT, KEY],
    "a string": "entry",
    "null": None,
}


@pytest.mark.parametrize("data", WRONG.values(), ids=WRONG.keys())
def test_a_wrong_type_or_shape_is_malformed(data: object) -> None:
    with pytest.raises(MalformedEntry):
        read(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"{",
        b"\xff\xfe{}",
        b"[" * 100_000 + b"]" * 100_000,
        b"\x80\x04\x95 a pickle",
        b'{"format": 3, "key": "' + KEY.encode() + b'", "people": [[' * 50_000,
    ],
    ids=["empty", "truncated", "not-utf8", "deep", "pickle", "deep-inside"],
)
def test_bytes_that_are_not_an_entry_are_malformed(data: bytes) -> None:
    with pytest.raises(MalformedEntry):
        entry_analysis(data, KEY, ARTICLE)


def leaves(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value in a JSON document (containers included, the root excepted)."""
    found = [path] if path else []
    if isinstance(value, dict):
        items: list[tuple[Any, object]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        items = []
    for step, inner in items:
        found += leaves(inner, (*path, step))
    return found


PATHS = leaves(entry())
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATHS), JSON)
def test_any_value_anywhere_reads_as_an_analysis_or_is_malformed(
    path: tuple[Any, ...], value: object
) -> None:
    data = edited(path, copy.deepcopy(value))
    try:
        analysis = read(data)
    except MalformedEntry:
        return
    assert isinstance(analysis, ArticleAnalysis)
    assert entry(analysis) == data  # what was read is what the entry says, nothing more
