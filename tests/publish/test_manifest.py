"""The published-build record (generator.publish.manifest): this build's manifest, its JSON, and
its file, which is read tolerantly (a corrupt file is a first build) and written atomically."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from generator.model import (
    PARAGRAPH,
    Article,
    Block,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    Quote,
    Span,
)
from generator.publish import manifest
from generator.publish.manifest import (
    PUBLISHED,
    Item,
    Published,
    Record,
    build_date,
    load_published,
    parse_published,
    person_anchors,
    published_json,
    published_state,
    save_published,
)

TEXT = "Ann Lee said “we will stay” on Monday."


def dossier(*extra_articles: str) -> Dossier:
    """One article with Ann Lee and her quote; `extra_articles` add articles by id, unquoted."""
    articles = [
        Article("a1", "a1.md", "First", (Block("p1", PARAGRAPH, TEXT),), published="2024-01-02")
    ]
    articles += [
        Article(a, f"{a}.md", a.title(), (Block("p1", PARAGRAPH, "Nothing."),))
        for a in extra_articles
    ]
    ann = Person("ann-lee", "Ann Lee", (), "subject", (Span("a1", "p1", 0, 7, "Ann Lee"),))
    quote = DossierQuote("a1-q1", Quote(Span("a1", "p1", 14, 26, "we will stay"), "ann-lee"))
    return Dossier(tuple(articles), (ann,), (), (quote,))


def test_a_first_build_records_everything_as_new() -> None:
    state = published_state(dossier(), Published(), {"old": "ann-lee"}, "2024-01-03")
    assert state.articles == ("a1",) and state.quotes == ("a1-q1",)
    assert state.people == {"ann-lee": "ann lee"} == state.addresses
    assert state.anchors == {"ann-lee": ("a1#p1:0-7",)}
    assert state.redirects == {"old": "ann-lee"}
    (record,) = state.history
    assert record.date == "2024-01-03" and record.counts == (1, 1, 1)
    assert record.articles == (Item("a1", "First", "articles/a1.md"),)
    assert record.people == (Item("ann-lee", "Ann Lee", "people/ann-lee.md"),)
    assert record.quotes == (Item("a1-q1", "“we will stay” — Ann Lee", "articles/a1.md#p1"),)


def test_a_build_that_adds_nothing_adds_no_record_and_the_history_is_bounded() -> None:
    first = published_state(dossier(), Published(), {}, "2024-01-03")
    assert published_state(dossier(), first, {}, "2024-01-04").history == first.history
    second = published_state(dossier("a2"), first, {}, "2024-01-04")
    assert [r.counts for r in second.history] == [(1, 0, 0), (1, 1, 1)]
    assert second.history[0].articles == (Item("a2", "A2", "articles/a2.md"),)
    long = dataclasses.replace(first, history=first.history * (manifest.HISTORY + 5))
    assert len(published_state(dossier("a3"), long, {}, "2024-01-05").history) == manifest.HISTORY


def test_the_anchors_are_the_first_mentions_in_a_fixed_order() -> None:
    spans = [Span("b", "p2", 5, 9, "x"), Span("a", "p1", 0, 3, "y"), Span("a", "p9", 1, 2, "z")]
    spans.append(Span("a", "p1", 10, 12, "w"))
    assert person_anchors(reversed(spans)) == person_anchors(spans)
    assert person_anchors(spans) == ["a#p1:0-3", "a#p1:10-12", "a#p9:1-2"]


def test_the_build_date_comes_from_source_date_epoch_else_the_newest_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = dossier("undated").articles
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date(articles) == "2024-01-02"
    assert build_date([]) == manifest.EPOCH
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(articles) == "2023-11-14"


def test_a_record_is_dated_by_its_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert manifest.record_date() == "2023-11-14"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    today = dt.datetime.now(dt.UTC).date()
    assert manifest.record_date() in {today.isoformat(), (today + dt.timedelta(1)).isoformat()}


def test_the_json_reads_back_the_same_and_names_its_format() -> None:
    state = published_state(dossier("a2"), Published(), {"x": "ann-lee"}, "2024-01-03")
    text = published_json(state)
    assert json.loads(text)["format"] == manifest.FORMAT
    assert parse_published(text) == state
    assert published_json(parse_published(text)) == text
    assert parse_published(published_json(Published())) == Published()


def test_the_file_is_written_and_read_back(tmp_path: Path) -> None:
    state = published_state(dossier(), Published(), {}, "2024-01-03")
    save_published(tmp_path / "cache", state)
    assert load_published(tmp_path / "cache") == state
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [PUBLISHED]
    assert load_published(tmp_path / "absent") == Published()


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": 1, "articles": [',  # truncated
        b'{"format": 99}',  # another format
        b"[1, 2]",  # not an object
        b'{"format": 1, "articles": []}',  # keys missing
        b'{"format": 1, "articles": [], "people": [], "anchors": {}, "quotes": [],'
        b' "redirects": {}, "history": []}',  # a list where a mapping belongs
        b"\xff\xfe not text",
        b"[" * 100_000 + b"]" * 100_000,  # nested deeper than the parser goes
    ],
)
def test_an_unreadable_file_is_a_first_build_and_is_logged(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / PUBLISHED).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="generator.publish.manifest"):
        assert load_published(tmp_path) == Published()
    assert f"ignoring unreadable {tmp_path / PUBLISHED}" in caplog.text


def test_a_file_that_cannot_be_written_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator.publish.manifest"):
        save_published(blocked, Published())
    assert "cannot write" in caplog.text


def test_a_record_is_empty_when_it_counts_nothing() -> None:
    assert Record("r", "2024-01-01", (), (), ()).empty
    assert not Record("r", "2024-01-01", (), (), (), (0, 0, 1)).empty


# -- a hostile file ----------------------------------------------------------------------------


def record_json(**fields: object) -> dict[str, Any]:
    """A record of one build as published.json keeps it, with `fields` replaced."""
    base = {
        "id": "0123456789abcdef",
        "date": "2024-01-03",
        "articles": [["a1", "First", "articles/a1.md"]],
        "people": [["ann-lee", "Ann Lee", "people/ann-lee.md"]],
        "quotes": [["a1-q1", "“We spoke.” — Ann Lee", "articles/a1.md#p1"]],
        "counts": [1, 1, 1],
    }
    return {**base, **fields}


def manifest_json(history: list[Any] | None = None, **fields: object) -> dict[str, Any]:
    base = {
        "format": 1,
        "articles": ["a1"],
        "people": {"ann-lee": "ann lee"},
        "anchors": {"ann-lee": ["a1#p1:0-7"]},
        "quotes": ["a1-q1"],
        "redirects": {},
        "history": [record_json()] if history is None else history,
    }
    return {**base, **fields}


# Values of the wrong type or form, each where the what's-new page or the feed would print it
# (red-team item 13): the manifest is corrupt.
WRONG = {
    "a date that closes the element": manifest_json([record_json(date="2024-01-03</updated><x>")]),
    "a date that is no day": manifest_json([record_json(date="2024-13-45")]),
    "a date as a number": manifest_json([record_json(date=20240103)]),
    "a build id with attributes": manifest_json([record_json(id='0" onclick="alert(1)')]),
    "a build id of attr_list": manifest_json([record_json(id="x } {: onclick=alert(1)")]),
    "a build id as a number": manifest_json([record_json(id=5)]),
    "an anchor that ends the link": manifest_json(
        [record_json(quotes=[["q", "x", "articles/a1.md#p1) <script>alert(1)</script>"]])]
    ),
    "an anchor that ends the attribute": manifest_json(
        [record_json(quotes=[["q", "x", 'articles/a1.md#p1" onmouseover="alert(1)']])]
    ),
    "a label as a number": manifest_json([record_json(articles=[["a1", 5, "articles/a1.md"]])]),
    "a label with a lone surrogate": manifest_json(
        [record_json(articles=[["a1", "\ud800", "x.md"]])]
    ),
    "a label with a control character": manifest_json(
        [record_json(articles=[["a1", "a\x01", "x.md"]])]
    ),
    "an item as text": manifest_json([record_json(articles=["abc"])]),
    "an item of two fields": manifest_json([record_json(articles=[["a1", "First"]])]),
    "a count as text": manifest_json([record_json(counts=["1", 1, 1])]),
    "a count true": manifest_json([record_json(counts=[True, 1, 1])]),
    "a count below the items listed": manifest_json([record_json(counts=[0, 1, 1])]),
    "two counts": manifest_json([record_json(counts=[1, 1])]),
    "a record with an extra key": manifest_json([{**record_json(), "html": "<b>"}]),
    "a record as a list": manifest_json([[1, 2]]),
    "articles as text": manifest_json(articles="abc"),
    "an id that is a number": manifest_json(quotes=[1]),
    "a name key that is a number": manifest_json(people={"ann-lee": 1}),
    "anchors as text": manifest_json(anchors={"ann-lee": "a1#p1:0-7"}),
    "a redirect to a list": manifest_json(redirects={"old": ["ann-lee"]}),
    "format true": manifest_json(format=True),
    "an extra key": {**manifest_json(), "script": "x"},
}


@pytest.mark.parametrize("data", WRONG.values(), ids=WRONG.keys())
def test_a_manifest_with_a_wrong_value_is_corrupt_and_logged(
    data: dict[str, Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / PUBLISHED).write_text(json.dumps(data), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="generator.publish.manifest"):
        assert load_published(tmp_path) == Published()
    assert "ignoring unreadable" in caplog.text


# -- organisations (format 2) ------------------------------------------------------------------


def organised() -> Dossier:
    mdc = Organisation(
        "movement-for-democratic-change",
        "The Movement for Democratic Change",
        ("MDC",),
        "party",
        (Span("a1", "p1", 0, 3, "Ann"),),
    )
    return dataclasses.replace(dossier(), organisations=(mdc,))


def test_organisations_are_recorded_with_their_name_key_anchors_and_redirects() -> None:
    moved = {"mdc": "movement-for-democratic-change"}
    state = published_state(organised(), Published(), {}, "2024-01-03", moved)
    assert state.organisation_addresses == {
        "movement-for-democratic-change": "movement for democratic change"
    }
    assert state.organisation_anchors == {"movement-for-democratic-change": ("a1#p1:0-3",)}
    assert state.organisation_redirects == moved
    assert parse_published(published_json(state)) == state
    assert json.loads(published_json(state))["format"] == manifest.FORMAT == 2


def test_a_manifest_of_format_1_keeps_its_people_and_has_no_organisations(
    tmp_path: Path,
) -> None:
    (tmp_path / PUBLISHED).write_text(json.dumps(manifest_json()), encoding="utf-8")
    state = load_published(tmp_path)
    assert state.people == {"ann-lee": "ann lee"}
    assert state.organisations == {} and state.organisation_redirects == {}


@pytest.mark.parametrize(
    "extra",
    [
        {},  # format 2 without the organisations' keys
        {"organisations": {"a": 1}, "organisation_anchors": {}, "organisation_redirects": {}},
        {"organisations": {}, "organisation_anchors": {"a": "x"}, "organisation_redirects": {}},
    ],
)
def test_a_format_2_manifest_with_wrong_organisations_is_corrupt(
    extra: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / PUBLISHED).write_text(json.dumps(manifest_json(format=2, **extra)))
    assert load_published(tmp_path) == Published()


def test_a_record_lists_the_new_organisations_and_reads_back() -> None:
    first = published_state(dossier(), Published(), {}, "2024-01-03")
    assert first.history[0].organisations == () and first.history[0].organisation_count == 0
    state = published_state(organised(), first, {}, "2024-01-04")
    record = state.history[0]
    assert record.organisation_count == 1 and not record.empty
    (body,) = record.organisations
    assert body.page == "organisations/movement-for-democratic-change.md"
    assert parse_published(published_json(state)) == state
    again = published_state(organised(), state, {}, "2024-01-05")
    assert again.history == state.history  # nothing new: no record


def test_a_record_written_before_organisations_reads_with_none() -> None:
    state = published_state(dossier(), Published(), {}, "2024-01-03")
    data = json.loads(published_json(state))
    for record in data["history"]:
        del record["organisations"], record["organisation_count"]
    (record,) = parse_published(json.dumps(data)).history
    assert record.organisations == () and record.organisation_count == 0
    assert record.counts == (1, 1, 1)
