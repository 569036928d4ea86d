"""Graph nodes (records and entities) by id: whether they exist, their kind and label."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kadiyan.model import Record, RecordHeader, is_record_node
from kadiyan.store import Store


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class NodeInfo:
    """What a graph node is: a record of some kind or an entity of some kind."""

    id: str
    kind: str
    label: str
    is_record: bool


def record_label(record: Record | RecordHeader) -> str:
    """A short human name for a record: its kind and the id its source gave it."""
    return f"{record.kind.value.replace('_', ' ')} {record.source_id}"


def describe(
    store: Store, node_ids: Iterable[str], headers: Mapping[str, RecordHeader] | None = None
) -> dict[str, NodeInfo]:
    """Kind and label of each node that exists, in one read per table (records are read
    without their text: a label needs only kind and source id).

    `headers` are records' headers the caller has read already, through the same `store`:
    only the others are read.
    """
    ids = list(dict.fromkeys(node_ids))
    known = headers or {}
    info: dict[str, NodeInfo] = {}
    wanted = [n for n in ids if is_record_node(n)]
    read = store.record_headers([n for n in wanted if n not in known])
    for record in [*(known[n] for n in wanted if n in known), *read]:
        info[record.id] = NodeInfo(record.id, record.kind.value, record_label(record), True)
    for entity in store.entities([n for n in ids if not is_record_node(n)]):
        info[entity.id] = NodeInfo(entity.id, entity.kind.value, entity.label, False)
    return info

