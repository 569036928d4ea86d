"""Hotel bookings and guest registrations: CSV rows."""

from __future__ import annotations

from typing import Any

from kadiyan.ingest.validate import (
    RowError,
    iso_date,
    iso_datetime,
    non_negative_int,
    optional_str,
    required_str,
)
from kadiyan.model import Record, RecordKind

# Contacts are left out: they are found as entities, from their own fields.
TEXT_FIELDS = ("guest_name", "payer_name", "hotel", "hotel_city")


def parse_booking(row: dict[str, Any], source_file: str, line: int, agency: str) -> Record:
    """A booking record from one CSV row, or RowError naming what is wrong."""
    source_id = required_str(row, "booking_id")
    checkin = iso_date(required_str(row, "checkin"), "checkin")
    checkout = iso_date(optional_str(row, "checkout"), "checkout")
    if checkin and checkout and checkout < checkin:
        raise RowError(f"checkout {checkout} is before checkin {checkin}")
    fields: dict[str, Any] = {
        "hotel": required_str(row, "hotel"),
        "hotel_city": optional_str(row, "hotel_city"),
        "booked_at": iso_datetime(optional_str(row, "booked_at"), "booked_at"),
        "checkin": checkin,
        "checkout": checkout,
        "guest_name": optional_str(row, "guest_name"),
        "guest_phone": optional_str(row, "guest_phone"),
        "guest_email": optional_str(row, "guest_email"),
        "rooms": non_negative_int(row.get("rooms"), "rooms"),
        "guests": non_negative_int(row.get("guests"), "guests"),
        "payer_name": optional_str(row, "payer_name"),
        "payment_mode": optional_str(row, "payment_mode"),
        "channel": optional_str(row, "channel"),
    }
    # Bookings carry no prose; names and the hotel are what an analyst searches for.
    text = " · ".join(str(fields[f]) for f in TEXT_FIELDS if fields[f])
    return Record.build(
        RecordKind.BOOKING, source_id, text, fields,
        source_file=source_file, source_line=line, agency=agency,
        occurred_at=fields["booked_at"] or checkin, place=fields["hotel_city"],
    )
