"""Reads and writes of resolution beyond exact keys: persons, judgements, stable ids.

Functions over a `Store`, kept apart from its record and graph queries. Members of a
person are person mentions named `RECORD_ID#SEQ`; of an operation, graph nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, delete, func, insert, select, update

from kadiyan.model import IdentityEvent, Judgement, ScoredPair, Verdict
from kadiyan.store import schema
from kadiyan.store.store import Store, now_iso

PERSON_RECORD_KINDS = ("case_report", "booking", "missing_report")


def person_mentions(
    store: Store, kinds: Sequence[str] = PERSON_RECORD_KINDS
) -> Iterator[tuple[str, str, str | None, str | None, list[dict[str, Any]]]]:
    """Each record that names a person: (id, kind, date, place, its person and phone mentions).

    Mentions are dicts with `seq`, `kind`, `value`, `field`, `role` and `extra` (decoded).
    """
    m, r = schema.mentions, schema.records
    query = (
        select(r.c.id, r.c.kind, r.c.occurred_at, r.c.place, m.c.seq,
               m.c.kind.label("mkind"), m.c.value, m.c.field, m.c.role, m.c.extra)
        .join_from(m, r, r.c.seq == m.c.record_seq)
        .where(r.c.kind.in_(kinds), m.c.kind.in_(("person", "phone")))
        .order_by(m.c.record_seq, m.c.seq)
    )
    current: tuple[str, str, str | None, str | None] | None = None
    found: list[dict[str, Any]] = []
    with store.connection() as conn:
        for row in conn.execute(query):
            key = (row.id, row.kind, row.occurred_at, row.place)
            if key != current:
                if current is not None and any(x["kind"] == "person" for x in found):
                    yield (*current, found)
                current, found = key, []
            found.append({
                "seq": row.seq, "kind": row.mkind, "value": row.value, "field": row.field,
                "role": row.role, "extra": orjson.loads(row.extra) if row.extra else None,
            })
    if current is not None and any(x["kind"] == "person" for x in found):
        yield (*current, found)


# -- memberships and stable ids ------------------------------------------------------------


def memberships(store: Store, kind: str) -> dict[str, str]:
    """Member → entity id, as the last run left them."""
    t = schema.memberships
    with store.connection() as conn:
        return dict(conn.execute(select(t.c.member, t.c.entity_id).where(t.c.kind == kind)).all())


def members_of(store: Store, entity_id: str) -> list[str]:
    """The members of one person or operation, as the last run left them."""
    t = schema.memberships
    with store.connection() as conn:
        return list(conn.execute(
            select(t.c.member).where(t.c.entity_id == entity_id).order_by(t.c.member)
        ).scalars())


def redirect(store: Store, entity_id: str) -> str:
    """Where an id points now: itself, or the survivor of the merge that retired it."""
    t = schema.redirects
    seen = {entity_id}
    with store.connection() as conn:
        while True:
            target = conn.execute(select(t.c.new_id).where(t.c.old_id == entity_id)).scalar()
            if target is None or target in seen:
                return entity_id
            seen.add(target)
            entity_id = target


def births(store: Store, kind: str) -> dict[str, str]:
    """Id → when it was first given (its earliest identity event)."""
    t = schema.identity_events
    with store.connection() as conn:
        return dict(conn.execute(
            select(t.c.entity_id, func.min(t.c.at)).where(t.c.kind == kind)
            .group_by(t.c.entity_id)).all())


def identity_events(store: Store, entity_id: str | None = None) -> list[dict[str, Any]]:
    """Births, merges and splits, newest first; of one entity when `entity_id` is given."""
    t = schema.identity_events
    query = select(t).order_by(t.c.id.desc())
    if entity_id is not None:
        query = query.where((t.c.entity_id == entity_id) | (t.c.other_id == entity_id))
    with store.connection() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def save_resolution(
    store: Store,
    kind: str,
    assignment: dict[str, str],
    events: Sequence[IdentityEvent],
    pairs: Iterable[ScoredPair],
) -> None:
    """Replace the memberships and scored pairs of `kind`; log events and redirects."""
    at = now_iso()
    with store._writing() as conn:
        conn.execute(delete(schema.memberships).where(schema.memberships.c.kind == kind))
        conn.execute(delete(schema.match_pairs).where(schema.match_pairs.c.kind == kind))
        _insert(conn, kind, assignment, events, pairs, at)
        # A retired id points at what absorbed it; one that comes back (a split undoing a
        # merge) points nowhere else. Deleted in chunks: bound parameters are limited.
        merged = {e.other_id: e.entity_id for e in events if e.event == "merge" and e.other_id}
        back = {e.entity_id for e in events if e.event in ("new", "split")}
        gone = sorted(set(merged) | back)
        for start in range(0, len(gone), 900):
            conn.execute(delete(schema.redirects).where(
                schema.redirects.c.old_id.in_(gone[start:start + 900])))
        if merged:
            conn.execute(insert(schema.redirects), [
                {"old_id": old, "new_id": new, "at": at} for old, new in merged.items()])


# The trained model of the last batch run is one row of `match_pairs` of its own kind
# (`<kind>_model`, members "model" and ""), its JSON in `explanation`: it is what scores
# the pairs, kept beside them, and needs no table of its own.
def _model_key(kind: str) -> dict[str, str]:
    return {"kind": f"{kind}_model", "a": "model", "b": ""}


def save_model(store: Store, kind: str, model: dict[str, Any] | None) -> None:
    """Keep the trained model of `kind` (None: forget it) for matching between batch runs."""
    t, key = schema.match_pairs, _model_key(kind)
    with store._writing() as conn:
        conn.execute(delete(t).where(t.c.kind == key["kind"]))
        if model is not None:
            conn.execute(insert(t).values(**key, weight=0.0, probability=0.0,
                                          explanation=orjson.dumps(model).decode()))


def load_model(store: Store, kind: str) -> dict[str, Any] | None:
    """The trained model of `kind` the last batch run kept, or None."""
    t, key = schema.match_pairs, _model_key(kind)
    with store.connection() as conn:
        found = conn.execute(select(t.c.explanation).where(
            t.c.kind == key["kind"], t.c.a == key["a"], t.c.b == key["b"])).scalar()
    return orjson.loads(found) if found else None


def add_resolution(
    store: Store,
    kind: str,
    assignment: dict[str, str],
    events: Sequence[IdentityEvent],
    pairs: Iterable[ScoredPair],
) -> None:
    """Add memberships of new members, their scored pairs and identity events, keeping the rest."""
    at = now_iso()
    with store._writing() as conn:
        _insert(conn, kind, assignment, events, pairs, at)


def _insert(
    conn: Connection, kind: str, assignment: dict[str, str],
    events: Sequence[IdentityEvent], pairs: Iterable[ScoredPair], at: str,
) -> None:
    """Write memberships, scored pairs and identity events of `kind`."""
    rows = [{"kind": kind, "member": m, "entity_id": e} for m, e in assignment.items()]
    if rows:
        conn.execute(insert(schema.memberships), rows)
    pair_rows = [_pair_row(kind, p) for p in pairs]
    if pair_rows:
        conn.execute(insert(schema.match_pairs), pair_rows)
    if events:
        conn.execute(insert(schema.identity_events), [
            {"kind": e.kind, "event": e.event, "entity_id": e.entity_id,
             "other_id": e.other_id, "cause": e.cause, "at": at} for e in events])


def _pair_row(kind: str, p: ScoredPair) -> dict[str, Any]:
    return {"kind": kind, "a": p.a, "b": p.b, "weight": p.weight, "probability": p.probability,
            "explanation": orjson.dumps(
                [[r.comparison, r.level, round(r.weight, 3)] for r in p.reasons]).decode()}


def scored_pairs(store: Store, kind: str, members: Sequence[str]) -> list[ScoredPair]:
    """The scored pairs that touch any of `members`, strongest first."""
    from kadiyan.model import Reason

    t = schema.match_pairs
    found: dict[tuple[str, str], ScoredPair] = {}
    with store.connection() as conn:
        for chunk_start in range(0, len(members), 500):
            chunk = list(members[chunk_start:chunk_start + 500])
            query = select(t).where(t.c.kind == kind, t.c.a.in_(chunk) | t.c.b.in_(chunk))
            for row in conn.execute(query).mappings():
                reasons = tuple(Reason(c, lvl, w) for c, lvl, w in orjson.loads(row["explanation"]))
                found[(row["a"], row["b"])] = ScoredPair(
                    row["a"], row["b"], row["weight"], row["probability"], reasons)
    return sorted(found.values(), key=lambda p: -p.weight)


# -- judgements ----------------------------------------------------------------------------


def add_judgement(
    store: Store, kind: str, a: str, b: str, verdict: Verdict, who: str, why: str = ""
) -> int:
    """Record an analyst's judgement on a pair; returns its id."""
    a, b = sorted((a, b))
    with store._writing() as conn:
        result = conn.execute(insert(schema.judgements).values(
            kind=kind, a=a, b=b, verdict=str(verdict), who=who, why=why, at=now_iso()))
        return int(result.inserted_primary_key[0])


