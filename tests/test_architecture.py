"""The package's shape: stage order, no import cycles, module size, where spaCy may be imported.

Read from the source with `ast` (nothing is imported, spaCy is not needed). Imports under
`if TYPE_CHECKING:` and inside functions count like any other: they are dependencies all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"

# The stage packages, earliest first: a module may import its own stage and earlier ones only.
# A new package under generator/ goes into this table, at its place in the pipeline.
STAGES = ("ingest", "nlp", "resolve", "site", "publish", "store")
# Top-level modules that run the stages; every other top-level module (model, errors, settings,
# text, digest, gazetteer, ...) is core, which comes before every stage.
ORCHESTRATION = frozenset({"pipeline", "commands", "cli", "extract", "__main__"})
CORE_RANK = 0
ORCHESTRATION_RANK = len(STAGES) + 1

MAX_LINES = 500
# Third-party packages confined to one stage: spaCy only in the analysis stage (ruff's TID251
# enforces the same in pyproject.toml).
CONFINED = {"spacy": "generator.nlp"}


# -- reading the package -------------------------------------------------------------------------


def module_name(path: Path, root: Path = ROOT) -> str:
    """generator/nlp/people.py -> generator.nlp.people; generator/nlp/__init__.py -> generator.nlp"""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by name."""
    root = package.parent
    return {module_name(p, root): p for p in sorted(package.rglob("*.py"))}


def imported_names(source: str, module: str, is_package: bool) -> Iterator[str]:
    """Every module name `source` imports, anywhere in it (TYPE_CHECKING blocks and functions
    included); `from a import b` gives both `a` and `a.b` (b may be a module). Relative imports
    are resolved against `module`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(node.module, node.level, module, is_package)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def absolute_module(name: str | None, level: int, module: str, is_package: bool) -> str:
    """The absolute name of `from <level dots><name> import ...` written in `module`."""
    if level == 0:
        return name or ""
    parts = module.split(".")
    anchor = parts if is_package else parts[:-1]
    anchor = anchor[: len(anchor) - (level - 1)]
    return ".".join([*anchor, name] if name else anchor)


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Each module -> the package's modules it imports."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        names = imported_names(
            path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
        )
        graph[name] = {n for n in names if n in modules and n != name}
    return graph


def third_party_imports(path: Path) -> set[str]:
    """The top-level names of every module `path` imports (`spacy.tokens` -> `spacy`)."""
    source = path.read_text(encoding="utf-8")
    return {n.split(".")[0] for n in imported_names(source, "", is_package=False) if n}


# -- the rules, as pure functions ----------------------------------------------------------------


def import_cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle (a, b, ..., a) through each group of modules that import each other."""
    cycles = []
    for group in strongly_connected(graph):
        if len(group) > 1:
            start = min(group)
            cycles.append([*path_within(graph, group, start, start), start])
    return cycles


