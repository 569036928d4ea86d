"""Domain objects to table rows: pure functions, cheap enough for worker processes.

Kinds go into rows as plain strings, not as the enum members: sqlite3 binds a `str`
subclass through its adapter look-up, three times slower than a `str`, and a pickled member
is rebuilt by a call to its class; at six mentions an ad, that is a fifth of what the
ingesting process spends per ad. The string is read from the member's `_value_` attribute
(enum's documented name for it): `.value` is a property, several times slower, and rows
are built by the million.
"""

from __future__ import annotations

from collections.abc import Sequence

import orjson

from kadiyan.model import Entity, Link, LinkKind, Mention, MentionKind, Record, Rejected

# A record row leaves a worker without its `seq`, which the store gives it on arrival; a
# mention row leaves with its record's id in place of that `seq`.
RECORD_COLUMNS = (
    "seq", "id", "kind", "source_id", "content_hash", "source_file", "source_line", "agency",
    "occurred_at", "place", "text", "fields", "run_id",
)
MENTION_COLUMNS = (
    "record_seq", "seq", "kind", "value", "span_start", "span_end", "confidence", "rule",
    "raw", "field", "role", "entity_id", "link", "extra",
)
ENTITY_COLUMNS = ("id", "kind", "key", "label")
IMAGE_CROP_COLUMNS = ("entity_id", "crops")
LINK_COLUMNS = ("src", "kind", "dst", "record_id", "confidence", "seen_at")
QUARANTINE_COLUMNS = (
    "id", "run_id", "kind", "source_file", "line", "reason", "raw", "quarantined_at",
)


def record_row(record: Record, run_id: int | None) -> tuple:
    """One `records` row, without its `seq`."""
    return (
        record.id, record.kind._value_, record.source_id, record.content_hash,
        record.source_file, record.source_line, record.agency, record.occurred_at,
        record.place, record.text, orjson.dumps(record.fields).decode(), run_id,
    )


def mention_row(
    record_id: str, seq: int, mention: Mention, entity_id: str | None, link: LinkKind | None
) -> tuple:
    """One `mentions` row, keyed by its record's id; `seq` is its position in the record.

    `link` is the kind of link from the record to `entity_id` that this mention carries.
    Only a person's details are kept (person resolution compares them); the rest of
    `extra` can be read again from the record, and a million ads need not carry it.
    """
    extra = orjson.dumps(mention.extra).decode() if mention.kind is MentionKind.PERSON else None
    return (
        record_id, seq, mention.kind._value_, mention.value, mention.start, mention.end,
        mention.confidence, mention.rule, mention.raw, mention.field, mention.role, entity_id,
        link and link._value_, extra,
    )


def entity_row(entity: Entity) -> tuple:
    """One `entities` row."""
    return (entity.id, entity.kind._value_, entity.key, entity.label)


def image_crop_row(entity_id: str, crops: Sequence[str]) -> tuple:
    """One `image_crops` row: an image entity and its crops' hashes, run together."""
    return (entity_id, "".join(crops))


def image_crops_of(row_value: str) -> list[str]:
    """The crops' hashes of an `image_crops` row's `crops`, 64 hex digits each."""
    return [row_value[i : i + 64] for i in range(0, len(row_value), 64)]


def link_rows(link: Link) -> list[tuple]:
    """One `links` row per evidence record."""
    return [
        (link.source, link.kind._value_, link.target, rid, link.confidence, link.seen_at)
        for rid in link.evidence
    ]


def quarantine_row(rejected: Rejected, kind: str, run_id: int | None, at: str) -> tuple:
    """One `quarantine` row."""
    return (
        rejected.id, run_id, kind, rejected.source_file, rejected.line, rejected.reason,
        rejected.raw, at,
    )
