"""The photo job of `kadiyan link`: one photo reposted, resized, re-encoded, cropped or
captioned is one photo.

Every stored photo is indexed by its PDQ hash and the hashes of its crops (kept with the
image entity at extraction, see `kadiyan.extract.images`); each pair of photos within the
match distance, the hash or probes of one against the hash or crops of the other, gets a
`same_image` link, whose evidence is a record showing each of them, so ads that reuse a
photo are joined whatever their phones or names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from kadiyan.model import LinkKind
from kadiyan.resolve.photos import PhotoIndex
from kadiyan.store import Store, schema
from kadiyan.store.rows import image_crops_of


@dataclass
class PhotoReport:
    """What one run of the photo job did."""

    photos: int
    pairs: int


def link_photos(store: Store, radius: int | None = None) -> PhotoReport:
    """Replace every `same_image` link by those the photo index finds now."""
    e, m, r, c = schema.entities, schema.mentions, schema.records, schema.image_crops
    with store.engine.connect() as conn:
        photos = conn.execute(
            select(e.c.id, e.c.key, c.c.crops)
            .join_from(e, c, c.c.entity_id == e.c.id, isouter=True)
            .where(e.c.kind == "image")
            .order_by(e.c.id)
        ).all()
        shown_in = dict(conn.execute(
            select(m.c.entity_id, func.min(r.c.id))
            .join_from(m, r, r.c.seq == m.c.record_seq)
            .where(m.c.link == str(LinkKind.SHOWS_IMAGE))
            .group_by(m.c.entity_id)
        ).all())
    index = PhotoIndex() if radius is None else PhotoIndex(radius)
    # A photo stored before crops were kept is matched by its own hash alone.
    index.add_many((photo_id, key, image_crops_of(crops or "")) for photo_id, key, crops in photos)
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
