"""A small invented world, written as users' files and ingested through the real pipeline.

phone A is in ad-101 (written "98 double 7 triple 5 4 3 2") and in booking bk-201;
phone B is in ad-101 and in the Hindi ad-102 (in Devanagari digits) and is an accused's
phone in case report FIR 77/2025 and called phone E twice (call detail records); phone C
stands alone in ad-103. No person here is real.
"""

from __future__ import annotations

import json
from pathlib import Path

from kadiyan.access.directory import create_agency, create_user
from kadiyan.access.principal import system_principal
from kadiyan.access.roles import Role
from kadiyan.ingest.pipeline import ingest_file
from kadiyan.model.access import AgencyKind, agency_id
from kadiyan.resolve import resolve_record
from kadiyan.store import Store, open_store

PHONE_A = "phone:+919877555432"
PHONE_B = "phone:+919123456780"
PHONE_C = "phone:+917011223344"
PHONE_E = "phone:+919822233445"
HANDLE = "mumbai_fresh_vip"
OBFUSCATED_A = "98 double 7 triple 5 4 3 2"
HINDI_B = "९१२३४ ५६७८०"
AGENCY = "AHTU Pune"
VICTIM = "Lata Verma"  # invented, as is everyone here
PASSWORD = "a-test-password"
HOSTILE = "<script>alert('x')</script> <b>Meena</b> call 9988776655"

ADS = [
    {"id": "ad-101", "text": f"New girls in Pune, call Sonu {OBFUSCATED_A} or 91234 56780, "
     "hotel service available", "city": "Pune", "posted_at": "2025-01-03T10:00:00+05:30",
     "images": []},
    {"id": "ad-102", "text": f"नई लड़कियाँ मुंबई में, कॉल करें {HINDI_B} इंस्टा @{HANDLE}",
     "city": "Mumbai", "posted_at": "2025-01-04T11:00:00+05:30", "images": []},
    {"id": "ad-103", "text": "Tuition for class 10 maths, call 7011223344", "city": "Delhi",
     "posted_at": "2025-01-05T09:00:00+05:30", "images": []},
    {"id": "ad-104", "text": HOSTILE, "city": "Pune", "posted_at": "2025-01-06T09:00:00+05:30",
     "images": []},
]

BOOKINGS = [
    "booking_id,hotel,hotel_city,booked_at,checkin,checkout,guest_name,guest_phone,"
    "guest_email,rooms,guests,payer_name,payment_mode,channel",
    "bk-201,Hotel Sagar,Pune,2025-01-02T20:00:00,2025-01-03,2025-01-04,Kavita Rao,"
    "+91 98775 55432,kavita.rao@example.in,3,6,Kavita Rao,cash,walk-in",
    "bk-202,Hotel Neel,Nagpur,2025-01-09T20:00:00,2025-01-10,2025-01-11,Arun Desai,"
    "9000012345,,1,1,Arun Desai,card,online",
]

CASES = [
    {"id": "fir-301", "fir_no": "77/2025", "police_station": "Kotwali", "district": "Pune",
     "state": "Maharashtra", "registered_on": "2025-02-01", "language": "hi",
     "narrative": "आरोपी ने लड़कियों को होटल में रखा और फोन पर ग्राहकों से बात की। "
                  f"पीड़िता {VICTIM} (17) को मुक्त कराया गया।",
     "sections": ["143 BNS"], "accused": [{"name": "Ramesh Kale", "phone": "9123456780"}],
     "victims": [{"name": VICTIM, "age": 17, "father": "Mohan Verma"}], "rescued": 1,
     "arrested": 1},
]

CALLS = [
    "Sl No,Target No,B Party No,Date,Time,Duration,Call Type",
    "1,9123456780,9822233445,2025-02-02,21:10:00,64,Outgoing",
    "2,9123456780,9822233445,2025-02-03,22:40:00,12,Outgoing",
]


def build_store(folder: Path) -> Store:
    """A SQLite store in `folder` holding the world, ingested and resolved."""
    store = open_store(f"sqlite:///{folder / 'k.sqlite'}")
    ads = folder / "ads.jsonl"
    ads.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ADS), "utf-8")
    cases = folder / "cases.jsonl"
    cases.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CASES), "utf-8")
    bookings = folder / "bookings.csv"
    bookings.write_text("\n".join(BOOKINGS) + "\n", "utf-8")
    calls = folder / "calls.csv"
    calls.write_text("\n".join(CALLS) + "\n", "utf-8")
    files = (("ads", ads), ("bookings", bookings), ("cases", cases), ("calls", calls))
    for kind, path in files:
        summary = ingest_file(store, kind, path, agency=AGENCY, resolver=resolve_record,
                              workers=1)
        assert summary.quarantined == 0, summary.errors
    add_people(store)
    return store


def add_people(store: Store) -> None:
    """The agency that owns the world and one user of it in each role."""
    operator = system_principal("test-setup")
    create_agency(store, operator, AGENCY, AgencyKind.DISTRICT_AHTU, "Maharashtra")
    for role in Role:
        create_user(store, operator, role.value, PASSWORD, agency_id(AGENCY),
                    frozenset({role}))


def record_ids(store: Store) -> dict[str, str]:
    """Record id by the id its source gave it (`ad-101` → `r…`)."""
    return {r.source_id: r.id for batch in store.iter_records() for r in batch}
