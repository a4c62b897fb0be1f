"""The real news corpora the benchmarks read (../shared/corpora/, never copied here)."""

from __future__ import annotations

import sys
from pathlib import Path


def corpus_files(corpora: Path) -> list[Path]:
    """Every article of the corpora (bbc/ then mpqa-news/), in a fixed order."""
    return sorted(p for p in corpora.rglob("*.txt") if p.is_file())


def spread(files: list[Path], count: int) -> list[Path]:
    """`count` files spread evenly over the list (every topic and source, not the first one)."""
    if count >= len(files):
        return files
    step = len(files) / count
    return [files[int(i * step)] for i in range(count)]


def corpora_missing(corpora: Path, script: str) -> bool:
    """True (and a message on stderr) when `corpora` is not there: the benchmark cannot run."""
    if corpora.is_dir():
        return False
    print(
        f"{script}: no corpora at {corpora} (the real news corpora live in ../shared/corpora/ "
        "beside the repository; pass --corpora DIR); nothing was run",
        file=sys.stderr,
    )
    return True
