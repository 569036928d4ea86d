"""Reposted photos: near copies of one photo are joined by `same_image` links."""

from __future__ import annotations

from sqlalchemy import select

from kadiyan.extract.images import hamming
from kadiyan.store import Store, schema


def test_every_same_image_link_joins_two_photos_within_the_match_distance(linked: Store) -> None:
    with linked.engine.connect() as conn:
        rows = conn.execute(select(schema.links).where(schema.links.c.kind == "same_image")).all()
    assert rows, "the demo world reposts photos"
    for row in rows:
        a, b = linked.entity(row.src), linked.entity(row.dst)
        assert a.kind == b.kind == "image" and a.id < b.id
        assert hamming(a.key, b.key) <= 31
        assert linked.record(row.record_id) is not None
