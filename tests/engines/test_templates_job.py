"""Ad templates: near-duplicate ads point to one template, labelled with its wording."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from kadiyan.store import Store, schema


def test_every_template_holds_two_or_more_ads_and_reads_as_text(linked: Store) -> None:
    with linked.engine.connect() as conn:
        uses = conn.execute(select(schema.links.c.src, schema.links.c.dst)
                            .where(schema.links.c.kind == "uses_template")).all()
    assert uses, "the demo world's operations post from templates"
    per_template = Counter(dst for _, dst in uses)
    assert min(per_template.values()) >= 2
    ads = {r.id: r for r in linked.records([src for src, _ in uses])}
    assert {r.kind for r in ads.values()} == {"ad"}
    assert len({src for src, _ in uses}) == len(uses)  # an ad follows one template
    template = linked.entity(per_template.most_common(1)[0][0])
    assert template.kind == "template" and len(template.label) > 20
