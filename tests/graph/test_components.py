"""Connected components of the whole graph."""

from __future__ import annotations

from pathlib import Path

from kadiyan.graph import components, reachable
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Store
from tests.graph.test_traverse import CHAIN
from tests.ingest.conftest import write_jsonl


def test_components_group_what_is_linked_largest_first(store: Store, tmp_path: Path) -> None:
    ingest_file(store, "ads", write_jsonl(tmp_path / "ads.jsonl", CHAIN), resolver=resolve_record)

    found = components(store, min_entities=1)

    assert [c.entities for c in found] == [3, 1]
    assert {"phone:+919811122334", "phone:+919833344556"} <= set(found[0].nodes)
    assert set(found[0].nodes) == reachable(store, "phone:+919811122334")
    assert components(store, min_entities=2) == found[:1]
