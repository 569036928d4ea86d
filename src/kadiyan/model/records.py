"""Records: what arrives, immutable, with provenance and a content hash for identity."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import orjson

from kadiyan.model.kinds import RecordKind


def content_hash(kind: str, source_id: str, text: str, fields: dict[str, Any]) -> str:
    """Hex digest that identifies a record by what it says, not where or when it arrived.

    Two arrivals of the same row hash the same, so a re-ingest stores nothing new.
    """
    payload = orjson.dumps(
        {"k": kind, "i": source_id, "t": text, "f": fields}, option=orjson.OPT_SORT_KEYS
    )
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def record_id_for(digest: str) -> str:
    """The stable public id of a record: `r` and the first 20 hex digits of its hash."""
    return "r" + digest[:20]


@dataclass(frozen=True, slots=True)
class Record:
    """One arrival: an ad, a case report, a booking, a call row, a missing-person report."""

    id: str
    kind: RecordKind
    source_id: str
    text: str
    fields: dict[str, Any]
    content_hash: str
    source_file: str = ""
    source_line: int = 0
    agency: str = ""
    occurred_at: str | None = None  # ISO 8601, when the thing happened (posted, called)
    place: str | None = None  # the city or district the record is about, as given

    @classmethod
    def build(
        cls,
        kind: RecordKind,
        source_id: str,
        text: str,
        fields: dict[str, Any],
        **provenance: Any,
    ) -> Record:
        """A record with its hash and id computed from its content."""
        digest = content_hash(kind._value_, source_id, text, fields)
        return cls(
            id=record_id_for(digest),
            kind=kind,
            source_id=source_id,
            text=text,
            fields=fields,
            content_hash=digest,
            **provenance,
        )

    def header(self) -> RecordHeader:
        """What the record is, without what it says."""
        return RecordHeader(self.id, self.kind, self.source_id, self.agency, self.occurred_at,
                            self.place)


@dataclass(frozen=True, slots=True)
class RecordHeader:
    """What a record is, without what it says: enough to list, date and label it."""

    id: str
    kind: RecordKind
    source_id: str
    agency: str = ""
    occurred_at: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that failed validation: kept in quarantine, never silently dropped."""

    source_file: str
    line: int
    reason: str
    raw: str

    @property
    def id(self) -> str:
        """Same file, line and content give the same id, so quarantine never duplicates."""
        key = f"{self.source_file}\0{self.line}\0{self.raw}".encode()
        return "q" + hashlib.blake2b(key, digest_size=10).hexdigest()


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Counts a run reports at its close."""

    read: int = 0
    stored: int = 0
    known: int = 0
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)
    run_id: int | None = None
