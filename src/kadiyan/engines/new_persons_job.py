"""Persons between batch runs: new person mentions joined to known persons without retraining.

Records ingested after `kadiyan link` name persons that belong to no person entity yet.
This job scores only their rows, against the known rows that share one of the model's
blocking keys and against each other, with the model the last batch run trained and
kept; each new row joins the known person it matches best (never one it is judged
different from or scored apart from), or becomes a new person. Nothing already resolved
moves: the next batch run may still merge or split, and records why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kadiyan.engines.base import Engine
from kadiyan.engines.persons_job import KIND, LINK_FOR_ROLE, judged_pairs, store_rows
from kadiyan.model import EntityKind, IdentityEvent, LinkKind
from kadiyan.resolve import persons
from kadiyan.resolve.clusters import attach
from kadiyan.resolve.identities import new_id
from kadiyan.resolve.persons import PersonRow
from kadiyan.store import Store, schema
from kadiyan.store.resolution import (
    add_person_links,
    add_resolution,
    load_model,
    memberships,
)


class NoModel(LookupError):
    """No batch run has kept a trained person model yet."""


@dataclass
class NewPersonReport:
    """What one run of the incremental person job did."""

    mentions: int  # new person mentions matched
    rows: int  # their rows (one per person per record)
    pairs: int  # candidate merges scored
    joined: int  # rows joined to a person that existed before
    persons: int  # new persons


def match_new_persons(
    store: Store, engine: Engine, progress: Callable[[str], None] | None = None
) -> NewPersonReport:
    """Give every person mention that has no person yet one, with the kept model.

    Raises `NoModel` when no batch run (`kadiyan link`) has kept a model to score with.
    """
    say = progress or (lambda _: None)
    model = load_model(store, KIND)
    if model is None:
        raise NoModel("no trained person model yet: run `kadiyan link` once first")
    say("rows")
    rows = store_rows(store, engine)
    previous = memberships(store, KIND)
    known = [r for r in rows if any(m in previous for m in r.members)]
    new = [r for r in rows if not any(m in previous for m in r.members)]
    if not new:
        return NewPersonReport(0, 0, 0, 0, 0)
    say("pairs")
    pairs = engine.match_new_persons(model, known, new)
    merges = [p for p in pairs if p.probability >= persons.THRESHOLD]
    entity_of = {r.uid: previous[next(m for m in r.members if m in previous)] for r in known}
    taken = set(previous.values())

    def fresh(uid: str) -> str:
        entity, n = new_id(KIND, uid), 1
        while entity in taken:
            n += 1
            entity = new_id(KIND, f"{uid}#{n}")
        taken.add(entity)
        return entity

    must, cannot = judged_pairs(store, previous, {u: r.uid for r in rows for u in r.members})
    chosen = attach([r.uid for r in new], pairs, entity_of, fresh,
                    threshold=persons.THRESHOLD, apart_weight=persons.APART_WEIGHT,
                    must=must, cannot=cannot)
    known_ids = set(entity_of.values())
    born: dict[str, PersonRow] = {}
    for r in new:
        entity = chosen[r.uid]
        if entity not in known_ids:
            born.setdefault(entity, r)
    assignment = {m: chosen[r.uid] for r in new for m in r.members}
    say("saving")
    events = [IdentityEvent(KIND, "new", entity, None, "") for entity in born]
    add_resolution(store, KIND, assignment, events, merges)
    if born:
        with store._writing() as conn:
            conn.execute(schema.entities.insert(), [
                {"id": entity, "kind": str(EntityKind.PERSON), "key": entity.split(":", 1)[1],
                 "label": r.label} for entity, r in born.items()])
    add_person_links(store, assignment, {
        m: str(LINK_FOR_ROLE.get(r.role, LinkKind.NAMES)) for r in new for m in r.members})
    joined = sum(1 for r in new if chosen[r.uid] in known_ids)
    return NewPersonReport(len(assignment), len(new), len(merges), joined, len(born))
