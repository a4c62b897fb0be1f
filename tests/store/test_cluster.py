"""The analysis on a Dask cluster: batches, order, retries, errors that name the article.

These run an in-process cluster (threads: quick to start, and the test's own patches reach the
workers); tests/e2e/test_cluster.py builds on a LocalCluster of worker processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import DossierError
from generator.model import Article, ArticleAnalysis
from generator.store import cluster
from generator.store.cache import pipeline_fingerprint
from tests.store.test_cache import MODEL, article


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as local:
        yield str(local.scheduler_address)


def sentences(count: int) -> list[Article]:
    return [
        article(f"c{i}", f"Minister Ann Smith{i} visited Paris on day {i}, Reuters said.")
        for i in range(count)
    ]


def test_a_batch_holds_at_most_batch_articles_and_each_thread_gets_several() -> None:
    assert cluster.batch_size(1, 2) == 1
    assert cluster.batch_size(40, 2) == 3  # 14 batches for 2 threads
    assert cluster.batch_size(500, 2) == cluster.BATCH
    assert cluster.batch_size(500, 64) == 1


class Done:
    """A future that is already done; `taken` counts the results read from every Done."""

    taken = 0

    def __init__(self, value: list[ArticleAnalysis]) -> None:
        self.value = value
        self.released = False

    def result(self) -> list[ArticleAnalysis]:
        Done.taken += 1
        return self.value

    def release(self) -> None:
        self.released = True


def test_results_come_back_in_order_with_a_bounded_window() -> None:
    batches = [[a] for a in sentences(7)]
    submitted: list[int] = []
    in_flight: list[int] = []
    Done.taken = 0

    def submit(number: int, batch: list[Article]) -> Done:
        submitted.append(number)
        in_flight.append(len(submitted) - Done.taken)  # submitted and not yet read
        return Done([ArticleAnalysis(batch[0], (), (), ())])

    seen: list[Article] = []
    for batch, analyses in cluster.in_order(batches, submit, window=3, tries=1):
        assert [a.article for a in analyses] == batch
        seen.extend(batch)
    assert seen == [b[0] for b in batches] and submitted == list(range(7))
    assert max(in_flight) <= 3


def test_the_cluster_gives_the_local_analyses_in_order(scheduler: str, nlp: object) -> None:
    from generator.nlp.analyse import analyse_articles

    articles = sentences(9)
    remote = list(cluster.analysed_on_cluster(articles, scheduler, MODEL))
    assert remote == list(analyse_articles(articles, MODEL, 1))


def analyse_failing_on(
    name: str, times: int, monkeypatch: pytest.MonkeyPatch, record: Path
) -> None:
    """analyse_articles raises for the article `name`, its first `times` times."""
    import generator.nlp.analyse

    def analyse(articles: Iterable[Article], model: str, processes: int = 1) -> Iterator[Any]:
        batch = list(articles)
        if any(a.id == name for a in batch):
            failures = record.read_text().count("x") if record.exists() else 0
            if failures < times:
                record.write_text("x" * (failures + 1))
                raise RuntimeError(f"cannot read {name}")
        return iter([ArticleAnalysis(a, (), (), ()) for a in batch])

    monkeypatch.setattr(generator.nlp.analyse, "analyse_articles", analyse)


def test_a_failed_task_is_tried_again(
    scheduler: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    analyse_failing_on("c3", 1, monkeypatch, tmp_path / "failures")
    articles = sentences(6)
    found = list(cluster.analysed_on_cluster(articles, scheduler, MODEL))
    assert [a.article for a in found] == articles
    assert (tmp_path / "failures").read_text() == "x"


def test_an_article_that_always_fails_is_named_after_the_tries(
    scheduler: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    analyse_failing_on("c4", 1_000, monkeypatch, tmp_path / "failures")
    with pytest.raises(cluster.AnalysisFailed) as raised:
        list(cluster.analysed_on_cluster(sentences(6), scheduler, MODEL, retries=1))
    assert "the analysis of /x/c4.md failed: RuntimeError: cannot read c4" in str(raised.value)
    assert "(tried 2 times)" in str(raised.value)


def test_a_worker_with_other_analysis_code_refuses_the_task() -> None:
    with pytest.raises(cluster.WorkerMismatch, match="same version"):
        cluster.analysed_batch(sentences(1), MODEL, "another fingerprint")
    assert pipeline_fingerprint(MODEL) != "another fingerprint"


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1.0)
    with pytest.raises(
        DossierError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    ):
        list(cluster.analysed_on_cluster(sentences(1), f"tcp://127.0.0.1:{port}", MODEL))


def test_no_article_no_connection() -> None:
    assert list(cluster.analysed_on_cluster([], "tcp://127.0.0.1:1", MODEL)) == []


class Failed:
    """A future whose task failed with `error`."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def result(self) -> list[ArticleAnalysis]:
        raise self.error

    def release(self) -> None:
        pass


def test_a_batch_that_killed_its_workers_is_named() -> None:
    from distributed import KilledWorker

    batch = sentences(5)
    with pytest.raises(DossierError) as raised:
        cluster.outcome(Failed(KilledWorker("task", "worker", 3)), batch, 3)
    assert "/x/c0.md, /x/c1.md, /x/c2.md and 2 more killed every Dask worker" in str(raised.value)
    with pytest.raises(DossierError, match=r"/x/c0\.md.* failed on the cluster: OSError: lost"):
        cluster.outcome(Failed(OSError("lost")), batch[:1], 3)
