"""Connected components of the whole link graph, computed with igraph."""

from __future__ import annotations

from dataclasses import dataclass

import igraph
from sqlalchemy import select

from kadiyan.store import Store
from kadiyan.store.schema import edges


@dataclass(frozen=True)
class Component:
    """A set of nodes joined by links, with how many of them are entities."""

    nodes: tuple[str, ...]
    entities: int


def components(store: Store, min_entities: int = 2) -> list[Component]:
    """Components holding at least `min_entities` entities, largest first."""
    index: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    with store.engine.connect() as conn:
        result = conn.execute(select(edges.c.src, edges.c.dst).distinct())
        for src, dst in result:
            a = index.setdefault(src, len(index))
            b = index.setdefault(dst, len(index))
            pairs.append((a, b))
    graph = igraph.Graph(n=len(index), edges=pairs)
    names = list(index)
    found = []
    for members in graph.connected_components():
        nodes = tuple(sorted(names[i] for i in members))
        n_entities = sum(1 for n in nodes if ":" in n)
        if n_entities >= min_entities:
            found.append(Component(nodes, n_entities))
    found.sort(key=lambda c: (-c.entities, c.nodes[0]))
    return found
