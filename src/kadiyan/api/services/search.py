"""Search: the entities a query names (a phone written any way, a handle, an id) and the
records whose text matches it, each with a snippet."""

from __future__ import annotations

from dataclasses import dataclass

from kadiyan.api.services.nodes import record_label
from kadiyan.api.services.records import MentionView, mention_snippet, mentions_many
from kadiyan.api.services.snippets import Snippet, snippet_for_words
from kadiyan.model import Record
from kadiyan.resolve.lookup import lookup
from kadiyan.store import Store, search_words

LINK_COUNT_CAP = 500  # link rows read to count an entity's links


@dataclass(frozen=True)
class EntityHit:
    """An entity the query names, with how many links it has (`links_capped`: at least)."""

    id: str
    kind: str
    key: str
    label: str
    links: int
    links_capped: bool


@dataclass(frozen=True)
class RecordHit:
    """A record whose text matches the query."""

    id: str
    kind: str
    label: str
    source_id: str
    date: str | None
    place: str | None
    snippet: Snippet


@dataclass(frozen=True)
class SearchResult:
    """Entities first, then records."""

    query: str
    entities: list[EntityHit]
    records: list[RecordHit]


def search(store: Store, query: str, limit: int = 20) -> SearchResult:
    """Entities named by `query` and up to `limit` records matching it."""
    found = lookup(store, query, limit=limit)
    hits = [_entity_hit(store, e.id, e.kind.value, e.key, e.label) for e in found.entities]
    named = {e.id for e in found.entities}
    words = search_words(query)
    shown = found.records[:limit]
    # Snippets mark a named entity's mention: the mentions of every hit, read at once.
    marks = mentions_many(store, [r.id for r in shown]) if named else {}
    records = [_record_hit(r, marks.get(r.id, []), named, words) for r in shown]
    return SearchResult(query.strip(), hits[:limit], records)


def _entity_hit(store: Store, entity_id: str, kind: str, key: str, label: str) -> EntityHit:
    rows = store.links_of(entity_id, limit=LINK_COUNT_CAP)
    capped = sum(len(link.evidence) for link in rows) >= LINK_COUNT_CAP
    return EntityHit(entity_id, kind, key, label, len(rows), capped)


def _record_hit(
    record: Record, found: list[MentionView], named: set[str], words: list[str]
) -> RecordHit:
    """A record hit whose snippet marks a named entity's mention, else a matching word."""
    snippet = None
    mention = next((m for m in found if m.entity_id in named), None)
    if mention is not None:
        snippet = mention_snippet(record, mention)
    return RecordHit(
        record.id, record.kind.value, record_label(record), record.source_id,
        record.occurred_at, record.place, snippet or snippet_for_words(record.text, words),
    )
