"""Quality gate: extraction scores on the seed article and the development set, pinned as floors.

Reads ../shared (gold files, corpora, scorer); skipped when it is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands import extract_files

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not (SHARED / "tools" / "score.py").exists(),
        reason=f"{SHARED} (gold files, corpora and scorer) is absent",
    ),
]


def scored(pairs: list[tuple[Path, Path]], root: Path, tmp: Path) -> dict[str, float]:
    """The scorer's SUMMARY figures for each (gold file, article file), extracted in one run."""
    args = []
    for n, (gold, article) in enumerate(pairs):
        out = tmp / f"{n}.json"
        (extraction,) = extract_files(root, [article])
        out.write_text(json.dumps(extraction.data), encoding="utf-8")
        args.append(f"{gold}={out}")
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("SUMMARY "))
    figures: dict[str, float] = json.loads(line.removeprefix("SUMMARY "))
    return figures


def dev_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for line in (SHARED / "gold" / "INDEX").read_text(encoding="utf-8").splitlines():
        ident, path = line.split()
        pairs.append((SHARED / "gold" / f"{ident}.yml", SHARED / "corpora" / path))
    return pairs


def test_seed_article_is_extracted_completely(tmp_path: Path) -> None:
    seed = SHARED / "seed"
    figures = scored(
        [(seed / "gold.yml", seed / "iran-looks-to-strategic-partner-russia.txt")],
        tmp_path,
        tmp_path,
    )
    assert figures["people_p"] == figures["people_r"] == 1.0
    assert figures["countries_p"] == figures["countries_r"] == 1.0
    assert figures["affil"] == 1.0


def test_development_set_meets_the_floors(tmp_path: Path) -> None:
    figures = scored(dev_pairs(), tmp_path, tmp_path)
    assert figures["people_f"] >= 0.95
    assert figures["countries_r"] >= 0.95
    assert figures["countries_p"] >= 0.90
    assert figures["affil"] >= 0.85
