"""Analysis throughput: local processes against a Dask LocalCluster (part of `make bench`).

The same corpus articles (500 by default, spread over ../shared/corpora/) are analysed through
the build's own dispatch (generator.pipeline.analyses_of, the cache not read: every article is
analysed and its entry written), in turns, so that other work on the machine slows both alike:

- local: `executor: local`, `processes` worker processes forked from this one (the default, one
  per core here);
- dask: `executor: dask` on a LocalCluster of as many worker processes, one thread each, started
  once (its start is reported apart; each worker loads the model on its first task).

The first round of each includes loading the model; the best round is reported with the ratio
dask / local (1.0 = as fast), and the machine's load before and after.

    python bench/cluster.py [--limit 500] [--rounds 2] [--workers 2] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpora_missing, corpus_files, spread  # noqa: E402
from generator.ingest.paste import article_markdown, plain_text_article  # noqa: E402
from generator.ingest.reader import read_article_file  # noqa: E402
from generator.model import Article  # noqa: E402
from generator.pipeline import analyses_of  # noqa: E402
from generator.settings import Settings, load_settings  # noqa: E402
from generator.text import decoded_text, slug  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"


def make_project(folder: Path, files: list[Path], corpora: Path) -> Settings:
    """A project whose articles are the corpus files (written as `dossier add` would)."""
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    for path in files:
        ident = slug("-".join(path.relative_to(corpora).with_suffix("").parts))
        text = decoded_text(path.read_bytes())
        article = plain_text_article(text, str(path), ident)
        (articles / f"{ident}.md").write_text(article_markdown(article), encoding="utf-8")
    return load_settings(folder)


def timed(settings: Settings, articles: list[Article]) -> float:
    """Seconds to analyse every article through the build's dispatch, the cache not read."""
    shutil.rmtree(settings.path("cache_dir"), ignore_errors=True)
    started = time.perf_counter()
    analyses, stats = analyses_of(settings, articles, use_cache=False)
    seconds = time.perf_counter() - started
    assert len(analyses) == len(articles) and stats.analysed == len(articles)
    return seconds


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--limit", type=int, default=500, help="articles (default 500)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each, taking turns")
    parser.add_argument("--workers", type=int, default=2, help="processes of each executor")
    args = parser.parse_args(argv)
    if corpora_missing(args.corpora, "bench/cluster.py"):
        return 2
    files = spread(corpus_files(args.corpora), args.limit)
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-cluster-"))
    try:
        return compare(args, files, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compare(args: argparse.Namespace, files: list[Path], work: Path) -> int:
    from distributed import LocalCluster

    local = dataclasses.replace(
        make_project(work, files, args.corpora), processes=args.workers, executor="local"
    )
    # Every file, duplicates included (the build would keep one copy of each): 500 articles.
    articles = [read_article_file(p) for p in sorted(local.articles_path.glob("*.md"))]
    characters = sum(len(b.text) for a in articles for b in a.blocks)
    print(f"{len(articles)} articles ({characters / 1e6:.1f} M characters); {load()}", flush=True)
    started = time.perf_counter()
    with LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        print(f"LocalCluster of {args.workers} workers up in {time.perf_counter() - started:.1f} s")
        dask = dataclasses.replace(local, executor="dask", dask_scheduler=cluster.scheduler_address)
        ours: dict[str, list[float]] = {"local": [], "dask": []}
        for number in range(args.rounds):
            for name, settings in (("local", local), ("dask", dask)):
                ours[name].append(timed(settings, articles))
                rate = len(articles) / ours[name][-1]
                print(
                    f"  round {number + 1}, {name}: {ours[name][-1]:.1f} s ({rate:.1f} articles/s)"
                )
    best = {name: min(seconds) for name, seconds in ours.items()}
    rates = {name: len(articles) / seconds for name, seconds in best.items()}
    print(
        f"analysis throughput, best of {args.rounds} (the first round loads the model): "
        f"local {args.workers} processes {rates['local']:.1f} articles/s "
        f"({characters / best['local'] / 1000:.0f} K chars/s); Dask LocalCluster of "
        f"{args.workers} workers {rates['dask']:.1f} articles/s "
        f"({characters / best['dask'] / 1000:.0f} K chars/s): dask/local "
        f"{rates['dask'] / rates['local']:.2f}x; {load()}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
