"""Search: the entities a query names (a phone written any way, a handle, an id) and the
records whose text matches it, each with a snippet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kadiyan.api.services.nodes import record_label
from kadiyan.api.services.records import MentionView, mention_snippet, mentions_many
from kadiyan.api.services.snippets import Snippet, snippet_for_words
from kadiyan.model import Record, RecordHeader
from kadiyan.resolve.lookup import lookup
from kadiyan.store import Store, search_words

LINK_COUNT_CAP = 100  # link rows read to count an entity's links


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class EntityHit:
    """An entity the query names, with how many links it has (`links_capped`: at least)."""

    id: str
    kind: str
    key: str
    label: str
    links: int
    links_capped: bool


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
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
class Filters:
    """Facets a search is narrowed by; None leaves a facet open."""

    kind: str | None = None
    agency: str | None = None
    place: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive

    def keep(self, record: RecordHeader) -> bool:
        """Whether a record passes every facet set."""
        day = (record.occurred_at or "")[:10]
        return ((self.kind is None or record.kind.value == self.kind)
                and (self.agency is None or record.agency == self.agency)
                and (self.place is None or record.place == self.place)
                and (self.since is None or (bool(day) and day >= self.since))
                and (self.until is None or (bool(day) and day <= self.until)))


@dataclass(frozen=True)
class SearchResult:
    """Entities first, then records; `facets` counts the matching records by kind, agency,
    place and year (before the filters), so the page can offer them."""

    query: str
    entities: list[EntityHit]
    records: list[RecordHit]
    facets: dict[str, list[tuple[str, int]]]
    matched: int  # records matching the query and the filters (of the FACET_POOL read)


FACET_POOL = 200  # matching records read to count facets


def search(store: Store, query: str, limit: int = 20, filters: Filters | None = None
           ) -> SearchResult:
    """Entities named by `query` and up to `limit` matching records that pass `filters`."""
    filters = filters or Filters()
    # Facets count every record found; only the records shown are read in full.
    found = lookup(store, query, limit=max(limit, FACET_POOL), full=0)
    hits = [_entity_hit(store, e.id, e.kind.value, e.key, e.label) for e in found.entities]
    named = {e.id for e in found.entities}
    words = search_words(query)
    kept = [h for h in found.headers if filters.keep(h)]
    shown = store.records([h.id for h in kept[:limit]])
    # Snippets mark a named entity's mention: the mentions of every hit, read at once.
    marks = mentions_many(store, [r.id for r in shown], entity_ids=named) if named else {}
    records = [_record_hit(r, marks.get(r.id, []), named, words) for r in shown]
    return SearchResult(query.strip(), hits[:limit], records, facets_of(found.headers),
                        len(kept))


def facets_of(records: list[RecordHeader]) -> dict[str, list[tuple[str, int]]]:
    """Counts of records by kind, agency, place and year, most first."""
    counts: dict[str, Counter[str]] = {"kind": Counter(), "agency": Counter(),
                                       "place": Counter(), "year": Counter()}
    for record in records:
        counts["kind"][record.kind.value] += 1
        if record.agency:
            counts["agency"][record.agency] += 1
        if record.place:
            counts["place"][record.place] += 1
        if record.occurred_at:
            counts["year"][record.occurred_at[:4]] += 1
    return {facet: c.most_common(12) for facet, c in counts.items()}


def _entity_hit(store: Store, entity_id: str, kind: str, key: str, label: str) -> EntityHit:
    # Counted, not shown: which rows are read does not matter, and a hub's need no sorting.
    rows = store.links_of(entity_id, limit=LINK_COUNT_CAP, ordered=False)
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
