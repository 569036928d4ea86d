"""Identifiers to entities: one phone, e-mail, account, case or hotel is one entity.

Resolution of identifiers is exact and needs no look-up: the entity id is the kind and
the normalised key, so one new record resolves on its own in microseconds, and a batch
rebuild gives the same ids.
"""

from __future__ import annotations

from kadiyan.extract.keys import case_key
from kadiyan.model import (
    Entity,
    EntityKind,
    Link,
    LinkKind,
    Mention,
    MentionKind,
    Record,
    RecordKind,
    Resolution,
    entity_id,
)

# Mention kinds that name an entity by their value alone.
KEYED: dict[MentionKind, EntityKind] = {
    MentionKind.PHONE: EntityKind.PHONE,
    MentionKind.EMAIL: EntityKind.EMAIL,
    MentionKind.ACCOUNT: EntityKind.ACCOUNT,
    MentionKind.URL: EntityKind.URL,
    MentionKind.VEHICLE: EntityKind.VEHICLE,
    MentionKind.CASE: EntityKind.CASE,
    MentionKind.HOTEL: EntityKind.HOTEL,
    MentionKind.UPI: EntityKind.UPI,
    MentionKind.IMEI: EntityKind.IMEI,
    MentionKind.IMAGE: EntityKind.IMAGE,
}

LINK_FOR: dict[MentionKind, LinkKind] = {
    MentionKind.CASE: LinkKind.REPORT_OF,
    MentionKind.HOTEL: LinkKind.BOOKED_AT,
    MentionKind.IMAGE: LinkKind.SHOWS_IMAGE,
}


def resolve_record(record: Record, mentions: list[Mention]) -> Resolution:
    """Entities of a record's mentions, which mentions carry its links, and links between."""
    result = Resolution()
    entities: dict[str, Entity] = {}
    carrier: dict[tuple[LinkKind, str], int] = {}  # (link kind, entity) -> mention index
    for index, mention in enumerate(mentions):
        result.link_kinds.append(None)
        kind = KEYED.get(mention.kind)
        key = _key(mention, mentions) if kind is not None else None
        if kind is None or key is None:
            result.entity_ids.append(None)
            continue
        eid = entity_id(kind, key)
        result.entity_ids.append(eid)
        entities.setdefault(eid, Entity(eid, kind, key, _label(mention)))
        link_kind = LINK_FOR.get(mention.kind) or (
            LinkKind.CONTACT if mention.role == "contact" else LinkKind.MENTIONS
        )
        best = carrier.get((link_kind, eid))
        if best is None or mentions[best].confidence < mention.confidence:
            carrier[(link_kind, eid)] = index
    for (link_kind, _eid), index in carrier.items():
        result.link_kinds[index] = link_kind
    result.entities = list(entities.values())
    if record.kind is RecordKind.CALL:
        result.links = _call_link(record, mentions, result.entity_ids)
    return result


NAMED_BY_LINK = (MentionKind.ACCOUNT, MentionKind.PHONE, MentionKind.EMAIL)


def _key(mention: Mention, mentions: list[Mention]) -> str | None:
    """The entity key a mention names, or None when it names no entity of its own."""
    if mention.kind is MentionKind.URL and _inside(mention, mentions):
        return None
    if mention.kind is MentionKind.CASE and mention.field == "text":
        # A report's own fields name its case exactly; its narrative's header, read in
        # another script or with the state inferred, would make a second node for it.
        if any(m.kind is MentionKind.CASE and m.field != "text" for m in mentions):
            return None
        # An FIR number alone is not a case: numbers restart in every police station
        # every year. A header that names its station, district and state is one.
        extra = mention.extra
        state = extra.get("state") or extra.get("state_inferred")
        parts = [state, extra.get("district"), extra.get("police_station")]
        if not all(parts):
            return None
        return case_key({"state": parts[0], "district": parts[1], "police_station": parts[2],
                         "fir_no": mention.value})
    return mention.value


def _inside(url: Mention, mentions: list[Mention]) -> bool:
    """A profile or wa.me link is already the account or phone it names: one node, not two."""
    return any(
        m.kind in NAMED_BY_LINK and m.field == url.field and m.start < url.end
        and url.start < m.end
        for m in mentions
    )


def _label(mention: Mention) -> str:
    if mention.kind in (MentionKind.CASE, MentionKind.HOTEL, MentionKind.IMAGE):
        return mention.raw or mention.value
    return mention.value


def _call_link(record: Record, mentions: list[Mention], ids: list[str | None]) -> list[Link]:
    """A phone-to-phone link for a CDR row, pointing from caller to called."""
    by_role = {m.role: eid for m, eid in zip(mentions, ids, strict=True) if eid}
    a, b = by_role.get("a_party"), by_role.get("b_party")
    if not a or not b or a == b:
        return []
    call_type = record.fields.get("call_type", "call_out")
    kind = LinkKind.MESSAGED if call_type.startswith("sms") else LinkKind.CALLED
    source, target = (a, b) if call_type.endswith("out") else (b, a)
    return [Link(kind, source, target, (record.id,), 1.0, record.occurred_at)]
