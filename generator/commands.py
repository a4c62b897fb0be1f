"""What each CLI command does, as one readable pipeline function per command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.errors import ContentError, DossierError
from generator.model import Article
from generator.settings import load_settings


def add_article(
    root: Path,
    source: Path,
    *,
    url: str = "",
    published: str = "",
    publisher: str = "",
    author: str = "",
    title: str = "",
    force: bool = False,
) -> Path:
    from generator.ingest import Metadata, article_filename, article_markdown, plain_text_article
    from generator.reader import parse_article
    from generator.text import decoded_text

    settings = load_settings(root)
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise DossierError(
                f"--published {published!r} is not a date: write it as YYYY-MM-DD"
            ) from None
    raw = _read_bytes(source)
    meta = Metadata(title=title, url=url, published=published, publisher=publisher, author=author)
    article = plain_text_article(decoded_text(raw), str(source), source.stem, meta)
    target = settings.articles_path / article_filename(article)
    text = article_markdown(article)
    parse_article(text, str(target), target.stem)  # what we write must read back
    if target.exists() and not force:
        raise DossierError(f"{target} exists already (use --force to overwrite)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ContentError(str(path), 0, f"cannot read: {exc.strerror}") from exc


def load_input(path: Path) -> Article:
    """An article file (front matter) or plain text, for `extract`."""
    from generator.ingest import plain_text_article
    from generator.reader import parse_article
    from generator.text import decoded_text

    raw = _read_bytes(path)
    if b"\x00" in raw:
        raise ContentError(str(path), 0, "binary file, not an article")
    text = decoded_text(raw)
    if text.lstrip().startswith("---"):
        return parse_article(text, str(path), path.stem)
    return plain_text_article(text, str(path), path.stem)


def extract_files(root: Path, files: Sequence[Path]) -> Iterator[dict[str, Any]]:
    from generator.analyse import analyse_articles
    from generator.cache import worker_processes
    from generator.extract import extract_json
    from generator.resolve import resolve

    settings = load_settings(root)
    articles = [load_input(path) for path in files]
    processes = worker_processes(settings.processes, len(articles))
    for analysis in analyse_articles(articles, settings.model, processes):
        yield extract_json(resolve([analysis]))


def build(
    root: Path, *, strict: bool = False, use_cache: bool = True, with_site: bool = True
) -> str:
    from generator.pipeline import run_build

    report = run_build(load_settings(root), strict=strict, use_cache=use_cache, with_site=with_site)
    return str(report)


def check(root: Path) -> list[str]:
    from generator.pipeline import content_problems

    return content_problems(load_settings(root))
