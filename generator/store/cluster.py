"""The analysis on a Dask cluster (setting `executor: dask`): articles as tasks on `distributed`.

generator.store.cache hands the articles it has no entry for to `cluster_analyser`'s function,
which connects to the scheduler at `dask_scheduler` and sends them to the workers in batches:

- each worker process loads the spaCy model once (generator.nlp.analyse.load_model is cached per
  process) and analyses a batch as the local build does, one batch at a time per process;
- a batch holds enough articles to keep spaCy's batching and the per-task overhead of the
  scheduler small, and there are several per worker thread so that the last ones end together;
- at most WINDOW batches per worker thread are in flight: the articles are sent as workers take
  them, and the results come back in the order of the articles, streamed to the cache (each
  entry written as it arrives), with a progress bar on a terminal;
- a task that raises is tried RETRIES more times, and one whose worker died (killed, out of
  memory) is run again on another (the scheduler's `allowed-failures`); after that the build
  stops with an error that names the article files;
- a worker whose analysis code, data or model differs from the build's (another version of the
  project installed there) refuses the task: its analyses would not match the cache's key.

Analyses come back from the workers pickled, as Dask sends every result; only machines of the
build's own cluster send them. The cache on disk or on shared storage stays JSON.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from generator.errors import DossierError
from generator.model import Article, ArticleAnalysis
from generator.store.cache import pipeline_fingerprint

log = logging.getLogger(__name__)

BATCH = 32  # articles per task at most: 2,760 corpus articles make 87 tasks
PER_SLOT = 8  # batches per worker thread at least, when there are few articles
WINDOW = 4  # batches per worker thread in flight at once
RETRIES = 2  # tries of a task that raised, after the first
CONNECT_SECONDS = 30.0  # to reach the scheduler
WORKER_SECONDS = 120.0  # to wait for a first worker when the scheduler has none

_analysing = threading.Lock()  # one analysis at a time per worker process (spaCy's model)


class AnalysisFailed(DossierError):
    """An article whose analysis raised on a worker (the message names its file)."""


class WorkerMismatch(DossierError):
    """A worker whose analysis code, data or model is not the build's."""


def cluster_analyser(
    scheduler: str, model: str
) -> Callable[[Sequence[Article]], Iterator[ArticleAnalysis]]:
    """The analyser generator.store.cache calls with the articles to analyse."""

    def analyse(articles: Sequence[Article]) -> Iterator[ArticleAnalysis]:
        return analysed_on_cluster(articles, scheduler, model)

    return analyse


def analysed_on_cluster(
    articles: Sequence[Article], scheduler: str, model: str, retries: int = RETRIES
) -> Iterator[ArticleAnalysis]:
    """The analyses of `articles`, in their order, made on the cluster at `scheduler`."""
    if not articles:
        return
    from tqdm import tqdm

    with connected(scheduler) as client:
        slots = worker_threads(client, scheduler)
        size = batch_size(len(articles), slots)
        batches = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        log.info(
            "analysing %d articles on %s: %d tasks on %d worker threads",
            len(articles),
            scheduler,
            len(batches),
            slots,
        )
        submit = submitter(client, model, retries)
        bar = tqdm(
            total=len(articles), desc="analysis", unit=" articles", file=sys.stderr, disable=None
        )
        with bar:
            for batch, analyses in in_order(batches, submit, WINDOW * slots, 1 + retries):
                bar.update(len(batch))
                yield from analyses


