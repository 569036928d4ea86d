"""`kadiyan bench graph`: neighbourhoods and paths on a large world, new walks against old.

The store holds a generated world, ingested once (`prepare_store`). Queries are drawn
from it with a fixed seed:

- neighbourhoods of 1 and 2 hops (at most `LIMIT` nodes) around hubs (the entities
  named by the most records), hotels, records and phones;
- paths between connected pairs (two to four links apart, found by walking), and
  between random phones with at most 6 and 8 links.

Each query is answered by the walks of `kadiyan.graph` and by the walks as they were
before them (`old_neighbourhood`, `old_shortest_path`: the `edges` view read once per
frontier, kept here as the baseline), one after the other in alternating order, so both
meet the same caches and the same load. Paths are also asked as the API and the command
line ask them (`find_path`: no path through an entity with more than `HUB_DEGREE`
links, at most `MAX_LINKS` links read; the answer says when it left something aside):
the "hub rule" columns.
A primary-key read of one entity is timed alongside as the floor of any query.

The two walks must agree: the same nodes, hops and edges for a neighbourhood that was
not truncated (the same number of nodes when both were), the same path length (or both
none) for the exact path search; a path found under the hub rule is never shorter than
the exact one, and is as short when the search met no hub.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from kadiyan.graph.traverse import (
    HUB_DEGREE,
    MAX_LINKS,
    Edge,
    Subgraph,
    find_path,
    neighbourhood,
    shortest_path,
)
from kadiyan.store import Store, open_store, schema

LIMIT = 500  # nodes of a neighbourhood (the walks' default; the explorer asks for 200)
GOAL_P95_MS = 100.0


# -- the store ------------------------------------------------------------------------------


def prepare_store(url: str, world: Path | None) -> Store:
    """The store at `url` (migrated), holding `world` ingested if it held no record yet.

    On PostgreSQL the tables are then vacuumed and analysed, as autovacuum would do after
    a bulk load in time, so that walks can be answered from the indexes alone.
    """
    from kadiyan.cli.serve import ingest_world

    store = open_store(url)
    with store.engine.connect() as conn:
        empty = conn.execute(select(schema.records.c.seq).limit(1)).first() is None
    if empty:
        if world is None:
            raise ValueError(f"the store at {url} is empty: give a world to ingest")
        ingest_world(store, world)
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("records", "mentions", "links", "entities"):
                conn.execute(text(f"VACUUM ANALYZE {table}"))
    return store


# -- the walks as they were -----------------------------------------------------------------


def old_neighbourhood(store: Store, centre: str, hops: int = 1, limit: int = LIMIT) -> Subgraph:
    """Nodes within `hops` of `centre`: the `edges` view read in full once per frontier."""
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


def old_shortest_path(store: Store, start: str, goal: str, max_hops: int = 8) -> list[Edge] | None:
    """Bidirectional breadth-first search over the `edges` view, read once per frontier."""
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
                        return _joined(parents, there)
        frontiers[side] = following
    return None


def _joined(parents: list[dict[str, Any]], meet: str) -> list[Edge]:
    """The path's edges from the start through `meet` to the goal."""
    path: list[Edge] = []
    for side in (0, 1):
        node, half = meet, []
        while (step := parents[side][node]) is not None:
            node, edge = step
            half.append(edge)
        path += reversed(half) if side == 0 else half
    return path


# -- what to ask ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """One question of one type: a neighbourhood (`hops`) or a path (`goal`, `max_hops`)."""

    type: str
    start: str
    hops: int = 0
    goal: str = ""
    max_hops: int = 0


def pick_queries(store: Store, count: int, seed: int = 1) -> tuple[list[Query], dict[str, Any]]:
    """`count` queries of each type, the same for the same store and seed; and how the
    hubs chosen are linked."""
    rng = random.Random(seed)
    hubs, described = _hubs(store, count)
    hotels = _sample(store, "hotel", count, rng)
    phones = _sample(store, "phone", count * 4, rng)
    records = _records(store, count, rng)
    queries = []
    for kind, starts in (("hub", hubs), ("hotel", hotels), ("record", records),
                         ("phone", phones[:count])):
        for hops in (1, 2):
            queries += [Query(f"neighbourhood-{hops} {kind}", s, hops=hops) for s in starts]
    queries += [Query("path connected", a, goal=b, max_hops=8)
                for a, b in _connected_pairs(store, phones[count:], count, rng)]
    spare = phones[count * 2:]
    for max_hops in (6, 8):
        pairs = [tuple(rng.sample(spare, 2)) for _ in range(count)] if len(spare) > 1 else []
        queries += [Query(f"path random {max_hops} hops", a, goal=b, max_hops=max_hops)
                    for a, b in pairs]
    return queries, described


