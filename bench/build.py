"""Build benchmark at corpus scale (`make bench`; not run in CI).

Turns the real news corpora of ../shared/corpora/ (2,760 articles) into article files in a
temporary project and measures, in one run:

- a cold build: time and peak memory (the whole process tree, sampled) of reading, analysis,
  resolution, rendering (each page written as it comes) and MkDocs; pages written, site size,
  search index size;
- analysis throughput (tokens/s) against raw `nlp.pipe` on the same texts, same processes;
- adding one article: the generate step and the whole build against the cold ones, and how
  many articles were analysed again (in the process, then two corpus articles held back from
  the cold build, each added as a `python -m generator build` command: `--no-site` for the
  first, whose site is then built untimed, the whole build for the second); the site of that
  incremental build against a full build of the same inputs, file by file (0 different files
  expected);
- the first search result in Chromium (Playwright, headless; Pagefind), cold and warm, for a
  surname, an alias and a phrase of a quote, and whether the expected page is first;
- MB of site per 1,000 pages at 500 articles and at the full size.

    python bench/build.py [--limit N] [--small 500] [--processes P] [--no-browser] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpora_missing, corpus_files, spread  # noqa: E402
from devkit.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    SEARCH_INPUT,
    SEARCH_RESULT_LINK,
    serve,
)
from generator.ingest.paste import article_markdown, plain_text_article  # noqa: E402
from generator.model import Article, Dossier, Page  # noqa: E402
from generator.nlp.layout import article_layout  # noqa: E402
from generator.pipeline import BuildObserver, read_content, run_build  # noqa: E402
from generator.settings import Settings, load_settings  # noqa: E402
from generator.site.render import render  # noqa: E402
from generator.store.cache import worker_processes  # noqa: E402
from generator.store.search import index_site  # noqa: E402
from generator.text import decoded_text, slug  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
NEW_ARTICLE = (
    ROOT
    / "content"
    / "articles"
    / "2024-08-07-as-mideast-tensions-soar-iran-looks-to-strategic-partner-russia.md"
)
T = TypeVar("T")
MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- measuring ---------------------------------------------------------------------------------


def forget_model() -> None:
    from generator.nlp.analyse import load_model

    load_model.cache_clear()


def one_more_article_build(
    settings: Settings, held: Path, corpora: Path, *options: str
) -> tuple[float, str]:
    """Add a corpus article held back from the cold build and time the build as a user runs it:
    a new process, in which spaCy is imported afresh (`options`: `--no-site` for the generate
    step alone)."""
    ident, text = article_text(held, corpora)
    (settings.articles_path / f"{ident}.md").write_text(text, encoding="utf-8")
    return generator_build(settings, *options)


def generator_build(settings: Settings, *options: str) -> tuple[float, str]:
    """Run `python -m generator build` (with `options`) on the project as a command; its time
    and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(settings.root), "build", *options],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    print(f"  {done.stdout.strip()}\n  {seconds:.1f} s", flush=True)
    return seconds, done.stdout.strip()


def differences_from_a_full_render(settings: Settings, dossier: Any) -> tuple[int, list[str]]:
    """Render every page of `dossier` from scratch and compare with the docs folder, which an
    incremental build wrote: how many pages were compared, and the paths that differ."""
    docs = settings.path("docs_dir")
    full = [p for p in render(dossier, settings.path("templates_dir")) if isinstance(p, Page)]
    differ = [p.path for p in full if (docs / p.path).read_text(encoding="utf-8") != p.text]
    return len(full), differ


def load_model(model: str) -> Any:
    """The model (loaded once per process)."""
    from generator.nlp.analyse import load_model

    return load_model(model)


def tree_rss(pid: int, skip: int = 0) -> int:
    """Memory (bytes) of a process and all its descendants, from /proc: the sum of their
    proportional set sizes (a page shared by forked processes counts once in all), or of their
    resident sizes where the system has no smaps_rollup."""
    return sum(_own_memory(p) for p in tree_pids(pid, skip))


