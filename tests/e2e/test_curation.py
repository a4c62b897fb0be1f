"""Every kind of curation rule end to end, on a copy of the project built once (the seed's
analysis then comes from the cache): `dossier check` passes it without a warning, `dossier build
--strict` makes the site, and the site's pages and its data (dossier.json, the FtM lines) show
what the rule did, a fact set by hand citing the file and the rule's line. Also: each commented
example of the shipped curation.yml, made active, builds; `check` names the line of a rule with
an unknown id and of two rules that conflict."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.conftest import ROOT

SEED = "2024-08-07-as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia"
Q3 = f"{SEED}-q3"  # said by Sergei Shoigu


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's inputs, built once without the site: its analysis cache is warm."""
    root = tmp_path_factory.mktemp("analysed")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, root / name)
    assert main(["--root", str(root), "build", "--no-site"]) == 0
    return root


@pytest.fixture()
def project(analysed: Path, tmp_path: Path) -> Path:
    """A copy of the built project, with its cache (its site and docs left behind)."""
    root = tmp_path / "project"
    shutil.copytree(analysed, root, ignore=shutil.ignore_patterns("site", "build"))
    return root


def curate(root: Path, text: str) -> None:
    (root / "content" / "curation.yml").write_text(text, encoding="utf-8")


def checked_and_built(root: Path, capsys: pytest.CaptureFixture[str], *build: str) -> None:
    """`check` passes with no warning about the curation file; `build --strict` passes."""
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert "curation.yml" not in err, err
    assert main(["--root", str(root), "build", "--strict", *build]) == 0


