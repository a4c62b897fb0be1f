"""Quality gate: extraction scores on the seed article and the development set, pinned as floors.

Reads ../shared (gold files, corpora, scorer); skipped when it is absent. Scoring is the one
`make bench-quality` uses (bench/quality.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devkit.scoring import dev_pairs, scored, seed_pairs
from generator.commands import extract_files

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not (SHARED / "tools" / "score.py").exists(),
        reason=f"{SHARED} (gold files, corpora and scorer) is absent",
    ),
]


def figures_of(pairs: list[tuple[Path, Path]], tmp: Path) -> dict[str, float]:
    """The scorer's figures for our extraction of every (gold file, article file)."""
    return scored(SHARED, pairs, lambda files: (e.data for e in extract_files(tmp, files)), tmp)


def test_seed_article_is_extracted_completely(tmp_path: Path) -> None:
    figures = figures_of(seed_pairs(SHARED), tmp_path)
    assert figures["people_p"] == figures["people_r"] == 1.0
    assert figures["countries_p"] == figures["countries_r"] == 1.0
    assert figures["affil"] == 1.0
    assert figures["quotes_p"] == figures["quotes_r"] == figures["speaker_acc"] == 1.0


def test_development_set_meets_the_floors(tmp_path: Path) -> None:
    figures = figures_of(dev_pairs(SHARED), tmp_path)
    assert figures["people_f"] >= 0.95
    assert figures["countries_r"] >= 0.95
    assert figures["countries_p"] >= 0.90
    assert figures["affil"] >= 0.85
    assert figures["quotes_r"] >= 0.95
    assert figures["quotes_p"] >= 0.90
    assert figures["speaker_acc"] >= 0.93
    assert figures["speaker_pronoun"] >= 0.85
    assert figures["speaker_continuation"] >= 0.85