def tree_pids(pid: int, skip: int = 0) -> list[int]:
    """A process and all its descendants (but `skip`), as /proc lists them now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        if current == skip:
            continue
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def _resident(pid: int) -> int:
    """A process's resident size (bytes), which its proportional set size never exceeds: cheap
    to read (/proc/PID/statm), unlike the proportional set size (smaps_rollup walks the
    process's memory map)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _own_memory(pid: int) -> int:
    """A process's proportional set size (bytes), or its resident size where the system has no
    smaps_rollup; 0 once it has ended."""
    for name, label in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(label):
                return int(line.split()[1]) * 1024
    return 0


class PeakSampler:
    """The process tree's peak memory since the last reset, sampled every 50 ms by a separate
    process (`--sample PID`), so that sampling takes no time of the process it measures (a
    thread here would hold its interpreter lock while it reads /proc)."""

    def __init__(self) -> None:
        self.peak = 0
        self.pid = 0
        self._child: subprocess.Popen[str] | None = None

    def _ask(self, word: str) -> int:
        assert self._child is not None and self._child.stdin and self._child.stdout
        self._child.stdin.write(word + "\n")
        self._child.stdin.flush()
        return int(self._child.stdout.readline())

    def reset(self) -> None:
        self.peak = self._ask("reset")

    def read(self) -> int:
        self.peak = self._ask("peak")
        return self.peak

    def __enter__(self) -> PeakSampler:
        command = [sys.executable, __file__, "--sample", str(os.getpid())]
        self._child = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.pid = self._child.pid
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._child is not None and self._child.stdin
        self._child.stdin.close()
        self._child.wait()


def sample(pid: int) -> int:
    """The sampler's own loop (`--sample PID`): read the memory of `pid`'s process tree (but
    this process) every 50 ms; answer each line on stdin with the peak since the last `reset`.

    The proportional set sizes are read only when the resident sizes add up to more than the
    peak (else their sum cannot pass it either). Read every 50 ms, they took 10.4 s of CPU during
    a 47.6 s build at the full corpus, 22% of one of the two cores the build runs on."""
    me = os.getpid()
    peak = tree_rss(pid, skip=me)
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], 0.05)
        pids = tree_pids(pid, skip=me)
        if sum(_resident(p) for p in pids) > peak:
            peak = max(peak, sum(_own_memory(p) for p in pids))
        if not ready:
            continue
        line = sys.stdin.readline()
        if not line:
            return 0
        if line.strip() == "reset":
            peak = tree_rss(pid, skip=me)
        print(peak, flush=True)


