"""Does the generated site also build under Zensical? (`make zensical-check`; not run in CI.)

Zensical is the successor of Material for MkDocs: it reads mkdocs.yml and the same Markdown.
This check builds the docs folder the last `dossier build` wrote (build/docs) with Zensical, in
strict mode, into build/zensical-site, and fails when Zensical reports a problem or leaves out
a page: every Markdown page must become an HTML page at the address MkDocs gives it.

Zensical runs in its own virtual environment (the Makefile makes it): it needs none of the
project's dependencies, and the project's MkDocs needs none of its. Zensical 0.0.73 is the last
release that carries its theme; 0.1.x needs zensical-ui, which PyPI does not serve (see
README.md, "Zensical").

Zensical does not run MkDocs plugins, so the site it builds has neither the search marks nor
the safe titles of generator/site/searchmarks.py and hooks.py (it says nothing about them).

    python bench/zensical_check.py [--zensical PATH] [--root DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "zensical.yml"  # written beside the docs folder: Zensical wants docs inside its root
SITE = "zensical-site"
_PROBLEMS = ("error", "warning", "traceback")


def zensical_config(mkdocs_yml: Path, docs: Path) -> Path:
    """mkdocs.yml with the docs folder and the site folder inside `docs`' parent; its path."""
    config = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    config["docs_dir"] = docs.name
    config["site_dir"] = SITE
    path = docs.parent / CONFIG
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def expected_pages(docs: Path) -> set[str]:
    """The HTML file each Markdown page becomes with directory URLs (x.md -> x/index.html)."""
    pages = set()
    for source in docs.rglob("*.md"):
        relative = source.relative_to(docs).with_suffix("")
        folder = relative.parent if relative.name == "index" else relative
        pages.add((folder / "index.html").as_posix())
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", type=Path, default=ROOT / ".venv-zensical/bin/zensical")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (mkdocs.yml)")
    args = parser.parse_args(argv)
    docs = args.root / "build" / "docs"
    if not (docs / "index.md").is_file():
        print(f"error: {docs} holds no site: run `dossier build` first", file=sys.stderr)
        return 2
    config = zensical_config(args.root / "mkdocs.yml", docs)
    done = subprocess.run(
        [str(args.zensical), "build", "--strict", "--clean", "-f", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = (done.stdout + done.stderr).strip()
    print(output)
    site = docs.parent / SITE
    built = (
        {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
        if site.is_dir()
        else set()
    )
    missing = sorted(expected_pages(docs) - built)
    problems = [line for line in output.splitlines() if line.lower().startswith(_PROBLEMS)]
    print(f"{len(built)} pages built by Zensical into {site}; {len(missing)} missing {missing[:5]}")
    if done.returncode != 0 or missing or problems:
        print(f"error: Zensical exited with {done.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
