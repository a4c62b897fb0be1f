"""Write stage: pages -> docs folder, then MkDocs -> site folder; each swapped in only on success."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.errors import DossierError
from generator.model import Page

log = logging.getLogger(__name__)


def write_docs(pages: Iterable[Page], extra: Path | None, target: Path) -> int:
    """Write every page (and the hand-written pages in `extra`) into a fresh `target` folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        count = 0
        if extra is not None and extra.is_dir():
            shutil.copytree(extra, staging, dirs_exist_ok=True)
        for page in pages:
            path = _inside(staging, page.path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.text, encoding="utf-8")
            count += 1
        swap_in(staging, target)
        return count
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, refusing any path that would land outside `folder`."""
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise DossierError(f"refusing to write outside the output folder: {relative!r}")
    return path


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with renames, so `target` is never half-written."""
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, strict: bool) -> None:
    """Run MkDocs into a staging folder and swap it in; the previous site survives any failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir.resolve()),
            site_dir=str(staging.resolve()),
            strict=strict,
        )
        build(config)
        swap_in(staging, site_dir)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DossierError(f"MkDocs build failed: {exc}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