@dataclass
class Timings:
    sampler: PeakSampler
    rows: list[tuple[str, float, int]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block and record the peak memory of the process tree while it ran."""
        self.sampler.reset()
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.sampler.peak = max(self.sampler.read(), tree_rss(os.getpid(), self.sampler.pid))
        self.rows.append((name, seconds, self.sampler.peak))
        print(f"  {name:<28} {seconds:8.1f} s   peak {self.sampler.peak / MB:7.0f} MB", flush=True)

    def run(self, name: str, work: Callable[[], T]) -> T:
        with self.stage(name):
            return work()

    def seconds(self, *names: str) -> float:
        return sum(s for n, s, _ in self.rows if n in names)

    def peak(self) -> int:
        return max(p for _, _, p in self.rows)


def load() -> str:
    """The system's load averages (1, 5, 15 minutes) against its cores: others share them."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# -- the corpus as a project -------------------------------------------------------------------


def article_text(path: Path, corpora: Path) -> tuple[str, str]:
    ident = slug("-".join(path.relative_to(corpora).with_suffix("").parts))  # a page id
    article = plain_text_article(decoded_text(path.read_bytes()), str(path), ident)
    return ident, article_markdown(article)


def make_project(folder: Path, files: list[Path], corpora: Path) -> Settings:
    (folder / "content" / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "content" / "pages", folder / "content" / "pages")  # CSS, JS, graph
    for path in files:
        ident, text = article_text(path, corpora)
        (folder / "content" / "articles" / f"{ident}.md").write_text(text, encoding="utf-8")
    return load_settings(folder)


# -- the build: generator.pipeline.run_build, observed -------------------------------------------


class Measured(BuildObserver):
    """Times every stage of the real build, with the peak memory of the process tree (sampled by
    a PeakSampler process), and keeps what the report needs of the articles and the dossier:
    their counts and the search queries (the dossier itself only with `keep`: a build lets it go
    before its site stage, and so must what measures it). `preload` loads the model just before
    the analysis, timed apart, for the throughput."""

    def __init__(self, timings: Timings, model: str, preload: bool, keep: bool) -> None:
        self.timings = timings
        self.model = model
        self.preload = preload
        self.keep = keep
        self.articles = 0
        self.queries: list[tuple[str, str, str]] = []
        self.dossier: Dossier | None = None

    def stage(self, name: str) -> AbstractContextManager[None]:
        if name == "analysis" and self.preload:
            self.timings.run("model load", lambda: load_model(self.model))
        return self.timings.stage(name)

    def on_articles(self, articles: Sequence[Article]) -> None:
        self.articles = len(articles)

    def on_dossier(self, dossier: Dossier) -> None:
        self.queries = search_queries(dossier)
        self.dossier = dossier if self.keep else None


def build(
    settings: Settings, timings: Timings, preload: bool = False, keep: bool = False
) -> dict[str, Any]:
    """`dossier build` (run_build, MkDocs included, not strict), each stage timed (`keep`: the
    dossier is kept, for a comparison after)."""
    measured = Measured(timings, settings.model, preload, keep)
    report = run_build(settings, observer=measured)
    return {
        "articles": measured.articles,
        "analysed": report.analysed,
        "dossier": measured.dossier,
        "queries": measured.queries,
        "report": report,
        "pages": report.pages,
    }


GENERATE = ("read", "model load", "analysis", "resolution", "rendering")


def raw_pipe(settings: Settings, articles: list[Any], processes: int) -> tuple[int, float]:
    """Tokens and seconds of plain `nlp.pipe` over the same texts with the same processes."""
    nlp = load_model(settings.model)
    texts = [article_layout(a).text for a in articles]
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=16))
    return tokens, time.perf_counter() - started


# -- the browser -------------------------------------------------------------------------------


def search_queries(dossier: Dossier) -> list[tuple[str, str, str]]:
    """Three queries and the page each should list first: the surname of the most-mentioned
    person, an alias of a person that is not their surname, and four words of a quote."""
    people = sorted(
        (p for p in dossier.people if p.kind == "subject"), key=lambda p: -len(p.mentions)
    )
    top = people[0]
    queries = [("surname", top.name.split()[-1], f"people/{top.id}/")]
    for person in people:
        aliases = [a for a in person.aliases if a.split()[-1] != person.name.split()[-1]]
        if aliases and len(aliases[0]) > 3:
            queries.append(("alias", aliases[0], f"people/{person.id}/"))
            break
    speakers = {p.id for p in people}
    for found in dossier.quotes:
        words = found.quote.span.text.split()
        if found.quote.speaker in speakers and len(words) >= 12:
            phrase = " ".join(words[4:9])
            queries.append(("quote phrase", phrase, f"people/{found.quote.speaker}/"))
            break
    return queries


# In the page: enter `query` in the search box as one input event (as a paste, or the last key
# of a typed query) and resolve, on the next animation frame after the first result link shows,
# with the ms from the input event and that link.
_FIRST_RESULT = """([query, box, link]) => new Promise(resolve => {
    const input = document.querySelector(box);
    const started = performance.now();
    const watch = new MutationObserver(() => {
        const first = document.querySelector(link);
        if (!first) return;
        watch.disconnect();
        requestAnimationFrame(() =>
            resolve([performance.now() - started, first.getAttribute("href")]));
    });
    watch.observe(document.body, {childList: true, subtree: true});
    input.value = query;
    input.dispatchEvent(new Event("input", {bubbles: true}));
})"""
# content/pages/assets/dossier/search.js: a key after a pause is searched at once; keys that
# follow it within HOLD_MS wait until HOLD_MS pass without a key. The query is entered as
# one input event after a pause (as a paste, or a first key), which no hold delays.
HOLD_MS = 50


