"""The operation job of `kadiyan link`: communities of the link graph as candidate operations.

One weighted graph holds records and what they share: phones, accounts, e-mails, photos
(the same or a near copy) and resolved persons. Hotels, case numbers and
officials are left out: a hotel hosts thousands of strangers and an officer works every
case of a district. Communities of that graph (Leiden, by the engine) are the candidate
operations; each keeps a stable id and says in words what holds it together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import delete, insert, select

from kadiyan.engines.base import Engine
from kadiyan.model import LinkKind
from kadiyan.resolve.identities import assign_ids
from kadiyan.store import Store, now_iso, schema
from kadiyan.store.resolution import births, memberships, save_resolution

KIND = "operation"
# How strongly each kind of link ties its two ends into one operation. Ad templates are
# not among them: unrelated posters copy the same stock phrasing, and measured on the
# generated worlds even a weak template link folds hundreds of lone posters into the
# operations whose phrasing they share (ads ARI 0.99 without, 0.37 at weight 0.1).
WEIGHTS: dict[str, float] = {
    LinkKind.CONTACT: 1.0,
    LinkKind.MENTIONS: 1.0,
    LinkKind.SHOWS_IMAGE: 1.0,
    LinkKind.SAME_IMAGE: 1.0,
    LinkKind.ACCUSES: 1.0,
    LinkKind.RESCUES: 1.0,
    LinkKind.REPORTS_MISSING: 1.0,
    LinkKind.GUEST: 1.0,
    LinkKind.CALLED: 0.5,
    LinkKind.MESSAGED: 0.5,
}
# A community smaller than this, or of one record kind with no shared identifier beyond
# one poster's phone, is a poster, not an operation: listed only when asked.
MIN_RECORDS = 5


@dataclass
class OperationReport:
    """What one run of the operation job did."""

    nodes: int
    edges: int
    communities: int
    operations: int
    merges: int
    splits: int


def resolve_operations(
    store: Store, engine: Engine, progress: Callable[[str], None] | None = None
) -> OperationReport:
    """Find candidate operations in the store's link graph; returns a report."""
    say = progress or (lambda _: None)
    say("graph")
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(schema.edges.c.src, schema.edges.c.kind, schema.edges.c.dst)
            .where(schema.edges.c.kind.in_([str(k) for k in WEIGHTS]))
        ).all()
    weights: dict[tuple[str, str], float] = defaultdict(float)
    degree: Counter[str] = Counter()  # how many records name each entity
    survivors: set[str] = set()
    # Sorted, so that Leiden sees one graph in one order whichever database returned it.
    for src, kind, dst in sorted(rows):
        a, b = (src, dst) if src < dst else (dst, src)
        weights[(a, b)] += WEIGHTS[kind]
        if ":" not in src:
            degree[dst] += 1
        if kind in (LinkKind.RESCUES, LinkKind.REPORTS_MISSING):
            survivors.add(dst)
    say("communities")
    communities = engine.communities([(a, b, w) for (a, b), w in weights.items()])
    operations = [c for c in communities if _records(c) >= MIN_RECORDS]
    say("saving")
    previous = memberships(store, KIND)
    clusters = [sorted(_members(c)) for c in operations]
    assignment = assign_ids(KIND, clusters, previous, cause=_cause,
                            born=births(store, KIND))
    summaries = [summarise(store, c, degree, survivors) for c in operations]
    _save(store, clusters, assignment.ids, summaries)
    save_resolution(store, KIND, assignment.ids, assignment.events, [])
    events = Counter(e.event for e in assignment.events)
    nodes = {n for pair in weights for n in pair}
    return OperationReport(len(nodes), len(weights), len(communities), len(operations),
                           events["merge"], events["split"])


def _records(nodes: Sequence[str]) -> int:
    return sum(1 for n in nodes if ":" not in n)


def _members(nodes: Sequence[str]) -> list[str]:
    """What an operation's identity rests on: its records, which never change."""
    return [n for n in nodes if ":" not in n]