def page(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


def data(root: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((root / "site" / "dossier.json").read_text("utf-8"))
    return found


def entity(items: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == ident)


def person(root: Path, ident: str) -> dict[str, Any]:
    return entity(data(root)["people"], ident)


def organisation(root: Path, ident: str) -> dict[str, Any]:
    return entity(data(root)["organisations"], ident)


def quote_speaker(root: Path, ident: str) -> str | None:
    speaker: str | None = entity(data(root)["quotes"], ident)["speaker"]
    return speaker


def curated(line: int) -> dict[str, Any]:
    return {"curation": {"file": "curation.yml", "line": line}}


def set_by_curation(html: str, line: int) -> bool:
    return f"(set by curation: curation.yml, line {line})" in html


def ftm_lines(root: Path) -> list[dict[str, Any]]:
    text = (root / "site" / "dossier.ftm.json").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


# -- each kind of rule ---------------------------------------------------------------------------

Expect = Callable[[Path], None]


def _split(root: Path) -> None:
    assert person(root, "sergei-k-shoigu")["name"] == "Sergei K. Shoigu"
    assert "Sergei K. Shoigu" in page(root, "people/sergei-k-shoigu")
    assert quote_speaker(root, Q3) == "sergei-k-shoigu"


def _merge(root: Path) -> None:
    assert "Sergei Shoigu" in person(root, "vladimir-putin")["aliases"]
    assert 'url=../vladimir-putin/"' in page(root, "people/sergei-shoigu")
    assert quote_speaker(root, Q3) == "vladimir-putin"


def _rename(root: Path) -> None:
    assert "Sergei K. Shoigu" in page(root, "people/sergei-k-shoigu")
    assert 'url=../sergei-k-shoigu/"' in page(root, "people/sergei-shoigu")


def _set_countries(root: Path) -> None:
    assert person(root, "sergei-shoigu")["countries"] == [{"value": "GB", "source": curated(3)}]
    assert set_by_curation(page(root, "people/sergei-shoigu"), 3)


def _set_roles(root: Path) -> None:
    assert person(root, "sergei-shoigu")["roles"] == [{"value": "Envoy", "source": curated(3)}]
    html = page(root, "people/sergei-shoigu")
    assert "Envoy" in html and set_by_curation(html, 3)


def _set_kind_subject(root: Path) -> None:
    assert person(root, "credit-adam-morrow")["kind"] == "subject"
    html = page(root, "people/credit-adam-morrow")
    assert "named in the articles" in html and set_by_curation(html, 3)


def _set_kind_credit(root: Path) -> None:
    """A credit has no page, as every credit; the quotes given to them lose their speaker."""
    assert person(root, "sergei-shoigu")["kind"] == "credit"
    assert not (root / "site" / "people" / "sergei-shoigu").exists()
    assert quote_speaker(root, Q3) is None


def _set_organisations(root: Path) -> None:
    ties = person(root, "sergei-shoigu")["organisations"]
    assert ties == [
        {"value": "tass", "source": curated(3)},
        {"value": "sputnik", "source": curated(3)},
    ]
    html = page(root, "people/sergei-shoigu")
    assert 'href="../../organisations/tass/"' in html and set_by_curation(html, 3)
    links = [e for e in ftm_lines(root) if e["schema"] in {"Membership", "Employment"}]
    assert any("set by curation: curation.yml, line 3" in json.dumps(e) for e in links)


def _drop_country(root: Path) -> None:
    assert person(root, "sergei-shoigu")["countries"] == []
    assert "<strong>Country:</strong>" not in page(root, "people/sergei-shoigu")
    assert "<strong>Country:</strong>" in page(root, "people/vladimir-putin")


def _drop(root: Path) -> None:
    assert not (root / "site" / "people" / "sergei-shoigu").exists()
    assert quote_speaker(root, Q3) is None


def _speaker_set(root: Path) -> None:
    assert quote_speaker(root, Q3) == "masoud-pezeshkian"


def _speaker_cleared(root: Path) -> None:
    assert quote_speaker(root, Q3) is None
    assert entity(data(root)["quotes"], Q3)["via"] == "none"


def _org_split(root: Path) -> None:
    assert organisation(root, "tass")["mentions"] == []
    assert organisation(root, "tass-agency")["name"] == "TASS agency"
    assert "TASS agency" in page(root, "organisations/tass-agency")


def _org_merge(root: Path) -> None:
    assert "Sputnik" in organisation(root, "tass")["aliases"]
    assert 'url=../tass/"' in page(root, "organisations/sputnik")


def _org_rename(root: Path) -> None:
    assert "TASS Russian News Agency" in page(root, "organisations/tass-russian-news-agency")


def _org_set(root: Path) -> None:
    found = organisation(root, "tass")
    assert found["kind"] == "company"
    assert found["countries"] == [{"value": "RU", "source": curated(4)}]
    html = page(root, "organisations/tass")
    assert re.search(r"Companies</a>\s*<small class=\"curated\"", html), html
    assert set_by_curation(html, 4)


def _org_drop_country(root: Path) -> None:
    assert organisation(root, "hamas")["countries"] == []


def _org_drop(root: Path) -> None:
    assert not (root / "site" / "organisations" / "tass").exists()
    assert "tass" not in {o["id"] for o in data(root)["organisations"]}


RULES: dict[str, tuple[str, Expect]] = {
    "split": (
        f"split:\n  - {{id: sergei-shoigu, new_id: sergei-k-shoigu, name: Sergei K. Shoigu, "
        f"articles: [{SEED}]}}\n",
        _split,
    ),
    "merge": ("merge:\n  - {into: vladimir-putin, ids: [sergei-shoigu]}\n", _merge),
    "rename": ("rename:\n  - {id: sergei-shoigu, name: Sergei K. Shoigu}\n", _rename),
    "set countries": ("set:\n\n  - {id: sergei-shoigu, countries: [GB]}\n", _set_countries),
    "set roles": ("set:\n\n  - {id: sergei-shoigu, roles: [Envoy]}\n", _set_roles),
    "set kind": ("set:\n\n  - {id: credit-adam-morrow, kind: subject}\n", _set_kind_subject),
    "set kind credit": ("set:\n\n  - {id: sergei-shoigu, kind: credit}\n", _set_kind_credit),
    "set organisations": (
        "set:\n\n  - {id: sergei-shoigu, organisations: [TASS, sputnik]}\n",
        _set_organisations,
    ),
    "drop_country": (
        f"drop_country:\n  - {{id: sergei-shoigu, country: Russia, article: {SEED}}}\n",
        _drop_country,
    ),
    "drop": ("drop: [sergei-shoigu]\n", _drop),
    "speakers": (f"speakers:\n  - {{quote: {Q3}, speaker: masoud-pezeshkian}}\n", _speaker_set),
    "speakers null": (f"speakers:\n  - {{quote: {Q3}, speaker: null}}\n", _speaker_cleared),
    "organisations split": (
        f"organisations:\n  split:\n    - {{id: tass, new_id: tass-agency, name: TASS agency, "
        f"articles: [{SEED}]}}\n",
        _org_split,
    ),
    "organisations merge": (
        "organisations:\n  merge:\n    - {into: tass, ids: [sputnik]}\n",
        _org_merge,
    ),
    "organisations rename": (
        "organisations:\n  rename:\n    - {id: tass, name: TASS Russian News Agency}\n",
        _org_rename,
    ),
    "organisations set": (
        "organisations:\n  set:\n\n    - {id: tass, kind: company, countries: [RU]}\n",
        _org_set,
    ),
    "organisations drop_country": (
        "organisations:\n  drop_country:\n    - {id: hamas, country: PS}\n",
        _org_drop_country,
    ),
    "organisations drop": ("organisations:\n  drop: [tass]\n", _org_drop),
}


@pytest.mark.parametrize("kind", list(RULES))
def test_each_kind_of_rule_builds_a_site_that_shows_it(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    text, expect = RULES[kind]
    curate(project, text)
    checked_and_built(project, capsys)
    expect(project)


def test_every_kind_of_rule_in_the_guide_has_a_test_here() -> None:
    guide = (ROOT / "docs" / "curation.md").read_text(encoding="utf-8")
    kinds = set(re.findall(r"^\| (\w+) \|", guide, re.MULTILINE)) - {"rule"}
    tested = {k.split()[-1] if k.startswith("organisations") else k.split()[0] for k in RULES}
    assert kinds and kinds <= tested, kinds - tested


# -- the shipped examples ------------------------------------------------------------------------


def uncommented(text: str, key: str) -> str:
    """The shipped curation file with the example under `key` ("set", "organisations split")
    made active: its `[]` removed and the commented lines after it uncommented."""
    *parents, name = key.split()
    indent = "  " * len(parents)
    out, inside, found = [], False, False
    for line in text.splitlines(keepends=True):
        if line == f"{indent}{name}: []\n":
            out.append(f"{indent}{name}:\n")
            inside, found = True, True
        elif inside and line.startswith(f"#{indent}  "):
            out.append(line[1:])
        else:
            inside = False
            out.append(line)
    assert found, key
    return "".join(out)


SHIPPED_KEYS = [
    "split",
    "merge",
    "rename",
    "set",
    "drop_country",
    "drop",
    "speakers",
    *(f"organisations {k}" for k in ("split", "merge", "rename", "set", "drop_country", "drop")),
]


@pytest.mark.parametrize("key", SHIPPED_KEYS)
def test_each_shipped_example_made_active_builds(project: Path, key: str) -> None:
    curation = project / "content" / "curation.yml"
    text = uncommented(curation.read_text(encoding="utf-8"), key)
    assert text != curation.read_text(encoding="utf-8")
    curation.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "build", "--strict", "--no-site"]) == 0


def test_every_shipped_example_at_once_builds(project: Path) -> None:
    curation = project / "content" / "curation.yml"
    text = curation.read_text(encoding="utf-8")
    for key in SHIPPED_KEYS:
        text = uncommented(text, key)
    assert "\n#  - " not in text and "\n#    - " not in text
    curation.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "build", "--strict", "--no-site"]) == 0


