"""`dossier export` and `dossier review` on a copy of the project: the curated dossier (a rule of
the curation file applied) as JSON valid against its schema and as FtM entities valid for
followthemoney, the review report, the same data published with the site; and nothing in
content/ is ever written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
from followthemoney import model

from generator.cli import main
from generator.publish.dataset import dossier_schema
from generator.publish.ftm import ftm_problems
from tests.e2e.test_seed_extraction import SEED_PEOPLE
from tests.sitebuild import built_site

CURATION = """\
set:
  - id: sergei-shoigu
    roles: [Secretary of the Russian Security Council]
"""


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` with a digest of its bytes (folders: "dir")."""
    return {
        str(path.relative_to(folder)): (
            "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture()
def curated_project(project: Path) -> Path:
    (project / "content" / "curation.yml").write_text(CURATION, encoding="utf-8")
    return project


def run(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--root", str(project), *args])
    return status, capsys.readouterr().out


def test_export_and_review_write_nothing_in_content(
    curated_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = curated_project / "content"
    before = tree_digest(content)
    status, text = run(curated_project, "export", "--format", "json", capsys=capsys)
    assert status == 0
    data = json.loads(text)
    jsonschema.validate(data, dossier_schema())
    shoigu = next(p for p in data["people"] if p["id"] == "sergei-shoigu")
    assert shoigu["roles"] == [
        {
            "value": "Secretary of the Russian Security Council",
            "source": {"curation": {"file": "curation.yml", "line": 2}},
        }
    ]
    out = tmp_path / "out" / "dossier.ftm.json"
    assert (
        run(curated_project, "export", "--format", "ftm", "--output", str(out), capsys=capsys)[0]
        == 0
    )
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text("utf-8").splitlines()]
    assert ftm_problems(proxies) == []
    assert {p.first("name") for p in proxies if p.schema.name == "Person"} == set(SEED_PEOPLE)
    status, report = run(curated_project, "review", capsys=capsys)
    assert status == 0 and report.startswith("# Review: facts worth a human look")
    assert tree_digest(content) == before


def test_output_into_content_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(project / "content")
    for command in (["export", "--format", "json"], ["review"]):
        target = project / "content" / "articles" / "dossier.json"
        assert main(["--root", str(project), *command, "--output", str(target)]) == 1
        assert "holds the project's input" in capsys.readouterr().err
    assert tree_digest(project / "content") == before


def test_the_site_publishes_the_dossier_as_data() -> None:
    site = built_site()
    data = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, dossier_schema())
    assert json.loads((site / "dossier.schema.json").read_text("utf-8")) == dossier_schema()
    lines = (site / "dossier.ftm.json").read_text(encoding="utf-8").splitlines()
    assert ftm_problems([model.get_proxy(json.loads(line)) for line in lines]) == []
    home = (site / "index.html").read_text(encoding="utf-8")
    for name in ("dossier.json", "dossier.schema.json", "dossier.ftm.json"):
        assert f'href="{name}"' in home
