"""`dossier build`: MkDocs in strict mode over the real content, and what the site links."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main


def test_strict_build_makes_linked_people_and_country_pages(project: Path) -> None:
    assert main(["--root", str(project), "build", "--strict"]) == 0
    site = project / "site"
    assert (site / "index.html").is_file()
    person = (site / "people" / "masoud-pezeshkian" / "index.html").read_text(encoding="utf-8")
    country = (site / "countries" / "iran" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../countries/iran/"' in person
    assert 'href="../../people/masoud-pezeshkian/"' in country
    article = next((site / "articles").glob("2024-08-07-*/index.html")).read_text(encoding="utf-8")
    assert 'id="p7"' in article
    assert re.search(r'<a href="../../people/sergei-shoigu/">Shoigu</a>', article)


def test_build_fails_cleanly_on_a_broken_article(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (project / "content" / "articles" / "bad.md").write_text(
        "---\ntitle: [\n---\nText\n", encoding="utf-8"
    )
    assert main(["--root", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert "bad.md:2" in err


def test_an_observer_sees_every_stage_in_order(project: Path) -> None:
    from collections.abc import Iterator, Sequence
    from contextlib import contextmanager

    from generator.model import Article, Dossier
    from generator.pipeline import STAGES, BuildObserver, run_build
    from generator.settings import load_settings

    class Recorder(BuildObserver):
        def __init__(self) -> None:
            self.seen: list[str] = []

        @contextmanager
        def stage(self, name: str) -> Iterator[None]:
            self.seen.append(f"{name}:start")
            yield
            self.seen.append(f"{name}:end")

        def on_articles(self, articles: Sequence[Article]) -> None:
            self.seen.append(f"{len(articles)} articles")

        def on_dossier(self, dossier: Dossier) -> None:
            self.seen.append(f"{len(dossier.articles)} in the dossier")

    recorder = Recorder()
    report = run_build(load_settings(project), observer=recorder)
    stages = [s.removesuffix(":start") for s in recorder.seen if s.endswith(":start")]
    assert stages == list(STAGES)
    assert recorder.seen[:3] == ["read:start", "read:end", f"{report.articles} articles"]
    assert f"{report.articles} in the dossier" in recorder.seen
    quiet = Recorder()
    run_build(load_settings(project), observer=quiet, with_site=False)
    assert [s for s in quiet.seen if s.startswith("MkDocs")] == []
