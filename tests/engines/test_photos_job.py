"""Reposted photos: near copies of one photo, cropped and captioned ones too, are joined by
`same_image` links."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select

from kadiyan.engines.photos_job import link_photos
from kadiyan.extract.images import CROPS, MATCH_DISTANCE, hash_image_bytes, probes_of
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.resolve import resolve_record
from kadiyan.resolve.photos import parse_hashes
from kadiyan.scenario.images import base_photo
from kadiyan.store import Store, schema
from kadiyan.store.rows import image_crops_of


def _distance(a_hash: str, a_crops: list[str], b_hash: str, b_crops: list[str]) -> int:
    """The pair rule: one's hash or probes against the other's hash or crops, both ways."""
    def one_way(asks: list[str], rows: list[str]) -> int:
        x, y = parse_hashes(asks), parse_hashes(rows)
        return int(np.bitwise_count(x[:, None] ^ y[None]).sum(axis=2).min())

    return min(one_way([a_hash, *probes_of(a_crops)], [b_hash, *b_crops]),
               one_way([b_hash, *probes_of(b_crops)], [a_hash, *a_crops]))


def _crops(store: Store) -> dict[str, list[str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.image_crops)).all()
    return {entity_id: image_crops_of(crops) for entity_id, crops in rows}


def _same_image(store: Store) -> set[tuple[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(schema.links.c.src, schema.links.c.dst)
            .where(schema.links.c.kind == "same_image")
        ).all()
    return {(row.src, row.dst) for row in rows}


def test_every_same_image_link_joins_two_photos_within_the_match_distance(linked: Store) -> None:
    with linked.engine.connect() as conn:
        rows = conn.execute(select(schema.links).where(schema.links.c.kind == "same_image")).all()
    crops = _crops(linked)
    assert rows, "the demo world reposts photos"
    for row in rows:
        a, b = linked.entity(row.src), linked.entity(row.dst)
        assert a.kind == b.kind == "image" and a.id < b.id
        assert _distance(a.key, crops[a.id], b.key, crops[b.id]) <= MATCH_DISTANCE
        assert linked.record(row.record_id) is not None


def test_every_photo_keeps_its_crops_once(linked: Store) -> None:
    entities = schema.entities
    with linked.engine.connect() as conn:
        photos = conn.execute(
            select(func.count()).select_from(entities).where(entities.c.kind == "image")
        ).scalar_one()
    crops = _crops(linked)

    assert len(crops) == photos > 0
    assert all(len(c) == len(CROPS) for c in crops.values())


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _banner(image: Image.Image) -> Image.Image:
    image = image.copy()
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 100, image.width, 132), fill=(0, 0, 0))
    draw.text((20, 103), "+91 98111 22334", fill=(255, 255, 255),
              font=ImageFont.load_default(size=24))
    return image


def test_a_cropped_and_a_captioned_repost_are_linked_to_the_original(
    store: Store, tmp_path: Path
) -> None:
    original, other = base_photo(2024), base_photo(77)
    w, h = original.size
    files = {
        "original.jpg": _jpeg(original, 92),
        # A tenth of the width and of the height cut away, most of it at the top left.
        "cropped.jpg": _jpeg(original.crop((round(w * 0.06), round(h * 0.07),
                                            w - round(w * 0.04), h - round(h * 0.03))), 85),
        "captioned.jpg": _jpeg(_banner(original), 80),
        "other.jpg": _jpeg(other, 90),
    }
    (tmp_path / "images").mkdir()
    ads = []
    for n, (name, blob) in enumerate(files.items()):
        (tmp_path / "images" / name).write_bytes(blob)
        ads.append({"id": f"ad-{n}", "text": f"new in town, ad number {n}",
                    "images": [f"images/{name}"]})
    (tmp_path / "ads.jsonl").write_text("".join(json.dumps(ad) + "\n" for ad in ads))
    ingest_file(store, "ads", tmp_path / "ads.jsonl", resolver=resolve_record, workers=1)

    report = link_photos(store)

    image = {name: f"image:{hash_image_bytes(blob).hash}" for name, blob in files.items()}
    assert report.photos == 4
    assert _same_image(store) == {
        tuple(sorted((image["original.jpg"], image[name])))
        for name in ("cropped.jpg", "captioned.jpg")
    } | ({tuple(sorted((image["cropped.jpg"], image["captioned.jpg"])))}
         & _same_image(store))
    assert not any(image["other.jpg"] in pair for pair in _same_image(store))
    # PDQ alone would not join the cropped copy: its own hash is far from the original's.
    original_hash = hash_image_bytes(files["original.jpg"]).hash
    cropped_hash = hash_image_bytes(files["cropped.jpg"]).hash
    assert int(np.bitwise_count(parse_hashes([original_hash]) ^ parse_hashes([cropped_hash]))
               .sum()) > MATCH_DISTANCE
