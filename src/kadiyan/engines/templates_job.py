"""The template job of `kadiyan link`: ads written from one template point to it.

The engine groups every stored ad by near-duplicate text (MinHash LSH); each group of two
or more ads becomes a template entity, labelled with its text and the slots that vary,
and each of its ads gets a `uses_template` link. A template's id is its oldest ad's, so
it stays as ads arrive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from kadiyan.engines.base import Engine
from kadiyan.model import EntityKind, LinkKind
from kadiyan.resolve.templates import describe_template
from kadiyan.store import Store, schema

SAMPLE = 50  # member texts read to describe a template
LABEL_LENGTH = 160


@dataclass
class TemplateReport:
    """What one run of the template job did."""

    ads: int
    templates: int
    ads_in_templates: int


def link_templates(store: Store, engine: Engine) -> TemplateReport:
    """Replace every template and `uses_template` link by those found now."""
    found = engine.cluster_templates(_ads(store))
    groups: dict[str, list[str]] = defaultdict(list)
    for ad, template in found.items():
        groups[template].append(ad)
    groups = {t: ads for t, ads in groups.items() if len(ads) > 1}
    texts = _texts(store, [ad for ads in groups.values() for ad in ads[:SAMPLE]])
    entities, links = [], []
    for template, ads in groups.items():
        summary = describe_template([texts[a] for a in ads[:SAMPLE] if a in texts])
        label = " ".join(summary.text.split())
        if len(label) > LABEL_LENGTH:
            label = label[:LABEL_LENGTH - 1] + "…"
        entities.append({"id": template, "kind": str(EntityKind.TEMPLATE),
                         "key": template.split(":", 1)[1], "label": label})
        links += [{"src": ad, "kind": str(LinkKind.USES_TEMPLATE), "dst": template,
                   "record_id": ad, "confidence": 1.0, "seen_at": None} for ad in ads]
    with store._writing() as conn:
        conn.execute(delete(schema.links).where(
            schema.links.c.kind == str(LinkKind.USES_TEMPLATE)))
        conn.execute(delete(schema.entities).where(
            schema.entities.c.kind == str(EntityKind.TEMPLATE)))
        if entities:
            conn.execute(insert(schema.entities), entities)
        for start in range(0, len(links), 50_000):
            conn.execute(insert(schema.links), links[start:start + 50_000])
    return TemplateReport(len(found), len(groups), len(links))


def _ads(store: Store) -> Iterator[tuple[str, str]]:
    """Every ad's record id and text, in arrival order (a template is named by its oldest)."""
    r = schema.records
    last = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(r.c.seq, r.c.id, r.c.text)
                .where(r.c.kind == "ad", r.c.seq > last).order_by(r.c.seq).limit(20_000)
            ).all()
        if not rows:
            return
        for _, record_id, text in rows:
            yield record_id, text
        last = rows[-1][0]


def _texts(store: Store, record_ids: list[str]) -> dict[str, str]:
    r = schema.records
    found: dict[str, str] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(record_ids), 900):
            chunk = record_ids[start:start + 900]
            found.update(conn.execute(select(r.c.id, r.c.text).where(r.c.id.in_(chunk))).all())
    return found
