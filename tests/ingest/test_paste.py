"""`dossier add`: pasted plain text -> article file, and the reader reading it back."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.ingest.paste import Metadata, article_markdown, plain_text_article
from generator.ingest.reader import parse_article
from generator.model import CAPTION, HEADING, PARAGRAPH
from tests.conftest import SEED_TEXT, needs_shared

# An invented paste with the same furniture as a real news page.
PASTE = """Ministers Meet as Talks Stall

Officials from both sides met again on Monday, with little to show.
Ministers Meet as Talks Stall
Foreign Minister Anna Berg (L) greets envoy Tomas Reyes in Oslo, Norway, on May 2, 2024. (Jan Olsen/AFP via Getty Images)
Lena Hart
Updated:
0:00

Anna Berg, Norway’s foreign minister, said the talks would continue.

“We are not done,” Berg said.

‘Next Steps’

Reyes left Oslo on Tuesday.

Tomas Reyes waves in Oslo on May 3, 2024. (Kari Dahl/Reuters)
Tomas Reyes waves in Oslo on May 3, 2024. (Kari Dahl/Reuters)

Reuters contributed to this report.
"""


def test_paste_yields_title_deck_byline_captions_headings_and_no_chrome() -> None:
    article = plain_text_article(PASTE, "paste.txt", "paste")
    assert article.title == "Ministers Meet as Talks Stall"
    assert article.deck == "Officials from both sides met again on Monday, with little to show."
    assert article.author == "Lena Hart"
    captions = [b for b in article.blocks if b.kind == CAPTION]
    assert [(c.text[:20], c.credit) for c in captions] == [
        ("Foreign Minister Ann", "Jan Olsen/AFP via Getty Images"),
        ("Tomas Reyes waves in", "Kari Dahl/Reuters"),
    ]
    assert [b.text for b in article.blocks if b.kind == HEADING] == ["‘Next Steps’"]
    texts = [b.text for b in article.blocks]
    for chrome in ("Updated:", "0:00", "Lena Hart", article.title, article.deck):
        assert chrome not in texts
    assert texts[-1] == "Reuters contributed to this report."
    assert [b.id for b in article.blocks] == [f"p{i}" for i in range(1, len(texts) + 1)]


def test_article_file_reads_back_identically() -> None:
    meta = Metadata(url="https://example.org/a", published="2024-05-03", publisher="Example")
    article = plain_text_article(PASTE, "paste.txt", "paste", meta)
    again = parse_article(article_markdown(article), "x.md", "paste")
    assert again.blocks == tuple(
        b.__class__(b.id, b.kind, b.text, b.credit, again.block(b.id).line) for b in article.blocks
    )
    assert (again.title, again.deck, again.author, again.url, again.published) == (
        article.title,
        article.deck,
        article.author,
        "https://example.org/a",
        "2024-05-03",
    )


def test_body_text_that_looks_like_markup_stays_a_paragraph() -> None:
    paste = "Title\n\n## not a heading\n\nCaption: not a caption either.\n\nLast line.\n"
    article = plain_text_article(paste, "p.txt", "p")
    again = parse_article(article_markdown(article), "x.md", "p")
    assert [(b.kind, b.text) for b in again.blocks][:2] == [
        (PARAGRAPH, "## not a heading"),
        (PARAGRAPH, "Caption: not a caption either."),
    ]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    line = "This is a line of a hard-wrapped paragraph that goes on for a while"
    article = plain_text_article(f"Title\n\n{line}\n{line}\n{line}.\n\nNext.\n", "w.txt", "w")
    assert article.blocks[0].text == f"{line} {line} {line}."


@needs_shared
def test_seed_paste(tmp_path: Path) -> None:
    article = plain_text_article(SEED_TEXT.read_text(encoding="utf-8"), str(SEED_TEXT), "seed")
    assert article.title == "As Mideast Tensions Soar, Iran Looks to ‘Strategic Partner’ Russia"
    assert article.author == "Adam Morrow"
    assert article.deck.startswith("In recent months, Russian and Iranian officials")
    credits = [b.credit for b in article.blocks if b.kind == CAPTION]
    assert credits == [
        "Atta Kenare/AFP via Getty Images",
        "Sputnik/Kremlin Pool Photo via AP",
        "Mohamed Azakir/Reuters",
        "Government Press Office via Reuters/Screenshot via NTD",
    ]
    assert [b.text for b in article.blocks if b.kind == HEADING] == [
        "‘Dangerous Consequences’",
        "Russia–Iran ‘Strategic Partnership’",
    ]
    texts = {b.text for b in article.blocks}
    assert not texts & {"Updated:", "0:00", "Adam Morrow", article.title}


@needs_shared
def test_add_command_writes_the_committed_seed_article(tmp_path: Path) -> None:
    from tests.conftest import SEED_ARTICLE

    code = main(
        [
            "--root",
            str(tmp_path),
            "add",
            str(SEED_TEXT),
            "--url",
            "https://www.theepochtimes.com/world/as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia-5700597",
            "--published",
            "2024-08-07",
            "--publisher",
            "The Epoch Times",
            "--author",
            "Adam Morrow",
        ]
    )
    assert code == 0
    written = tmp_path / "content" / "articles" / SEED_ARTICLE.name
    assert written.read_text(encoding="utf-8") == SEED_ARTICLE.read_text(encoding="utf-8")


def test_add_refuses_a_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text(PASTE, encoding="utf-8")
    assert main(["--root", str(tmp_path), "add", str(source), "--published", "7 Aug"]) != 0
    assert "YYYY-MM-DD" in capsys.readouterr().err


# -- add's options, validated as check validates front matter (red-team item 17) ---------------

OPTION_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["a\n---\nb", "   ", "\n", "#x\ny", "2024-W01-1", "20240807", "2204-01-01"])


def added(root: Path, *options: str) -> tuple[int, str, list[Path]]:
    """add's exit code, its output and the article files there are afterwards."""
    source = root / "paste.txt"
    source.write_text("Talks Resume\n\nAnna Berg met Tomas Reyes in Oslo.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "add", str(source), *options])
    return code, out.getvalue() + err.getvalue(), sorted((root / "content").rglob("*.md"))


def strictly_checked(root: Path) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["--root", str(root), "check", "--strict"])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["title", "author", "publisher", "published", "url"]), OPTION_TEXT)
def test_add_writes_what_check_accepts_or_nothing(option: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        code, out, files = added(root, f"--{option}={value}")
        if code == 0:
            assert len(files) == 1 and out.strip() == str(files[0])
            assert strictly_checked(root) == 0
        else:
            assert code == 1 and f"--{option}" in out and not files


def test_add_writes_a_title_with_newlines_on_one_line(tmp_path: Path) -> None:
    code, _, files = added(tmp_path, "--title", "Talks\n---\nResume")
    assert code == 0 and [f.name for f in files] == ["undated-talks-resume.md"]
    assert "title: Talks --- Resume\n" in files[0].read_text(encoding="utf-8")


def test_add_writes_the_date_as_check_reads_it(tmp_path: Path) -> None:
    code, _, files = added(tmp_path, "--published", "2024-W01-1")
    assert code == 0 and [f.name for f in files] == ["2024-01-01-talks-resume.md"]
    assert strictly_checked(tmp_path) == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--title", "   "], "--title '   ': title is empty"),
        (["--published", "2204-01-01"], "is not between 1970-01-01 and 2105-12-31"),
        (["--url", "ftp://x"], "--url 'ftp://x': url must be a web address"),
    ],
)
def test_add_refuses_an_option_check_would_refuse(
    tmp_path: Path, options: list[str], message: str
) -> None:
    code, out, files = added(tmp_path, *options)
    assert code == 1 and message in out and not files


def test_a_first_line_that_is_the_lede_is_analysed_as_the_first_paragraph() -> None:
    lede = (
        "Prime Minister Lars Holm has voiced his approval of the treatment of the prisoners "
        "held at the base."
    )
    article = plain_text_article(f"{lede}\n\nThe second paragraph.\n", "a.txt", "a")
    assert [b.text for b in article.blocks] == [lede, "The second paragraph."]
    assert article.title.startswith("Prime Minister Lars Holm")
    headline = plain_text_article("Holm backs prisoner treatment\n\nBody.\n", "b.txt", "b")
    assert headline.title == "Holm backs prisoner treatment"
    assert [b.text for b in headline.blocks] == ["Body."]
