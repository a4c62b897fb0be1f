"""The `dossier` command. Errors become exit codes here and nowhere else."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.errors import ContentError, DossierError

if TYPE_CHECKING:
    from generator.commands import Outcome

log = logging.getLogger("dossier")

EXIT_ERROR = 1
EXIT_CONTENT = 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    try:
        result: int = args.run(args)
        return result
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except DossierError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno not in SYSTEM_REFUSALS:
            raise
        print(f"error: {system_refusal(exc, args.root)}", file=sys.stderr)
        return EXIT_ERROR


# Errors of the file system that the user can act on (a full disk...), by errno: the hint.
SYSTEM_REFUSALS = {
    errno.ENOSPC: "free some space, then run the command again",
    errno.EDQUOT: "free some space within your quota, then run the command again",
    errno.EFBIG: "free some space, then run the command again",
    errno.EROFS: "the folder is read-only: make it writable, or work in a copy",
    errno.EACCES: "you may not write there: check the folder's permissions",
    errno.EPERM: "you may not write there: check the folder's permissions",
    errno.EIO: "the disk reported an error: check it, then run the command again",
}


def system_refusal(exc: OSError, root: Path) -> str:
    """One line for an OSError the user can act on: what, where (the file when known, else the
    project folder), what to do; a build that stops so leaves the previous site as it was."""
    where = exc.filename if exc.filename is not None else root.resolve()
    reason = exc.strerror or errno.errorcode.get(exc.errno or 0, "error")
    return f"{reason}: {where} ({SYSTEM_REFUSALS[exc.errno or 0]})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    add = sub.add_parser(
        "add", help="add articles: pasted text, saved web pages, folders of them, web addresses"
    )
    add.add_argument(
        "sources", nargs="+", metavar="FILE|FOLDER|URL", help=".txt, .html, a folder, https://..."
    )
    add.add_argument("--url", default="")
    add.add_argument("--published", default="", help="YYYY-MM-DD")
    add.add_argument("--publisher", default="")
    add.add_argument("--author", default="")
    add.add_argument("--title", default="", help="override the first line as title")
    add.add_argument(
        "--force", action="store_true", help="replace the file of the article this one repeats"
    )
    add.set_defaults(run=_run_add)

    pull = sub.add_parser("pull", help="add the new items of the feeds in content/feeds.yml")
    pull.add_argument(
        "--force", action="store_true", help="replace the file of an article an item repeats"
    )
    pull.set_defaults(run=_run_pull)

    extract = sub.add_parser("extract", help="print people, countries and quotes as JSON")
    mode = extract.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--json",
        dest="json_file",
        type=Path,
        metavar="FILE",
        help="one article file or plain text -> one JSON object",
    )
    mode.add_argument(
        "--jsonl",
        dest="jsonl_files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="several files -> one JSON object per line, each on its own",
    )
    extract.set_defaults(run=_run_extract)

    build = sub.add_parser("build", help="generate pages from content/ and build site/ with MkDocs")
    build.add_argument("--strict", action="store_true", help="fail on any warning")
    build.add_argument(
        "--no-cache", action="store_true", help="re-analyse every article and re-render every page"
    )
    build.add_argument("--no-site", action="store_true", help="write the Markdown pages only")
    build.add_argument(
        "--offline",
        action="store_true",
        help="a site that opens from disk (page.html addresses instead of folders)",
    )
    build.set_defaults(run=_run_build)

    serve = sub.add_parser(
        "serve", help="build, serve site/ on 127.0.0.1 and build again when the inputs change"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_run_serve)

    check = sub.add_parser("check", help="validate articles and the curation file without building")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=_run_check)

    export = sub.add_parser(
        "export", help="write the curated dossier as JSON or FollowTheMoney entities"
    )
    export.add_argument(
        "--format",
        dest="fmt",
        choices=("json", "ftm"),
        required=True,
        help="json: the dossier with every fact's source; ftm: FollowTheMoney entities, a line each",
    )
    export.add_argument("--output", type=Path, metavar="FILE", help="default: standard output")
    export.add_argument("--no-cache", action="store_true", help="re-analyse every article")
    export.set_defaults(run=_run_export)

    review = sub.add_parser(
        "review", help="list the facts most worth a human look, each with the rule that fixes it"
    )
    review.add_argument("--output", type=Path, metavar="FILE", help="default: standard output")
    review.add_argument("--no-cache", action="store_true", help="re-analyse every article")
    review.set_defaults(run=_run_review)
    return parser


def _run_add(args: argparse.Namespace) -> int:
    from generator.commands import add_sources, written_path
    from generator.ingest.intake import sources_of

    sources = sources_of(args.sources)
    if not sources:
        raise DossierError(f"no .txt or .html file in {', '.join(args.sources)}")
    options = {
        name: getattr(args, name) for name in ("url", "published", "publisher", "author", "title")
    }
    outcomes = add_sources(args.root, sources, force=args.force, **options)
    if len(sources) == 1:  # one article: a repeat or a refusal is the command's error
        print(written_path(next(outcomes)))
        return 0
    return _reported(_with_progress(outcomes, len(sources), "adding"))


def _run_pull(args: argparse.Namespace) -> int:
    from generator.commands import FEED_REFUSED, pull

    # A page of a feed that holds no article (a video, a live blog) is reported, not an error:
    # only a feed that cannot be read makes the exit code.
    outcomes = _with_progress(pull(args.root, force=args.force), None, "pulling")
    if not outcomes:
        print(
            "nothing to pull: content/feeds.yml lists no feed (add '- url: https://...' under "
            "'feeds:'), or its feeds hold no item",
            file=sys.stderr,
        )
        return 0
    return _reported(outcomes, failing=(FEED_REFUSED,))


def _with_progress(outcomes: Iterator[Outcome], total: int | None, what: str) -> list[Outcome]:
    """Every outcome, with a progress bar on stderr while there are many (on a terminal)."""
    from tqdm import tqdm

    done = []
    with tqdm(total=total, desc=what, unit=" articles", file=sys.stderr, disable=None) as bar:
        for outcome in outcomes:
            done.append(outcome)
            bar.update(1)
    return done


def _reported(outcomes: list[Outcome], failing: tuple[str, ...] = ()) -> int:
    """Print each outcome (files written on stdout, the rest on stderr) and a summary line;
    the exit code: 0, or that of the worst refusal (of the `failing` actions when given)."""
    counts: Counter[str] = Counter()
    code = 0
    for outcome in outcomes:
        counts[outcome.action] += 1
        if outcome.error is not None:
            print(f"refused: {outcome.error}", file=sys.stderr)
            refused = EXIT_CONTENT if isinstance(outcome.error, ContentError) else EXIT_ERROR
            if not failing or outcome.action in failing:
                code = max(code, refused)
        elif outcome.message:
            print(f"skipped: {outcome.source}: {outcome.message}", file=sys.stderr)
        else:
            print(f"{outcome.action}: {outcome.path} ({outcome.source})")
    summary = ", ".join(f"{n} {action}" for action, n in counts.items()) or "nothing new"
    print(summary, file=sys.stderr)
    return code


def _run_extract(args: argparse.Namespace) -> int:
    from generator.commands import extract_files

    files = [args.json_file] if args.json_file else args.jsonl_files
    rejected = 0
    for result in extract_files(args.root, files):
        if result.problem is not None:
            if args.json_file:
                raise result.problem
            print(f"error: {result.problem} (skipped)", file=sys.stderr)
            rejected += 1
        elif args.json_file:
            print(json.dumps(result.data, ensure_ascii=False, indent=2))
        else:
            print(json.dumps(result.data, ensure_ascii=False))
    if rejected:
        print(f"{rejected} of {len(files)} files rejected", file=sys.stderr)
        return EXIT_CONTENT
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from generator.commands import build

    report = build(
        args.root,
        strict=args.strict,
        use_cache=not args.no_cache,
        with_site=not args.no_site,
        offline=args.offline,
    )
    print(report)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from generator.commands import build
    from generator.serve import serve
    from generator.settings import load_settings

    settings = load_settings(args.root)
    watched = [settings.path("content_dir"), settings.path("templates_dir")]
    watched.append(args.root / "mkdocs.yml")
    serve(settings.path("site_dir"), watched, lambda: str(build(args.root)), port=args.port)
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from generator.commands import check
    from generator.ingest.check import grouped

    report = check(args.root)
    for line in grouped(report.problems):
        print(line, file=sys.stderr)
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{len(report.articles)} articles: {errors} errors, {warnings} warnings"
    if errors or (warnings and args.strict):
        print(f"{summary}; fix them before building", file=sys.stderr)
        return EXIT_CONTENT
    print(f"ok: {summary}; articles and curation are valid")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from generator.commands import export

    _emit(args, export(args.root, args.fmt, use_cache=not args.no_cache))
    return 0


def _run_review(args: argparse.Namespace) -> int:
    from generator.commands import review

    _emit(args, review(args.root, use_cache=not args.no_cache))
    return 0


def _emit(args: argparse.Namespace, text: str) -> None:
    """`text` to --output FILE, or to standard output."""
    from generator.commands import write_output

    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.root, args.output, text)
