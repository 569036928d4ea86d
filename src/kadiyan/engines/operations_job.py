"""The operation job of `kadiyan link`: communities of the link graph as candidate operations.

One weighted graph holds records and what they share: phones, accounts, e-mails, photos
(the same or a near copy) and resolved persons (survivors at half weight), and the phones
that call each other. Hotels, case numbers and officials are left out: a hotel hosts
thousands of strangers and an officer works every case of a district. Communities of
that graph (Leiden, by the engine, at a resolution that does not loosen as the store
grows) are the candidate operations; the rows of a phone's call records join the
community of that phone. Each keeps a stable id and says in words what holds it together.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import delete, func, insert, or_, select

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
}
# A survivor (a person named as victim, rescued or missing) ties records together at this
# share of a link's weight. Survivors are never scored as suspects, and one woman's story
# runs through more than one operation (sold on, re-trafficked, reported missing at home
# long before): her name ties two records less surely than a shared business phone.
SURVIVOR_SHARE = 0.5
SURVIVOR_LINKS = (LinkKind.RESCUES, LinkKind.REPORTS_MISSING)
# Calls and messages between two phones are one tie however many rows the CDR has; its
# weight grows with the log of their number (see `call_weight`). A CDR row is not a node:
# each row would be a path of its own between two operations that call each other a few
# dozen times, and modularity joins two large communities for that.
CALL_LINKS = (LinkKind.CALLED, LinkKind.MESSAGED)
CALL_WEIGHT = 0.5
# Two groups of records are one operation when the ties between them weigh more than this
# times the product of the groups' total weights (`Engine.communities`). Measured on the
# generated worlds (small and medium, 40 and 250 operations): from 1e-5 to 4e-5 at least
# 90% of true operations come out whole and pure in both; below, operations that trade
# victims and call each other's phones are joined; above, large operations fall apart.
RESOLUTION = 2e-5
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
    cdr_of = cdr_phones(store)
    weights, degree, survivors = link_graph(store)
    say("communities")
    found = engine.communities([(a, b, w) for (a, b), w in sorted(weights.items())],
                               RESOLUTION)
    communities = with_cdr_rows(found, cdr_of)
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


def link_graph(
    store: Store,
) -> tuple[dict[tuple[str, str], float], Counter[str], set[str]]:
    """The weighted graph of operations: (pair → weight, records naming each entity, survivors).

    Pairs are sorted (a < b). Every link to a survivor counts at `SURVIVOR_SHARE` of its
    weight, whatever record names her. A CDR row's own links are left out (the row joins its phone's
    community afterwards); the calls between two phones are one tie (`call_weight`).
    """
    e, r = schema.edges, schema.records
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(e.c.src, e.c.kind, e.c.dst)
            .select_from(e.outerjoin(r, r.c.id == e.c.src))
            .where(e.c.kind.in_([str(k) for k in WEIGHTS]),
                   or_(r.c.kind.is_(None), r.c.kind != "call"))
        ).all()
        called = conn.execute(
            select(e.c.src, e.c.dst, func.count())
            .where(e.c.kind.in_([str(k) for k in CALL_LINKS]))
            .group_by(e.c.src, e.c.dst)
        ).all()
    weights: dict[tuple[str, str], float] = defaultdict(float)
    degree: Counter[str] = Counter()
    survivors = {dst for _, kind, dst in rows if kind in SURVIVOR_LINKS}
    for src, kind, dst in rows:
        weights[(src, dst) if src < dst else (dst, src)] += link_weight(kind, dst, survivors)
        if ":" not in src:
            degree[dst] += 1
    calls: Counter[tuple[str, str]] = Counter()
    for src, dst, n in called:
        calls[(src, dst) if src < dst else (dst, src)] += n
    for pair, n in calls.items():
        weights[pair] += call_weight(n)
    return weights, degree, survivors


def link_weight(kind: str, dst: str, survivors: set[str]) -> float:
    """How strongly one record's link ties it to `dst`: a survivor's links count less."""
    return WEIGHTS[kind] * (SURVIVOR_SHARE if dst in survivors else 1.0)


def call_weight(n: int) -> float:
    """The weight of a tie of `n` calls or messages: one call 0.5, 64 calls 3.5."""
    return CALL_WEIGHT * (1.0 + math.log2(n)) if n > 0 else 0.0


def cdr_phones(store: Store) -> dict[str, str]:
    """CDR row (a call record) → the phone whose CDR it is (its A party)."""
    m, r = schema.mentions, schema.records
    with store.engine.connect() as conn:
        return dict(conn.execute(
            select(r.c.id, m.c.entity_id).join_from(m, r, r.c.seq == m.c.record_seq)
            .where(r.c.kind == "call", m.c.role == "a_party", m.c.entity_id.is_not(None))
        ).all())


def with_cdr_rows(
    communities: Sequence[Sequence[str]], cdr_of: dict[str, str]
) -> list[list[str]]:
    """Communities with each CDR row added to the one holding its phone, largest first."""
    rows_of: dict[str, list[str]] = defaultdict(list)
    for record, phone in cdr_of.items():
        rows_of[phone].append(record)
    found = []
    for nodes in communities:
        extra = [r for n in nodes if ":" in n for r in rows_of.get(n, ())]
        found.append(sorted([*nodes, *extra]))
    found.sort(key=lambda c: (-_records(c), c[0]))
    return found


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
