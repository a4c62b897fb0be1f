"""The analysis cache and the published-build record on shared storage (fsspec): memory:// and a
local file:// URL, with the entries, checks and atomic writes of the local folder."""

from __future__ import annotations

import dataclasses
import json
import logging
import pickle
import uuid
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest

from generator.errors import ConfigError
from generator.publish.manifest import PUBLISHED, Published
from generator.settings import Settings
from generator.store import entries, shared
from generator.store.cache import CacheStats, cached_analyses, entry_key, pipeline_fingerprint
from generator.store.shared import SharedFolder
from tests.store.test_cache import MODEL, FakeAnalyser, RunsCode, article


@pytest.fixture()
def memory_url() -> Iterator[str]:
    """A folder of its own in the process's in-memory filesystem, removed afterwards."""
    url = f"memory://dossier-{uuid.uuid4().hex[:8]}"
    yield url
    memory = fsspec.filesystem("memory")
    if memory.exists(url):
        memory.rm(url, recursive=True)


@pytest.fixture(params=["memory", "file"])
def url(request: pytest.FixtureRequest, memory_url: str, tmp_path: Path) -> str:
    return memory_url if request.param == "memory" else (tmp_path / "shared").as_uri()


def run(url: str, articles: list[object], **kwargs: bool) -> tuple[FakeAnalyser, CacheStats]:
    analyser = FakeAnalyser()
    found, stats = cached_analyses(articles, f"{url}/analyses", MODEL, analyser, **kwargs)  # type: ignore[arg-type]
    assert [a.article for a in found] == articles
    return analyser, stats


def entry_name(a: object) -> str:
    return f"{entry_key(a, pipeline_fingerprint(MODEL))}{entries.ENTRY_SUFFIX}"  # type: ignore[arg-type]


def test_a_second_run_on_shared_storage_analyses_nothing(url: str) -> None:
    articles = [article("a"), article("b")]
    first, stats = run(url, articles)
    assert first.calls == [["a", "b"]] and stats == CacheStats(hits=0, misses=2)
    second, stats = run(url, articles)
    assert second.calls == [] and stats == CacheStats(hits=2, misses=0)
    changed, stats = run(url, [article("a"), article("b", "Changed text.")])
    assert changed.calls == [["b"]] and stats.hits == 1


def test_shared_entries_are_the_local_entries_byte_for_byte(url: str, tmp_path: Path) -> None:
    a = article("a")
    run(url, [a])
    cached_analyses([a], tmp_path / "local", MODEL, FakeAnalyser())
    folder = SharedFolder(f"{url}/analyses")
    assert folder.file_names() == {entry_name(a)}  # no temporary object left behind
    local = (tmp_path / "local" / entry_name(a)).read_bytes()
    assert folder.read(entry_name(a), entries.MAX_ENTRY_BYTES) == local
    assert json.loads(local)["format"] == entries.FORMAT


def test_entries_of_removed_articles_are_pruned(url: str) -> None:
    run(url, [article("a"), article("b")])
    run(url, [article("a")])
    assert SharedFolder(f"{url}/analyses").file_names() == {entry_name(article("a"))}


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", pickle.dumps({"some": "dict"})],
    ids=["empty", "garbage", "pickle"],
)
def test_a_corrupt_shared_entry_is_a_logged_miss_and_is_rewritten(
    url: str, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    a = article("a")
    run(url, [a])
    SharedFolder(f"{url}/analyses").write(entry_name(a), damage)
    with caplog.at_level(logging.WARNING, logger="generator.store.cache"):
        analyser, stats = run(url, [a])
    assert analyser.calls == [["a"]] and stats.corrupt == 1
    assert "corrupt entry" in caplog.text
    again, _ = run(url, [a])
    assert again.calls == []


def test_a_pickle_on_shared_storage_never_runs(url: str, tmp_path: Path) -> None:
    a, marker = article("a"), tmp_path / "ran"
    run(url, [a])
    SharedFolder(f"{url}/analyses").write(entry_name(a), pickle.dumps(RunsCode(marker)))
    analyser, stats = run(url, [a])
    assert not marker.exists(), "loading the cache ran code"
    assert analyser.calls == [["a"]] and stats.corrupt == 1


def test_an_entry_larger_than_any_is_refused_unread(url: str) -> None:
    folder = SharedFolder(url)
    folder.write("big.json", b"x" * 100)
    with pytest.raises(OSError, match="larger"):
        folder.read("big.json", 10)
    with pytest.raises(FileNotFoundError):
        folder.read("absent.json", 10)


def test_a_failed_write_leaves_the_old_entry_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = SharedFolder((tmp_path / "shared").as_uri())
    assert folder.renames  # a local folder: a temporary file and a rename
    folder.write("entry.json", b"old")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(folder.fs, "mv", broken)
    with pytest.raises(OSError, match="disk full"):
        folder.write("entry.json", b"new")
    assert folder.read("entry.json", 10) == b"old"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["entry.json"]


def test_memory_has_no_rename_and_writes_each_object_whole(memory_url: str) -> None:
    folder = SharedFolder(memory_url)
    assert not folder.renames
    folder.write("entry.json", b"whole")
    assert folder.file_names() == {"entry.json"}
    assert folder.read("entry.json", 10) == b"whole"


def test_an_unknown_protocol_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cache_url"):
        SharedFolder("nosuchprotocol://bucket/dossier")


def test_an_unwritable_location_is_logged_and_the_build_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        analyser, stats = run(blocker.as_uri(), [article("a")])
    assert analyser.calls == [["a"]] and stats.misses == 1
    assert "analysis cache" in caplog.text


# -- where the cache lives, and the published-build record ---------------------------------------


def settings_at(tmp_path: Path, cache_url: str = "") -> Settings:
    return Settings(root=tmp_path, cache_url=cache_url)


def test_the_default_location_is_the_cache_folder(tmp_path: Path) -> None:
    settings = settings_at(tmp_path)
    assert shared.cache_location(settings) == tmp_path / ".cache/dossier"
    assert shared.analyses_location(settings) == tmp_path / ".cache/dossier/analyses"
    assert shared.analyses_location(settings_at(tmp_path, "elsewhere")) == (
        tmp_path / "elsewhere" / "analyses"
    )
    assert shared.analyses_location(settings_at(tmp_path, "s3://bucket/d/")) == (
        "s3://bucket/d/analyses"
    )


def record() -> Published:
    return dataclasses.replace(Published(), articles=("a", "b"), redirects={"old": "new"})


def test_the_published_record_round_trips_through_shared_storage(url: str, tmp_path: Path) -> None:
    settings = settings_at(tmp_path, url)
    assert shared.load_record(settings) == Published()
    shared.save_record(settings, record())
    assert shared.load_record(settings) == record()
    assert SharedFolder(url).file_names() == {PUBLISHED}
    local = settings_at(tmp_path)
    shared.save_record(local, record())  # the same bytes as the local file
    expected = (tmp_path / ".cache/dossier" / PUBLISHED).read_bytes()
    assert SharedFolder(url).read(PUBLISHED, 1 << 20) == expected


def test_an_unreadable_shared_record_is_a_first_build(
    url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_at(tmp_path, url)
    SharedFolder(url).write(PUBLISHED, b'{"format": 2, "articles": [')
    with caplog.at_level(logging.WARNING):
        assert shared.load_record(settings) == Published()
    assert "ignoring unreadable" in caplog.text
