"""Entities and links: the nodes and edges of the graph."""

from __future__ import annotations

from dataclasses import dataclass

from kadiyan.model.kinds import EntityKind, LinkKind


def entity_id(kind: EntityKind | str, key: str) -> str:
    """The id of an identifier entity: its kind and normalised key, readable and stable.

    `phone:+919876543210`, `account:instagram:riya_vip`. The same key always gives the same
    id, so resolution of identifiers needs no lookup and never renames.
    """
    return kind + ":" + key  # not an f-string: formatting an enum member is slow


def is_record_node(node_id: str) -> bool:
    """Records are graph nodes too; their ids are `r` + hex and carry no colon."""
    return ":" not in node_id


@dataclass(frozen=True, slots=True)
class Entity:
    """One phone, one account, one case, one hotel, one person."""

    id: str
    kind: EntityKind
    key: str
    label: str
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A typed edge between two nodes (a record or an entity), with its evidence records."""

    kind: LinkKind
    source: str
    target: str
    evidence: tuple[str, ...]
    confidence: float = 1.0
    seen_at: str | None = None