def undo_judgement(store: Store, judgement_id: int, who: str) -> bool:
    """Withdraw a judgement (its row stays, stamped); False if there was none to undo."""
    t = schema.judgements
    with store._writing() as conn:
        result = conn.execute(
            update(t).where(t.c.id == judgement_id, t.c.undone_at.is_(None))
            .values(undone_at=now_iso(), undone_by=who))
        return result.rowcount > 0


def judgements(store: Store, kind: str, *, active_only: bool = True) -> list[Judgement]:
    """Judgements of `kind` in the order they were made."""
    t = schema.judgements
    query = select(t).where(t.c.kind == kind).order_by(t.c.id)
    if active_only:
        query = query.where(t.c.undone_at.is_(None))
    with store.connection() as conn:
        return [
            Judgement(row["id"], row["kind"], row["a"], row["b"], Verdict(row["verdict"]),
                      row["who"], row["why"], row["at"], row["undone_at"], row["undone_by"])
            for row in conn.execute(query).mappings()
        ]


def set_person_links(store: Store, assignment: dict[str, str], link_for: dict[str, str]) -> None:
    """Point each person mention at its person entity, carrying the record's link to it.

    A record that names one person twice (the FIR's table and its narrative) carries the
    link on one mention only, as for every other entity.
    """
    m, r = schema.mentions, schema.records
    with store._writing() as conn:
        seqs = dict(conn.execute(
            select(r.c.id, r.c.seq).where(r.c.kind.in_(PERSON_RECORD_KINDS))).all())
        conn.execute(update(m).where(m.c.kind == "person").values(entity_id=None, link=None))
        _link_mentions(conn, seqs, assignment, link_for)


