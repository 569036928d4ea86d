"""A small graph with a hub on the short way between two phones and a longer way around.

    A -- ad a-h -- H -- ad h-b -- B            (H is also in ads hub-1 .. hub-4)
    A -- ad a-c -- C -- ad c-d -- D -- ad d-b -- B

The ads of the two ways belong to `ahtu-pune`; hub-1 .. hub-4 to `ahtu-delhi`, so a
viewer of Pune alone sees H in two ads only.
"""

from __future__ import annotations

from pathlib import Path

from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.store import Store
from tests.ingest.conftest import write_jsonl

PHONES = {"A": "9822200001", "B": "9822200002", "C": "9833300003", "D": "9844400004",
          "H": "9811100000"}
WAYS = [("a-h", "A", "H"), ("h-b", "H", "B"), ("a-c", "A", "C"), ("c-d", "C", "D"),
        ("d-b", "D", "B")]


def phone(name: str) -> str:
    """The entity id of one of the named phones."""
    return f"phone:+91{PHONES[name]}"


def load_hub_world(store: Store, tmp_path: Path) -> dict[str, str]:
    """Ingest the graph; returns the record id of each ad by its source id."""
    ways = [{"id": ad, "text": f"call {PHONES[a]} or {PHONES[b]}"} for ad, a, b in WAYS]
    hub = [{"id": f"hub-{i}", "text": f"rooms, call {PHONES['H']} or 97000{i:05d}"}
           for i in range(1, 5)]
    ingest_file(store, "ads", write_jsonl(tmp_path / "ways.jsonl", ways),
                resolver=resolve_record, agency="ahtu-pune")
    ingest_file(store, "ads", write_jsonl(tmp_path / "hub.jsonl", hub),
                resolver=resolve_record, agency="ahtu-delhi")
    return {row["id"]: store.record_ids_by_source(row["id"])[0] for row in ways + hub}
