"""Search that meets users where they are: a phone in any written form, a handle, text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kadiyan.extract import extract_text
from kadiyan.model import Entity, Record, RecordHeader, entity_id
from kadiyan.resolve.identifiers import KEYED
from kadiyan.store import Store
from kadiyan.store.resolution import redirect

HANDLE = re.compile(r"^@?([A-Za-z0-9_.]{3,40})$")


@dataclass(frozen=True)
class Found:
    """What a query found: the entities it names, and the records that name them (a query
    that is only identifiers) or whose text matches it (any other)."""

    query: str
    entities: list[Entity]
    headers: list[RecordHeader]  # every record found, best first
    records: list[Record]  # the first `full` of them in full


def lookup(store: Store, query: str, limit: int = 50, full: int | None = None) -> Found:
    """Entities named by the query (normalised like ingestion does) and up to `limit`
    records found by it, the first `full` (default: all) of them read in full."""
    query = query.strip()
    candidates: list[str] = []
    typed_id = ":" in query and " " not in query
    if typed_id:
        candidates.append(query)  # an entity id typed as is: phone:+91..., account:...
    spans: list[tuple[int, int]] = []
    for mention in extract_text(query, "identifiers"):
        kind = KEYED.get(mention.kind)
        if kind is not None:
            candidates.append(entity_id(kind, mention.value))
            spans.append((mention.start, mention.end))
    entities = store.entities(list(dict.fromkeys(candidates)))
    handle = HANDLE.match(query)
    if handle and not entities:
        # A bare handle: the same name on any platform is worth showing.
        entities = store.find_entities_by_suffix("account", ":" + handle[1].lower())
    if not limit:
        return Found(query, entities, [], [])
    if entities and (typed_id or only_identifiers(query, spans)):
        # "98 double 7..." means that phone: the records that name it, not every record
        # with a 98 and a 7 in its words.
        headers = store.headers_naming([e.id for e in entities], limit=limit)
        wanted = headers if full is None else headers[:full]
        return Found(query, entities, headers, store.records([h.id for h in wanted]))
    records = store.search_records(query, limit=limit)
    return Found(query, entities, [r.header() for r in records], records)


def only_identifiers(query: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every letter and digit of `query` lies inside one of the spans."""
    covered = [False] * len(query)
    for start, end in spans:
        covered[start:end] = [True] * (end - start)
    return bool(spans) and all(covered[i] for i, c in enumerate(query) if c.isalnum())


def resolve_node(store: Store, text: str) -> list[str]:
    """The graph nodes `text` names: an id as is, a record's id from its own file, or the
    entities a phone or handle written any way resolves to. Several when ambiguous."""
    text = text.strip()
    if store.entity(text) or store.record(text):
        return [text]
    moved = redirect(store, text)  # a person or operation id that a merge retired
    if moved != text and store.entity(moved):
        return [moved]
    by_source = store.record_ids_by_source(text)
    if by_source:
        return by_source
    return [entity.id for entity in lookup(store, text, limit=0).entities]
