"""Organisation pages and organisations on every other page, rendered from the hand-written
analysis of tests/organised.py (no model)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from generator.model import Claim, Dossier, Organisation, Person, Span
from generator.resolve.dossier import resolve
from generator.site.index import SiteIndex
from generator.site.marking import linked
from generator.site.organisations import kind_label, tie_roles
from generator.site.page_inputs import PageInputs
from generator.site.paths import GRAPH
from generator.site.render import render
from tests.organised import ARTICLE_ID, MDC, MINISTRY, organised_analysis
from tests.site.inline import TEMPLATES

ARTICLE_PAGE = f"articles/{ARTICLE_ID}.md"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return resolve([organised_analysis()])


@pytest.fixture(scope="module")
def pages(dossier: Dossier) -> dict[str, str]:
    return {page.path: page.text for page in render(dossier, TEMPLATES)}


def paragraph_links(text: str) -> list[str]:
    return re.findall(r"\]\(([^ )]+#p\d+)", text)


def test_the_index_groups_organisations_by_kind_with_counts(pages: dict[str, str]) -> None:
    index = pages["organisations/index.md"]
    headings = re.findall(r"^## (.+?) <small>\((\d+)\)</small>", index, re.MULTILINE)
    assert headings == [
        ("Governments and state bodies", "1"),
        ("Political parties", "1"),
        ("Media", "1"),
        ("Other organisations", "1"),
    ]
    row = next(line for line in index.splitlines() if "Movement for Democratic Change" in line)
    assert f"]({MDC}.md)" in row and "| MDC |" in row
    assert kind_label("no-such-kind") == "Other organisations"


def test_an_organisation_page_shows_its_facts_with_their_sources(pages: dict[str, str]) -> None:
    page = pages[f"organisations/{MDC}.md"]
    assert "tags: [Movement for Democratic Change, MDC]" in page
    assert "# Movement for Democratic Change" in page
    assert re.search(r"\*\*Acronym:\*\* MDC<sup class=\"cite\">", page)
    assert "- **Kind:** [Political parties](index.md)" in page
    assert "[Mozambique](../countries/mozambique.md)<sup" in page
    people = page.split("## People", 1)[1].split("##", 1)[0]
    assert "[Ana Ferreira](../people/ana-ferreira.md)" in people
    assert paragraph_links(people) == [f"../{ARTICLE_PAGE}#p2"]
    assert "secretary general of the MDC" in people
    mentions = page.split("## Mentions in context", 1)[1].split("##", 1)[0]
    assert mentions.count("<strong>MDC</strong>") == 3  # this page's name, in bold


def test_an_organisations_quotes_link_their_paragraph(pages: dict[str, str]) -> None:
    page = pages[f"organisations/{MINISTRY}.md"]
    quotes = page.split("## Quotes", 1)[1].split("## Mentions", 1)[0]
    assert "talks remain open to every union" in quotes
    assert f"[source](../{ARTICLE_PAGE}#p3 " in quotes
    heading = next(line for line in quotes.splitlines() if line.startswith("> ###"))
    assert "data-search-exclude" not in heading  # searchable here: no person said it


def test_every_mention_of_an_organisation_links_to_it(pages: dict[str, str]) -> None:
    article = pages[ARTICLE_PAGE]
    assert article.count(f"](../organisations/{MDC}.md)") == 4 + 1  # mentions + the list below
    assert "**Organisations:** [Ministry of Transport]" in article
    ferreira = pages["people/ana-ferreira.md"]
    assert f"[MDC](../organisations/{MDC}.md)" in ferreira  # in her quote's paragraph
    lima = pages["people/tomas-lima.md"]
    assert "[Port Authority of Beira](../organisations/port-authority-of-beira.md)" in lima


def test_a_quote_an_organisation_speaks_names_it_as_speaker(pages: dict[str, str]) -> None:
    article = pages[ARTICLE_PAGE]
    said_by = re.search(r'<sup class="said-by">\[([^]]+)\]\(([^ ]+) ', article.split("{: #p2 }")[1])
    assert said_by is not None
    assert said_by.groups() == ("Ministry of Transport", f"../organisations/{MINISTRY}.md")
    speakers = pages["quotes/index.md"]
    assert (
        f'| [Ministry of Transport](../organisations/{MINISTRY}.md) <span class="tag">' in speakers
    )
    months = [text for path, text in pages.items() if path.startswith("quotes/2")]
    assert any(f"— [Ministry of Transport](../organisations/{MINISTRY}.md) ·" in m for m in months)


def test_a_person_page_lists_their_organisations_with_sources(pages: dict[str, str]) -> None:
    page = pages["people/ana-ferreira.md"]
    line = next(line for line in page.splitlines() if line.startswith("- **Organisation:**"))
    assert f"[Movement for Democratic Change](../organisations/{MDC}.md)" in line
    assert paragraph_links(line) == [f"../{ARTICLE_PAGE}#p2"]


def test_organisations_are_nodes_of_the_graph_of_their_own_kind(pages: dict[str, str]) -> None:
    nodes = {n["id"]: n for n in json.loads(pages[GRAPH])["nodes"]}
    node = nodes[f"organisation:{MDC}"]
    assert (node["kind"], node["url"], node["mentions"]) == (
        "organisation",
        f"organisations/{MDC}/",
        4,
    )
    assert "legend-organisation" in pages["index.md"]


def test_the_home_page_counts_and_lists_organisations(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert "[**4** organisations](organisations/index.md)" in home
    assert "## Key organisations" in home


def test_a_longer_mention_that_starts_at_the_same_place_wins() -> None:
    text = "The Russian Security Council met."
    country = Span("a", "p1", 4, 11, "Russian")
    body = Span("a", "p1", 4, 28, "Russian Security Council")
    out = linked(text, 0, len(text), [(country, "countries/russia.md"), (body, "o.md")])
    assert out == "The [Russian Security Council](o.md) met\\."


def test_roles_of_a_tie_are_those_of_its_paragraph_else_those_naming_it() -> None:
    here = Span("a", "p2", 0, 5, "words")
    there = Span("a", "p9", 0, 5, "words")
    mdc = Organisation("mdc", "Movement for Democratic Change", ("MDC",), "party", ())
    person = Person(
        "ana",
        "Ana",
        (),
        "subject",
        (),
        roles=(Claim("mayor", there), Claim("leader of the MDC", there), Claim("envoy", here)),
    )
    assert [r.value for r in tie_roles(person, Claim("mdc", here), mdc)] == ["envoy"]
    elsewhere = Claim("mdc", Span("a", "p5", 0, 5, "words"))
    assert [r.value for r in tie_roles(person, elsewhere, mdc)] == ["leader of the MDC"]


def test_an_organisation_page_is_rendered_again_when_a_member_changes(dossier: Dossier) -> None:
    def digest(d: Dossier) -> str:
        site = SiteIndex(d)
        return PageInputs(site, "code").of_organisation(site.organisations[MDC])

    before = digest(dossier)
    assert digest(dossier) == before
    people = tuple(
        replace(p, roles=(replace(p.roles[0], value="chair"),)) if p.id == "ana-ferreira" else p
        for p in dossier.people
    )
    assert digest(replace(dossier, people=people)) != before
    renamed = tuple(
        replace(o, name="Ministry") if o.id == MINISTRY else o for o in dossier.organisations
    )
    assert digest(replace(dossier, organisations=renamed)) != before  # a related organisation
