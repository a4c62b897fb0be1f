"""Robustness run over the real corpora: `dossier add`, `check`, `extract` and render on every file.

    python bench/robust.py [--corpora ../shared/corpora] [--limit N] [--processes 2]

Reads every article (*.txt) of ../shared/corpora/ (BBC and MPQA news), and for each one:
ingests it as `dossier add` does (into a temporary project; duplicates are refused), then runs
`dossier check` over what was added, extracts people, countries and quotes as `dossier extract`
does on the original file, and renders the whole Dossier as `dossier build` would (no MkDocs).
Prints the counts, every rejected file with its reason, and every crash (an exception that is not
a DossierError: a bug). Exits 1 on any crash, 2 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import corpora_missing, corpus_files  # noqa: E402
from generator.commands import ingested, load_input  # noqa: E402
from generator.errors import DossierError  # noqa: E402
from generator.extract import extract_json  # noqa: E402
from generator.ingest.check import check_content  # noqa: E402
from generator.ingest.duplicates import DuplicateIndex  # noqa: E402
from generator.ingest.intake import free_path, written  # noqa: E402
from generator.ingest.paste import Metadata  # noqa: E402
from generator.model import Article, ArticleAnalysis  # noqa: E402
from generator.nlp.analyse import analysis_of, load_model  # noqa: E402
from generator.nlp.layout import article_layout  # noqa: E402
from generator.resolve.dossier import resolve  # noqa: E402
from generator.settings import load_settings  # noqa: E402
from generator.site.render import render  # noqa: E402
from generator.text import slug  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
RENDER_BATCH = 100


@dataclass
class Tally:
    """What happened to each file at each stage."""

    rejected: dict[str, list[tuple[Path, str]]] = field(default_factory=lambda: defaultdict(list))
    crashes: list[tuple[str, Path, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    def reject(self, stage: str, path: Path, reason: str) -> None:
        self.rejected[stage].append((path, reason))

    def crash(self, stage: str, path: Path) -> None:
        last = traceback.format_exc().strip().splitlines()[-1]
        self.crashes.append((stage, path, last))


def ingest_all(files: list[Path], project: Path, tally: Tally) -> None:
    """`dossier add` on every file, with the duplicate index (same url, same or near-identical
    text) kept in memory, as `dossier add FILE...` keeps it."""
    folder = load_settings(project).articles_path
    folder.mkdir(parents=True, exist_ok=True)
    index = DuplicateIndex()
    source_of: dict[str, str] = {}  # file written -> the corpus file it came from
    for path in files:
        try:
            article, _ = ingested(path, Metadata(), folder)
            repeat = index.repeat_of(article)
            if repeat is not None:
                original = source_of[repeat.original.path]
                raise DossierError(f"{original} has this article already ({repeat.why})")
            target = free_path(Path(article.path))
            article, text = written(article, target, str(path))
        except DossierError as exc:
            tally.reject("add", path, str(exc))
            continue
        except Exception:
            tally.crash("add", path)
            continue
        target.write_text(text, encoding="utf-8")
        index.add(article)
        source_of[article.path] = str(path)
        tally.counts["added"] += 1


def check_all(project: Path, tally: Tally) -> None:
    try:
        report = check_content(load_settings(project))
    except Exception:
        tally.crash("check", project)
        return
    tally.counts["checked"] = len(report.articles)
    for problem in report.problems:
        tally.reject("check", Path(problem.path), f"{problem.severity}: {problem.message}")


def extract_all(
    files: list[Path], corpora: Path, processes: int, tally: Tally
) -> list[ArticleAnalysis]:
    """`dossier extract` on every original file, each extracted on its own."""
    loaded: list[tuple[Path, Article]] = []
    for path in files:
        try:
            ident = slug(str(path.relative_to(corpora).with_suffix("")))
            loaded.append((path, replace(load_input(path), id=ident)))
        except DossierError as exc:
            tally.reject("extract", path, str(exc))
        except Exception:
            tally.crash("extract", path)
    nlp = load_model(load_settings(ROOT).model)
    layouts = [article_layout(article) for _, article in loaded]
    docs = nlp.pipe((lay.text for lay in layouts), n_process=processes, batch_size=16)
    analyses = []
    for (path, _), layout, doc in zip(loaded, layouts, docs, strict=True):
        try:
            analysis = analysis_of(doc, layout)
            extract_json(resolve([analysis]))
        except Exception:
            tally.crash("extract", path)
            continue
        analyses.append(analysis)
        tally.counts["extracted"] += 1
        tally.counts["people"] += len(analysis.people)
        tally.counts["quotes"] += len(analysis.quotes)
    return analyses


def render_all(analyses: list[ArticleAnalysis], tally: Tally, batch: int = RENDER_BATCH) -> None:
    """Resolve and render the analyses, `batch` articles per Dossier, as `dossier build` does.

    In batches because the related-people lists of render.py grow with the square of the number
    of people (a site of all 2,760 articles is the build benchmark's business, not this one's).
    """
    for first in range(0, len(analyses), batch):
        chunk = analyses[first : first + batch]
        try:
            pages = render(resolve(chunk), ROOT / "templates")
        except Exception:
            tally.crash("render", Path(f"articles {first + 1}-{first + len(chunk)}"))
            continue
        tally.counts["pages"] += len(pages)


def timed(tally: Tally, stage: str, started: float) -> float:
    now = time.perf_counter()
    tally.seconds[stage] = now - started
    return now


def report(files: list[Path], corpora: Path, tally: Tally) -> int:
    print(f"robustness run over {len(files)} articles of {corpora}")
    for stage, seconds in tally.seconds.items():
        print(f"  {stage:8} {seconds:7.1f}s")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in tally.counts.items()))
    print(f"crashes: {len(tally.crashes)}")
    for stage, path, last in tally.crashes:
        print(f"  CRASH [{stage}] {path}: {last}")
    for stage, rejected in tally.rejected.items():
        reasons = Counter(_reason(text) for _, text in rejected)
        print(f"rejected by {stage}: {len(rejected)} ({dict(reasons.most_common())})")
        for path, reason in rejected:
            print(f"  {_short(path, corpora)}: {reason}")
    return 1 if tally.crashes else 0


def _reason(text: str) -> str:
    if "has this article already" in text:
        return "duplicate"
    return text.split(": ", 1)[-1].split(" (")[0][:60]


def _short(path: Path, corpora: Path) -> str:
    try:
        return str(path.relative_to(corpora))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    if corpora_missing(args.corpora, "bench/robust.py"):
        return 2
    files = corpus_files(args.corpora)[: args.limit or None]
    tally = Tally()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dossier-robust-") as tmp:
        project = Path(tmp)
        ingest_all(files, project, tally)
        started = timed(tally, "add", started)
        check_all(project, tally)
        started = timed(tally, "check", started)
        analyses = extract_all(files, args.corpora, args.processes, tally)
        started = timed(tally, "extract", started)
        render_all(analyses, tally)
        timed(tally, "render", started)
    return report(files, args.corpora, tally)


if __name__ == "__main__":
    raise SystemExit(main())
