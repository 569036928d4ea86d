"""Candidate operations: communities of shared phones, photos, templates and persons."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from kadiyan.bench.link import record_operations
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
from kadiyan.engines.local import LocalEngine
from kadiyan.engines.operations_job import (
    RESOLUTION,
    SURVIVOR_SHARE,
    WEIGHTS,
    call_weight,
    link_graph,
    with_cdr_rows,
)
from kadiyan.store import Store, schema
from kadiyan.store.resolution import memberships, operation, operations


def test_the_largest_true_operation_comes_out_whole_and_pure(
    linked: Store, demo_world: Path
) -> None:
    truth = record_operations(linked, demo_world)
    found = memberships(linked, "operation")
    largest, records = Counter(truth.values()).most_common(1)[0]
    members = [rid for rid, op in truth.items() if op == largest]

    community, held = Counter(found.get(rid) for rid in members).most_common(1)[0]
    inside = [rid for rid, op in found.items() if op == community]

    assert community is not None
    assert held / len(members) >= 0.9
    assert sum(truth.get(rid) == largest for rid in inside) / len(inside) >= 0.9


def test_an_operation_says_what_holds_it_together_without_naming_survivors(
    linked: Store,
) -> None:
    top = operations(linked, limit=1)[0]
    summary = top["summary"]

    assert summary["held_together_by"].startswith("shared ")
    assert summary["phones"] and summary["records"]["ad"] > 0
    assert operation(linked, top["id"])["size"] == top["size"]
    survivors = {e["dst"] for e in _edges(linked, ("rescues", "reports_missing"))}
    assert not survivors & {p["id"] for p in summary["persons"]}


def test_operations_keep_their_ids_when_linked_again(linked: Store) -> None:
    before = memberships(linked, "operation")

    report = run_link(linked, get_engine(), ("operations",))["operations"]

    assert memberships(linked, "operation") == before
    assert report["merges"] == report["splits"] == 0


def _edges(store: Store, kinds: tuple[str, ...]) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(
            select(schema.edges).where(schema.edges.c.kind.in_(kinds))).mappings()]


def _clique(name: str, size: int = 20) -> list[tuple[str, str, float]]:
    return [(f"{name}:{i:02d}", f"{name}:{j:02d}", 1.0) for i, j in combinations(range(size), 2)]


def test_two_groups_tied_by_a_few_calls_stay_two_however_large_the_store() -> None:
    two = [*_clique("a"), *_clique("b"), ("a:00", "b:00", call_weight(8))]
    unrelated = [edge for k in range(200) for edge in _clique(f"x{k:03d}")]
    engine = LocalEngine()

    for edges in (two, two + unrelated):
        found = engine.communities(edges, RESOLUTION)
        assert [c for c in found if "a:00" in c] == [[f"a:{i:02d}" for i in range(20)]]

    # plain modularity, with the same graph, joins them: what the scaled resolution is for
    total = sum(w for *_, w in two + unrelated)
    plain = engine.communities(two + unrelated, 1 / (2 * total))
    assert any("a:00" in c and "b:00" in c for c in plain)


def test_calls_weigh_by_the_log_of_their_number() -> None:
    assert call_weight(1) == 0.5
    assert call_weight(64) == 3.5
    assert call_weight(2) < call_weight(3) < call_weight(64) < 64 * call_weight(1)


def test_call_records_join_the_community_of_the_phone_whose_calls_they_are() -> None:
    communities = [["phone:+911", "r-ad-1", "r-ad-2"], ["phone:+912", "r-case-1"]]
    rows = {"r-call-1": "phone:+912", "r-call-2": "phone:+912", "r-call-3": "phone:+913"}

    found = with_cdr_rows(communities, rows)

    assert found == [["phone:+912", "r-call-1", "r-call-2", "r-case-1"],
                     ["phone:+911", "r-ad-1", "r-ad-2"]]


def test_a_survivor_ties_records_at_half_the_weight_of_a_shared_phone(linked: Store) -> None:
    weights, _, survivors = link_graph(linked)
    links = Counter((e["src"], e["dst"]) for e in _edges(linked, tuple(map(str, WEIGHTS)))
                    if ":" not in e["src"] or e["dst"] in survivors)

    assert survivors and all(s.startswith("person:") for s in survivors)
    held = [(pair, w) for pair, w in weights.items() if set(pair) & survivors]
    assert held
    for (a, b), weight in held:
        record, survivor = (a, b) if b in survivors else (b, a)
        assert weight == SURVIVOR_SHARE * links[(record, survivor)] < links[(record, survivor)]
    phones = [w for pair, w in weights.items()
              if any(n.startswith("phone:") for n in pair) and any(":" not in n for n in pair)]
    assert phones and min(phones) >= 1.0
