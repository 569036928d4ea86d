"""The photo job of `kadiyan link`: one photo reposted, resized or re-encoded is one photo.

Every stored photo is indexed by its PDQ hash; each pair of photos within the match
distance gets a `same_image` link, whose evidence is a record showing each of them, so
ads that reuse a photo are joined whatever their phones or names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from kadiyan.model import LinkKind
from kadiyan.resolve.photos import PhotoIndex
from kadiyan.store import Store, schema


@dataclass
class PhotoReport:
    """What one run of the photo job did."""

    photos: int
    pairs: int


def link_photos(store: Store, radius: int | None = None) -> PhotoReport:
    """Replace every `same_image` link by those the photo index finds now."""
    e, m, r = schema.entities, schema.mentions, schema.records
    with store.engine.connect() as conn:
        photos = conn.execute(select(e.c.id, e.c.key).where(e.c.kind == "image")).all()
        shown_in = dict(conn.execute(
            select(m.c.entity_id, func.min(r.c.id))
            .join_from(m, r, r.c.seq == m.c.record_seq)
            .where(m.c.link == str(LinkKind.SHOWS_IMAGE))
            .group_by(m.c.entity_id)
        ).all())
    index = PhotoIndex() if radius is None else PhotoIndex(radius)
    index.add_many((photo_id, key) for photo_id, key in photos)
    rows = []
    for a, b, distance in index.pairs():
        confidence = round(1.0 - distance / 64, 3)  # 0 bits: 1.0; the default radius: ~0.5
        for evidence in {shown_in.get(a), shown_in.get(b)} - {None}:
            rows.append({"src": min(a, b), "kind": str(LinkKind.SAME_IMAGE), "dst": max(a, b),
                         "record_id": evidence, "confidence": confidence, "seen_at": None})
    with store._writing() as conn:
        conn.execute(delete(schema.links).where(schema.links.c.kind == str(LinkKind.SAME_IMAGE)))
        if rows:
            conn.execute(insert(schema.links), rows)
    return PhotoReport(len(photos), len({(x["src"], x["dst"]) for x in rows}))
