"""The person job of `kadiyan link`: person mentions in the store to stable person entities.

Reads the person mentions and the identifier graph, has the engine score pairs, clusters
them under the analysts' judgements, keeps ids stable, and writes persons, their links,
memberships, scored pairs and identity events back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from kadiyan.engines.base import Engine
from kadiyan.model import EntityKind, LinkKind, ScoredPair
from kadiyan.resolve import persons
from kadiyan.resolve.clusters import binding, cluster
from kadiyan.resolve.identities import assign_ids
from kadiyan.resolve.persons import PersonRow, person_rows
from kadiyan.store import Store, schema
from kadiyan.store.resolution import (
    births,
    judgements,
    memberships,
    person_mentions,
    save_model,
    save_resolution,
    set_person_links,
)

KIND = persons.MEMBER_KIND
# The links that make two records one network: shared identifiers and calls, not hotels
# (a hotel hosts thousands of strangers) nor persons (which this job is deciding).
NETWORK_LINKS = (
    LinkKind.MENTIONS, LinkKind.CONTACT, LinkKind.CALLED, LinkKind.MESSAGED,
    LinkKind.SHOWS_IMAGE, LinkKind.SAME_IMAGE,
)
LINK_FOR_ROLE = {
    "accused": LinkKind.ACCUSES,
    "victim": LinkKind.RESCUES,
    "missing": LinkKind.REPORTS_MISSING,
    "guest": LinkKind.GUEST,
    "payer": LinkKind.GUEST,
}


@dataclass
class PersonReport:
    """What one run of the person job did."""

    mentions: int
    rows: int
    pairs: int
    persons: int
    merges: int
    splits: int
    blocked: int


def record_networks(store: Store, engine: Engine) -> dict[str, str]:
    """Record id → the id of its network, for records joined to at least one other record."""
    with store.engine.connect() as conn:
        edges = conn.execute(
            select(schema.edges.c.src, schema.edges.c.dst)
            .where(schema.edges.c.kind.in_([str(k) for k in NETWORK_LINKS]))
        ).all()
    networks: dict[str, str] = {}
    for members in engine.components((a, b) for a, b in edges):
        records = [m for m in members if ":" not in m]
        if len(records) > 1:
            for record_id in records:
                networks[record_id] = records[0]
    return networks


def store_rows(store: Store, engine: Engine) -> list[PersonRow]:
    """The person rows of every record in the store that names a person."""
    networks = record_networks(store, engine)
    rows: list[PersonRow] = []
    for record_id, kind, at, place, mentions in person_mentions(store):
        # A record joined to no other is a network of its own: two such records are
        # "not joined", which says something, not nothing.
        rows += person_rows(record_id, kind, at, mentions, place,
                            networks.get(record_id, record_id))
    return rows


def resolve_persons(
    store: Store, engine: Engine, progress: Callable[[str], None] | None = None
) -> PersonReport:
    """Resolve every person mention in the store to a person entity; returns a report."""
    say = progress or (lambda _: None)
    say("networks")
    rows = store_rows(store, engine)
    n_mentions = sum(len(r.members) for r in rows)
    say("pairs")
    matched = engine.match_persons(rows)
    pairs = matched.pairs
    say("clusters")
    previous = memberships(store, KIND)
    by_uid = {u: r.uid for r in rows for u in r.members}
    must, cannot = judged_pairs(store, previous, by_uid)
    merges = [p for p in pairs if p.probability >= persons.THRESHOLD]
    # A row that no merge or judgement touches stays alone: its pairs apart are moot.
    touched = {u for p in merges for u in (p.a, p.b)} | {u for a, b, _ in must for u in (a, b)}
    apart = [(p.a, p.b) for p in pairs
             if p.weight <= persons.APART_WEIGHT and p.a in touched and p.b in touched]
    pairs = merges
    result = cluster([r.uid for r in rows], pairs, persons.THRESHOLD, must, cannot + apart)
    members_of_row = {r.uid: r.members for r in rows}
    clusters = [sorted(u for uid in c for u in members_of_row[uid]) for c in result.clusters]
    strongest = _strongest_pair(pairs, by_uid)
    assignment = assign_ids(KIND, clusters, previous, cause=strongest,
                            born=births(store, KIND))
    say("saving")
    _save(store, rows, clusters, assignment.ids, pairs)
    save_resolution(store, KIND, assignment.ids, assignment.events, pairs)
    save_model(store, KIND, matched.model)
    events = Counter(e.event for e in assignment.events)
    return PersonReport(n_mentions, len(rows), len(pairs), len(clusters), events["merge"],
                        events["split"], len(result.blocked))


def judged_pairs(
    store: Store, previous: dict[str, str], by_uid: dict[str, str]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Judgements as pairs of rows; a judged person id stands for all its members."""
    must, cannot = binding(judgements(store, KIND))
    members: dict[str, list[str]] = {}
    for member, entity in previous.items():
        members.setdefault(entity, []).append(member)

    def rows_of(ref: str) -> list[str]:
        uids = members.get(ref) or [ref]
        return sorted({by_uid[u] for u in uids if u in by_uid})

    must_rows = [(x, y, why) for a, b, why in must
                 for x in rows_of(a)[:1] for y in rows_of(b)[:1]]
    # Everything inside one judged entity stays together too, or "same" would not hold.
    for a, b, why in must:
        for ref in (a, b):
            group = rows_of(ref)
            must_rows += [(group[0], other, why) for other in group[1:]]
    cannot_rows = [(x, y) for a, b in cannot for x in rows_of(a) for y in rows_of(b)]
    return must_rows, cannot_rows


def _strongest_pair(
    pairs: Sequence[ScoredPair], by_uid: dict[str, str]
) -> Callable[[str, str, Sequence[str]], str]:
    """A cause for merges and splits: the strongest scored pair inside the new cluster."""
    touching: dict[str, list[ScoredPair]] = {}
    for p in pairs:
        touching.setdefault(p.a, []).append(p)

    def cause(kept: str, other: str, members: Sequence[str]) -> str:
        rows = {by_uid.get(m) for m in members}
        inside = (p for r in rows for p in touching.get(r or "", ()) if p.b in rows)
        best = max(inside, default=None, key=lambda p: p.weight)
        if best is None:
            return f"{other} and {kept} were judged the same"
        return f"{best.a} and {best.b}: {best.explain()}"
    return cause


def _save(
    store: Store,
    rows: Sequence[PersonRow],
    clusters: Sequence[Sequence[str]],
    ids: dict[str, str],
    pairs: Sequence[ScoredPair],
) -> None:
    """Person entities (labelled by their most frequent spelling) and their record links."""
    row_of = {u: r for r in rows for u in r.members}
    link_for = {u: str(LINK_FOR_ROLE.get(row_of[u].role, LinkKind.NAMES)) for u in row_of}
    entities = []
    for members in clusters:
        entity = ids[members[0]]
        labels = Counter(row_of[m].label for m in members)
        label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        entities.append({"id": entity, "kind": str(EntityKind.PERSON),
                         "key": entity.split(":", 1)[1], "label": label})
    with store._writing() as conn:
        conn.execute(delete(schema.entities).where(schema.entities.c.kind == "person"))
        if entities:
            conn.execute(schema.entities.insert(), entities)
    set_person_links(store, ids, link_for)
