"""Ingesting files: counts, idempotence, quarantine of bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kadiyan.extract.images import CROPS
from kadiyan.ingest.pipeline import InputError, ingest_file
from kadiyan.model import LinkKind
from kadiyan.resolve import resolve_record
from kadiyan.store import Store
from kadiyan.store.rows import image_crops_of
from kadiyan.store.schema import image_crops
from tests.ingest.conftest import ADS, write_jsonl


def test_ads_are_stored_and_linked_by_phone(store: Store, ads_file: Path) -> None:
    summary = ingest_file(store, "ads", ads_file, resolver=resolve_record)

    assert (summary.read, summary.stored, summary.known, summary.quarantined) == (4, 4, 0, 0)
    linked = {link.source for link in store.links_of("phone:+919811122334")}
    ad_ids = {r.source_id for r in store.records(sorted(linked))}
    assert ad_ids == {"ad-1", "ad-2"}
    assert store.entity("account:instagram:pune_fresh_models") is not None


def test_the_same_file_twice_stores_nothing_new(store: Store, ads_file: Path) -> None:
    ingest_file(store, "ads", ads_file, resolver=resolve_record)
    before = store.stats()

    again = ingest_file(store, "ads", ads_file, resolver=resolve_record)

    assert (again.stored, again.known) == (0, 4)
    assert store.stats() == before


def test_bad_lines_are_quarantined_and_the_rest_stored(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "ads.jsonl",
        ADS[:2],
        ['{"id": "ad-9", "text": ', '{"id": "ad-10"}', '["not", "an", "object"]',
         '{"id": "ad-11", "text": "ok 9811122334", "posted_at": "yesterday"}'],
    )

    summary = ingest_file(store, "ads", path, resolver=resolve_record)

    assert (summary.stored, summary.quarantined) == (2, 4)
    rows = {row.line: row.reason for row in store.quarantined()}
    assert set(rows) == {3, 4, 5, 6}
    assert rows[3].startswith("invalid JSON")
    assert rows[4] == "missing required field 'text'"
    assert rows[5] == "a line must hold one JSON object"
    assert "posted_at" in rows[6] and "yesterday" in rows[6]
    assert all(f"{path}:" in e for e in summary.errors)

    ingest_file(store, "ads", path, resolver=resolve_record)
    assert len(store.quarantined()) == 4, "re-ingesting must not duplicate the quarantine"


def test_a_booking_joins_the_ads_through_its_phone(
    store: Store, ads_file: Path, bookings_file: Path
) -> None:
    ingest_file(store, "ads", ads_file, resolver=resolve_record)
    ingest_file(store, "bookings", bookings_file, resolver=resolve_record)

    kinds = sorted(
        r.kind.value
        for r in store.records([link.source for link in store.links_of("phone:+919811122334")])
    )
    assert kinds == ["ad", "ad", "booking"]
    assert store.entity("hotel:hotel sagar|pune") is not None
    assert store.entity("email:ravi.m@example.in") is not None


def test_a_booking_checking_out_before_it_checks_in_is_rejected(
    store: Store, tmp_path: Path
) -> None:
    from tests.ingest.conftest import BOOKINGS_HEADER

    path = tmp_path / "b.csv"
    path.write_text(
        BOOKINGS_HEADER + "\nbk-3,H,Pune,,2025-02-10,2025-02-01,A,,,1,1,A,cash,web\n"
        "bk-4,H,Pune\n"
    )

    summary = ingest_file(store, "bookings", path)

    reasons = sorted(row.reason for row in store.quarantined())
    assert summary.quarantined == 2
    assert reasons == [
        "checkout 2025-02-01 is before checkin 2025-02-10",
        "expected 14 columns, found 3",
    ]


def test_unknown_kinds_and_missing_files_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown kind"):
        ingest_file(store, "tweets", tmp_path / "x.jsonl")
    with pytest.raises(InputError, match="no such file"):
        ingest_file(store, "ads", tmp_path / "absent.jsonl")


def test_parallel_workers_store_the_same_as_one_process(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kadiyan.ingest.pipeline as pipeline

    rows = [dict(ad, id=f"{ad['id']}-{n}") for n in range(600) for ad in ADS]
    path = write_jsonl(tmp_path / "many.jsonl", rows, ["{broken"])
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(pipeline, "CHUNK", 250)

    summary = ingest_file(store, "ads", path, resolver=resolve_record, workers=2)

    assert (summary.read, summary.stored, summary.quarantined) == (2401, 2400, 1)
    assert store.stats()["records"] == {"ad": 2400}


def test_entities_and_photos_seen_in_every_chunk_are_sent_once_and_all_stored(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image, ImageDraw

    import kadiyan.ingest.pipeline as pipeline

    (tmp_path / "img").mkdir()
    photo = Image.new("RGB", (128, 128), "white")
    ImageDraw.Draw(photo).rectangle((30, 20, 100, 110), fill="navy")
    photo.save(tmp_path / "img" / "b.jpg")
    rows = [
        {"id": f"s-{n}", "text": f"Call 98111 2{n:04d} in Pune", "images": ["img/b.jpg"]}
        for n in range(400)
    ]
    path = write_jsonl(tmp_path / "shared.jsonl", rows)
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(pipeline, "CHUNK", 50)
    sent_rows: list[int] = []
    write = store.write
    monkeypatch.setattr(store, "write", lambda batch: sent_rows.append(
        sum(row[0].startswith("image:") for row in batch.entities)) or write(batch))

    summary = ingest_file(store, "ads", path, resolver=resolve_record, workers=2, batch_size=100)

    assert summary.stored == 400
    # Each of the two workers sends the photo once, whatever the number of its chunks.
    assert sum(sent_rows) <= 2 and len(sent_rows) == 4
    [image] = store.find_entities("image", "")
    assert len(store.links_of(image.id)) == 400
    with store.engine.connect() as conn:
        crops = conn.execute(select(image_crops.c.crops)).scalars().all()
    assert [len(image_crops_of(c)) for c in crops] == [len(CROPS)]
    assert store.stats()["entities"]["phone"] == 400


def test_a_run_sends_each_entity_row_once() -> None:
    from kadiyan.ingest.pipeline import Sent
    from kadiyan.store import Batch

    sent = Sent()
    first = Batch(entities=[("phone:1", "phone", "1", "1"), ("phone:1", "phone", "1", "1")])
    second = Batch(entities=[("phone:1", "phone", "1", "1"), ("place:pune", "place", "p", "Pune")])

    sent.new_only(first)
    sent.new_only(second)

    assert first.entities == [("phone:1", "phone", "1", "1")]
    assert second.entities == [("place:pune", "place", "p", "Pune")]


def test_ads_that_carry_one_photo_are_linked_through_it(store: Store, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    (tmp_path / "img").mkdir()
    photo = Image.new("RGB", (128, 128), "white")
    ImageDraw.Draw(photo).ellipse((20, 10, 110, 120), fill="teal")
    photo.save(tmp_path / "img" / "a.jpg")
    ads = [
        {"id": "p-1", "text": "New girl in Pune", "images": ["img/a.jpg"]},
        {"id": "p-2", "text": "Fresh model in Nashik", "images": ["img/a.jpg"]},
        {"id": "p-3", "text": "Photo lost on the way", "images": ["img/missing.jpg"]},
    ]
    path = write_jsonl(tmp_path / "ads.jsonl", ads)

    summary = ingest_file(store, "ads", path, resolver=resolve_record)

    assert summary.stored == 3
    [image] = store.find_entities("image", "")
    links = store.links_of(image.id)
    assert {link.kind for link in links} == {LinkKind.SHOWS_IMAGE}
    assert len({link.source for link in links}) == 2
    assert image.label == "img/a.jpg"
