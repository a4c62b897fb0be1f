"""Extraction scores against the gold files of ../shared: the pairs of (gold file, article file)
of the seed article and of the development set, and the figures of shared/tools/score.py for an
extractor's JSON. The quality gate (tests) and bench/quality.py score the same way."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Pair = tuple[Path, Path]  # gold file, article file
Extractor = Callable[[list[Path]], Iterable[dict[str, Any]]]


def seed_pairs(shared: Path) -> list[Pair]:
    seed = shared / "seed"
    return [(seed / "gold.yml", seed / "iran-looks-to-strategic-partner-russia.txt")]


def dev_pairs(shared: Path) -> list[Pair]:
    pairs = []
    for line in (shared / "gold" / "INDEX").read_text(encoding="utf-8").splitlines():
        ident, path = line.split()
        pairs.append((shared / "gold" / f"{ident}.yml", shared / "corpora" / path))
    return pairs


def scored(shared: Path, pairs: list[Pair], extractor: Extractor, out: Path) -> dict[str, float]:
    """The scorer's SUMMARY figures for the extractor's JSON of every article."""
    out.mkdir(parents=True, exist_ok=True)
    args = []
    for n, ((gold, _), obj) in enumerate(zip(pairs, extractor([a for _, a in pairs]), strict=True)):
        path = out / f"{n:03d}.json"
        path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
        args.append(f"{gold}={path}")
    result = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    line = next(x for x in lines if x.startswith("SUMMARY "))
    figures: dict[str, float] = json.loads(line.removeprefix("SUMMARY "))
    return figures | speaker_accuracy_by_link(lines)


def speaker_accuracy_by_link(lines: list[str]) -> dict[str, float]:
    """ "speaker accuracy by link: name:13/13 pronoun:4/4 ..." -> {"speaker_pronoun": 1.0, ...}"""
    line = next((x for x in lines if x.startswith("speaker accuracy by link:")), "")
    out = {}
    for via, right, total in re.findall(r"(\w+):(\d+)/(\d+)", line):
        out[f"speaker_{via}"] = int(right) / int(total) if int(total) else float("nan")
    return out
