"""The reader: what an article file may hold, and every way it can be refused (file and line)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import ContentError, ContentErrors
from generator.ingest import reader
from generator.ingest.check import check_content
from generator.ingest.reader import parse_article
from generator.nlp.layout import article_layout
from generator.settings import load_settings

LIMIT = 1_000_000  # spaCy's default nlp.max_length: the longest text one Doc may hold


def article_text(body: str, front: str = "title: T\n") -> str:
    return f"---\n{front}---\n\n{body}\n"


def write(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    return code, out + err


TITLED = len("\n\nT")  # what the title "T" adds to the analysed text, after the body


def body_of_length(length: int, paragraph: int = 999) -> str:
    """A body whose analysed text (blocks joined by blank lines, then the title "T") is
    `length` characters."""
    remaining = length - TITLED
    parts: list[str] = []
    while remaining > 0:
        size = min(paragraph, remaining - (2 if parts else 0))
        if size < 1:  # no room for a blank line and a paragraph: the last one grows
            parts[-1] += "x" * remaining
            break
        parts.append("x" * size)
        remaining -= size + (2 if len(parts) > 1 else 0)
    return "\n\n".join(parts)


# -- size (red-team item 7) -----------------------------------------------------------------------


def test_check_refuses_an_article_longer_than_the_analysis_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "long.md", article_text(body_of_length(LIMIT + 1)))
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "long.md:5: error: article text is 1,000,001 characters" in out
    assert "1,000,000-character limit" in out


def test_an_article_of_exactly_the_limit_is_read() -> None:
    article = parse_article(article_text(body_of_length(LIMIT)), "a.md", "a")
    assert len(article_layout(article).text) == LIMIT


def test_the_limit_is_the_models_max_length(nlp: Any) -> None:
    assert reader.MAX_CHARS == LIMIT <= nlp.max_length


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8"), max_size=30), max_size=20),
    st.integers(min_value=0, max_value=400),
)
def test_the_limit_counts_the_text_the_analysis_reads(paragraphs: list[str], limit: int) -> None:
    text = article_text("\n\n".join(paragraphs) or "x")
    try:
        article = parse_article(text, "a.md", "a")
    except ContentError:
        return
    analysed = len(article_layout(article).text)
    with mock.patch.object(reader, "MAX_CHARS", limit):
        if analysed > limit:
            with pytest.raises(ContentError, match=f"{analysed:,} characters"):
                parse_article(text, "a.md", "a")
        else:
            parse_article(text, "a.md", "a")


# -- dates (red-team item 8) -------------------------------------------------------------------

EARLIEST, LATEST = dt.date(1970, 1, 1), dt.date(2105, 12, 31)


def epoch_of(date: dt.date) -> int:
    return int(dt.datetime.combine(date, dt.time(), dt.UTC).timestamp())


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.dates(),
        st.dates(EARLIEST - dt.timedelta(days=3), EARLIEST + dt.timedelta(days=3)),
        st.dates(LATEST - dt.timedelta(days=3), dt.date(2106, 3, 1)),
    )
)
def test_a_date_is_read_only_when_the_site_can_carry_it(date: dt.date) -> None:
    """MkDocs dates the sitemap's gzip file by the newest article: seconds since 1970 in 32 bits."""
    text = article_text("Body.", f"title: T\npublished: {date.isoformat()}\n")
    if EARLIEST <= date <= LATEST:
        assert parse_article(text, "a.md", "a").published == date.isoformat()
        gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", mtime=epoch_of(date)).close()
    else:
        with pytest.raises(ContentError, match=r"^a\.md:3: published .* is not between"):
            parse_article(text, "a.md", "a")


def test_check_names_a_date_out_of_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.md", article_text("Text.", "title: A\npublished: 2204-03-01\n"))
    write(tmp_path, "b.md", article_text("Text.", "title: B\npublished: 1969-07-20\n"))
    code, out = run_check(tmp_path, capsys)
    assert code == 2
    assert "a.md:3: error: published 2204-03-01 is not between 1970-01-01 and 2105-12-31" in out
    assert "b.md:3: error: published 1969-07-20 is not between" in out


# -- lone surrogates (red-team item 9) -------------------------------------------------------

