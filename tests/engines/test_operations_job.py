"""Candidate operations: communities of shared phones, photos, templates and persons."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import select

from kadiyan.bench.link import record_operations
from kadiyan.engines import get_engine
from kadiyan.engines.link import run_link
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
