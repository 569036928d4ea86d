"""Candidate operations as one viewer may see them: members in scope, what holds them
together, where and when they were active, the wording of their ads.

An operation is found over every agency's records (the link jobs run for the whole
store), but a viewer is shown only its members in scope, and the page is built from
those: counts, cities, activity and evidence never reveal what lies outside. An
operation none of whose records the viewer may see does not exist for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kadiyan.access.reader import ScopedReader
from kadiyan.model import Record, is_record_node
from kadiyan.resolve.templates import describe_template
from kadiyan.store.resolution import members_of, operation, operations

SHOWN = 20  # identifiers and records listed per kind
HELD_BY = ("phone", "account", "email", "image", "person", "hotel")


@dataclass(frozen=True)
class Member:
    """An entity that holds the operation together, and in how many of its records."""

    id: str
    kind: str
    label: str
    records: int


@dataclass(frozen=True)
class TemplateView:
    """A template the operation's ads were written from: shared text with `{slots}`."""

    id: str
    wording: str
    ads: int
    slots: dict[str, list[str]]


@dataclass(frozen=True)
class RecordRef:
    """A member record, for the list."""

    id: str
    kind: str
    source_id: str
    date: str | None
    place: str | None


@dataclass(frozen=True)
class OperationView:
    """One candidate operation as the viewer may see it."""

    id: str
    label: str
    records: dict[str, int]
    places: list[tuple[str, int]]
    activity: list[tuple[str, int]]  # month (YYYY-MM) and records in it
    first_seen: str | None
    last_seen: str | None
    held_by: dict[str, list[Member]]
    templates: list[TemplateView]
    newest: list[RecordRef]
    survivors: int

    @property
    def size(self) -> int:
        """Records in the viewer's scope."""
        return sum(self.records.values())


def operation_list(reader: ScopedReader, limit: int = 50) -> list[OperationView]:
    """Operations with records in the viewer's scope, largest (in scope) first."""
    views = []
    for op in operations(reader.store, limit=1000):
        view = _view(reader, op["id"], op["label"], brief=True)
        if view is not None:
            views.append(view)
    views.sort(key=lambda v: (-v.size, v.id))
    return views[:limit]


def operation_page(reader: ScopedReader, operation_id: str) -> OperationView | None:
    """One operation (its id followed if a merge retired it), or None if out of scope."""
    op = operation(reader.store, operation_id)
    if op is None:
        return None
    return _view(reader, op["id"], op["label"], brief=False)


def _view(reader: ScopedReader, op_id: str, label: str, brief: bool) -> OperationView | None:
    members = members_of(reader.store, op_id)
    records = reader.records([m for m in members if is_record_node(m)])
    if not records:
        return None
    kinds = Counter(r.kind.value for r in records)
    places = Counter(r.place for r in records if r.place)
    months = Counter(r.occurred_at[:7] for r in records if r.occurred_at)
    days = sorted(r.occurred_at[:10] for r in records if r.occurred_at)
    held: dict[str, list[Member]] = {}
    templates: list[TemplateView] = []
    survivors = 0
    if not brief:
        held, survivors = _held_by(reader, [r.id for r in records])
        templates = _templates(reader, records)
    newest = sorted(records, key=lambda r: (r.occurred_at or "", r.id), reverse=True)
    return OperationView(
        id=op_id, label=_label(reader, label), records=dict(sorted(kinds.items())),
        places=places.most_common(12), activity=sorted(months.items()),
        first_seen=days[0] if days else None, last_seen=days[-1] if days else None,
        held_by=held, templates=templates,
        newest=[RecordRef(r.id, r.kind.value, r.source_id, r.occurred_at, r.place)
                for r in newest[:SHOWN]],
        survivors=survivors,
    )


def _label(reader: ScopedReader, label: str) -> str:
    """The stored label (its phones), unless one of them is hidden from the viewer."""
    phones = [f"phone:{p.strip()}" for p in label.split(",") if p.strip().startswith("+")]
    if phones and len(reader.entities(phones)) < len(phones):
        return "operation"
    return label


def _held_by(
    reader: ScopedReader, record_ids: list[str],
) -> tuple[dict[str, list[Member]], int]:
    """Entities named by two or more of the visible records, by kind; survivors counted."""
    visible = set(record_ids)
    named: Counter[str] = Counter()
    for src, _kind, dst in set(reader.edges_between(record_ids)):
        for record, entity in ((src, dst), (dst, src)):
            if record in visible and not is_record_node(entity):
                named[entity] += 1
    shown = {e.id: e for e in reader.entities([e for e, n in named.items() if n >= 2])}
    held: dict[str, list[Member]] = {}
    survivors = 0
    for entity_id, count in named.most_common():
        entity = shown.get(entity_id)
        if entity is None or count < 2:
            continue
        if entity.kind.value == "person" and entity.label.startswith("[protected]"):
            survivors += 1  # a survivor is counted, never listed beside the suspects
            continue
        if entity.kind.value in HELD_BY:
            group = held.setdefault(entity.kind.value, [])
            if len(group) < SHOWN:
                group.append(Member(entity.id, entity.kind.value, entity.label, count))
    return held, survivors


def _templates(reader: ScopedReader, records: list[Record]) -> list[TemplateView]:
    """The templates of the visible ads, each described from those ads only."""
    ads = {r.id: r for r in records if r.kind.value == "ad"}
    by_template: dict[str, list[Record]] = {}
    for src, kind, dst in reader.edges_between(list(ads)):
        if kind == "uses_template" and src in ads:
            by_template.setdefault(dst, []).append(ads[src])
    views = []
    for template, members in sorted(by_template.items(), key=lambda t: -len(t[1]))[:5]:
        summary = describe_template([r.text for r in members])
        slots = {k: list(v)[:8] for k, v in summary.values.items()}
        views.append(TemplateView(template, summary.text, len(members), slots))
    return views
