"""Real-world text in `dossier add`, `extract` and `build`: handled, or rejected with a clear error.

BOM, CRLF, Latin-1 bytes, tab-line paragraph breaks, hard wrapping, mixed and unbalanced quotes
are handled; empty, oversized and binary files are rejected by name; nothing crashes.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.errors import ContentError
from generator.ingest.paste import article_markdown, plain_text_article
from generator.ingest.reader import MAX_BYTES, parse_article, read_article
from generator.settings import SIGNS
from generator.text import decode, slug
from tests.conftest import ROOT

CLEAN = "Talks Resume in Oslo\n\nAnna Berg met Tomas Reyes on Monday.\n\nThey will meet again.\n"
ARTICLE = "---\ntitle: Talks Resume\n---\n\nAnna Berg met Tomas Reyes.\n\nThey met again.\n"


def add(root: Path, name: str, data: bytes, *extra: str) -> int:
    source = root / name
    source.write_bytes(data)
    return main(["--root", str(root), "add", str(source), *extra])


def added_article(root: Path) -> Any:
    files = sorted((root / "content" / "articles").glob("*.md"))
    assert len(files) == 1, files
    return read_article(files[0])[0]


@pytest.mark.parametrize(
    "data",
    [
        CLEAN.encode(),
        b"\xef\xbb\xbf" + CLEAN.encode(),
        CLEAN.replace("\n", "\r\n").encode(),
        CLEAN.replace("\n", "\r").encode(),
        CLEAN.replace("\n\n", "\n\t\n\t\t\n").encode(),  # MPQA: paragraphs split by tab lines
    ],
    ids=["plain", "bom", "crlf", "cr", "tab-lines"],
)
def test_add_reads_every_flavour_of_plain_text_the_same(tmp_path: Path, data: bytes) -> None:
    assert add(tmp_path, "paste.txt", data) == 0
    article = added_article(tmp_path)
    assert article.title == "Talks Resume in Oslo"
    assert [b.text for b in article.blocks] == [
        "Anna Berg met Tomas Reyes on Monday.",
        "They will meet again.",
    ]


def test_latin1_bytes_are_read_as_windows_1252(tmp_path: Path) -> None:
    data = b"Caf\xe9 Talks\n\nThe caf\xe9 owner said \x93no\x94.\n"
    assert decode(data).encoding == "cp1252"
    assert add(tmp_path, "latin.txt", data) == 0
    article = added_article(tmp_path)
    assert article.title == "Café Talks"
    assert article.blocks[0].text == "The café owner said “no”."


def test_a_latin1_article_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("---\ntitle: Caf\xe9\n---\n\nBody.\n".encode("latin-1"))
    article, warnings = read_article(path)
    assert article.title == "Café"
    assert [w.severity for w in warnings] == ["warning"]
    assert "UTF-8" in warnings[0].hint


def test_hard_wrapped_mpqa_paragraphs_are_joined(tmp_path: Path) -> None:
    line = "The ministry said on Tuesday that the talks would resume soon and"
    text = f"Talks Resume\n\t\n {line}\n{line}\n{line} end. \n\t\n\t\n Next paragraph. \n"
    assert add(tmp_path, "wrapped.txt", text.encode()) == 0
    blocks = added_article(tmp_path).blocks
    assert [b.text for b in blocks] == [f"{line} {line} {line} end.", "Next paragraph."]


BAD_INPUTS = {
    "empty.txt": (b"", "file is empty"),
    "blank.txt": (b" \n\t\n\r\n", "file is empty"),
    "title-only.txt": (b"Just a title\n", "no article text"),
    "binary.txt": (bytes(range(256)) * 8, "binary file"),
    "nul.txt": (b"Title\n\nText\x00with a NUL byte\n", "binary file"),
    "huge.txt": (b"Title\n\n" + b"word " * (10_000_000 // 5), "over the 2 MB limit"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_add_rejects_what_is_not_an_article_clearly(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = BAD_INPUTS[name]
    assert add(tmp_path, name, data) == 2
    err = capsys.readouterr().err
    assert name in err and message in err
    assert not list((tmp_path / "content" / "articles").glob("*.md"))


def test_extract_skips_rejected_files_and_extracts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for name in ("empty.txt", "binary.txt", "huge.txt"):
        files.append(tmp_path / name)
        files[-1].write_bytes(BAD_INPUTS[name][0])
    good = tmp_path / "good.txt"
    good.write_text('Talks\n\nAnna Berg said “we are ‘not done" and left.\n', encoding="utf-8")
    code = main(["--root", str(tmp_path), "extract", "--jsonl", *map(str, [*files, good])])
    out, err = capsys.readouterr()
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [obj["articles"][0]["title"] for obj in lines] == ["Talks"]
    for name in ("empty.txt", "binary.txt", "huge.txt"):
        assert name in err
    assert "3 of 4 files rejected" in err


def test_extract_json_rejects_a_binary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(BAD_INPUTS["binary.txt"][0])
    assert main(["--root", str(tmp_path), "extract", "--json", str(path)]) == 2
    assert "binary file" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "huge.txt"])
def test_build_refuses_bad_content_and_keeps_the_site(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = project / "site"
    for page in ("index.html", *SIGNS["site_dir"]):  # what a build writes, so ours to replace
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("previous site", encoding="utf-8")
    before = sorted(site.rglob("*"))
    (project / "content" / "articles" / name.replace(".txt", ".md")).write_bytes(
        BAD_INPUTS[name][0]
    )
    assert main(["--root", str(project), "build"]) == 2
    assert BAD_INPUTS[name][1] in capsys.readouterr().err
    assert sorted(site.rglob("*")) == before
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no memory spent on it
    with pytest.raises(ContentError, match="limit"):
        read_article(path)


def test_markdown_lookalikes_in_a_paste_round_trip() -> None:
    paste = "T\n\n\\# not a heading\n\n\\\\ two\n\n---\n\nCredit: nobody\n\nC# is a language\n"
    article = plain_text_article(paste, "p.txt", "p")
    again = parse_article(article_markdown(article), "x.md", "p")
    assert [b.text for b in again.blocks] == [b.text for b in article.blocks]


PIECE = st.one_of(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("#\\-*_>`{}[]()|:'\"“”‘’\t\r\ufeff \n")),
            st.characters(codec="utf-8"),
        ),
        max_size=20,
    ),
    st.sampled_from(["Caption: ", "Credit: ", "---", "Updated:", "0:00", "By Lena Hart", "(AP/x)"]),
)
LINE = st.lists(PIECE, max_size=4).map("".join)
PASTE = st.lists(LINE, min_size=1, max_size=12).map("\n".join)


@settings(max_examples=50, deadline=None)
@given(PASTE)
def test_any_paste_ingests_and_reads_back_unchanged(paste: str) -> None:
    article = plain_text_article(paste, "p.txt", "p")
    if not article.blocks:
        return  # `dossier add` refuses it: "no article text after the title line"
    again = parse_article(article_markdown(article), "x.md", "p")
    assert again.title == " ".join(article.title.split())
    assert [(b.kind, b.text, b.credit) for b in again.blocks] == [
        (b.kind, b.text, b.credit) for b in article.blocks
    ]


@settings(max_examples=50, deadline=None)
@given(PASTE)
def test_any_paste_extracts_without_crashing(nlp: Any, paste: str) -> None:
    from generator.extract import extract_json
    from generator.nlp.analyse import analysis_of
    from generator.nlp.layout import article_layout
    from generator.resolve.dossier import resolve

    article = plain_text_article(paste, "p.txt", "p")
    layout = article_layout(article)
    data = extract_json(resolve([analysis_of(nlp(layout.text), layout)]))
    json.dumps(data)


NAMES = st.text(min_size=1, max_size=300)


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_slugs_are_safe_and_stable(name: str) -> None:
    out = slug(name)
    assert out == slug(unicodedata.normalize("NFD", name)) == slug(name.casefold())
    assert 0 < len(out) <= 80
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in out)
    assert not out.startswith("-") and ".." not in out and "/" not in out


def test_hostile_names_get_distinct_safe_slugs() -> None:
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("José Martí") == slug("JOSE\u0301 MARTI\u0301") == "jose-marti"
    long_a, long_b = "Name " * 40 + "Alpha", "Name " * 40 + "Beta"
    assert slug(long_a) != slug(long_b) and len(slug(long_a)) <= 80
    assert len({slug("Владимир Путин"), slug("Дмитрий Медведев"), slug("习近平")}) == 3
    assert slug("Vladimir Путин") != slug("Vladimir Медведев")
    assert slug("Łukasz Nowak") == "lukasz-nowak"


def test_text_without_a_title_line_keeps_all_its_text(tmp_path: Path) -> None:
    sentence = "Moscow, 16 October: General Dostum said his units lack weapons and ammunition."
    body = f"{sentence} " + "He said the Taleban had few fighters near the border. " * 6
    assert add(tmp_path, "one.txt", f"\t\n{body}\n\t\n\t\n".encode()) == 0
    article = added_article(tmp_path)
    assert article.title == sentence
    assert [b.text for b in article.blocks] == [body.strip()]


def test_a_headline_is_cut_at_a_word() -> None:
    from generator.ingest.paste import headline_of

    long = "The " + "very " * 30 + "long sentence ends here. Next one."
    assert headline_of(long).endswith("very…") and len(headline_of(long)) <= 101
    assert headline_of("Dr. No said it. Then left.") == "Dr. No said it."


def test_the_robustness_bench_runs_on_a_small_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/robust.py on an inline corpus: every rejection named, no crash."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("robust", ROOT / "bench" / "robust.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "robust", bench)
    spec.loader.exec_module(bench)
    corpus = tmp_path / "corpora" / "news"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(CLEAN, encoding="utf-8")
    (corpus / "copy.txt").write_text(CLEAN.upper(), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(BAD_INPUTS["binary.txt"][0])
    (corpus / "latin.txt").write_bytes(b"Caf\xe9\n\nThe caf\xe9 owner \x93spoke\x94.\n")
    code = bench.main(["--corpora", str(tmp_path / "corpora"), "--processes", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "crashes: 0" in out and "added 2," in out
    assert "news/copy.txt:" in out and "news/a.txt has this article already" in out
    assert "news/empty.txt:" in out and "news/binary.txt:" in out
    assert bench.main(["--corpora", str(tmp_path / "absent")]) == 2


def test_add_writes_inside_the_articles_folder_whatever_the_title(tmp_path: Path) -> None:
    extra = ("--title", "../../../etc/passwd", "--published", "2024-01-01")
    assert add(tmp_path, "paste.txt", CLEAN.encode(), *extra) == 0
    written = [p for p in tmp_path.rglob("*.md")]
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "content/articles/2024-01-01-etc-passwd.md"
    ]


def test_add_refuses_an_article_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert add(tmp_path, "a.md", ARTICLE.encode()) == 2
    assert "an article file already" in capsys.readouterr().err
