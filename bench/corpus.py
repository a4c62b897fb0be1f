"""The real news corpora the benchmarks read (../shared/corpora/, never copied here)."""

from __future__ import annotations

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