# The link of the result ranked first, once painted: Pagefind's UI paints each result when its
# own data arrives, and the second may come before the first (any result's link, as measured
# before, then named the wrong page first).
TOP_RESULT_LINK = f".pagefind-ui__results > .pagefind-ui__result:first-child {SEARCH_RESULT_LINK}"


def first_result(page: Any, query: str) -> tuple[float, float, str]:
    """Open the search on `page` (its key, as soon as the page has loaded) and enter `query`:
    ms from the key to the search box, ms from the query entered to its first result painted
    (whatever the search waits for included), and that result's address."""
    started = time.perf_counter()
    page.locator("body").press("/")
    page.locator(SEARCH_INPUT).wait_for(timeout=120_000)
    opened = (time.perf_counter() - started) * 1000
    ms, href = page.evaluate(_FIRST_RESULT, [query, SEARCH_INPUT, TOP_RESULT_LINK])
    return opened, float(ms), str(href)


def search_times(site: Path, queries: list[tuple[str, str, str]]) -> list[str]:
    """For each query, in Chromium: cold (a new browser profile, nothing cached; the search
    opened as soon as the page's load event fired, while the page still warms the search) and
    warm (the same query in a new page of that profile, opened once the page is idle): ms from
    the query entered to its first result painted, anything the search waits for included; and
    whether the expected page is first."""
    from playwright.sync_api import sync_playwright

    lines = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for label, query, expected in queries:
            context = browser.new_context()
            timings, first = [], ""
            for round in ("cold", "warm"):
                page = context.new_page()
                page.goto(url + "timeline/")
                page.wait_for_load_state("load" if round == "cold" else "networkidle")
                opened, ms, first = first_result(page, query)
                timings.append((opened, ms))
                page.close()
            context.close()
            verdict = "first" if first.endswith("/" + expected) else f"NOT first (got {first})"
            (cold_open, cold), (warm_open, warm) = timings
            lines.append(
                f"{label} {query!r}: cold {cold:.0f} ms, warm {warm:.0f} ms from the query "
                f"entered to the first result painted (searched at once: only keys typed within "
                f"{HOLD_MS} ms of another wait; "
                f"the dialog opened in {cold_open:.0f} / {warm_open:.0f} ms); {expected} {verdict}"
            )
        browser.close()
    return lines


def full_build_differences(settings: Settings, record: bytes, where: Path) -> list[str]:
    """Build the same inputs with the analyses cached but no previous docs or site (a full
    render and MkDocs build) after the same published build; the files of the site that
    differ from `settings`' (incremental) site."""
    copy = make_copy(settings, where)
    (copy.path("cache_dir") / "published.json").write_bytes(record)
    print("  full build for the comparison:")
    generator_build(copy)
    mine, theirs = file_digests(settings.path("site_dir")), file_digests(copy.path("site_dir"))
    return sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))


def make_copy(settings: Settings, where: Path) -> Settings:
    """The project's inputs and its analysis cache (only) in `where`."""
    for name in ("mkdocs.yml",):
        shutil.copy(settings.root / name, where / name)
    for name in ("templates", "content"):
        shutil.copytree(settings.root / name, where / name)
    shutil.copytree(settings.path("cache_dir") / "analyses", where / ".cache/dossier/analyses")
    return load_settings(where)


def file_digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