def connected(scheduler: str) -> Any:
    """A `distributed.Client` of the scheduler (a context manager); DossierError when it cannot
    be reached or `distributed` is not installed."""
    try:
        from distributed import Client as client_of
    except ImportError:
        raise DossierError(
            "setting 'executor' is dask, but Dask is not installed: "
            "pip install 'dossier[cluster]' (on this machine and every worker)"
        ) from None
    try:
        make: Any = client_of
        return make(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DossierError(
            f"cannot reach the Dask scheduler at {scheduler} (setting 'dask_scheduler'): {exc}"
        ) from None


def worker_threads(client: Any, scheduler: str) -> int:
    """How many tasks the cluster runs at once, waiting for a first worker if it has none."""
    if not client.scheduler_info().get("workers"):
        log.info("waiting for a worker to join the scheduler at %s", scheduler)
        try:
            client.wait_for_workers(1, timeout=WORKER_SECONDS)
        except TimeoutError:
            raise DossierError(
                f"no Dask worker joined the scheduler at {scheduler} within "
                f"{WORKER_SECONDS:.0f} s: start workers (`dask worker {scheduler}`)"
            ) from None
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def batch_size(articles: int, slots: int) -> int:
    """Articles per task: at most BATCH, and at least PER_SLOT tasks per worker thread."""
    return max(1, min(BATCH, -(-articles // (PER_SLOT * slots))))


Submit = Callable[[int, list[Article]], Any]


def submitter(client: Any, model: str, retries: int) -> Submit:
    """A function that sends batch number N to the cluster and returns its future."""
    fingerprint = pipeline_fingerprint(model)
    run = fingerprint[:12]

    def submit(number: int, batch: list[Article]) -> Any:
        key = f"dossier-analysis-{run}-{number:06d}-{slug_of(batch[0])}"
        return client.submit(
            analysed_batch, batch, model, fingerprint, key=key, retries=retries, pure=False
        )

    return submit


def slug_of(article: Article) -> str:
    """The file name of an article without its folder and suffix, for a task's key."""
    name = article.path.replace("\\", "/").rpartition("/")[2]
    return name.removesuffix(".md") or article.id


def in_order(
    batches: Sequence[list[Article]], submit: Submit, window: int, tries: int
) -> Iterator[tuple[list[Article], list[ArticleAnalysis]]]:
    """Each batch with its analyses, in order, with at most `window` batches in flight."""
    pending: deque[tuple[list[Article], Any]] = deque()
    upcoming = iter(enumerate(batches))
    for number, batch in upcoming:
        pending.append((batch, submit(number, batch)))
        if len(pending) >= max(1, window):
            break
    while pending:
        batch, future = pending.popleft()
        analyses = outcome(future, batch, tries)
        following = next(upcoming, None)
        if following is not None:
            pending.append((following[1], submit(*following)))
        yield batch, analyses


def outcome(future: Any, batch: Sequence[Article], tries: int) -> list[ArticleAnalysis]:
    """The analyses of one task, or DossierError naming the articles it could not analyse."""
    from distributed import KilledWorker

    try:
        analyses: list[ArticleAnalysis] = future.result()
    except (AnalysisFailed, WorkerMismatch) as exc:
        raise type(exc)(f"{exc} (tried {tries} times)") from None
    except KilledWorker:
        raise DossierError(
            f"the analysis of {files_of(batch)} killed every Dask worker it ran on (out of "
            "memory?): look at the workers' logs"
        ) from None
    except DossierError:
        raise
    except Exception as exc:
        raise DossierError(
            f"the analysis of {files_of(batch)} failed on the cluster: {type(exc).__name__}: {exc}"
        ) from None
    finally:
        future.release()
    if len(analyses) != len(batch):
        raise DossierError(f"the cluster returned {len(analyses)} analyses for {len(batch)}")
    return analyses


def files_of(batch: Sequence[Article]) -> str:
    shown = ", ".join(a.path for a in batch[:3])
    return shown + (f" and {len(batch) - 3} more" if len(batch) > 3 else "")


# -- on the worker -----------------------------------------------------------------------------


def analysed_batch(articles: list[Article], model: str, fingerprint: str) -> list[ArticleAnalysis]:
    """A task: the analyses of `articles`, on a worker whose analysis code and model are the
    build's. An article whose analysis raises is found and named (AnalysisFailed)."""
    if pipeline_fingerprint(model) != fingerprint:
        raise WorkerMismatch(
            "a Dask worker has other analysis code, data or spaCy model than this build: "
            "install the same version of the project and model on every worker"
        )
    from generator.nlp.analyse import analyse_articles

    with _analysing:
        try:
            return list(analyse_articles(articles, model, 1))
        except DossierError:  # the model is not installed there: no article to blame
            raise
        except Exception:
            failing = first_failing(articles, model, analyse_articles)
            if failing is None:
                raise
            raise failing from None


def first_failing(
    articles: Iterable[Article],
    model: str,
    analyse: Callable[[Iterable[Article], str, int], Iterator[ArticleAnalysis]],
) -> AnalysisFailed | None:
    """The error of the first article whose analysis alone raises, naming its file."""
    for article in articles:
        try:
            list(analyse([article], model, 1))
        except Exception as exc:
            return AnalysisFailed(
                f"the analysis of {article.path} failed: {type(exc).__name__}: {exc}"
            )
    return None