def strongly_connected(graph: Mapping[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, in a deterministic order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def path_within(graph: Mapping[str, set[str]], group: set[str], start: str, end: str) -> list[str]:
    """The shortest import path start -> ... -> (just before) end inside `group` (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == end:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return path[::-1]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise ValueError(f"no path from {start} back to {end}")


def stage_rank(module: str) -> int:
    """Core 0, the stages in STAGES' order from 1, orchestration last; LookupError (saying where
    to add it) for a module of a package missing from STAGES."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    if len(parts) <= 2:  # the package's __init__ or a top-level module
        return ORCHESTRATION_RANK if parts[-1] in ORCHESTRATION else CORE_RANK
    raise LookupError(unknown_package(parts[1]))


def unknown_package(name: str) -> str:
    return (
        f"generator/{name}/ is not in the stage order: add it to STAGES in "
        f"tests/test_architecture.py at its place in the pipeline ({' < '.join(STAGES)})"
    )


def stage_name(rank: int) -> str:
    if rank == CORE_RANK:
        return "core"
    if rank == ORCHESTRATION_RANK:
        return "orchestration"
    return STAGES[rank - 1]


def backward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    """Every import of a later stage, as 'a (stage) imports b (later stage)'."""
    found = []
    for module, imports in sorted(graph.items()):
        for target in sorted(imports):
            if stage_rank(target) > stage_rank(module):
                found.append(
                    f"{module} ({stage_name(stage_rank(module))}) imports "
                    f"{target} ({stage_name(stage_rank(target))})"
                )
    return found


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


# -- the package ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(package_modules())


def test_every_package_has_a_place_in_the_stage_order() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    unknown = sorted(packages - set(STAGES))
    assert not unknown, "\n".join(unknown_package(name) for name in unknown)


def test_no_stage_imports_a_later_one(graph: dict[str, set[str]]) -> None:
    found = backward_imports(graph)
    order = " < ".join(["core", *STAGES, "orchestration"])
    assert not found, f"imports against the stage order ({order}):\n" + "\n".join(found)


def test_there_is_no_import_cycle(graph: dict[str, set[str]]) -> None:
    cycles = import_cycles(graph)
    assert not cycles, "import cycles (TYPE_CHECKING imports included):\n" + "\n".join(
        " -> ".join(c) for c in cycles
    )


def long_modules() -> dict[str, int]:
    """The package's modules over MAX_LINES, with their line counts."""
    counts = {p.relative_to(ROOT).as_posix(): line_count(p) for p in package_modules().values()}
    return {path: n for path, n in counts.items() if n > MAX_LINES}


def test_no_module_is_too_long() -> None:
    new = sorted(f"{path}: {n} lines" for path, n in long_modules().items())
    assert not new, f"modules over {MAX_LINES} lines (split them):\n" + "\n".join(new)


def test_confined_packages_are_imported_only_in_their_stage() -> None:
    found = []
    for name, path in package_modules().items():
        for third_party in sorted(third_party_imports(path)):
            home = CONFINED.get(third_party)
            if home and not (name == home or name.startswith(f"{home}.")):
                found.append(f"{path.relative_to(ROOT)} imports {third_party} (only in {home})")
    assert not found, "\n".join(found)


# -- the rules on inline examples ----------------------------------------------------------------


def test_a_cycle_is_reported_as_a_path() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert import_cycles(graph) == [["a", "b", "c", "a"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_type_checking_and_relative_imports_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from generator.site.render import SiteIndex\n"
        "from . import graph\n"
        "from ..model import Span\n"
        "def late():\n"
        "    import generator.store.cache\n"
    )
    names = set(imported_names(source, "generator.site.page_inputs", is_package=False))
    assert {
        "generator.site.render",
        "generator.site.graph",
        "generator.model",
        "generator.store.cache",
    } <= names


def test_stage_ranks_follow_the_table() -> None:
    assert stage_rank("generator") == stage_rank("generator.model") == CORE_RANK
    assert stage_rank("generator.ingest.reader") < stage_rank("generator.nlp.people")
    assert stage_rank("generator.store.cache") < stage_rank("generator.pipeline")
    assert backward_imports({"generator.model": {"generator.nlp.people"}}) == [
        "generator.model (core) imports generator.nlp.people (nlp)"
    ]
    with pytest.raises(LookupError, match="add it to STAGES"):
        stage_rank("generator.unheard_of.module")


# -- every module has a test file named after it -------------------------------------------------

# Modules exercised only end to end (tests/e2e builds the site through them), with no test
# file of their own. A module leaves this set when its test file is written.
END_TO_END_ONLY = frozenset(
    {
        "generator/cli.py",  # the argument parser; tests/e2e runs `dossier` commands
        "generator/pipeline.py",  # the whole build; tests/e2e/test_build, test_incremental
    }
)
# Test files being written on other branches at the time of writing: remove each name once
# its test file is merged.
WRITTEN_ELSEWHERE = frozenset(
    {
        "generator/publish/redirects.py",
        "generator/site/markdown.py",
        "generator/site/marking.py",
        "generator/site/contexts.py",
        "generator/site/page_inputs.py",
    }
)
# No module of its own to test: entry points and package markers.
NOT_MODULES = frozenset({"__init__.py", "__main__.py"})


def mirrored_test_file(module: Path, root: Path = ROOT) -> Path:
    """generator/nlp/attribution.py -> tests/nlp/test_attribution.py"""
    relative = module.relative_to(root / "generator")
    return root / "tests" / relative.parent / f"test_{relative.name}"


def modules_without_a_test_file(root: Path = ROOT) -> list[str]:
    return sorted(
        str(path.relative_to(root))
        for path in (root / "generator").rglob("*.py")
        if path.name not in NOT_MODULES and not mirrored_test_file(path, root).is_file()
    )


def test_every_module_has_a_test_file_named_after_it() -> None:
    missing = set(modules_without_a_test_file()) - END_TO_END_ONLY - WRITTEN_ELSEWHERE
    expected = [str(mirrored_test_file(ROOT / m).relative_to(ROOT)) for m in sorted(missing)]
    assert not missing, "write the test file named after each new module: " + ", ".join(expected)


def test_the_end_to_end_allowance_names_only_untested_existing_modules() -> None:
    stale = END_TO_END_ONLY - set(modules_without_a_test_file())
    assert not stale, f"remove from END_TO_END_ONLY (gone, or now has a test file): {sorted(stale)}"


def test_a_new_module_without_a_test_file_is_found(tmp_path: Path) -> None:
    (tmp_path / "generator" / "nlp").mkdir(parents=True)
    (tmp_path / "tests" / "nlp").mkdir(parents=True)
    for name in (
        "__init__.py",
        "__main__.py",
        "model.py",
        "nlp/__init__.py",
        "nlp/new.py",
        "nlp/old.py",
    ):
        (tmp_path / "generator" / name).write_text("", encoding="utf-8")
    (tmp_path / "tests" / "test_model.py").write_text("", encoding="utf-8")
    (tmp_path / "tests" / "nlp" / "test_old.py").write_text("", encoding="utf-8")
    assert modules_without_a_test_file(tmp_path) == ["generator/nlp/new.py"]
