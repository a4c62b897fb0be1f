"""The workflows (publishing; pulling the feeds): valid for GitHub Actions (check-jsonschema with
its vendored GitHub workflow schema, offline), and doing what the README promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from generator.settings import Settings
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "publish.yml"
PULL = WORKFLOWS / "pull.yml"
ALL = sorted(WORKFLOWS.glob("*.yml"))
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


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_the_workflow_passes_the_linter(path: Path) -> None:
    done = lint(path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    broken.write_text(text, encoding="utf-8")
    done = lint(broken)
    assert done.returncode != 0
    assert "runs_on" in done.stdout + done.stderr


def workflow(path: Path = WORKFLOW) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    assert any("-r requirements.lock" in s for s in build)  # as `make install`, but locked
    assert any(".venv/bin/dossier build --strict" in s for s in build)  # as `make site`
    cache = next(s for s in jobs["build"]["steps"] if "actions/cache" in str(s.get("uses")))
    assert cache["with"]["path"] == Settings().cache_dir
    assert "generator/**" in cache["with"]["key"] and "content/**" in cache["with"]["key"]
    assert build.index(cache["uses"]) < next(i for i, s in enumerate(build) if "--strict" in s)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in build)
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages" in str(s.get("uses")))
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.startswith("actions/deploy-pages@") for s in steps(deploy))


def test_the_feeds_are_pulled_on_a_schedule_and_by_hand_one_run_at_a_time() -> None:
    pull = workflow(PULL)
    assert pull[True]["schedule"][0]["cron"] and "workflow_dispatch" in pull[True]
    assert pull["permissions"] == {"contents": "read"}
    assert pull["concurrency"]["cancel-in-progress"] is False and pull["concurrency"]["group"]
    (job,) = pull["jobs"].values()
    assert job["permissions"] == {"contents": "write"}  # to push the articles, nothing more
    runs = steps(job)
    assert any(".venv/bin/dossier pull" in s for s in runs)
    assert any("--require-hashes --no-deps -r requirements.lock" in s for s in runs)
    push = next(s for s in job["steps"] if "git push" in str(s.get("run")))
    assert "git add content/articles" in push["run"] and "github.token" in str(push["env"])
    assert sum("github.token" in str(s) for s in job["steps"]) == 1  # nowhere else


def test_a_completed_pull_publishes_the_site() -> None:
    publish = workflow()
    name = workflow(PULL)["name"]
    assert publish[True]["workflow_run"] == {"workflows": [name], "types": ["completed"]}
    condition = publish["jobs"]["build"]["if"]  # not after a pull that committed nothing
    assert "github.event.workflow_run.head_sha != github.sha" in condition


# -- supply chain (red-team item 20) -----------------------------------------------------------

LOCK = ROOT / "requirements.lock"


def all_steps(path: Path = WORKFLOW) -> list[dict[str, Any]]:
    return [step for job in workflow(path)["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment(path: Path) -> None:
    """A tag can be moved to other code; a commit cannot."""
    uses = [str(step["uses"]) for step in all_steps(path) if "uses" in step]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(lines) == len(uses)
    for line in lines:
        assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_checkout_leaves_no_credentials_behind(path: Path) -> None:
    checkout = [
        s for s in all_steps(path) if str(s.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkout and all(s["with"]["persist-credentials"] is False for s in checkout)


def locked() -> dict[str, tuple[str, list[str]]]:
    """The lock file's packages: name -> (version, hashes)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    packages = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            requirement, *options = line.split()
            name, version = requirement.split("==")
            packages[canonicalize_name(name)] = (version, [o for o in options if o])
    return packages


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_the_build_installs_exactly_the_locked_dependencies(path: Path) -> None:
    install = next(s["run"] for s in all_steps(path) if s.get("name") == "Install")
    assert "--require-hashes --no-deps -r requirements.lock" in install
    assert "--no-deps --no-build-isolation --editable ." in install
    packages = locked()
    for version, hashes in packages.values():
        assert re.fullmatch(r"[\w.+!]+", version)
        assert hashes and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = [Requirement(r) for r in project["project"]["dependencies"]]
    needed += [Requirement(r) for r in project["build-system"]["requires"]]
    needed += [Requirement(r) for r in project["project"]["optional-dependencies"]["cluster"]]
    for requirement in needed:
        name = canonicalize_name(requirement.name)
        assert name in packages, f"{name} is not in requirements.lock"
        assert requirement.specifier.contains(packages[name][0]), (name, packages[name][0])
