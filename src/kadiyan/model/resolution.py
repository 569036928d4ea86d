"""The result of resolving one record: its entities and the links it makes."""

from __future__ import annotations

from dataclasses import dataclass, field

from kadiyan.model.entities import Entity, Link
from kadiyan.model.kinds import LinkKind
from kadiyan.model.records import Record


@dataclass
class Resolution:
    """What one record resolves to.

    `entity_ids[i]` is the entity of mention i (None when it names none). `link_kinds[i]`
    is set on the one mention that carries the record's link of that kind to that entity
    (the surest of the mentions naming it). `links` join entities to each other, such as
    a call from one phone to another.
    """

    entity_ids: list[str | None] = field(default_factory=list)
    link_kinds: list[LinkKind | None] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def record_links(self, record: Record) -> list[Link]:
        """The record's own links to what it names, in mention order."""
        return [
            Link(kind, record.id, eid, (record.id,), 1.0, record.occurred_at)
            for kind, eid in zip(self.link_kinds, self.entity_ids, strict=True)
            if kind is not None and eid is not None
        ]
