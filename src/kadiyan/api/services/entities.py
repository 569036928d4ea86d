"""One entity with everything linked to it, grouped by kind, each link with its evidence.

Linked are the records that name the entity (ads, bookings, calls, case and missing
reports), entities joined to it directly (a phone that called it), and entities named in
the same records (the other phone in the same ad, the hotel of the same booking).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from kadiyan.api.services.nodes import describe
from kadiyan.api.services.records import MentionView, mention_snippet, mentions_many
from kadiyan.api.services.snippets import Snippet
from kadiyan.model import Record, RecordHeader, is_record_node
from kadiyan.store import Store

# Group keys (a record kind, or `entity`) and their titles, in the order they are shown.
GROUPS: tuple[tuple[str, str], ...] = (
    ("ad", "Ads"),
    ("booking", "Bookings"),
    ("call", "Calls"),
    ("case_report", "Case reports"),
    ("missing_report", "Missing reports"),
    ("event", "Events"),
    ("entity", "Other entities"),
)
SHARES_RECORD = "shares_record"  # the relation of two entities named in one record
LINKED_SHOWN = 50  # linked nodes of each sort on a page, unless more are asked for
MOST_LINKED = 1000  # the most that may be asked for
EVIDENCE_SHOWN = 5  # evidence records described per linked node
SNIPPET_RECORDS = 150  # evidence records whose mentions are read for snippets, per page
ROWS_PER_NODE = 5  # link rows read per linked node asked for
T = TypeVar("T")


@dataclass(frozen=True)
class EntityInfo:
    """An entity's identity."""

    id: str
    kind: str
    key: str
    label: str


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class Evidence:
    """A record that is evidence for a link, with the linked mention marked in a snippet."""

    record_id: str
    kind: str
    source_id: str
    date: str | None
    place: str | None
    snippet: Snippet | None


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class Linked:
    """A node linked to the entity: how (`relations`), and the records that show it."""

    id: str
    kind: str
    label: str
    relations: list[str]
    direct: bool
    evidence_count: int
    evidence: list[Evidence]
    date: str | None


@dataclass(frozen=True)
class Group:
    """Linked nodes of one kind."""

    key: str
    title: str
    items: list[Linked]


@dataclass(frozen=True)
class EntityPage:
    """An entity and its linked nodes; `truncated` when more exist than were read."""

    entity: EntityInfo
    groups: list[Group]
    truncated: bool


@dataclass
class _Acc:
    relations: set[str] = field(default_factory=set)
    evidence: dict[str, None] = field(default_factory=dict)  # record ids, in order, once
    direct: bool = False


def entity_page(
    store: Store, entity_id: str, limit: int = LINKED_SHOWN
) -> EntityPage | None:
    """The entity and up to `limit` linked nodes of each sort, or None if it is unknown.

    A page shows the newest and best-evidenced links first and says when there are more;
    a hotel with thousands of bookings is read a page at a time, not all at once.
    """
    entity = store.entity(entity_id)
    if entity is None:
        return None
    linked, truncated = _direct(store, entity_id, limit)
    shared, more = _shared(store, entity_id, [n for n in linked if is_record_node(n)], limit)
    for node, acc in shared.items():
        into = linked.setdefault(node, _Acc())
        into.relations |= acc.relations
        into.evidence.update(acc.evidence)
    groups = _groups(store, entity_id, linked)
    info = EntityInfo(entity.id, entity.kind.value, entity.key, entity.label)
    return EntityPage(info, groups, truncated or more)


def _direct(store: Store, entity_id: str, limit: int) -> tuple[dict[str, _Acc], bool]:
    """Nodes joined to the entity by a link, with the link kinds and evidence."""
    rows = limit * ROWS_PER_NODE
    links = store.links_of(entity_id, limit=rows)
    truncated = sum(len(link.evidence) for link in links) >= rows
    linked: dict[str, _Acc] = {}
    for link in links:
        other = link.target if link.source == entity_id else link.source
        if other not in linked and len(linked) >= limit:
            truncated = True
            continue
        acc = linked.setdefault(other, _Acc(direct=True))
        # Between entities a link has a direction: the page's phone `called` or was `called_by`.
        incoming = other == link.source and not is_record_node(other)
        acc.relations.add(link.kind.value + ("_by" if incoming else ""))
        acc.evidence.update(dict.fromkeys(link.evidence))
    return linked, truncated


