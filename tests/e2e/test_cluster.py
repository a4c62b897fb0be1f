"""Builds on a Dask LocalCluster of 2 worker processes (`executor: dask`): the seed and 40 more
articles give the same `build/docs/` as a local build, byte for byte, with the cache on
memory:// and on a file:// URL (a second build analyses nothing), and a worker killed in the
middle of the analysis is survived (its task runs again elsewhere).

The 40 articles are written here (`fixture_articles`) and, when ../shared is there, taken from
its corpora as well (never copied into the repository)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import BuildReport, run_build
from generator.settings import Settings, load_settings
from tests.conftest import ROOT, SHARED, needs_shared

COUNT = 40
FIRST = ("Amara", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hassan")
LAST = ("Okafor", "Lindqvist", "Moretti", "Sokolov", "Haddad", "Novak", "Tanaka", "Silva")
COUNTRIES = ("Norway", "Kenya", "Chile", "Japan", "Poland", "Egypt", "Canada", "Vietnam")
BODIES = ("Harbour Council", "Ministry of Transport", "Port Authority", "Fishers' Union")
# Sentences of our own; each article takes four of them, so no two are near-duplicates.
SENTENCES = (
    "{first} {last}, the transport minister of {country}, met the {body} on Monday.",
    '"We will not sign before the fishers are heard," {last} told reporters.',
    "{other}, who chairs the {body}, said the talks over the ferry had been useful.",
    "The budget for the new bridge grew by {n} million dollars in a single year.",
    "Prime Minister {other} of {country} called an early election for the autumn.",
    '"Our schools need teachers more than they need new buildings," said {first} {last}.',
    "Floods closed {n} roads in the north of {country}, the {body} reported on Tuesday.",
    "{first} {last} won the marathon in two hours and {n} minutes, a national record.",
    "A court in {country} fined the {body} for ignoring safety rules at the docks.",
    "{other} resigned as finance minister after a dispute over fuel taxes.",
    '"Prices will fall by the end of the year," central bank governor {last} predicted.',
    "Researchers led by {first} {last} found {n} new species of beetle in the forest.",
    "The {body} of {country} opened an inquiry into the collapse of the old pier.",
    "Ambassador {other} said {country} would send {n} doctors to the affected towns.",
    "{last}, a former judge, will lead the panel that reviews the election results.",
    "Strikes by port workers halted trade with {country} for {n} days in March.",
)


def fixture_article(number: int) -> str:
    """An article of our own: people with roles and countries, quotes, organisations."""
    names = {
        "first": FIRST[number % 8],
        "last": LAST[(number * 3 + number // 8) % 8],
        "other": f"{FIRST[(number + 3) % 8]} {LAST[(number + 5 + number // 8) % 8]}",
        "country": COUNTRIES[(number + number // 8) % 8],
        "body": BODIES[number % 4],
        "n": number + 2,
    }
    chosen = [SENTENCES[(number * 5 + step * 3 + number // 16) % 16] for step in range(4)]
    body = "\n\n".join(sentence.format(**names) for sentence in chosen)
    date = f"2024-03-{1 + number % 28:02d}"
    return f"---\ntitle: Briefing number {number}\npublished: {date}\n---\n\n{body}\n"


def corpus_article(path: Path, corpora: Path) -> tuple[str, str]:
    from generator.ingest.paste import article_markdown, plain_text_article
    from generator.text import decoded_text, slug

    ident = slug("-".join(path.relative_to(corpora).with_suffix("").parts))
    return ident, article_markdown(plain_text_article(decoded_text(path.read_bytes()), "", ident))


def write_articles(folder: Path, kind: str) -> None:
    articles = folder / "content" / "articles"
    if kind == "fixtures":
        for number in range(COUNT):
            (articles / f"ferry-{number:02d}.md").write_text(fixture_article(number), "utf-8")
        return
    corpora = SHARED / "corpora"
    files = sorted(p for p in corpora.rglob("*.txt") if p.is_file())
    step = len(files) / COUNT
    for path in (files[int(i * step)] for i in range(COUNT)):
        ident, text = corpus_article(path, corpora)
        (articles / f"{ident}.md").write_text(text, encoding="utf-8")


def docs_tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build(settings: Settings) -> tuple[BuildReport, dict[str, bytes]]:
    """A build without MkDocs (the Markdown is what the analysis decides), from a clean state."""
    report = run_build(settings, with_site=False)
    return report, docs_tree(settings.path("docs_dir"))


def clean(settings: Settings) -> None:
    for name in ("docs_dir", "site_dir", "cache_dir"):
        shutil.rmtree(settings.path(name), ignore_errors=True)


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(
    scope="module",
    params=["fixtures", pytest.param("corpus", marks=[needs_shared, pytest.mark.shared])],
)
def local_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, dict[str, bytes]]:
    """The project with the seed and 40 more articles, and its local build's docs tree."""
    folder = tmp_path_factory.mktemp(f"cluster-{request.param}")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, folder / name)
    write_articles(folder, request.param)
    settings = load_settings(folder)
    assert settings.executor == "local"
    report, tree = build(settings)
    assert report.articles == 1 + COUNT and report.analysed == 1 + COUNT
    clean(settings)
    return settings, tree


