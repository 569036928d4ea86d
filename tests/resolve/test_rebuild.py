"""`kadiyan link` rebuilds every link from the records and lands where ingestion did."""

from __future__ import annotations

from pathlib import Path

from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.resolve.rebuild import rebuild_links
from kadiyan.store import Store
from tests.ingest.conftest import ADS, BOOKINGS, BOOKINGS_HEADER, write_jsonl


def test_a_rebuild_gives_back_the_same_entities_and_links(store: Store, tmp_path: Path) -> None:
    bookings = tmp_path / "bookings.csv"
    bookings.write_text("\n".join([BOOKINGS_HEADER, *BOOKINGS]) + "\n")
    ingest_file(store, "ads", write_jsonl(tmp_path / "ads.jsonl", ADS), resolver=resolve_record)
    ingest_file(store, "bookings", bookings, resolver=resolve_record)
    before = store.stats()
    phone_links = store.links_of("phone:+919811122334")

    rebuilt = rebuild_links(store)

    assert rebuilt == 6
    assert store.stats() == before
    assert store.links_of("phone:+919811122334") == phone_links


def test_records_ingested_without_resolution_get_their_links_on_rebuild(
    store: Store, tmp_path: Path
) -> None:
    ingest_file(store, "ads", write_jsonl(tmp_path / "ads.jsonl", ADS))
    assert store.stats()["links"] == 0

    rebuild_links(store)

    assert store.stats()["entities"] == {"account": 1, "phone": 2}
