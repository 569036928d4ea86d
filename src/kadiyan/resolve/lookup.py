"""Search that meets users where they are: a phone in any written form, a handle, text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kadiyan.extract import extract_text
from kadiyan.model import Entity, Record
from kadiyan.resolve.identifiers import KEYED
from kadiyan.store import Store

HANDLE = re.compile(r"^@?([A-Za-z0-9_.]{3,40})$")


@dataclass(frozen=True)
class Found:
    """What a query found: entities it names and records whose text matches it."""

    query: str
    entities: list[Entity]
    records: list[Record]


def lookup(store: Store, query: str, limit: int = 50) -> Found:
    """Entities named by the query (normalised like ingestion does) and matching records."""
    query = query.strip()
    candidates: list[str] = []
    if ":" in query and " " not in query:
        candidates.append(query)  # an entity id typed as is: phone:+91..., account:...
    for mention in extract_text(query):
        kind = KEYED.get(mention.kind)
        if kind is not None:
            candidates.append(f"{kind}:{mention.value}")
    entities = store.entities(list(dict.fromkeys(candidates)))
    handle = HANDLE.match(query)
    if handle and not entities:
        # A bare handle: the same name on any platform is worth showing.
        entities = store.find_entities_by_suffix("account", ":" + handle[1].lower())
    records = store.search_records(query, limit=limit)
    return Found(query, entities, records)
