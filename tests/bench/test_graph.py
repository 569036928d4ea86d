"""`kadiyan bench graph`: the old and new walks answer alike, and the figures are there."""

from __future__ import annotations

from pathlib import Path

from kadiyan.bench.graph import old_neighbourhood, old_shortest_path, run
from kadiyan.graph import neighbourhood, shortest_path
from kadiyan.store import Store
from tests.graph.hub_world import PHONES, load_hub_world, phone


def test_new_walks_answer_as_the_old_ones(store: Store, tmp_path: Path) -> None:
    load_hub_world(store, tmp_path)
    names = sorted(PHONES)

    for centre in [phone(n) for n in names]:
        for hops in (1, 2, 3):
            for limit in (3, 5, 8, 500):
                new = neighbourhood(store, centre, hops, limit)
                old = old_neighbourhood(store, centre, hops, limit)
                assert new.truncated == old.truncated
                assert len(new.nodes) == len(old.nodes)
                if not old.truncated:
                    assert (new.nodes, new.edges) == (old.nodes, old.edges)
    for a in names:
        for b in names:
            new_path = shortest_path(store, phone(a), phone(b), 6)
            old_path = old_shortest_path(store, phone(a), phone(b), 6)
            assert (new_path is None) == (old_path is None)
            assert len(new_path or []) == len(old_path or [])


def test_the_bench_reports_every_type_with_old_and_new(store: Store, tmp_path: Path) -> None:
    load_hub_world(store, tmp_path)

    result = run(store, count=3)

    assert result["goal"]["all_agree"]
    types = result["types"]
    assert {"neighbourhood-1 hub", "neighbourhood-2 record", "path connected",
            "path random 8 hops"} <= set(types)
    for figures in types.values():
        assert figures["queries"] > 0
        assert figures["new_p95_ms"] >= figures["new_p50_ms"] > 0
        assert figures["old_max_ms"] >= figures["old_p95_ms"] > 0
    assert result["pk_read"]["p50_ms"] > 0
