"""Neighbourhoods and evidence paths, walked on the store's link index.

Records and entities are both nodes: a phone reaches another phone through the ad that
lists both, so every path is made of evidence by construction.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from kadiyan.store import Store


@dataclass(frozen=True)
class Edge:
    """A link between two nodes, seen from the walk (kind, source, target as stored)."""

    source: str
    kind: str
    target: str


@dataclass(frozen=True)
class Subgraph:
    """The nodes within reach of a centre and the edges among them."""

    centre: str
    nodes: dict[str, int]  # node id -> hops from the centre
    edges: list[Edge]
    truncated: bool


def neighbourhood(store: Store, centre: str, hops: int = 1, limit: int = 500) -> Subgraph:
    """Nodes within `hops` of `centre`, nearest first, at most `limit` of them."""
    depth = {centre: 0}
    edges: set[Edge] = set()
    frontier = [centre]
    truncated = False
    for hop in range(1, hops + 1):
        if not frontier:
            break
        following: list[str] = []
        for src, kind, dst in store.edges_between(frontier):
            for node in (src, dst):
                if node not in depth:
                    if len(depth) >= limit:
                        truncated = True
                        continue
                    depth[node] = hop
                    following.append(node)
            if src in depth and dst in depth:
                edges.add(Edge(src, kind, dst))
        frontier = following
    return Subgraph(centre, depth, sorted(edges, key=lambda e: (e.source, e.kind, e.target)),
                    truncated)


def shortest_path(store: Store, start: str, goal: str, max_hops: int = 8) -> list[Edge] | None:
    """The fewest-link chain from `start` to `goal`, or None if none within `max_hops`.

    Breadth-first from both ends at once, expanding the smaller side, so hubs on one
    side do not swamp the search.
    """
    if start == goal:
        return []
    parents: list[dict[str, tuple[str, Edge] | None]] = [{start: None}, {goal: None}]
    frontiers = [[start], [goal]]
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:
            return None
        seen, other = parents[side], parents[1 - side]
        following: list[str] = []
        for src, kind, dst in store.edges_between(frontiers[side]):
            edge = Edge(src, kind, dst)
            for here, there in ((src, dst), (dst, src)):
                if here in seen and there not in seen:
                    seen[there] = (here, edge)
                    following.append(there)
                    if there in other:
                        return _join(parents, there)
        frontiers[side] = following
    return None


def _join(parents: list[dict[str, tuple[str, Edge] | None]], meet: str) -> list[Edge]:
    path: list[Edge] = []
    node = meet
    while (step := parents[0][node]) is not None:
        node, edge = step
        path.append(edge)
    path.reverse()
    node = meet
    while (step := parents[1][node]) is not None:
        node, edge = step
        path.append(edge)
    return path


def path_nodes(start: str, path: list[Edge]) -> list[str]:
    """The nodes a path visits in order, starting at `start`."""
    nodes = [start]
    for edge in path:
        nodes.append(edge.target if edge.source == nodes[-1] else edge.source)
    return nodes


def reachable(store: Store, start: str, max_nodes: int = 100_000) -> set[str]:
    """Every node connected to `start` (its component), up to `max_nodes`."""
    seen = {start}
    queue = deque([start])
    while queue and len(seen) < max_nodes:
        batch = [queue.popleft() for _ in range(min(len(queue), 500))]
        for src, _kind, dst in store.edges_between(batch):
            for node in (src, dst):
                if node not in seen:
                    seen.add(node)
                    queue.append(node)
    return seen
