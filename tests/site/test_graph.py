"""The co-occurrence graph of people and countries, and its JSON page."""

from __future__ import annotations

import json

from generator.model import PARAGRAPH, Article, Block, Country, CountryRef, Dossier, Person
from generator.site.graph import co_occurrence_graph, graph_json
from generator.site.paths import GRAPH
from generator.site.render import render
from tests.site.inline import TEMPLATES, crowd, span_of


def test_graph_counts_articles_and_paragraphs_shared() -> None:
    graph = co_occurrence_graph(crowd(3))
    assert len(graph.nodes) == 5
    assert len(graph.edges) == 10  # every pair of 5 nodes
    assert {(e.articles, e.paragraphs) for e in graph.edges} == {(1, 1)}
    pages = {p.path: p.text for p in render(crowd(3), TEMPLATES)}
    data = json.loads(pages[GRAPH])
    assert {n["url"] for n in data["nodes"]} >= {"people/p0000/", "countries/iran/"}


def two_articles() -> Dossier:
    """Ana and Iran share a paragraph of a1; Ben is in a1 too but in another paragraph; only
    Ana is in a2, with Russia; Cy is a credit, never a node."""
    p1, p2, p3 = "Ana Lee visited Iran.", "Ben Ray stayed home.", "Ana Lee flew to Russia."
    a1 = Article("a1", "a1.md", "T", (Block("p1", PARAGRAPH, p1), Block("p2", PARAGRAPH, p2)))
    a2 = Article("a2", "a2.md", "T", (Block("p1", PARAGRAPH, p3),))
    ana = Person(
        "ana-lee",
        "Ana Lee",
        (),
        "subject",
        (span_of(p1, "Ana Lee", "a1", "p1"), span_of(p3, "Ana Lee", "a2", "p1")),
    )
    ben = Person("ben-ray", "Ben Ray", (), "subject", (span_of(p2, "Ben Ray", "a1", "p2"),))
    cy = Person("credit-cy", "Cy Fox", (), "credit", (span_of(p2, "Ben", "a1", "p2"),))
    iran = Country("iran", "IR", "Iran", (CountryRef("IR", span_of(p1, "Iran", "a1", "p1")),))
    russia = Country(
        "russia", "RU", "Russia", (CountryRef("RU", span_of(p3, "Russia", "a2", "p1")),)
    )
    return Dossier((a1, a2), (ana, ben, cy), (iran, russia), ())


def test_edges_count_shared_articles_and_shared_paragraphs() -> None:
    graph = co_occurrence_graph(two_articles())
    assert [n.key for n in graph.nodes] == [
        "person:ana-lee",
        "person:ben-ray",
        "country:iran",
        "country:russia",
    ]
    assert [(n.mentions, n.articles) for n in graph.nodes] == [(2, 2), (1, 1), (1, 1), (1, 1)]
    edges = {(e.source, e.target): (e.articles, e.paragraphs) for e in graph.edges}
    assert edges == {
        ("country:iran", "person:ana-lee"): (1, 1),
        ("country:iran", "person:ben-ray"): (1, 0),
        ("person:ana-lee", "person:ben-ray"): (1, 0),
        ("country:russia", "person:ana-lee"): (1, 1),
    }


def test_the_json_keeps_each_node_s_strongest_edges() -> None:
    graph = co_occurrence_graph(two_articles())
    urls = {n.key: f"{n.ident}/" for n in graph.nodes}
    data = json.loads(graph_json(graph, urls, per_node=1))
    assert [n["url"] for n in data["nodes"]] == ["ana-lee/", "ben-ray/", "iran/", "russia/"]
    # An edge runs from the smaller key ("country:..." < "person:..."). Ana keeps Iran (a shared
    # paragraph, ties broken by key), Russia keeps Ana, Ben keeps Iran; Ana-Ben is dropped.
    assert data["edges"] == [[2, 0, 1, 1], [2, 1, 1, 0], [3, 0, 1, 1]]
