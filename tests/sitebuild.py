"""The site built once per test session from a copy of the project's inputs (for link and
browser tests). The browser and the static server are in devkit.browser."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def built_site(*extra: tuple[str, str]) -> Path:
    """Build the committed content with `dossier build --strict` into a temporary copy, with the
    `extra` articles (file name, text) added to its articles folder."""
    from generator.cli import main

    project = Path(tempfile.mkdtemp(prefix="dossier-site-"))
    atexit.register(shutil.rmtree, project, True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("templates", "content"):
        shutil.copytree(ROOT / name, project / name)
    for file_name, text in extra:
        (project / "content" / "articles" / file_name).write_text(text, encoding="utf-8")
    status = main(["--root", str(project), "build", "--strict"])
    if status != 0:
        raise RuntimeError(f"dossier build --strict failed with exit code {status}")
    return project / "site"