def _cause(kept: str, other: str, members: Sequence[str]) -> str:
    return (f"the records of {other} and {kept} now form one community of "
            f"{len(members)} records")


def summarise(
    store: Store, nodes: Sequence[str], degree: Counter[str], survivors: set[str]
) -> dict[str, Any]:
    """What an operation holds and what holds it together, for people to read.

    An identifier counts as holding the operation together when two or more of its
    records name it; the rest (the public numbers a member called once) are counted,
    not listed. Survivors are counted, never named: their names are not evidence
    against anyone and a summary travels further than a case file.
    """
    records = [n for n in nodes if ":" not in n]
    entities = [n for n in nodes if ":" in n]
    degree = Counter(degree)  # a copy: template counts below are this operation's own
    r = schema.records
    kinds: Counter[str] = Counter()
    places: Counter[str] = Counter()
    days: list[str] = []
    with store.engine.connect() as conn:
        for start in range(0, len(records), 900):
            chunk = records[start:start + 900]
            for kind, place, at in conn.execute(
                select(r.c.kind, r.c.place, r.c.occurred_at).where(r.c.id.in_(chunk))
            ):
                kinds[kind] += 1
                if place:
                    places[place] += 1
                if at:
                    days.append(at[:10])
    templates: Counter[str] = Counter()
    with store.engine.connect() as conn:
        for start in range(0, len(records), 900):
            chunk = records[start:start + 900]
            templates.update(conn.execute(
                select(schema.links.c.dst).where(
                    schema.links.c.kind == str(LinkKind.USES_TEMPLATE),
                    schema.links.c.src.in_(chunk))
            ).scalars())
    for template, count in templates.items():
        degree[template] = max(degree[template], count)
        entities.append(template)
    shared: dict[str, list[str]] = defaultdict(list)
    for e in sorted(entities, key=lambda e: (-degree[e], e)):
        if degree[e] >= 2 and e not in survivors:
            shared[e.split(":", 1)[0]].append(e)
    named = [e for k in ("phone", "account", "email", "person", "template", "image")
             for e in shared[k][:10]]
    labels = {e.id: e.label for e in store.entities(named)}
    held = []
    for kind, noun in (("phone", "phones"), ("account", "accounts"), ("email", "e-mails"),
                       ("image", "photos"), ("template", "ad templates"),
                       ("person", "persons")):
        if shared[kind]:
            top = shared[kind][0]
            held.append(f"{len(shared[kind])} {noun} (most: {labels.get(top, top)}, "
                        f"in {degree[top]} records)")
    top_places = [p for p, _ in places.most_common(6)]
    label = ", ".join(labels.get(e, e) for e in shared["phone"][:2]) or (
        top_places[0] if top_places else records[0])
    return {
        "records": dict(kinds),
        "entities": dict(Counter(e.split(":", 1)[0] for e in entities)),
        "survivors": sum(1 for e in entities if e in survivors),
        "phones": shared["phone"][:20],
        "accounts": shared["account"][:20],
        "templates": shared["template"][:10],
        "images": len(shared["image"]),
        "persons": [{"id": e, "name": labels.get(e, e), "records": degree[e]}
                    for e in shared["person"][:20]],
        "places": top_places,
        "first_seen": min(days) if days else None,
        "last_seen": max(days) if days else None,
        "label": label,
        "held_together_by": "shared " + "; ".join(held) if held else "",
    }


def _save(
    store: Store,
    clusters: Sequence[Sequence[str]],
    ids: dict[str, str],
    summaries: Sequence[dict[str, Any]],
) -> None:
    at = now_iso()
    rows = [
        {"id": ids[c[0]], "label": s["label"], "size": len(c),
         "summary": orjson.dumps(s).decode(), "updated_at": at}
        for c, s in zip(clusters, summaries, strict=True) if c
    ]
    with store._writing() as conn:
        conn.execute(delete(schema.operations))
        if rows:
            conn.execute(insert(schema.operations), rows)
