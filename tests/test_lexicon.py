"""The vocabulary loader, and the rule that word lists live in data files, not in code."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import lexicon
from generator.lexicon import LexiconError

PACKAGE = Path(lexicon.__file__).parent
MAX_WORDS_IN_CODE = 7
_ESCAPE = re.compile(r"\\.")
_WORD = re.compile(r"[A-Za-z]{2,}")
_NOT_AFTER_WORD = re.compile(r"\(\?<[!=]\\b[A-Za-z]{2,}")


def test_every_data_file_is_named_lists_of_distinct_words() -> None:
    for path in sorted((PACKAGE / "data").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        for name, value in data.items():
            if isinstance(value, list):
                words = [str(w) for w in value]
                assert len(words) == len(set(words)), f"{path.name}: {name} repeats a word"
                assert all(isinstance(w, str) for w in value), f"{path.name}: {name}"


def test_a_missing_list_names_its_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"other": ["a"]})
    with pytest.raises(LexiconError, match=r"generator/data/roles\.yml: the list 'chiefs'"):
        lexicon.word_list.__wrapped__("roles", "chiefs")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [["mayor", False], [], "mayor", ["mayor", ["chief"]], None],
)
def test_a_malformed_list_names_its_data_file(
    monkeypatch: pytest.MonkeyPatch, value: object
) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"chiefs": value})
    with pytest.raises(LexiconError, match=r"generator/data/roles\.yml: 'chiefs' must be"):
        lexicon.word_list.__wrapped__("roles", "chiefs")  # type: ignore[attr-defined]


def test_a_malformed_table_names_its_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_document", lambda file: {"codes": {"NO": False}})
    with pytest.raises(LexiconError, match=r"places\.yml: 'codes' must be a non-empty mapping"):
        lexicon.word_table.__wrapped__("places", "codes")  # type: ignore[attr-defined]
    with pytest.raises(LexiconError, match=r"places\.yml: 'codes' must be a non-empty mapping"):
        lexicon.word_groups.__wrapped__("places", "codes")  # type: ignore[attr-defined]


def test_a_missing_data_file_is_named() -> None:
    with pytest.raises(LexiconError, match=r"generator/data/no-such-file\.yml: cannot read"):
        lexicon._document.__wrapped__("no-such-file")  # type: ignore[attr-defined]


def test_an_alternation_matches_whole_words_longest_first() -> None:
    group = lexicon.alternation(["Sep", "Sept", "op-ed", "Sep"])
    assert group == r"(?:op\-ed|Sept|Sep)"
    assert re.fullmatch(group + r"\.?", "Sept.")
    assert not re.fullmatch(group, "Se.")


def test_the_months_give_names_and_short_forms_in_order() -> None:
    months = lexicon.word_groups("dates", "months")
    assert list(months)[:2] == ["January", "February"]
    assert len(months) == 12
    assert months["September"] == ("Sept", "Sep")


# --- no word lists in code ---------------------------------------------------------------------


def _is_word(node: ast.expr | None) -> bool:
    """A string constant that is a word or a short phrase (not a sentence of help text)."""
    return (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.count(" ") < 4
    )


def _regex_words(pattern: str) -> int:
    """How many alternatives of words a regex spells out: `a|b|c` or `(?<!\\bMr)(?<!\\bDr)`."""
    alternatives = sum(bool(_WORD.search(_ESCAPE.sub("", p))) for p in pattern.split("|"))
    return max(alternatives if "|" in pattern else 0, len(_NOT_AFTER_WORD.findall(pattern)))


def word_lists_in(source: str) -> list[tuple[int, int]]:
    """(line, words) of every collection or regex in Python source that spells out more than
    MAX_WORDS_IN_CODE words: a list, tuple or set of words, a table of words to words (a dict
    of eight entries), a regex of alternative words or of lookbehinds on words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            count = sum(_is_word(e) for e in node.elts)
        elif isinstance(node, ast.Dict):
            count = sum(
                _is_word(k) and _is_word(v) for k, v in zip(node.keys, node.values, strict=True)
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            count = _regex_words(node.value)
        elif isinstance(node, ast.JoinedStr):
            count = _regex_words(
                "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
            )
        else:
            continue
        if count > MAX_WORDS_IN_CODE:
            found.append((node.lineno, count))
    return found


def test_the_rule_finds_word_lists_of_every_shape() -> None:
    source = """
A = {"a", "b", "c", "d", "e", "f", "g", "h"}
B = ("a", "b", "c", "d", "e", "f", "g")
C = {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6", "g": "7", "h": "8"}
G = {"a": x, "b": x, "c": x, "d": x, "e": x, "f": x, "g": x, "h": x, "i": x}
H = ["help text that is a sentence", "b", "c", "d", "e", "f", "g", "h"]
D = re.compile(r"\\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\\.")
E = re.compile(r"(?<!\\bMr)(?<!\\bMrs)(?<!\\bDr)(?<!\\bSt)(?<!\\bJan)(?<!\\bFeb)(?<!\\bAug)(?<!\\bNo)")
F = re.compile(r"[.!?]+['’”\\")\\]]*(?=\\s+[\\"“‘'`(\\[A-Z])|a|b|c|d|e|f|g|h")
"""
    assert [line for line, _ in word_lists_in(source)] == [2, 4, 7, 8]


def test_no_word_list_of_eight_or_more_entries_in_code() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {count} words"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, count in word_lists_in(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "move these word lists to generator/data/: " + "; ".join(offenders)


def test_the_word_lists_and_every_nlp_module_are_part_of_the_analysis_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.store import cache

    names = {p.relative_to(cache.PACKAGE).as_posix() for p in cache.analysis_modules()}
    modules = {f"nlp/{p.name}" for p in (PACKAGE / "nlp").glob("*.py") if p.stem != "__init__"}
    assert modules <= names
    assert {"lexicon.py", "gazetteer.py", "text.py"} <= names
    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    digest = cache.analysis_code_digest.__wrapped__  # not the cached value of the real package
    before = digest()
    roles = copy / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert digest() != before