def add_person_links(store: Store, assignment: dict[str, str], link_for: dict[str, str]) -> None:
    """Point these person mentions at their person entities, leaving every other as it is.

    `assignment` holds all of a record's person mentions or none: which mention of a
    record carries its link to a person is decided among them.
    """
    r = schema.records
    record_ids = sorted({uid.rsplit("#", 1)[0] for uid in assignment})
    with store._writing() as conn:
        seqs: dict[str, int] = {}
        for start in range(0, len(record_ids), 900):
            seqs.update(conn.execute(select(r.c.id, r.c.seq).where(
                r.c.id.in_(record_ids[start:start + 900]))).all())
        _link_mentions(conn, seqs, assignment, link_for)


def _link_mentions(
    conn: Any, seqs: dict[str, int], assignment: dict[str, str], link_for: dict[str, str]
) -> None:
    from sqlalchemy import bindparam

    m = schema.mentions
    carried: set[tuple[str, str]] = set()
    rows = []
    for uid in sorted(assignment, key=_uid_order):
        record_id, seq = uid.rsplit("#", 1)
        entity = assignment[uid]
        first = (record_id, entity) not in carried
        carried.add((record_id, entity))
        rows.append({"rs": seqs[record_id], "s": int(seq), "e": entity,
                     "l": link_for.get(uid) if first else None})
    if rows:
        conn.execute(
            update(m).where(m.c.record_seq == bindparam("rs"), m.c.seq == bindparam("s"))
            .values(entity_id=bindparam("e"), link=bindparam("l")),
            rows,
        )


def _uid_order(uid: str) -> tuple[str, int]:
    record_id, seq = uid.rsplit("#", 1)
    return record_id, int(seq)


# -- operations ----------------------------------------------------------------------------


def operations(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Candidate operations, largest first, with their summaries decoded."""
    t = schema.operations
    with store.connection() as conn:
        rows = conn.execute(select(t).order_by(t.c.size.desc(), t.c.id).limit(limit)).mappings()
        return [{**row, "summary": orjson.loads(row["summary"])} for row in rows]


def operation(store: Store, operation_id: str) -> dict[str, Any] | None:
    """One candidate operation (following a merge that retired its id), or None."""
    t = schema.operations
    operation_id = redirect(store, operation_id)
    with store.connection() as conn:
        row = conn.execute(select(t).where(t.c.id == operation_id)).mappings().first()
    return {**row, "summary": orjson.loads(row["summary"])} if row else None
