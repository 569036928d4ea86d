"""Domain types: pure data, no I/O."""

from kadiyan.model.entities import Entity, Link, entity_id, is_record_node
from kadiyan.model.kinds import IDENTIFIER_KINDS, EntityKind, LinkKind, MentionKind, RecordKind
from kadiyan.model.matches import IdentityEvent, Judgement, Reason, ScoredPair, Verdict
from kadiyan.model.mentions import Mention, mention_of
from kadiyan.model.records import (
    IngestSummary,
    Record,
    RecordHeader,
    Rejected,
    content_hash,
    record_id_for,
)
from kadiyan.model.resolution import Resolution

__all__ = [
    "IDENTIFIER_KINDS",
    "Entity",
    "EntityKind",
    "IdentityEvent",
    "IngestSummary",
    "Judgement",
    "Link",
    "LinkKind",
    "Mention",
    "MentionKind",
    "Record",
    "RecordHeader",
    "Reason",
    "RecordKind",
    "Rejected",
    "Resolution",
    "ScoredPair",
    "Verdict",
    "content_hash",
    "entity_id",
    "is_record_node",
    "mention_of",
    "record_id_for",
]
