"""Table cells made without the inline patterns (generator.site.tablecells): the same HTML as
Python-Markdown makes, for the cells it takes and for those it leaves alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import tablecells
from generator.site.markdown import link, md
from tests.conftest import ROOT


def project_extensions() -> tuple[list[str], dict[str, object]]:
    """mkdocs.yml's Markdown extensions and their settings."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings_: dict[str, object] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            settings_[name] = options or {}
        else:
            names.append(entry)
    return names, settings_


EXTENSIONS, SETTINGS = project_extensions()


def converted(text: str, fast: bool) -> str:
    extensions: list[object] = list(EXTENSIONS)
    if fast:
        extensions.append(tablecells.TableCellsExtension())
    return markdown.Markdown(extensions=extensions, extension_configs=SETTINGS).convert(text)


def table(*cells: str) -> str:
    rows = "".join(f"| {c} | {c} |\n" for c in cells)
    return f"| Name | Other |\n|---|--:|\n{rows}"


def fast_cells(text: str) -> int:
    """How many cells of `text`'s tables the extension takes."""
    taken: list[bool] = []
    original = tablecells.fast_cell

    def counted(cell: Any, escaped: frozenset[str]) -> bool:
        taken.append(original(cell, escaped))
        return taken[-1]

    with mock.patch.object(tablecells, "fast_cell", counted):
        converted(text, fast=True)
    return sum(taken)


@pytest.mark.parametrize(
    "cell",
    [
        md("Mahmoud Abbas"),
        md("Adil Abdul-Mahdi (acting) #1 [sic] *not* _emphasis_ AT&T <b>x</b> 5.5 + !"),
        link("Adil Abdul-Mahdi", "adil-abdul-mahdi.md"),
        link("O'Brien & Sons [UK]", "o-brien-sons.md#p3"),
        "&#61;&lt;script&gt;",
        "[Two](a.md) [links](b.md), " + link("and a third", "c.md") + " \\[not a link\\]",
    ],
)
def test_plain_cells_and_plain_links_are_taken_with_the_same_html(cell: str) -> None:
    text = table(cell)
    assert fast_cells(text) == 4  # the header's two cells and the row's
    assert converted(text, fast=True) == converted(text, fast=False)


@pytest.mark.parametrize(
    "cell",
    [
        '<span class="flag" data-code="PS" aria-hidden="true">🇵🇸</span> Palestine',
        "*emphasis*",
        "a `code` span",
        link("Titled", "t.md", title="a title"),
        "\\q not an escape",
        "<https://example.org>",
        "![image](a.png)",
        "trailing\\",
        link("A", "a.md") + " " + md("{: .attributes }"),  # attr_list reads it: left to it
    ],
)
def test_other_cells_are_left_to_the_inline_patterns(cell: str) -> None:
    text = table(cell)
    assert fast_cells(text) == 2  # the header's alone
    assert converted(text, fast=True) == converted(text, fast=False)


CELL_TEXT = st.text(
    alphabet=st.sampled_from([*"ab &#;\\`*_{}[]()<>!|.-+=~:'\"/", "é", "\U0001f1ec"]),
    max_size=24,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL_TEXT, min_size=1, max_size=4), st.booleans())
def test_any_cell_converts_as_without_the_extension(cells: list[str], escape: bool) -> None:
    shown = [md(c) if escape else c.replace("|", "\\|") for c in cells]
    linked = [f"{s} {link(c, 'p.md')} {s}" for s, c in zip(shown, cells, strict=True)]
    items = "".join(f"- {s}\n" for s in shown + linked)
    text = table(*shown) + "\n" + table(*linked) + "\n" + items
    assert converted(text, fast=True) == converted(text, fast=False)


def test_list_items_of_plain_text_and_links_are_taken_with_the_same_html() -> None:
    text = "\n".join(
        [
            "Newest first.",
            "",
            f"- {link('A ‘title’ #1', 'a.md')} · 7 August 2024 · {md('The Times (UK)')}",
            f"- {link('$1m & more', 'b.md')}",
            "- *emphasis* stays with the patterns",
            "",
        ]
    )
    assert fast_cells(text) == 2
    assert converted(text, fast=True) == converted(text, fast=False)


@pytest.mark.parametrize(
    "index", ["people/index.md", "organisations/index.md", "quotes/index.md", "articles/index.md"]
)
def test_the_golden_index_pages_convert_as_without_the_extension(index: str) -> None:
    path = ROOT / "tests" / "golden" / index
    text = path.read_text(encoding="utf-8")
    assert fast_cells(text) > 0
    assert converted(text, fast=True) == converted(text, fast=False)


def test_installed_once(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))
    tablecells.install(config)
    tablecells.install(config)
    extensions = config["markdown_extensions"]
    found = [e for e in extensions if isinstance(e, tablecells.TableCellsExtension)]
    assert len(found) == 1
