"""`dossier check`: every problem in the content, found without building anything.

Each validator looks at the content read once and yields Problems; the build runs the same
validators and refuses to publish while any of them reports an error.
"""

from __future__ import annotations

import importlib
import os
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ERROR, WARNING, ContentError, ContentErrors, DossierError, Problem
from generator.ingest.duplicates import duplicates as repeats
from generator.ingest.duplicates import text_key as text_key  # bench/robust.py reads it here
from generator.ingest.reader import (
    LINK_PROBLEM,
    article_files,
    read_article,
    special_file_problem,
)
from generator.ingest.signatures import FILE as SIGNATURES
from generator.ingest.signatures import SignatureCache
from generator.ingest.yamlfile import too_deep, yaml_value
from generator.model import Article
from generator.settings import Settings


@dataclass(frozen=True)
class Content:
    """Every article file read (duplicates included), and the problems met reading them."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class CheckReport:
    articles: tuple[Article, ...]  # one copy of each article: what a build analyses
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


Validator = Callable[[Settings, Content], Iterable[Problem]]


def read_all(settings: Settings) -> Content:
    articles: list[Article] = []
    paths, refused = article_files(settings.articles_path)
    problems = list(refused)
    for path in paths:
        try:
            article, warnings = read_article(path)
        except ContentErrors as exc:
            problems.extend(exc.problems)
            continue
        except ContentError as exc:
            problems.append(exc.problem)
            continue
        articles.append(article)
        problems.extend(warnings)
    return Content(tuple(articles), tuple(problems))


def stray_file_problems(settings: Settings, content: Content) -> Iterable[Problem]:
    """Files in content/articles/ that the build would silently ignore."""
    folder = settings.articles_path
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix == ".md":  # *.md: read_all's
            continue
        yield Problem(
            str(path),
            0,
            "not an article file (.md); the build ignores it",
            "turn plain text into an article with `dossier add FILE`, or move it elsewhere",
            WARNING,
        )


def page_file_problems(settings: Settings, content: Content) -> Iterable[Problem]:
    """Special files among the hand-written pages (the build copies them as they are; it skips
    symbolic links): a named pipe or a device cannot be copied."""
    for folder, names in _walked(settings.pages_path):
        for name in names:
            path = folder / name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # gone since it was listed
            if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
                yield Problem(str(path), 0, *special_file_problem(mode))


def _walked(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each folder below `top` (links to folders are not followed) with its entries."""
    for folder, folders, files in os.walk(top):
        yield Path(folder), sorted(folders + files)


# Page ids an article may not have: its page would replace another page of the site.
RESERVED_IDS = {
    "index": "the address of the Articles index (articles/index.md)",
}


def id_problems(settings: Settings, content: Content) -> Iterable[Problem]:
    """Two files that would become the same page, ids that belong to another page, and file
    names that are not page ids."""
    first: dict[str, Article] = {}
    for article in content.articles:
        name = Path(article.path).stem
        if article.id in RESERVED_IDS:
            yield Problem(
                article.path,
                0,
                f"its page id {article.id!r} is {RESERVED_IDS[article.id]}",
                f"rename the file, for instance to {article.published or 'undated'}-{article.id}.md",
            )
            continue
        if article.id in first:
            yield Problem(
                article.path,
                0,
                f"gives the same page id {article.id!r} as {first[article.id].path}",
                "rename one of the two files",
            )
            continue
        first[article.id] = article
        if name != article.id:
            yield Problem(
                article.path,
                0,
                f"file name is not a page id; its page will be articles/{article.id}/",
                f"rename it to {article.id}.md",
                WARNING,
            )


def duplicate_problems(settings: Settings, content: Content) -> Iterable[Problem]:
    """The same article twice (same url, same or near-identical text): only the first copy is
    used."""
    return problems_of_duplicates(duplicates(content.articles))


def problems_of_duplicates(found: Iterable[tuple[Article, Article, str]]) -> Iterator[Problem]:
    """A warning for each (copy, original, why) of `duplicates`."""
    for article, original, why in found:
        yield Problem(
            article.path,
            0,
            f"duplicate of {original.path} ({why}); only that copy is used",
            "remove one of the two files",
            WARNING,
        )


