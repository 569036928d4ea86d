"""One record as shown to a reader: its provenance, text, fields and mentions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kadiyan.api.services.nodes import record_label
from kadiyan.api.services.snippets import Snippet, field_value, snippet_at
from kadiyan.model import Record
from kadiyan.store import Store


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class MentionView:
    """A value found in a record: where (field and span), what it normalised to, its entity."""

    seq: int
    kind: str
    value: str
    raw: str
    field: str
    start: int
    end: int
    confidence: float
    rule: str
    role: str | None
    entity_id: str | None


@dataclass(frozen=True)
class RecordPage:
    """A record with everything found in it."""

    id: str
    kind: str
    label: str
    source_id: str
    date: str | None
    place: str | None
    agency: str
    source_file: str
    source_line: int
    content_hash: str
    text: str
    fields: dict[str, Any]
    mentions: list[MentionView]


def mentions(store: Store, record_id: str) -> list[MentionView]:
    """The mentions of a record, in the order they were found."""
    return [_mention(row) for row in store.mentions_of(record_id)]


def mentions_many(
    store: Store, record_ids: Iterable[str], entity_ids: Iterable[str] | None = None
) -> dict[str, list[MentionView]]:
    """The mentions of many records, read together: record id -> its mentions, in order
    (with `entity_ids`, only the mentions of those entities)."""
    return {record_id: [_mention(row) for row in rows] for record_id, rows
            in store.mentions_of_many(record_ids, entity_ids=entity_ids).items()}


def _mention(row: dict[str, Any]) -> MentionView:
    return MentionView(
        seq=row["seq"], kind=row["kind"], value=row["value"], raw=row["raw"] or "",
        field=row["field"] or "text", start=row["span_start"], end=row["span_end"],
        confidence=row["confidence"], rule=row["rule"], role=row["role"],
        entity_id=row["entity_id"],
    )


def record_page(store: Store, record_id: str) -> RecordPage | None:
    """A record and its mentions, or None if there is no such record."""
    record = store.record(record_id)
    if record is None:
        return None
    return RecordPage(
        id=record.id, kind=record.kind.value, label=record_label(record),
        source_id=record.source_id, date=record.occurred_at, place=record.place,
        agency=record.agency, source_file=record.source_file, source_line=record.source_line,
        content_hash=record.content_hash, text=record.text, fields=record.fields,
        mentions=mentions(store, record_id),
    )


def mention_snippet(record: Record, mention: MentionView) -> Snippet:
    """An excerpt of the text or field a mention was found in, with the mention marked."""
    if mention.field == "text":
        source: str | None = record.text
    else:
        source = field_value(record.fields, mention.field)
    if source is None:
        raw = mention.raw or mention.value
        return Snippet(mention.field, "", raw, "", 0, len(raw), mention.kind)
    return snippet_at(source, mention.start, mention.end, field=mention.field, kind=mention.kind)
