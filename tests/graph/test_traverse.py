"""Neighbourhoods and evidence paths over a small chain of ads and a booking."""

from __future__ import annotations

from pathlib import Path

from kadiyan.graph import neighbourhood, path_nodes, shortest_path
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Store
from tests.ingest.conftest import write_jsonl

# phone A -- ad-1 -- phone B -- ad-2 -- phone C ;  phone D stands alone in ad-3
CHAIN = [
    {"id": "ad-1", "text": "call 9811122334 or 9822233445"},
    {"id": "ad-2", "text": "WhatsApp 98222 33445, backup 9833344556"},
    {"id": "ad-3", "text": "Tuition, call 9900011122"},
]


def _load(store: Store, tmp_path: Path) -> None:
    ingest_file(store, "ads", write_jsonl(tmp_path / "ads.jsonl", CHAIN), resolver=resolve_record)


def test_the_shortest_path_runs_through_the_ads_that_are_its_evidence(
    store: Store, tmp_path: Path
) -> None:
    _load(store, tmp_path)

    path = shortest_path(store, "phone:+919811122334", "phone:+919833344556")

    assert path is not None
    nodes = path_nodes("phone:+919811122334", path)
    records = {r.id: r.source_id for r in store.records(nodes)}
    assert [records.get(n, n) for n in nodes] == [
        "phone:+919811122334", "ad-1", "phone:+919822233445", "ad-2", "phone:+919833344556",
    ]


def test_no_path_between_unconnected_phones(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)

    assert shortest_path(store, "phone:+919811122334", "phone:+919900011122") is None
    assert shortest_path(store, "phone:+919811122334", "phone:+919811122334") == []


def test_neighbourhood_counts_hops_from_the_centre(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)

    near = neighbourhood(store, "phone:+919822233445", hops=2)

    hops = sorted(near.nodes.values())
    assert hops == [0, 1, 1, 2, 2]
    assert near.nodes["phone:+919811122334"] == 2
    assert not near.truncated
    assert len(near.edges) == 4
