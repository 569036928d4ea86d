"""Mentions of a whole record: its text plus the identifiers in its structured fields.

Structured fields (a booking's guest phone, a CDR's B party, an FIR's accused) are read
with the same normalisers as free text, so a number is the same entity wherever it is
written.
"""

from __future__ import annotations

from typing import Any

from kadiyan.extract.identifiers import find_emails
from kadiyan.extract.keys import case_key, hotel_key
from kadiyan.extract.phones import normalise_phone
from kadiyan.model import Mention, MentionKind, Record, RecordKind


def extract_record(record: Record) -> list[Mention]:
    """All mentions of a record: from its text, then from its fields in a fixed order."""
    from kadiyan.extract import extract_text

    mentions = extract_text(record.text) if record.text else []
    reader = FIELD_READERS.get(record.kind)
    if reader is not None:
        mentions += reader(record.fields)
    return mentions


def phone_field(value: Any, field: str, role: str | None = None) -> list[Mention]:
    """A phone mention for a structured field, if it holds a valid number."""
    if not isinstance(value, str) or not value.strip():
        return []
    e164 = normalise_phone(value)
    if e164 is None:
        return []
    return [Mention(MentionKind.PHONE, e164, 0, len(value), 1.0, "field", value, field, role)]


def email_field(value: Any, field: str, role: str | None = None) -> list[Mention]:
    """An e-mail mention for a structured field, if it holds an address."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [
        Mention(m.kind, m.value, m.start, m.end, 1.0, "field", m.raw, field, role)
        for m in find_emails(value)
    ]


def key_field(kind: MentionKind, key: str, raw: str, field: str) -> Mention:
    """A mention of a named thing (a case, a hotel) identified by a natural key."""
    return Mention(kind, key, 0, len(raw), 1.0, "field", raw, field)


def _booking(fields: dict[str, Any]) -> list[Mention]:
    hotel = fields.get("hotel") or ""
    key = hotel_key(hotel, fields.get("hotel_city") or "")
    return [
        *phone_field(fields.get("guest_phone"), "guest_phone", "contact"),
        *email_field(fields.get("guest_email"), "guest_email", "contact"),
        key_field(MentionKind.HOTEL, key, hotel, "hotel"),
    ]


def _call(fields: dict[str, Any]) -> list[Mention]:
    return [
        *phone_field(fields.get("a_party"), "a_party", "a_party"),
        *phone_field(fields.get("b_party"), "b_party", "b_party"),
    ]


def _case(fields: dict[str, Any]) -> list[Mention]:
    mentions = [key_field(MentionKind.CASE, case_key(fields), fields["fir_no"], "fir_no")]
    for index, person in enumerate(fields.get("accused") or []):
        mentions += phone_field(person.get("phone"), f"accused[{index}].phone", "accused")
    return mentions


def _missing(fields: dict[str, Any]) -> list[Mention]:
    return phone_field(fields.get("contact_phone"), "contact_phone", "family")


FIELD_READERS = {
    RecordKind.BOOKING: _booking,
    RecordKind.CALL: _call,
    RecordKind.CASE_REPORT: _case,
    RecordKind.MISSING_REPORT: _missing,
}