def _hubs(store: Store, count: int) -> tuple[list[str], dict[str, Any]]:
    """The entities named by the most records (by linking mentions)."""
    m = schema.mentions
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(m.c.entity_id, func.count().label("n")).where(m.c.link.is_not(None))
            .group_by(m.c.entity_id).order_by(func.count().desc(), m.c.entity_id).limit(count)
        ).all()
    sizes = sorted(n for _, n in rows) or [0]
    return [e for e, _ in rows], {"hubs": len(rows), "fewest_records": sizes[0],
                                  "median_records": sizes[len(sizes) // 2],
                                  "most_records": sizes[-1]}


def _sample(store: Store, kind: str, count: int, rng: random.Random) -> list[str]:
    e = schema.entities
    with store.engine.connect() as conn:
        ids = sorted(conn.execute(select(e.c.id).where(e.c.kind == kind)).scalars())
    return rng.sample(ids, min(count, len(ids)))


def _records(store: Store, count: int, rng: random.Random) -> list[str]:
    r = schema.records
    with store.engine.connect() as conn:
        top = conn.execute(select(func.max(r.c.seq))).scalar_one() or 0
        seqs = sorted({rng.randint(1, top) for _ in range(count * 2)}) if top else []
        found = list(conn.execute(select(r.c.id).where(r.c.seq.in_(seqs))).scalars())
    return rng.sample(found, min(count, len(found)))


def _connected_pairs(
    store: Store, phones: list[str], count: int, rng: random.Random
) -> list[tuple[str, str]]:
    """Pairs (phone, entity) two to four links apart: two steps of two hops each."""
    pairs: list[tuple[str, str]] = []
    for start in phones:
        if len(pairs) >= count:
            break
        goal = start
        for _ in range(rng.choice((1, 2))):
            near = neighbourhood(store, goal, hops=2, limit=200).nodes
            ahead = sorted(n for n, hop in near.items() if hop == 2 and ":" in n)
            if not ahead:
                break
            goal = rng.choice(ahead)
        if goal != start:
            pairs.append((start, goal))
    return pairs


# -- measuring ------------------------------------------------------------------------------


@dataclass
class Timings:
    """Milliseconds per walk for one query type, and how the answers compared."""

    new: list[float] = field(default_factory=list)
    old: list[float] = field(default_factory=list)
    hub_rule: list[float] = field(default_factory=list)
    agree: int = 0
    disagree: list[str] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)

    def note(self, what: str) -> None:
        self.notes[what] = self.notes.get(what, 0) + 1


def _timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - start) * 1000


def run(store: Store, count: int, seed: int = 1) -> dict[str, Any]:
    """Ask every query of `pick_queries` of the new and the old walks; the figures."""
    started = time.perf_counter()
    queries, hubs = pick_queries(store, count, seed)
    picked = time.perf_counter() - started
    by_type: dict[str, Timings] = {}
    for i, query in enumerate(queries):
        timings = by_type.setdefault(query.type, Timings())
        if query.hops:
            _neighbourhoods(store, query, timings, new_first=i % 2 == 0)
        else:
            _paths(store, query, timings, new_first=i % 2 == 0)
    baseline = _pk_reads(store, count * 4, seed)
    types = {name: _figures(t) for name, t in by_type.items()}
    worst = max((t["new_p95_ms"] for t in types.values()), default=0.0)
    worst_served = max((t.get("hub_rule_p95_ms", t["new_p95_ms"]) for t in types.values()),
                       default=0.0)
    return {
        "dialect": store.dialect, "queries_per_type": count, "limit": LIMIT,
        "hub_degree": HUB_DEGREE, "max_links": MAX_LINKS, "hubs": hubs,
        "seconds_picking": round(picked, 1), "pk_read": baseline, "types": types,
        "goal": {"p95_ms_at_most": GOAL_P95_MS,
                 "worst_p95_ms_exact_walks": worst,
                 "worst_p95_ms_as_served": worst_served,
                 "met_as_served": worst_served <= GOAL_P95_MS,
                 "all_agree": all(not t["disagree"] for t in types.values())},
    }


