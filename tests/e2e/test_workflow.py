"""The publishing workflow: valid for GitHub Actions (check-jsonschema with its vendored GitHub
workflow schema, offline), and doing what the README promises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.settings import Settings
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
SCHEMA = "vendor.github-workflows"


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    if not os.environ.get("CI"):  # CI installs the test extras, the linter with them: no skip
        pytest.importorskip("check_jsonschema", reason="pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", SCHEMA, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflow_passes_the_linter() -> None:
    done = lint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    broken.write_text(text, encoding="utf-8")
    done = lint(broken)
    assert done.returncode != 0
    assert "runs_on" in done.stdout + done.stderr


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(job: dict[str, Any]) -> list[str]:
    return [str(s.get("uses") or s.get("run")) for s in job["steps"]]


def test_it_runs_on_new_content_and_by_hand() -> None:
    triggers = workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert "content/**" in triggers["push"]["paths"]
    assert "workflow_dispatch" in triggers


def test_it_builds_as_the_readme_says_with_the_cache_and_deploys_to_pages() -> None:
    jobs = workflow()["jobs"]
    build = steps(jobs["build"])
    assert "make install" in build
    assert any("make site" in s for s in build)  # `dossier build --strict`
    cache = next(s for s in jobs["build"]["steps"] if "actions/cache" in str(s.get("uses")))
    assert cache["with"]["path"] == Settings().cache_dir
    assert "generator/**" in cache["with"]["key"] and "content/**" in cache["with"]["key"]
    assert build.index(cache["uses"]) < next(i for i, s in enumerate(build) if "make site" in s)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in build)
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages" in str(s.get("uses")))
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.startswith("actions/deploy-pages@") for s in steps(deploy))
