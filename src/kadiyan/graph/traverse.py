"""Neighbourhoods and evidence paths, walked on the store's link index.

Records and entities are both nodes: a phone reaches another phone through the ad that
lists both, so every path is made of evidence by construction.

Walks read one frontier at a time (`frontier_edges`), and a hub (an entity with more
links than a walk can use) only as far as needed: a neighbourhood of at most `limit`
nodes reads at most `PER_NODE * limit` of one node's links, and once it is full only
the links among the nodes it holds (`edges_among`).

A path search does not pass through hubs: an entity with more than `hub_degree` links
(a hotel with a thousand bookings, an official named in hundreds of FIRs) says little
about who acts with whom, and walking through it would reach most of the graph. It may
still begin or end at one. It also stops after reading `max_links` links: between two
phones of different operations there is most often no path at all, and proving so would
mean reading all that lies within four links of each. When the search met hubs it did
not pass through, or stopped at its budget, it says so (`cut_short`): a path, or a
shorter one, may then exist through what it left aside.

Nor does a path follow a record's passing mention of a person (`names`: the officer who
investigated, a witness) except to reach an end: the same sub-inspector in two FIRs is
not a tie between their accused.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Protocol

from kadiyan.model import is_record_node
from kadiyan.store.walks import EdgeRow, Step

HUB_DEGREE = 1000  # links past which an entity is a hub that paths do not pass through
MAX_LINKS = 5_000  # links a path search may read before it gives up
SLICES = (500, 25)  # records, entities a path search reads at a time (entities have more)
PER_NODE = 10  # links per node a neighbourhood can hold, past which a hub is read in part
IN_PASSING = frozenset({"names"})  # link kinds a path follows only to or from its ends


class Walkable(Protocol):
    """What the walks read: the store itself, or the store as one viewer sees it."""

    def frontier_edges(self, node_ids: list[str], *, cap: int | None = None) -> Step:
        """The edges touching the nodes; an entity with more than `cap` is a hub."""
        ...

    def edges_among(self, node_ids: list[str], among: list[str]) -> list[EdgeRow]:
        """The edges from any of the nodes to any of `among`."""
        ...


@dataclass(frozen=True)
class Edge:
    """A link between two nodes, seen from the walk (kind, source, target as stored)."""

    source: str
    kind: str
    target: str


@dataclass(frozen=True)
class Subgraph:
    """The nodes within reach of a centre and the edges among them.

    `truncated`: some node within reach was left out (the limit was reached).
    """

    centre: str
    nodes: dict[str, int]  # node id -> hops from the centre
    edges: list[Edge]
    truncated: bool


@dataclass(frozen=True)
class PathSearch:
    """A path search's answer, and whether it looked everywhere it could have.

    `path` is the fewest-link chain that passes through no hub (None if there is none
    within the hops asked); `hubs` are the hubs the search met and did not pass through;
    `exhausted` means it stopped after reading `max_links` links.
    """

    path: list[Edge] | None
    hubs: tuple[str, ...] = ()
    exhausted: bool = False

    @property
    def cut_short(self) -> bool:
        """Whether a path (or a shorter one) may exist through what the search left aside."""
        return bool(self.hubs) or self.exhausted


def neighbourhood(store: Walkable, centre: str, hops: int = 1, limit: int = 500) -> Subgraph:
    """Nodes within `hops` of `centre`, nearest first, at most `limit` of them."""
    depth = {centre: 0}
    edges: set[EdgeRow] = set()
    frontier = [centre]
    truncated = False
    for hop in range(1, hops + 1):
        if not frontier:
            break
        if truncated and len(depth) >= limit:
            # Nothing more can be admitted: only the links among the nodes held count.
            edges.update(store.edges_among(frontier, list(depth)))
            break
        # Only a node with many times more links than there is room for is read in part:
        # below that, reading it whole costs less than reading its links to the nodes
        # held afterwards (`edges_among`), and most often it would fit anyway.
        step = store.frontier_edges(frontier, cap=PER_NODE * limit)
        read = set(step.edges).union(*step.partial.values())
        capped = step.capped
        if capped and len(_fresh(read, depth)) <= limit - len(depth):
            # All that was read may still fit: what the hubs hold beyond it might too.
            read.update(store.frontier_edges(sorted(capped)).edges)
            capped = frozenset()
        # Past here a hub read in part has led to more new nodes than there is room for,
        # so the neighbourhood is truncated whatever the rest of its links hold.
        following: list[str] = []
        for src, _kind, dst in sorted(read):
            for node in (src, dst):
                if node not in depth:
                    if len(depth) >= limit:
                        truncated = True
                        continue
                    depth[node] = hop
                    following.append(node)
        edges.update(e for e in read if e[0] in depth and e[2] in depth)
        if capped:
            edges.update(store.edges_among(sorted(capped), list(depth)))
        frontier = following
    return Subgraph(centre, depth, [Edge(*e) for e in sorted(edges)], truncated)


def _fresh(edges: set[EdgeRow], depth: dict[str, int]) -> set[str]:
    """The ends of the edges that are not yet in the walk."""
    return {node for src, _kind, dst in edges for node in (src, dst) if node not in depth}


def find_path(
    store: Walkable, start: str, goal: str, max_hops: int = 8,
    hub_degree: int | None = HUB_DEGREE, max_links: int | None = MAX_LINKS,
    in_passing: frozenset[str] = IN_PASSING,
) -> PathSearch:
    """The fewest-link chain from `start` to `goal` that passes through no hub.

    Breadth-first from both ends at once, expanding the smaller side, so hubs on one
    side do not swamp the search. `hub_degree=None` passes through every node,
    `max_links=None` never gives up and an empty `in_passing` follows every link: the
    exact shortest path, at any cost.
    """
    if start == goal:
        return PathSearch([])
    ends = {start, goal}
    parents: list[dict[str, tuple[str, Edge] | None]] = [{start: None}, {goal: None}]
    frontiers = [[start], [goal]]
    hubs: set[str] = set()
    read = 0
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:
            break
        seen, other = parents[side], parents[1 - side]
        # An end is read in full, whatever its size: the question is about it.
        cap = None if set(frontiers[side]) <= ends else hub_degree
        following: list[str] = []
        # A level is read a slice at a time, so that a search over its budget stops within
        # a slice of it rather than after a level that may be many times larger.
        for part in _slices(frontiers[side]):
            step = store.frontier_edges(part, cap=cap)
            hubs.update(step.capped)
            read += len(step.edges) + sum(len(edges) for edges in step.partial.values())
            for src, kind, dst in step.edges:
                if kind in in_passing and src not in ends and dst not in ends:
                    continue
                edge = Edge(src, kind, dst)
                for here, there in ((src, dst), (dst, src)):
                    if here not in seen or there in seen or here in hubs:
                        continue
                    seen[there] = (here, edge)
                    if there in other:
                        if _passable(store, there, ends, hubs, hub_degree):
                            return PathSearch(_join(parents, there), tuple(sorted(hubs)))
                        continue  # a hub where the searches meet: neither goes on from it
                    following.append(there)
            if max_links is not None and read > max_links:
                return PathSearch(None, tuple(sorted(hubs)), exhausted=True)
        frontiers[side] = following
    return PathSearch(None, tuple(sorted(hubs)))


def _slices(frontier: list[str]) -> list[list[str]]:
    """The frontier in slices: records (a few links each) many at a time, entities few."""
    records = [n for n in frontier if is_record_node(n)]
    entities = [n for n in frontier if not is_record_node(n)]
    return [nodes[i:i + size] for nodes, size in zip((records, entities), SLICES, strict=True)
            for i in range(0, len(nodes), size)]


def _passable(
    store: Walkable, node: str, ends: set[str], hubs: set[str], hub_degree: int | None
) -> bool:
    """Whether a path may pass through `node` (asked where the two searches meet)."""
    if node in ends or hub_degree is None or is_record_node(node):
        return True
    if node in hubs:
        return False
    if store.frontier_edges([node], cap=hub_degree).capped:
        hubs.add(node)
        return False
    return True


def shortest_path(store: Walkable, start: str, goal: str, max_hops: int = 8) -> list[Edge] | None:
    """The fewest-link chain from `start` to `goal`, or None if none within `max_hops`.

    Exact: it passes through hubs and never gives up (`find_path` with no limits).
    """
    return find_path(store, start, goal, max_hops, hub_degree=None, max_links=None,
                     in_passing=frozenset()).path


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


def reachable(store: Walkable, start: str, max_nodes: int = 100_000) -> set[str]:
    """Every node connected to `start` (its component), up to `max_nodes`."""
    seen = {start}
    queue = deque([start])
    while queue and len(seen) < max_nodes:
        batch = [queue.popleft() for _ in range(min(len(queue), 500))]
        for src, _kind, dst in store.frontier_edges(batch).edges:
            for node in (src, dst):
                if node not in seen:
                    seen.add(node)
                    queue.append(node)
    return seen