SURROGATES = st.integers(min_value=0xD800, max_value=0xDFFF).map(chr)
PLAIN = st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=10)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["title", "deck", "author", "publisher", "url"]), PLAIN, SURROGATES, PLAIN)
def test_a_lone_surrogate_in_the_front_matter_is_refused_at_its_line(
    key: str, before: str, surrogate: str, after: str
) -> None:
    """YAML's \\uD800 escape makes a str that is no text: it cannot be written as UTF-8."""
    value = json.dumps(f"{before}{surrogate}{after}")  # ASCII, the surrogate as an escape
    front = f"{key}: {value}\n" + ("" if key == "title" else "title: T\n")
    with pytest.raises(ContentError, match=r"^a\.md:2: .*surrogate"):
        parse_article(article_text("Body.", front), "a.md", "a")


def test_check_names_a_lone_surrogate_in_the_curation_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.md", article_text("Anna Berg met Tomas Reyes."))
    (tmp_path / "content" / "curation.yml").write_text(
        'rename:\n  - id: anna-berg\n    name: "Anna \\uD800 Berg"\n', encoding="utf-8"
    )
    code, out = run_check(tmp_path, capsys)
    assert code == 2 and "curation.yml:3: error:" in out and "surrogate" in out


def test_add_refuses_an_option_that_is_not_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--author $'Anna \\xff Berg'`: Python keeps the byte as a lone surrogate (U+DCFF)."""
    paste = tmp_path / "paste.txt"
    paste.write_text("Talks\n\nAnna Berg met Tomas Reyes.\n", encoding="utf-8")
    code = main(["--root", str(tmp_path), "add", str(paste), "--author", "Anna \udcff Berg"])
    assert code == 1
    assert "--author" in capsys.readouterr().err
    assert not (tmp_path / "content" / "articles").exists()


# -- deeply nested YAML (red-team item 10) ----------------------------------------------------

NESTINGS = {
    "flow": lambda n: "[" * n,
    "flow-closed": lambda n: "[" * n + "]" * n,
    "mapping": lambda n: "{a: " * n + "}" * n,
    "block": lambda n: "\n  " + "- " * n + "x",
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(NESTINGS)),
    st.one_of(st.integers(1, 3000), st.sampled_from([20_000, 100_000])),
)
def test_nested_yaml_in_the_front_matter_is_read_or_refused_by_line(kind: str, depth: int) -> None:
    text = article_text("Body.", f"title: T\ndeck: {NESTINGS[kind](depth)}\n")
    try:
        parse_article(text, "a.md", "a")
    except ContentError as exc:
        assert exc.path == "a.md" and exc.line >= 3


def test_check_names_the_line_of_a_curation_file_nested_too_deep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.md", article_text("Anna Berg met Tomas Reyes."))
    for depth in (600, 20_000):
        (tmp_path / "content" / "curation.yml").write_text(
            "# corrections\ndrop: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
        )
        code, out = run_check(tmp_path, capsys)
        assert code == 2 and "curation.yml:2: error:" in out, out


def test_a_yaml_alias_bomb_is_refused_without_expanding_it() -> None:
    """Aliases of aliases: 9**7 items if anything turned the value into text."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 7)]
    front = "title: T\n" + "\n".join(levels) + "\npublished: *a6\n"
    with pytest.raises(ContentErrors) as caught:
        parse_article(article_text("Body.", front), "a.md", "a")
    assert "a.md:10: error: published (a list) is not a date" in str(caught.value.problems[-1])


# -- YAML quirks: duplicate keys, scalars read as numbers (red-team item 19) -------------------

LOOKALIKES = st.one_of(
    st.sampled_from(
        [
            *("0x1F", "0o17", "017", "1_000", "1.50", "1e3", ".inf", "-.Inf", ".NaN", "+12"),
            *("0b101", "yes", "No", "on", "OFF", "true", "y", "190:20:30", "2024-08-07"),
            "2001-12-14 21:59:43",
        ]
    ),
    st.integers().map(str),
    st.floats(allow_nan=False).map(repr),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["title", "deck", "author", "publisher"]), LOOKALIKES)
def test_a_text_field_keeps_its_text_as_written(key: str, text: str) -> None:
    """YAML 1.1 would read `title: 0x1F` as the number 31 and `deck: yes` as true."""
    front = f"{key}: {text}\n" + ("" if key == "title" else "title: T\n")
    assert getattr(parse_article(article_text("Body.", front), "a.md", "a"), key) == text


TIMESTAMPS = st.datetimes(
    dt.datetime(1970, 1, 2), dt.datetime(2105, 12, 30), timezones=st.just(None)
).flatmap(
    lambda moment: st.sampled_from(
        [
            moment.date().isoformat(),
            moment.isoformat(),
            moment.isoformat(" ") + "Z",
            moment.isoformat().replace("T", "t") + "+05:30",
            f"{moment.isoformat(' ')} -5",
            f'"{moment.date().isoformat()}"',
            moment.date().strftime("%Y%m%d"),
        ]
    )
)


@settings(max_examples=200, deadline=None)
@given(TIMESTAMPS)
def test_published_reads_every_yaml_timestamp_as_before(written: str) -> None:
    value = yaml.safe_load(f"published: {written}")["published"]
    expected = value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(expected, dt.date):
        expected = dt.date.fromisoformat(str(expected))
    text = article_text("Body.", f"title: T\npublished: {written}\n")
    assert parse_article(text, "a.md", "a").published == expected.isoformat()


FIELDS = ["title", "deck", "author", "publisher", "url", "published"]
VALUES = {"url": "https://example.org/a", "published": "2024-08-07"}


@settings(max_examples=100, deadline=None)
@given(st.permutations(FIELDS), st.sampled_from(FIELDS), st.integers(0, 6))
def test_a_key_given_twice_is_refused_at_its_second_line(
    order: list[str], twice: str, where: int
) -> None:
    lines = [f"{key}: {VALUES.get(key, 'Text')}" for key in order]
    first = lines.index(next(line for line in lines if line.startswith(f"{twice}:")))
    position = max(where, first + 1)
    lines.insert(position, f"{twice}: {VALUES.get(twice, 'Other')}")
    text = article_text("Body.", "\n".join(lines) + "\n")
    with pytest.raises(ContentError, match=rf"^a\.md:{position + 2}: .*'{twice}' is given twice"):
        parse_article(text, "a.md", "a")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.one_of(st.just(""), st.integers(0, 25).map(lambda h: f" {h:02d}:00:00")),
    st.sampled_from(["", "Z", " -5", "+99:00", "+05:30"]),
)
def test_an_impossible_date_is_an_error_not_a_crash(
    year: int, month: int, day: int, time: str, zone: str
) -> None:
    """`published: 2024-02-30` made YAML's timestamp constructor raise ValueError."""
    written = f"{year:04d}-{month:02d}-{day:02d}{time}{zone if time else ''}"
    text = article_text("Body.", f"title: T\npublished: {written}\n")
    try:
        published = parse_article(text, "a.md", "a").published
    except ContentError as exc:
        assert exc.line == 3 or any(p.line == 3 for p in getattr(exc, "problems", ()))
    else:
        assert EARLIEST <= dt.date.fromisoformat(published) <= LATEST


TAGS = st.sampled_from(["!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!null"])
TAG_VALUES = st.text(st.characters(codec="ascii", categories=("L", "N", "P")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(TAGS, TAG_VALUES)
def test_an_explicit_yaml_tag_on_the_wrong_value_is_an_error_at_its_line(
    tag: str, value: str
) -> None:
    """`deck: !!int abc` made YAML's constructors raise ValueError, KeyError or AttributeError."""
    text = article_text("Body.", f"title: T\ndeck: {tag} {json.dumps(value)}\n")
    try:
        parse_article(text, "a.md", "a")
    except ContentError as exc:
        assert exc.line == 3


@settings(max_examples=50, deadline=None)
@given(TAGS, TAG_VALUES)
def test_check_reports_an_explicit_tag_in_the_curation_file(tag: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, "a.md", article_text("Anna Berg met Tomas Reyes."))
        curation = root / "content" / "curation.yml"
        curation.write_text(f"drop:\n  - {tag} {json.dumps(value)}\n", encoding="utf-8")
        for problem in check_content(load_settings(root)).problems:
            assert problem.path != str(curation) or problem.line == 2
