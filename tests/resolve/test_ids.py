"""Person ids (generator.resolve.ids): stable, distinct, and never the name of a page of the
site's own (red-team item 4)."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.ingest.curation import parse_curation
from generator.model import PARAGRAPH, Article, ArticleAnalysis, Block, PersonRef, Span
from generator.resolve.dossier import resolve
from generator.resolve.ids import stable_ids
from generator.site import paths
from generator.site.render import render
from tests.conftest import ROOT

# The names a person's id could take from the site: its index pages, folders and files.
SITE_NAMES = ["index", "people", "countries", "articles", "quotes", "timeline", "whatsnew"]
SITE_NAMES += ["assets", "search", "feed", "sitemap", "404"]


def named(*names: str, article: str = "a1") -> ArticleAnalysis:
    """One article in which each of `names` is a person."""
    text = ", ".join(f"Senator {n}" for n in names) + " said so."
    refs = []
    for name in names:
        start = text.index(f"Senator {name}") + len("Senator ")
        span = Span(article, "p1", start, start + len(name), name)
        refs.append(PersonRef(name, name, (name,), (span,)))
    blocks = (Block("p1", PARAGRAPH, text),)
    return ArticleAnalysis(Article(article, f"{article}.md", "Talks", blocks), tuple(refs), (), ())


@pytest.mark.parametrize("base", SITE_NAMES)
def test_a_reserved_name_is_never_an_id(base: str) -> None:
    (ident,) = stable_ids([(base, base)], {})
    assert ident != base and ident.startswith(f"{base}-")
    (pinned,) = stable_ids([(base, base)], {base: base})  # an earlier build gave it out
    assert pinned == ident


@pytest.mark.parametrize("name", ["Index", "People", "Assets", "Search", "Feed"])
def test_a_person_named_like_a_page_keeps_the_page(name: str) -> None:
    dossier = resolve([named(name, "Anna Berg")])
    ident = next(p.id for p in dossier.people if p.name == name)
    assert ident.startswith(f"{name.lower()}-")
    pages = [p.path for p in render(dossier, ROOT / "templates")]
    assert len(pages) == len(set(pages))
    assert paths.person(ident) in pages


def test_a_rename_to_a_page_name_gets_another_id() -> None:
    curation = parse_curation("rename:\n  - id: anna-berg\n    name: Index\n")
    dossier = resolve([named("Anna Berg")], curation)
    (person,) = dossier.people
    assert person.name == "Index" and person.id.startswith("index-")
    assert dossier.redirects == {"anna-berg": person.id}


@pytest.mark.parametrize(
    "rule",
    [
        "rename:\n  - id: anna-berg\n    name: Anna\n    new_id: index\n",
        "split:\n  - id: anna-berg\n    new_id: search\n    articles: [a2]\n",
    ],
)
def test_curation_may_not_give_a_page_name_as_an_id(rule: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_curation(rule, "content/curation.yml")
    assert caught.value.line == (4 if "rename" in rule else 3)
    assert "is the name of a page of the site" in caught.value.message