def _neighbourhoods(store: Store, query: Query, timings: Timings, new_first: bool) -> None:
    def new() -> Subgraph:
        return neighbourhood(store, query.start, query.hops, LIMIT)

    def old() -> Subgraph:
        return old_neighbourhood(store, query.start, query.hops, LIMIT)

    (a, ta), (b, tb) = (_timed(new), _timed(old)) if new_first else (_timed(old), _timed(new))
    (got, t_new), (was, t_old) = ((a, ta), (b, tb)) if new_first else ((b, tb), (a, ta))
    timings.new.append(t_new)
    timings.old.append(t_old)
    if got.truncated or was.truncated:
        timings.note("truncated")
        same = got.truncated == was.truncated and len(got.nodes) == len(was.nodes)
    else:
        same = got.nodes == was.nodes and got.edges == was.edges
    _tally(timings, same, query)


def _paths(store: Store, query: Query, timings: Timings, new_first: bool) -> None:
    def new() -> list[Edge] | None:
        return shortest_path(store, query.start, query.goal, query.max_hops)

    def old() -> list[Edge] | None:
        return old_shortest_path(store, query.start, query.goal, query.max_hops)

    (a, ta), (b, tb) = (_timed(new), _timed(old)) if new_first else (_timed(old), _timed(new))
    (got, t_new), (was, t_old) = ((a, ta), (b, tb)) if new_first else ((b, tb), (a, ta))
    timings.new.append(t_new)
    timings.old.append(t_old)
    ruled, t_rule = _timed(lambda: find_path(store, query.start, query.goal, query.max_hops))
    timings.hub_rule.append(t_rule)
    same = (got is None) == (was is None) and (got is None or len(got) == len(was or []))
    if ruled.path is not None and was is not None:
        same = same and len(ruled.path) >= len(was)
        if not ruled.cut_short:
            same = same and len(ruled.path) == len(was)
    if ruled.path is None and was is not None and not ruled.cut_short:
        same = False  # the hub rule may miss a path only when it says it cut short
    timings.note("path found" if was is not None else "no path")
    if ruled.cut_short:
        timings.note("hub rule: cut short")
        if ruled.exhausted:
            timings.note("hub rule: gave up at max_links")
        if ruled.path is None and was is not None:
            timings.note("hub rule: path missed (said so)")
        elif ruled.path is not None and was is not None and len(ruled.path) > len(was):
            timings.note("hub rule: longer path avoiding hubs")
    _tally(timings, same, query)


def _tally(timings: Timings, same: bool, query: Query) -> None:
    if same:
        timings.agree += 1
    else:
        timings.disagree.append(f"{query.start} {query.goal}".strip())


def _pk_reads(store: Store, count: int, seed: int) -> dict[str, float]:
    """One entity read by its primary key, `count` times: the floor of any query."""
    ids = _sample(store, "phone", count, random.Random(seed + 1))
    times = [_timed(lambda e=e: store.entities([e]))[1] for e in ids]  # type: ignore[misc]
    return _percentiles(times)


def _percentiles(times: list[float]) -> dict[str, float]:
    if not times:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ordered[-1], 2)}


def _figures(t: Timings) -> dict[str, Any]:
    new, old = _percentiles(t.new), _percentiles(t.old)
    figures: dict[str, Any] = {"queries": len(t.new),
                               **{f"new_{k}": v for k, v in new.items()},
                               **{f"old_{k}": v for k, v in old.items()}}
    if t.hub_rule:
        figures.update({f"hub_rule_{k}": v for k, v in _percentiles(t.hub_rule).items()})
    figures.update(agree=t.agree, disagree=t.disagree[:10], notes=t.notes)
    return figures