def _shared(
    store: Store, entity_id: str, record_ids: list[str], limit: int
) -> tuple[dict[str, _Acc], bool]:
    """Entities named in the same records as the entity, with those records as evidence."""
    records = set(record_ids)
    shared: dict[str, _Acc] = {}
    truncated = False
    for src, _kind, dst in store.edges_between(record_ids):
        for record_id, other in ((src, dst), (dst, src)):
            if record_id not in records or other == entity_id or is_record_node(other):
                continue
            if other not in shared and len(shared) >= limit:
                truncated = True
                continue
            acc = shared.setdefault(other, _Acc())
            acc.relations.add(SHARES_RECORD)
            acc.evidence[record_id] = None
    return shared, truncated


def _groups(store: Store, entity_id: str, linked: dict[str, _Acc]) -> list[Group]:
    """Linked nodes described, with their evidence, sorted into groups."""
    shown = {node: list(acc.evidence)[:EVIDENCE_SHOWN] for node, acc in linked.items()}
    evidence_ids = list(dict.fromkeys(r for ids in shown.values() for r in ids))
    # Linked records are mostly their own evidence: their headers are read once, for both.
    wanted = [*evidence_ids, *(n for n in linked if is_record_node(n))]
    records = {r.id: r for r in store.record_headers(list(dict.fromkeys(wanted)))}
    # Only records with a snippet are read in full (and masked): the rest are listed.
    snippets = [r for r in evidence_ids[:SNIPPET_RECORDS] if r in records]
    texts = {r.id: r for r in store.records(snippets)}
    # A snippet marks the linked entity or the page's own: only their mentions are read.
    found = mentions_many(store, snippets, entity_ids=[*linked, entity_id])
    info = describe(store, linked, records)
    items: dict[str, list[Linked]] = {key: [] for key, _ in GROUPS}
    for node, acc in linked.items():
        node_info = info.get(node)
        if node_info is None:
            continue  # a link to a node that is gone: nothing to show
        evidence = [
            _evidence(records[r], texts.get(r), found.get(r), node, entity_id)
            for r in shown[node] if r in records
        ]
        dates = [e.date for e in evidence if e.date]
        item = Linked(
            id=node, kind=node_info.kind, label=node_info.label,
            relations=sorted(acc.relations), direct=acc.direct,
            evidence_count=len(acc.evidence),
            evidence=_newest_first(evidence, lambda e: e.date, lambda e: e.record_id),
            date=max(dates) if dates else None,
        )
        items[node_info.kind if node_info.is_record else "entity"].append(item)
    return [
        Group(key, title, _order(key, items[key])) for key, title in GROUPS if items.get(key)
    ]


def _order(key: str, items: list[Linked]) -> list[Linked]:
    """Records newest first; entities direct first, then by weight of evidence."""
    if key == "entity":
        return sorted(items, key=_rank)
    return _newest_first(items, lambda i: i.date, lambda i: i.id)


def _evidence(
    record: RecordHeader, text: Record | None, found: list[MentionView] | None, node: str,
    entity_id: str,
) -> Evidence:
    """An evidence record, its snippet marking the linked entity, else the page's entity."""
    snippet = None
    if text is not None and found is not None:
        target = entity_id if is_record_node(node) else node
        mention = next((m for m in found if m.entity_id == target), None)
        mention = mention or next((m for m in found if m.entity_id == entity_id), None)
        if mention is not None:
            snippet = mention_snippet(text, mention)
    return Evidence(
        record.id, record.kind.value, record.source_id, record.occurred_at, record.place, snippet
    )


def _newest_first(
    items: list[T], date: Callable[[T], str | None], key: Callable[[T], str]
) -> list[T]:
    """Items by date, newest first and undated last; ties in `key` order."""
    return sorted(sorted(items, key=key), key=lambda item: date(item) or "", reverse=True)


def _rank(item: Linked) -> tuple[bool, int, str]:
    return (not item.direct, -item.evidence_count, item.label)
