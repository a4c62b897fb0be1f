"""Analysis throughput: local processes against a Dask LocalCluster (part of `make bench`).

The same corpus articles (500 by default, spread over ../shared/corpora/) are analysed through
the build's own dispatch (generator.pipeline.analyses_of, the cache not read: every article is
analysed and its entry written), in turns, so that other work on the machine slows both alike:

- local: `executor: local`, `processes` worker processes forked from this one (the default, one
  per core here);
- dask: `executor: dask` on a LocalCluster of as many worker processes, one thread each, started
  once (its start is reported apart; each worker loads the model on its first task).

The first round of each includes loading the model; the best round is reported with the ratio
dask / local (1.0 = as fast), by the clock and per CPU second (the CPU time of this process and
of every process under it, which other work on a shared machine does not inflate), with the
machine's load after each round.

    python bench/cluster.py [--limit 500] [--rounds 2] [--workers 2] [--corpora DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
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


def timed(settings: Settings, articles: list[Article]) -> tuple[float, float]:
    """Seconds, and CPU seconds of this process and every process under it, to analyse every
    article through the build's dispatch, the cache not read."""
    shutil.rmtree(settings.path("cache_dir"), ignore_errors=True)
    cpu, started = cpu_seconds(), time.perf_counter()
    analyses, stats = analyses_of(settings, articles, use_cache=False)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    assert len(analyses) == len(articles) and stats.analysed == len(articles)
    return seconds, cpu


def cpu_seconds() -> float:
    """CPU time (user and system) of this process, of its children that ended (the local
    executor's) and of those that run (the LocalCluster's workers): on a machine shared with
    other work, what the analysis costs apart from what it waited for."""
    import psutil  # distributed's dependency

    me = psutil.Process()
    times = me.cpu_times()
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = times.user + times.system + ended.ru_utime + ended.ru_stime
    for child in me.children(recursive=True):
        try:
            running = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += running.user + running.system
    return total


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
        walls: dict[str, list[float]] = {"local": [], "dask": []}
        cpus: dict[str, list[float]] = {"local": [], "dask": []}
        for number in range(args.rounds):
            for name, settings in (("local", local), ("dask", dask)):
                seconds, cpu = timed(settings, articles)
                walls[name].append(seconds)
                cpus[name].append(cpu)
                print(
                    f"  round {number + 1}, {name}: {seconds:.1f} s "
                    f"({len(articles) / seconds:.1f} articles/s), {cpu:.1f} CPU s; {load()}",
                    flush=True,
                )
    rate = {name: len(articles) / min(seconds) for name, seconds in walls.items()}
    per_cpu = {name: len(articles) / min(seconds) for name, seconds in cpus.items()}
    print(
        f"analysis throughput of {len(articles)} articles, best of {args.rounds} rounds (the "
        f"first loads the model): local, {args.workers} processes: {rate['local']:.2f} "
        f"articles/s ({characters / 1000 * rate['local'] / len(articles):.0f} K chars/s); Dask "
        f"LocalCluster, {args.workers} workers: {rate['dask']:.2f} articles/s "
        f"({characters / 1000 * rate['dask'] / len(articles):.0f} K chars/s); "
        f"dask/local {rate['dask'] / rate['local']:.2f}x by the clock, "
        f"{per_cpu['dask'] / per_cpu['local']:.2f}x per CPU second "
        f"({per_cpu['local']:.2f} and {per_cpu['dask']:.2f} articles per CPU second)",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