# -- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--limit", type=int, default=0, help="use N articles (default: all)")
    parser.add_argument("--small", type=int, default=500, help="second size for MB/1,000 pages")
    parser.add_argument("--processes", type=int, default=0, help="0: one per core")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--sample", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--throughput",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="only compare analysis with raw nlp.pipe, alternating, ROUNDS times each",
    )
    args = parser.parse_args(argv)
    if args.sample:
        return sample(args.sample)
    if corpora_missing(args.corpora, "bench/build.py"):
        return 2
    files = corpus_files(args.corpora)
    files = spread(files, args.limit) if args.limit else files
    work = args.keep or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    try:
        if args.throughput:
            return compare_throughput(args, files, work)
        return run(args, files, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def compare_throughput(args: argparse.Namespace, files: list[Path], work: Path) -> int:
    """Analysis (no cache) and raw nlp.pipe on the same texts, taking turns, so that a machine
    busy with other work slows both alike."""
    from generator.nlp.analyse import analyse_articles

    settings = make_project(work / "full", files, args.corpora)
    articles = read_content(settings)
    processes = args.processes or worker_processes(0, len(articles))
    load_model(settings.model)
    ours, raw = [], []
    for _ in range(args.throughput):
        started = time.perf_counter()
        for _analysis in analyse_articles(articles, settings.model, processes):
            pass
        ours.append(time.perf_counter() - started)
        tokens, seconds = raw_pipe(settings, articles, processes)
        raw.append(seconds)
        print(f"  analysis {ours[-1]:.1f} s, raw nlp.pipe {seconds:.1f} s", flush=True)
    best_ours, best_raw = min(ours), min(raw)
    print(
        f"{len(articles)} articles, {tokens} tokens, {processes} processes: analysis "
        f"{tokens / best_ours:.0f} tokens/s, raw nlp.pipe {tokens / best_raw:.0f} tokens/s "
        f"({best_raw / best_ours:.2f}x; best of {args.throughput} each, taking turns)"
    )
    return 0


def run(args: argparse.Namespace, files: list[Path], work: Path) -> int:
    # Two corpus articles are held back from the cold build, to be added one by one later as
    # commands (an article of their own: a copy of one already built is skipped as a duplicate).
    held, files = files[-2:], files[:-2]
    print(
        f"{len(files)} articles from {args.corpora} (and 2 held back); working in {work}",
        flush=True,
    )
    big = make_project(work / "full", files, args.corpora)
    if args.processes:
        big = dataclasses.replace(big, processes=args.processes)
    processes = worker_processes(big.processes, len(files))
    print(f"load: {load()}", flush=True)
    with PeakSampler() as sampler:
        print(f"cold build ({processes} processes):")
        cold = Timings(sampler)
        run_cold = build(big, cold, preload=True)
        articles = read_content(big)  # again: the build let them go
        print(f"load: {load()}", flush=True)
        print("raw nlp.pipe on the same texts:")
        raw = Timings(sampler)
        tokens, raw_seconds = raw.run("raw nlp.pipe", lambda: raw_pipe(big, articles, processes))
        site_bytes, site_files = folder_size(big.path("site_dir"))
        index = big.path("site_dir") / "pagefind"
        print("adding one article:")
        shutil.copy(NEW_ARTICLE, big.articles_path / NEW_ARTICLE.name)
        add = Timings(sampler)
        forget_model()  # as in a new build: the model is loaded only if something is analysed
        run_add = build(big, add, keep=True)
        compared = differences_from_a_full_render(big, run_add["dossier"])
        print("adding one more article, `python -m generator build --no-site` as a command:")
        command_generate = one_more_article_build(big, held[0], args.corpora, "--no-site")
        # The site of that article, before the next is added: else the next build's site stage
        # would build the pages of both.
        print("the site of that article (`python -m generator build`, not timed):")
        generator_build(big)
        print("adding one more article, `python -m generator build` as a command:")
        record = (big.path("cache_dir") / "published.json").read_bytes()
        command = one_more_article_build(big, held[1], args.corpora)
        shutil.rmtree(index)  # every shard, as a cold build indexes them
        started = time.perf_counter()
        index_site(big.path("site_dir"))
        index_seconds = time.perf_counter() - started
        print(f"Pagefind alone over that site, every shard: {index_seconds:.1f} s")
        print("the incremental site against a full build of the same inputs:")
        (work / "again").mkdir()
        site_differences = full_build_differences(big, record, work / "again")
        print(f"{args.small} articles (analyses from the cache):")
        small_files = spread(files, min(args.small, len(files)))
        small = make_project(work / "small", small_files, args.corpora)
        shutil.copytree(big.path("cache_dir"), small.path("cache_dir"))
        at_small = Timings(sampler)
        run_small = build(small, at_small)
        small_bytes, _ = folder_size(small.path("site_dir"))
    print(f"load: {load()}", flush=True)
    queries = run_cold["queries"]
    browser = [] if args.no_browser else search_times(big.path("site_dir"), queries)
    report(
        cold=cold,
        run_cold=run_cold,
        tokens=tokens,
        raw_seconds=raw_seconds,
        processes=processes,
        site=(site_bytes, site_files, folder_size(index)[0]),
        add=add,
        run_add=run_add,
        small=(len(small_files), run_small["pages"], small_bytes),
        command=command,
        command_generate=command_generate,
        compared=compared,
        site_differences=site_differences,
        index_seconds=index_seconds,
        browser=browser,
    )
    return 0


def report(**r: Any) -> None:
    cold, add = r["cold"], r["add"]
    run_cold = r["run_cold"]
    built = run_cold["report"]
    cold_generate = cold.seconds(*GENERATE)
    add_generate = add.seconds(*GENERATE)
    cold_total = cold_generate + cold.seconds("MkDocs")
    add_total = add_generate + add.seconds("MkDocs")
    analysis_rate = r["tokens"] / cold.seconds("analysis")  # the model loaded before
    raw_rate = r["tokens"] / r["raw_seconds"]
    site_bytes, site_files, index_bytes = r["site"]
    small_articles, small_pages, small_bytes = r["small"]
    pages = run_cold["pages"]
    print("\n== results ==")
    print(f"load at the end: {load()}")
    print(
        f"articles {run_cold['articles']}, people {built.people}, countries "
        f"{built.countries}, quotes {built.quotes}, tokens {r['tokens']}"
    )
    print(f"cold build: generate {cold_generate:.1f} s + MkDocs {cold.seconds('MkDocs'):.1f} s")
    for name, seconds, peak in cold.rows:
        print(f"  {name:<12} {seconds:8.1f} s  peak memory {peak / MB:7.0f} MB")
    print(
        f"  cold build peak memory (process tree, proportional set size): {cold.peak() / MB:.0f} MB"
    )
    print(
        f"analysis throughput: {analysis_rate:.0f} tokens/s against raw nlp.pipe "
        f"{raw_rate:.0f} tokens/s ({analysis_rate / raw_rate:.2f}x), {r['processes']} processes"
    )
    print(f"pages written: {pages}; site: {site_files} files, {site_bytes / MB:.1f} MB")
    print(
        f"search index (Pagefind, every shard): {index_bytes / MB:.1f} MB, "
        f"indexed in {r['index_seconds']:.1f} s (part of a cold build's MkDocs stage; a build "
        "indexes again only the shards whose pages changed)"
    )
    print(
        f"add one article: analysed {r['run_add']['analysed']}; generate {add_generate:.1f} s "
        f"({add_generate / cold_generate:.1%} of cold), whole build {add_total:.1f} s "
        f"({add_total / cold_total:.1%} of cold {cold_total:.1f} s)"
    )
    count, differ = r["compared"]
    print(
        f"  the incremental docs against a full render of the same dossier: {count} pages "
        f"compared, {len(differ)} different {differ[:5] if differ else ''}"
    )
    seconds, line = r["command_generate"]
    print(
        f"add one more article with `python -m generator build --no-site` (generate step, new "
        f"process): {seconds:.1f} s ({seconds / cold_generate:.1%} of cold generate; {line})"
    )
    seconds, line = r["command"]
    print(
        f"add one more article with `python -m generator build`: {seconds:.1f} s "
        f"({seconds / cold_total:.1%} of cold build; {line})"
    )
    differ = r["site_differences"]
    print(
        f"  the incremental site against a full build: {len(differ)} different files "
        f"{differ[:5] if differ else ''}"
    )
    for line in r["browser"]:
        print(f"first search result in Chromium (Pagefind), {line}")
    print(
        f"MB per 1,000 pages: {small_bytes / MB / small_pages * 1000:.1f} at {small_articles} "
        f"articles ({small_pages} pages), {site_bytes / MB / pages * 1000:.1f} at "
        f"{run_cold['articles']} articles ({pages} pages)"
    )


if __name__ == "__main__":
    sys.exit(main())
