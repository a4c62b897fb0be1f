"""The co-occurrence graph of people and countries, and its JSON page."""

from __future__ import annotations

import json

from generator.site.graph import co_occurrence_graph
from generator.site.paths import GRAPH
from generator.site.render import render
from tests.site.inline import TEMPLATES, crowd


def test_graph_counts_articles_and_paragraphs_shared() -> None:
    graph = co_occurrence_graph(crowd(3))
    assert len(graph.nodes) == 5
    assert len(graph.edges) == 10  # every pair of 5 nodes
    assert {(e.articles, e.paragraphs) for e in graph.edges} == {(1, 1)}
    pages = {p.path: p.text for p in render(crowd(3), TEMPLATES)}
    data = json.loads(pages[GRAPH])
    assert {n["url"] for n in data["nodes"]} >= {"people/p0000/", "countries/iran/"}
