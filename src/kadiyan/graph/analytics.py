"""Graph analytics: the brokers of an operation, and the cases linked to a case.

Both walk only links that say something about people acting together: shared phones,
accounts, photos, persons, calls. Hotels (thousands of strangers stay in one) and the
officials who investigate every case of a district are not paths between suspects.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph

from kadiyan.graph.traverse import Edge
from kadiyan.model import LinkKind
from kadiyan.store import Store
from kadiyan.store.resolution import members_of

# Links that carry no evidence of acting together.
NOT_EVIDENCE = frozenset({LinkKind.BOOKED_AT, LinkKind.NAMES})
# Persons named as survivors are never brokers, whatever their place in the graph.
SURVIVOR_LINKS = frozenset({LinkKind.RESCUES, LinkKind.REPORTS_MISSING})


@dataclass(frozen=True)
class Broker:
    """An entity through which much of an operation's graph passes."""

    node: str
    label: str
    betweenness: float  # share of shortest paths between the operation's nodes through it
    degree: int  # records and entities it touches inside the operation


@dataclass(frozen=True)
class LinkedCase:
    """Another case report reached from a case, with the chain of evidence to it."""

    record_id: str
    hops: int
    path: list[Edge]


def brokers(store: Store, operation_id: str, top: int = 10) -> list[Broker]:
    """The entities of an operation with the highest betweenness, survivors left out."""
    records = members_of(store, operation_id)
    edges = [(s, k, d) for s, k, d in store.edges_between(records) if k not in NOT_EVIDENCE]
    survivors = {d for _, k, d in edges if k in SURVIVOR_LINKS}
    index: dict[str, int] = {}
    pairs = [(index.setdefault(s, len(index)), index.setdefault(d, len(index)))
             for s, _, d in edges]
    graph = igraph.Graph(n=len(index), edges=pairs).simplify()
    if graph.vcount() < 3:
        return []
    scores = graph.betweenness(directed=False)
    n = graph.vcount()
    scale = (n - 1) * (n - 2) / 2
    names = list(index)
    ranked = sorted(
        (i for i, name in enumerate(names) if ":" in name and name not in survivors),
        key=lambda i: (-scores[i], names[i]),
    )[:top]
    labels = {e.id: e.label for e in store.entities([names[i] for i in ranked])}
    return [Broker(names[i], labels.get(names[i], names[i]), round(scores[i] / scale, 4),
                   graph.degree(i)) for i in ranked]


def linked_cases(
    store: Store, case_record: str, max_hops: int = 6, max_nodes: int = 20_000
) -> list[LinkedCase]:
    """Case reports reachable from `case_record` through evidence, nearest first.

    Breadth-first over the store's links (not hotels, not officials), stopping at
    `max_hops` or after `max_nodes` nodes; each case found keeps its shortest chain.
    """
    parents: dict[str, tuple[str, Edge] | None] = {case_record: None}
    depth = {case_record: 0}
    frontier = [case_record]
    found: list[str] = []
    for hop in range(1, max_hops + 1):
        following: list[str] = []
        for src, kind, dst in store.edges_between(frontier):
            if kind in NOT_EVIDENCE:
                continue
            edge = Edge(src, kind, dst)
            for here, there in ((src, dst), (dst, src)):
                if here in depth and there not in depth and len(depth) < max_nodes:
                    depth[there] = hop
                    parents[there] = (here, edge)
                    following.append(there)
        cases = {r.id for r in store.records([n for n in following if ":" not in n])
                 if r.kind == "case_report"}
        found += sorted(cases)
        frontier = following
        if not frontier:
            break
    return [LinkedCase(rid, depth[rid], _chain(parents, rid)) for rid in found]


def _chain(parents: dict[str, tuple[str, Edge] | None], node: str) -> list[Edge]:
    """The edges from the walk's start to `node`, in order."""
    chain = []
    while (step := parents[node]) is not None:
        node, edge = step
        chain.append(edge)
    chain.reverse()
    return chain