# -- check -----------------------------------------------------------------------------------------


def test_check_names_the_line_of_an_unknown_id_and_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curate(project, "# people\nset:\n  - {id: sergei-shoigu, roles: [Envoy]}\n"
                    "  - {id: sergie-ryabkov, roles: [Envoy]}\n")  # fmt: skip
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0  # a warning: the build goes on
    err = capsys.readouterr().err
    assert "curation.yml:4: warning: no person with id 'sergie-ryabkov'" in err, err
    assert "did you mean 'sergei-ryabkov'?" in err and "curation.yml:3" not in err
    assert main(["--root", str(project), "check", "--strict"]) == 2


def test_check_names_the_lines_of_two_conflicting_rules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    curate(project, "set:\n  - {id: sergei-shoigu, countries: [RU]}\n\n"
                    "  - {id: sergei-shoigu, countries: [GB]}\n")  # fmt: skip
    capsys.readouterr()
    for command in ("check", "build"):
        assert main(["--root", str(project), command]) == 2
        err = capsys.readouterr().err
        assert "curation.yml:4: " in err and "the set at line 2" in err, err
        assert "keep one of the two" in err and "Traceback" not in err


def test_check_before_any_analysis_says_what_it_could_not_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    curate(tmp_path, "drop: [nobody]\n")
    assert main(["--root", str(tmp_path), "check"]) == 0
    err = capsys.readouterr().err
    assert "1 of 1 articles are not analysed yet" in err and "run `dossier build`" in err
    assert not (tmp_path / ".cache").exists() or not any((tmp_path / ".cache").rglob("*.json*"))