def on_cluster(settings: Settings, cluster: Any, cache_url: str) -> Settings:
    return dataclasses.replace(
        settings, executor="dask", dask_scheduler=cluster.scheduler_address, cache_url=cache_url
    )


# -- the tests ---------------------------------------------------------------------------------


def test_a_dask_build_matches_a_local_build_and_a_second_analyses_nothing(
    local_build: tuple[Settings, dict[str, bytes]], cluster: Any
) -> None:
    import fsspec

    settings, expected = local_build
    url = f"memory://dossier-{uuid.uuid4().hex[:8]}"
    dask = on_cluster(settings, cluster, url)
    try:
        report, tree = build(dask)
        assert report.analysed == 1 + COUNT
        assert sorted(tree) == sorted(expected)
        assert [p for p in tree if tree[p] != expected[p]] == []
        again, tree = build(dask)
        assert again.analysed == 0 and tree == expected
        assert len(fsspec.filesystem("memory").ls(f"{url}/analyses")) == 1 + COUNT
    finally:
        fsspec.filesystem("memory").rm(url, recursive=True)
        clean(settings)


class KillOnce:
    """A worker plugin: the worker that starts the analysis task number `task` first kills its
    own process (SIGKILL, as the kernel's out-of-memory killer would), once in the cluster's
    life: `marker` is made by whichever worker does it."""

    name = "dossier-kill-once"

    def __init__(self, marker: str, task: int) -> None:
        self.marker = marker
        self.task = task

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
        if finish != "executing" or f"-{self.task:06d}-" not in str(key):
            return
        try:
            os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_run_is_survived(
    local_build: tuple[Settings, dict[str, bytes]], cluster: Any, tmp_path: Path
) -> None:
    from distributed import Client, WorkerPlugin

    settings, expected = local_build
    marker = tmp_path / "killed"
    plugin = type("KillOncePlugin", (KillOnce, WorkerPlugin), {})(str(marker), 2)
    dask = on_cluster(settings, cluster, (tmp_path / "shared").as_uri())
    with Client(cluster, set_as_default=False) as client:
        client.register_plugin(plugin, name=KillOnce.name)
        try:
            report, tree = build(dask)
        finally:
            client.unregister_worker_plugin(KillOnce.name)
            clean(settings)
    assert marker.exists(), "no worker was killed"
    assert report.analysed == 1 + COUNT
    assert [p for p in tree if tree[p] != expected.get(p)] == [] and sorted(tree) == sorted(
        expected
    )
    again, tree = build(dask)
    clean(settings)
    assert again.analysed == 0 and tree == expected
    assert len(list((tmp_path / "shared" / "analyses").iterdir())) == 1 + COUNT
