"""Quality gate: extraction scores on the seed article and the development set, against floors
pinned in quality_floors.json with a digest of the evaluation inputs (trafilatura's eval gate).

The tests that measure read ../shared (gold files, corpora, scorer) and skip when it is absent;
scoring is the one `make bench-quality` uses (bench/quality.py). The figures are those of the
scorer's SUMMARY line plus speaker accuracy by link (name, pronoun, title, continuation).

    make pin-quality    # = UPDATE_FLOORS=1 pytest tests/e2e/test_quality_gate.py

measures again and writes the figures, rounded down to 3 decimals, as the new floors with the new
digest. While the inputs are unchanged it refuses to lower a floor (naming the figures) unless
ALLOW_LOWER_FLOORS=1; when they changed (new gold, another scorer) it lowers them and says which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from devkit.scoring import dev_pairs, scored, seed_pairs
from generator.commands import extract_files
from tests.conftest import SHARED

FLOORS_FILE = Path(__file__).with_name("quality_floors.json")
PIN_COMMAND = "make pin-quality"
UPDATE = os.environ.get("UPDATE_FLOORS") == "1"
ALLOW_LOWER = os.environ.get("ALLOW_LOWER_FLOORS") == "1"
# The evaluation sets: name -> its (gold file, article file) pairs under ../shared.
SETS: dict[str, Callable[[Path], list[tuple[Path, Path]]]] = {"seed": seed_pairs, "dev": dev_pairs}
# The scorer and the module it imports (its country names and demonyms).
SCORER = ("tools/score.py", "tools/conll.py")

needs_shared = pytest.mark.skipif(
    not (SHARED / "tools" / "score.py").exists(),
    reason=f"{SHARED} (gold files, corpora and scorer) is absent",
)


# -- floors: pure functions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    """The floors of one evaluation set and the digest of the inputs they were measured on."""

    inputs: str
    articles: int
    floors: Mapping[str, float]


@dataclass(frozen=True)
class Change:
    """One floor that a new pin moves; None where the figure is absent on that side."""

    figure: str
    old: float | None
    new: float | None

    @property
    def lowers(self) -> bool:
        return self.old is not None and (self.new is None or self.new < self.old)

    def __str__(self) -> str:
        old = "none" if self.old is None else f"{self.old:.3f}"
        new = "none" if self.new is None else f"{self.new:.3f}"
        return f"{self.figure} {old} -> {new}"


class RefusedPin(Exception):
    """A pin that would lower floors of unchanged evaluation inputs without ALLOW_LOWER_FLOORS."""


def floor3(value: float) -> float:
    """`value` rounded down to 3 decimals (0.9137 -> 0.913; 0.29 stays 0.29 despite 289.99...)."""
    return math.floor(value * 1000 + 1e-9) / 1000


def floors_of(figures: Mapping[str, float]) -> dict[str, float]:
    """The floors to pin for measured figures (a figure without a value, NaN, has none)."""
    return {name: floor3(value) for name, value in figures.items() if not math.isnan(value)}


def shortfalls(figures: Mapping[str, float], floors: Mapping[str, float]) -> list[str]:
    """Every pinned figure below its floor or no longer measured, and every figure not pinned."""
    found = []
    for name, floor in floors.items():
        value = figures.get(name)
        if value is None:
            found.append(f"{name}: pinned at {floor:.3f} but no longer measured")
        elif not value >= floor:  # NaN included
            found.append(f"{name}: {value:.4f} is below its floor {floor:.3f}")
    return found + [
        f"{name}: measured ({value:.4f}) but not pinned"
        for name, value in figures.items()
        if name not in floors
    ]


def floor_changes(old: Mapping[str, float], new: Mapping[str, float]) -> list[Change]:
    """The floors that differ between two pins, in the old pin's order then the new one's."""
    names = [*old, *(name for name in new if name not in old)]
    return [
        Change(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    ]


def checked_pin(name: str, old: Pin | None, new: Pin, allow_lower: bool) -> list[Change]:
    """The changes that pinning `new` over `old` makes to set `name`'s floors. RefusedPin, naming
    the figures, when it would lower any while the evaluation inputs are unchanged and lowering
    is not allowed: a lower figure on the same inputs is a regression, not a new baseline."""
    changes = floor_changes(old.floors if old else {}, new.floors)
    lowered = [c for c in changes if c.lowers]
    if lowered and old is not None and old.inputs == new.inputs and not allow_lower:
        raise RefusedPin(
            f"{name}: the evaluation inputs are unchanged but these floors would drop: "
            + ", ".join(map(str, lowered))
            + ". Fix the regression, or re-pin with ALLOW_LOWER_FLOORS=1 to accept it."
        )
    return changes


def inputs_digest(root: Path, files: Iterable[Path]) -> str:
    """sha256 over the name (relative to `root`) and content of every file, in name order."""
    digest = hashlib.sha256()
    for name, path in sorted({p.relative_to(root).as_posix(): p for p in files}.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def parse_floors(text: str) -> dict[str, Pin]:
    """The pins of quality_floors.json by set name."""
    data = json.loads(text)
    return {
        name: Pin(entry["inputs_sha256"], entry["articles"], entry["floors"])
        for name, entry in data["sets"].items()
    }


def floors_json(pins: Mapping[str, Pin], date: str, command: str) -> str:
    data = {
        "about": (
            "Floors of the extraction quality gate (tests/e2e/test_quality_gate.py), per "
            "evaluation set: the scorer's figures rounded down to 3 decimals, and a sha256 of "
            "the gold files, article texts and scorer they were measured on. Written by "
            f"`{PIN_COMMAND}`, not by hand."
        ),
        "pinned": date,
        "command": command,
        "sets": {
            name: {"inputs_sha256": pin.inputs, "articles": pin.articles, "floors": pin.floors}
            for name, pin in pins.items()
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- measuring (reads ../shared) -----------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    inputs: str
    articles: int
    figures: dict[str, float]


def set_inputs(pairs: list[tuple[Path, Path]]) -> str:
    files = [path for pair in pairs for path in pair] + [SHARED / name for name in SCORER]
    return inputs_digest(SHARED, files)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Measured]:
    """Every set's input digest and figures for our extraction, measured once."""
    tmp = tmp_path_factory.mktemp("quality")
    out = {}
    for name, pairs_of in SETS.items():
        pairs = pairs_of(SHARED)
        figures = scored(
            SHARED, pairs, lambda files: (e.data for e in extract_files(tmp, files)), tmp / name
        )
        out[name] = Measured(set_inputs(pairs), len(pairs), figures)
    return out


