"""Domain objects to table rows: pure functions, cheap enough for worker processes.

Kinds go into rows as the enum members themselves: they are `str` subclasses that both
drivers store as their text, and skipping `.value` matters at a million rows.
"""

from __future__ import annotations

import orjson

from kadiyan.model import Entity, Link, Mention, Record, Rejected

RECORD_COLUMNS = (
    "id", "kind", "source_id", "content_hash", "source_file", "source_line", "agency",
    "occurred_at", "place", "text", "fields", "run_id",
)
MENTION_COLUMNS = (
    "record_id", "seq", "kind", "value", "span_start", "span_end", "confidence", "rule",
    "raw", "field", "role", "entity_id",
)
ENTITY_COLUMNS = ("id", "kind", "key", "label")
LINK_COLUMNS = ("src", "kind", "dst", "record_id", "confidence", "seen_at")
QUARANTINE_COLUMNS = (
    "id", "run_id", "kind", "source_file", "line", "reason", "raw", "quarantined_at",
)


def record_row(record: Record, run_id: int | None) -> tuple:
    """One `records` row."""
    return (
        record.id, record.kind, record.source_id, record.content_hash,
        record.source_file, record.source_line, record.agency, record.occurred_at,
        record.place, record.text, orjson.dumps(record.fields).decode(), run_id,
    )


def mention_row(record_id: str, seq: int, mention: Mention, entity_id: str | None) -> tuple:
    """One `mentions` row; `seq` is the mention's position in its record."""
    return (
        record_id, seq, mention.kind, mention.value, mention.start, mention.end,
        mention.confidence, mention.rule, mention.raw, mention.field, mention.role, entity_id,
    )


def entity_row(entity: Entity) -> tuple:
    """One `entities` row."""
    return (entity.id, entity.kind, entity.key, entity.label)


def link_rows(link: Link) -> list[tuple]:
    """One `links` row per evidence record."""
    return [
        (link.source, link.kind, link.target, rid, link.confidence, link.seen_at)
        for rid in link.evidence
    ]


def quarantine_row(rejected: Rejected, kind: str, run_id: int | None, at: str) -> tuple:
    """One `quarantine` row."""
    return (
        rejected.id, run_id, kind, rejected.source_file, rejected.line, rejected.reason,
        rejected.raw, at,
    )