def duplicates(articles: Iterable[Article]) -> list[tuple[Article, Article, str]]:
    """(copy, first article it repeats, why) for every article that repeats an earlier one:
    the same url, the same text or near-identical text (generator/ingest/duplicates.py)."""
    return [(copy, repeat.original, repeat.why) for copy, repeat in repeats(articles)]


def cached_duplicates(
    settings: Settings, articles: Sequence[Article], keep: bool = True
) -> list[tuple[Article, Article, str]]:
    """`duplicates`, with the signatures of the articles read before taken from the cache
    folder (generator.ingest.signatures), and those made now kept there (`keep`: a build; a
    check writes nothing)."""
    signatures = SignatureCache(settings.path("cache_dir") / SIGNATURES)
    found = [(copy, r.original, r.why) for copy, r in repeats(articles, signatures.of)]
    if keep:
        signatures.save()
    return found


def curation_problems(settings: Settings, content: Content) -> Iterable[Problem]:
    """The curation file, validated by its own loader (generator/curation.py) when present."""
    try:
        curation = importlib.import_module("generator.ingest.curation")
    except ModuleNotFoundError as exc:
        if exc.name == "generator.ingest.curation":
            return
        raise
    loader = getattr(curation, "load_curation", None)
    path = settings.curation_path
    if loader is None or not os.path.lexists(path):
        return
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode) or not stat.S_ISREG(mode):
        problem = LINK_PROBLEM if stat.S_ISLNK(mode) else special_file_problem(mode)
        yield Problem(str(path), 0, *problem)
        return
    try:
        checked_curation(loader, settings.curation_path)
    except ContentError as exc:
        yield exc.problem
    except DossierError as exc:
        yield Problem(str(settings.curation_path), 0, str(exc))


def checked_curation(loader: Callable[[Path], object], path: Path) -> None:
    """The curation file validated by its own loader, then read by the reader's YAML loader for
    what no page can show (a lone surrogate); a ContentError naming the line."""
    where, what = str(path), "the curation file"
    try:
        loader(path)
    except RecursionError:  # its YAML parser recurses once per level of nesting
        raise too_deep(path.read_text(encoding="utf-8"), where, what=what) from None
    yaml_value(path.read_text(encoding="utf-8"), where, what=what)


VALIDATORS: tuple[Validator, ...] = (
    stray_file_problems,
    page_file_problems,
    id_problems,
    duplicate_problems,
    curation_problems,
)


def check_content(
    settings: Settings, validators: Sequence[Validator] = VALIDATORS, keep: bool = True
) -> CheckReport:
    """Every problem of the content. `keep`: the duplicate signatures made are kept in the
    cache (a build's reading; `dossier check` keeps nothing)."""
    content = read_all(settings)
    found = cached_duplicates(settings, content.articles, keep)  # once: the costly validator
    problems = list(content.problems)
    for validator in validators:
        if validator is duplicate_problems:
            problems.extend(problems_of_duplicates(found))
        else:
            problems.extend(validator(settings, content))
    copies = {id(copy) for copy, _, _ in found}
    seen_ids: set[str] = set()
    unique = []
    for article in content.articles:
        if id(article) not in copies and article.id not in seen_ids:
            seen_ids.add(article.id)
            unique.append(article)
    return CheckReport(tuple(unique), tuple(problems))


def grouped(problems: Iterable[Problem], show: int = 3) -> list[str]:
    """One line per distinct problem, errors first; repeats are counted, not repeated."""
    groups: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[(problem.severity, problem.message, problem.hint)].append(problem)
    lines = []
    ordered = sorted(groups.values(), key=lambda g: (g[0].severity != ERROR, g[0].path, g[0].line))
    for same in ordered:
        line = str(same[0])
        if len(same) > 1:
            others = ", ".join(p.where for p in same[1 : 1 + show])
            more = f" and {len(same) - 1 - show} more" if len(same) > 1 + show else ""
            line += f" [x{len(same)}: also {others}{more}]"
        lines.append(line)
    return lines