def pinned_floors() -> dict[str, Pin]:
    return parse_floors(FLOORS_FILE.read_text(encoding="utf-8")) if FLOORS_FILE.exists() else {}


@pytest.mark.shared
@needs_shared
def test_seed_article_is_extracted_completely(measured: dict[str, Measured]) -> None:
    figures = measured["seed"].figures
    assert figures["people_p"] == figures["people_r"] == 1.0
    assert figures["countries_p"] == figures["countries_r"] == 1.0
    assert figures["affil"] == 1.0
    assert figures["quotes_p"] == figures["quotes_r"] == figures["speaker_acc"] == 1.0


@pytest.mark.shared
@needs_shared
@pytest.mark.skipif(UPDATE, reason="UPDATE_FLOORS=1: pinning, not checking")
@pytest.mark.parametrize("name", SETS)
def test_every_figure_meets_its_floor(name: str, measured: dict[str, Measured]) -> None:
    pins = pinned_floors()
    assert name in pins, f"{FLOORS_FILE.name} has no floors for {name!r}: pin with `{PIN_COMMAND}`"
    pin, now = pins[name], measured[name]
    assert now.inputs == pin.inputs, (
        f"the evaluation set changed: re-pin with `{PIN_COMMAND}` ({name}: the gold files, "
        f"article texts or scorer hash to {now.inputs[:12]}, the floors were pinned for "
        f"{pin.inputs[:12]})"
    )
    below = shortfalls(now.figures, pin.floors)
    assert not below, f"{name} set, against {FLOORS_FILE.name}:\n" + "\n".join(below)


@pytest.mark.shared
@needs_shared
@pytest.mark.skipif(not UPDATE, reason=f"pins the floors only with UPDATE_FLOORS=1 ({PIN_COMMAND})")
def test_pin_the_floors(measured: dict[str, Measured], capsys: pytest.CaptureFixture[str]) -> None:
    old = pinned_floors()
    new = {name: Pin(m.inputs, m.articles, floors_of(m.figures)) for name, m in measured.items()}
    report, refused = [], []
    for name, pin in new.items():
        try:
            changes = checked_pin(name, old.get(name), pin, ALLOW_LOWER)
        except RefusedPin as exc:
            refused.append(str(exc))
            continue
        state = "same inputs" if name in old and old[name].inputs == pin.inputs else "new inputs"
        report.append(f"{name} ({state}): " + (", ".join(map(str, changes)) or "no change"))
        report += [f"  LOWERED {name} {change}" for change in changes if change.lowers]
    if refused:
        pytest.fail(f"{FLOORS_FILE.name} left as it was:\n" + "\n".join(refused), pytrace=False)
    command = f"ALLOW_LOWER_FLOORS=1 {PIN_COMMAND}" if ALLOW_LOWER else PIN_COMMAND
    text = floors_json(new, dt.date.today().isoformat(), command)
    FLOORS_FILE.write_text(text, encoding="utf-8")
    with capsys.disabled():
        print(f"\n{FLOORS_FILE.name} pinned:\n" + "\n".join(report))


