"""Neighbourhoods and evidence paths, with every node labelled."""

from __future__ import annotations

from dataclasses import dataclass, field

from kadiyan.api.services.nodes import NodeInfo, describe
from kadiyan.graph import find_path, neighbourhood, path_nodes
from kadiyan.store import Store

EVIDENCE_PER_STEP = 20


@dataclass(frozen=True)
class Node:
    """A node with its kind, label and distance in hops from where the walk began."""

    id: str
    kind: str
    label: str
    hops: int


@dataclass(frozen=True)
class EdgeView:
    """A link between two nodes, as stored (source, kind, target)."""

    source: str
    kind: str
    target: str


@dataclass(frozen=True)
class NeighbourhoodView:
    """The nodes within reach of a centre, nearest first, and the edges among them."""

    centre: str
    hops: int
    nodes: list[Node]
    edges: list[EdgeView]
    truncated: bool


@dataclass(frozen=True)
class PathStep:
    """One link of a path with the records that are its evidence."""

    source: str
    kind: str
    target: str
    evidence: list[str]


@dataclass(frozen=True)
class PathView:
    """The nodes from `start` to `goal` in order and the links between them.

    `found` is false when there is no path within the hops asked that avoids hubs;
    `cut_short` says a path (or a shorter one) may pass through the `hubs` left aside,
    or lie beyond the links the search read (`exhausted`).
    """

    start: str
    goal: str
    nodes: list[Node]
    steps: list[PathStep]
    found: bool = True
    cut_short: bool = False
    hubs: list[str] = field(default_factory=list)
    exhausted: bool = False


def neighbourhood_view(store: Store, centre: str, hops: int, limit: int) -> NeighbourhoodView:
    """Nodes within `hops` of `centre` (at most `limit`) with labels, and their edges."""
    sub = neighbourhood(store, centre, hops=hops, limit=limit)
    info = describe(store, sub.nodes)
    nodes = [_node(info, node, hop) for node, hop in sub.nodes.items()]
    nodes.sort(key=lambda n: (n.hops, n.kind, n.label, n.id))
    edges = [EdgeView(e.source, e.kind, e.target) for e in sub.edges]
    return NeighbourhoodView(centre, hops, nodes, edges, sub.truncated)


def path_view(store: Store, start: str, goal: str, max_hops: int) -> PathView:
    """The shortest evidence chain from `start` to `goal` within `max_hops` that passes
    through no hub (`kadiyan.graph.find_path`), and whether the search was cut short."""
    search = find_path(store, start, goal, max_hops=max_hops)
    hubs = list(search.hubs)
    found = search.path
    if found is None:
        return PathView(start, goal, [], [], found=False, cut_short=search.cut_short, hubs=hubs,
                        exhausted=search.exhausted)
    order = path_nodes(start, found)
    info = describe(store, order)
    nodes = [_node(info, node, hop) for hop, node in enumerate(order)]
    steps = [
        PathStep(e.source, e.kind, e.target,
                 store.evidence(e.source, e.kind, e.target, limit=EVIDENCE_PER_STEP))
        for e in found
    ]
    return PathView(start, goal, nodes, steps, cut_short=search.cut_short, hubs=hubs,
                    exhausted=search.exhausted)


def _node(info: dict[str, NodeInfo], node_id: str, hops: int) -> Node:
    """A labelled node; one whose record or entity is gone keeps its id as label."""
    known = info.get(node_id)
    if known is None:
        return Node(node_id, "unknown", node_id, hops)
    return Node(node_id, known.kind, known.label, hops)
