"""Small input files written the way users' files look."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ADS = [
    {"id": "ad-1", "text": "New in town, call Pinky 98111 22334, hotel service", "city": "Pune",
     "posted_at": "2025-01-03T10:00:00+05:30", "images": []},
    {"id": "ad-2", "text": "VIP models Mumbai, WhatsApp 9 8 1 1 1 2 2 3 3 4 only", "city": "Mumbai",
     "posted_at": "2025-01-04T11:00:00+05:30", "images": []},
    {"id": "ad-3", "text": "Tuition for class 10, call 7011223344", "city": "Delhi",
     "posted_at": "2025-01-05T09:00:00+05:30", "images": []},
    {"id": "ad-4", "text": "Insta @pune_fresh_models for pics, call +91 70112 23344",
     "city": "Pune", "posted_at": "2025-01-06T09:00:00+05:30", "images": []},
]

BOOKINGS_HEADER = (
    "booking_id,hotel,hotel_city,booked_at,checkin,checkout,guest_name,guest_phone,"
    "guest_email,rooms,guests,payer_name,payment_mode,channel"
)
BOOKINGS = [
    "bk-1,Hotel Sagar,Pune,2025-01-02T20:00:00,2025-01-03,2025-01-04,Ravi Mehra,"
    "+91 98111 22334,ravi.m@example.in,3,6,Ravi Mehra,cash,walk-in",
    "bk-2,Hotel Sagar,Pune,2025-01-09T20:00:00,2025-01-10,2025-01-11,Anil Joshi,"
    "9000012345,,1,1,Anil Joshi,card,online",
]


def write_jsonl(path: Path, rows: list[dict], extra_lines: list[str] = ()) -> Path:
    """Write JSON lines, then any raw extra lines as they are."""
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def ads_file(tmp_path: Path) -> Path:
    """Four ads; two share a phone written two ways, two share another."""
    return write_jsonl(tmp_path / "ads.jsonl", ADS)


@pytest.fixture
def bookings_file(tmp_path: Path) -> Path:
    """Two bookings; the first uses the phone of ads 1 and 2."""
    path = tmp_path / "bookings.csv"
    path.write_text("\n".join([BOOKINGS_HEADER, *BOOKINGS]) + "\n", encoding="utf-8")
    return path