# -- the floors logic on inline data (no ../shared needed) ---------------------------------------


def test_floors_are_rounded_down_to_three_decimals() -> None:
    assert floor3(0.9137931034482759) == 0.913
    assert floor3(0.29) == 0.29 and floor3(1.0) == 1.0 and floor3(0.0) == 0.0
    assert floors_of({"a": 0.8756, "b": float("nan")}) == {"a": 0.875}


def test_a_figure_below_its_floor_or_missing_is_a_shortfall() -> None:
    floors = {"people_f": 0.9, "quotes_r": 0.8, "affil": 0.5}
    figures = {"people_f": 0.85, "quotes_r": float("nan"), "roles_p": 0.7}
    assert shortfalls(figures, floors) == [
        "people_f: 0.8500 is below its floor 0.900",
        "quotes_r: nan is below its floor 0.800",
        "affil: pinned at 0.500 but no longer measured",
        "roles_p: measured (0.7000) but not pinned",
    ]
    assert shortfalls({"people_f": 0.9, "quotes_r": 0.95}, {"people_f": 0.9, "quotes_r": 0.9}) == []


OLD = Pin("digest-1", 16, {"people_f": 0.875, "quotes_r": 1.0, "affil": 0.471})


def test_pinning_refuses_to_lower_a_floor_of_the_same_inputs() -> None:
    lower = Pin("digest-1", 16, {"people_f": 0.870, "quotes_r": 1.0})
    with pytest.raises(RefusedPin) as refused:
        checked_pin("dev", OLD, lower, allow_lower=False)
    message = str(refused.value)
    assert "people_f 0.875 -> 0.870" in message and "affil 0.471 -> none" in message
    assert "quotes_r" not in message and "ALLOW_LOWER_FLOORS=1" in message


def test_pinning_lowers_floors_when_allowed_and_says_which() -> None:
    lower = Pin("digest-1", 16, {"people_f": 0.870, "quotes_r": 1.0, "affil": 0.5})
    changes = checked_pin("dev", OLD, lower, allow_lower=True)
    assert [str(c) for c in changes if c.lowers] == ["people_f 0.875 -> 0.870"]
    assert [str(c) for c in changes] == ["people_f 0.875 -> 0.870", "affil 0.471 -> 0.500"]


def test_pinning_new_inputs_may_lower_floors() -> None:
    regold = Pin("digest-2", 16, {"people_f": 0.8, "quotes_r": 1.0, "roles_p": 0.9})
    changes = checked_pin("dev", OLD, regold, allow_lower=False)
    assert [str(c) for c in changes if c.lowers] == [
        "people_f 0.875 -> 0.800",
        "affil 0.471 -> none",
    ]
    assert "roles_p none -> 0.900" in map(str, changes)


def test_pinning_may_always_raise_floors_or_pin_a_first_time() -> None:
    higher = Pin("digest-1", 16, {"people_f": 0.9, "quotes_r": 1.0, "affil": 0.471})
    assert [str(c) for c in checked_pin("dev", OLD, higher, False)] == ["people_f 0.875 -> 0.900"]
    assert not any(c.lowers for c in checked_pin("dev", None, OLD, False))


def test_the_inputs_digest_covers_names_and_contents(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    a, b = tmp_path / "gold" / "d01.yml", tmp_path / "article.txt"
    a.write_text("id: d01\n", encoding="utf-8")
    b.write_text("Text.\n", encoding="utf-8")
    first = inputs_digest(tmp_path, [a, b])
    assert inputs_digest(tmp_path, [b, a]) == first
    b.write_text("Text!\n", encoding="utf-8")
    assert inputs_digest(tmp_path, [a, b]) != first
    assert inputs_digest(tmp_path, [a]) != inputs_digest(tmp_path, [a, b])


def test_the_floors_file_round_trips() -> None:
    pins = {"seed": Pin("abc", 1, {"people_p": 1.0}), "dev": OLD}
    assert parse_floors(floors_json(pins, "2024-01-01", PIN_COMMAND)) == pins


def test_the_pinned_floors_are_well_formed() -> None:
    pins = pinned_floors()
    assert set(pins) == set(SETS), f"{FLOORS_FILE.name}: pin every set with `{PIN_COMMAND}`"
    for name, pin in pins.items():
        assert len(pin.inputs) == 64 and pin.articles > 0, name
        assert all(0.0 <= floor <= 1.0 for floor in pin.floors.values()), name
        assert all(floor == floor3(floor) for floor in pin.floors.values()), name
