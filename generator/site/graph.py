"""Who appears with whom: people, organisations and countries, linked by the articles they
share. Pure."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
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
    articles = _pair_counts(spans, lambda s: s.article)
    paragraphs = _pair_counts(spans, lambda s: f"{s.article}#{s.block}")
    edges = tuple(
        Edge(a, b, n, paragraphs.get((a, b), 0)) for (a, b), n in sorted(articles.items())
    )
    return Graph(tuple(nodes), edges)


def _pair_counts(
    spans: dict[str, list[Span]], where: Callable[[Span], str]
) -> Counter[tuple[str, str]]:
    """How many places (articles or paragraphs) each pair of nodes shares."""
    members: dict[str, set[str]] = defaultdict(set)
    for key, found in spans.items():
        for span in found:
            members[where(span)].add(key)
    counts: Counter[tuple[str, str]] = Counter()
    for keys in members.values():
        counts.update(combinations(sorted(keys), 2))
    return counts


# Characters that could start markup, written as JSON escapes: the names in the graph data stay
# the same once parsed, and no file of the site holds the markup of a name as it is.
_JSON_MARKUP = {ord(c): f"\\u{ord(c):04x}" for c in "<>&"}


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
    kept: set[Edge] = set()
    for edges in (neighbours if neighbours is not None else graph.neighbours()).values():
        kept.update(edges[:per_node])
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
        "edges": sorted([index[e.source], index[e.target], e.articles, e.paragraphs] for e in kept),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_MARKUP) + "\n"
