"""Who appears with whom: people, organisations and countries, linked by the articles they
share. Pure."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from generator.model import Dossier, Span

PERSON = "person"
COUNTRY = "country"
ORGANISATION = "organisation"


@dataclass(frozen=True)
class Node:
    """A person, an organisation or a country; `key` is "person:<id>", "organisation:<id>" or
    "country:<id>"."""

    key: str
    kind: str
    ident: str
    label: str
    mentions: int
    articles: int


@dataclass(frozen=True)
class Edge:
    """Two nodes named in the same articles; `paragraphs` counts the paragraphs they share."""

    source: str
    target: str
    articles: int
    paragraphs: int

    def other(self, key: str) -> str:
        return self.target if key == self.source else self.source


def node_key(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def neighbours(self) -> dict[str, list[Edge]]:
        """Each node's edges, strongest first (articles, then paragraphs shared)."""
        by_node: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            by_node[edge.source].append(edge)
            by_node[edge.target].append(edge)
        for edges in by_node.values():
            edges.sort(key=lambda e: (-e.articles, -e.paragraphs, e.source, e.target))
        return by_node


def co_occurrence_graph(dossier: Dossier) -> Graph:
    """Nodes for every subject person, organisation and country; an edge for each pair sharing
    an article."""
    spans: dict[str, list[Span]] = {}
    nodes = []
    for person in dossier.people:
        if person.kind != "subject":
            continue
        key = node_key(PERSON, person.id)
        spans[key] = list(person.mentions)
        nodes.append(
            Node(key, PERSON, person.id, person.name, len(person.mentions), len(person.articles))
        )
    for organisation in dossier.organisations:
        key = node_key(ORGANISATION, organisation.id)
        spans[key] = list(organisation.mentions)
        nodes.append(
            Node(
                key,
                ORGANISATION,
                organisation.id,
                organisation.name,
                len(organisation.mentions),
                len(organisation.articles),
            )
        )
    for country in dossier.countries:
        key = node_key(COUNTRY, country.id)
        spans[key] = [ref.span for ref in country.mentions]
        nodes.append(
            Node(
                key,
                COUNTRY,
                country.id,
                country.name,
                len(country.mentions),
                len(country.articles),
            )
        )
    return Graph(tuple(nodes), _edges(spans))


def _edges(spans: dict[str, list[Span]]) -> tuple[Edge, ...]:
    """An edge for each pair of nodes sharing an article, in the order of their keys. The nodes
    are counted by their rank in that order: pairs of numbers hash and sort faster than pairs
    of keys (142,000 edges with the corpus)."""
    keys = sorted(spans)
    rank = {key: i for i, key in enumerate(keys)}
    in_articles: dict[str, set[int]] = defaultdict(set)
    in_paragraphs: dict[tuple[str, str], set[int]] = defaultdict(set)
    for key, found in spans.items():
        node = rank[key]
        for span in found:
            in_articles[span.article].add(node)
            in_paragraphs[(span.article, span.block)].add(node)
    articles = _pair_counts(in_articles.values())
    paragraphs = _pair_counts(in_paragraphs.values())
    return tuple(
        Edge(keys[a], keys[b], articles[(a, b)], paragraphs.get((a, b), 0))
        for a, b in sorted(articles)
    )


def _pair_counts(places: Iterable[set[int]]) -> Counter[tuple[int, int]]:
    """How many places (articles or paragraphs: the nodes in each) each pair of nodes shares."""
    counts: Counter[tuple[int, int]] = Counter()
    for nodes in places:
        if len(nodes) > 1:
            counts.update(combinations(sorted(nodes), 2))
    return counts


def graph_json(
    graph: Graph,
    url_of: dict[str, str],
    per_node: int,
    neighbours: dict[str, list[Edge]] | None = None,
) -> str:
    """The graph as one JSON file for the browser, its size bounded by the number of nodes:
    each node keeps its `per_node` strongest edges. `url_of` maps a node key to its site URL;
    `neighbours` is graph.neighbours() when the caller has it already.

    {"nodes": [{"id", "kind", "label", "url", "mentions", "articles"}],
     "edges": [[source index, target index, articles shared, paragraphs shared]]}"""
    index = {node.key: i for i, node in enumerate(graph.nodes)}
    kept: dict[tuple[str, str], Edge] = {}  # by its nodes: hashing the Edge itself costs more
    for edges in (neighbours if neighbours is not None else graph.neighbours()).values():
        kept.update({(e.source, e.target): e for e in edges[:per_node]})
    data = {
        "nodes": [
            {
                "id": n.key,
                "kind": n.kind,
                "label": n.label,
                "url": url_of[n.key],
                "mentions": n.mentions,
                "articles": n.articles,
            }
            for n in graph.nodes
        ],
        "edges": sorted(
            [index[e.source], index[e.target], e.articles, e.paragraphs] for e in kept.values()
        ),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _without_markup(text) + "\n"


def _without_markup(json_text: str) -> str:
    """JSON text with the characters that could start markup written as JSON escapes: the names
    in the graph data stay the same once parsed, and no file of the site holds the markup of a
    name as it is. (str.replace: str.translate took 0.8 s for the corpus' graph.)"""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
