"""Identifier resolution: a value is one entity wherever and however it is written."""

from __future__ import annotations

from kadiyan.extract.fields import extract_record
from kadiyan.model import LinkKind, MentionKind, Record, RecordKind
from kadiyan.resolve import resolve_record

IDENTIFYING = {MentionKind.PHONE, MentionKind.EMAIL, MentionKind.ACCOUNT, MentionKind.URL}


def _resolve(record: Record):
    """Entity ids of the record's identifier mentions, its entities and all its links."""
    mentions = extract_record(record)
    resolved = resolve_record(record, mentions)
    ids = [i for m, i in zip(mentions, resolved.entity_ids, strict=True) if m.kind in IDENTIFYING]
    links = resolved.record_links(record) + resolved.links
    return ids, resolved.entities, links


def test_one_number_written_two_ways_is_one_entity() -> None:
    record = Record.build(
        RecordKind.AD, "ad-1", "Call 98111 22334 or WhatsApp nine eight one one one two two three "
        "three four", {},
    )

    ids, entities, links = _resolve(record)

    assert ids == ["phone:+919811122334", "phone:+919811122334"]
    assert [e.id for e in entities] == ["phone:+919811122334"]
    assert [(link.kind, link.source, link.evidence) for link in links] == [
        (LinkKind.MENTIONS, record.id, (record.id,))
    ]


def test_a_booking_links_its_guest_contacts_and_its_hotel() -> None:
    record = Record.build(
        RecordKind.BOOKING, "bk-1", "", {
            "hotel": "Hotel  Sagar", "hotel_city": "Pune", "guest_phone": "09811122334",
            "guest_email": "Guest@Example.in",
        },
    )

    _, entities, links = _resolve(record)

    assert sorted(e.id for e in entities) == [
        "email:guest@example.in", "hotel:hotel sagar|pune", "phone:+919811122334",
    ]
    assert {(link.kind, link.target) for link in links} == {
        (LinkKind.CONTACT, "phone:+919811122334"),
        (LinkKind.CONTACT, "email:guest@example.in"),
        (LinkKind.BOOKED_AT, "hotel:hotel sagar|pune"),
    }


def test_a_case_report_is_linked_to_its_case_and_the_accused_phones() -> None:
    fields = {
        "fir_no": "214/2025", "police_station": "Naubasta", "district": "Kanpur Nagar",
        "state": "Uttar Pradesh", "accused": [{"name": "A. Kumar", "phone": "8400123456"}],
    }
    record = Record.build(RecordKind.CASE_REPORT, "case-1", "Accused used 7355098765.", fields)

    _, entities, links = _resolve(record)

    assert {e.id for e in entities} == {
        "case:uttar pradesh/kanpur nagar/naubasta/214/2025",
        "phone:+918400123456", "phone:+917355098765",
    }
    assert (LinkKind.REPORT_OF, "case:uttar pradesh/kanpur nagar/naubasta/214/2025") in {
        (link.kind, link.target) for link in links
    }


def test_an_sms_received_points_from_the_sender() -> None:
    record = Record.build(
        RecordKind.CALL, "AT-2", "",
        {"a_party": "919811122334", "b_party": "9000012345", "call_type": "sms_in"},
    )

    _, _, links = _resolve(record)

    between_phones = [
        (link.kind, link.source, link.target) for link in links if link.source != record.id
    ]
    assert between_phones == [(LinkKind.MESSAGED, "phone:+919000012345", "phone:+919811122334")]


def test_a_profile_link_is_one_account_not_also_a_url() -> None:
    record = Record.build(
        RecordKind.AD, "ad-2", "pics at instagram.com/pune_models_vip, rates at rates.example.in/p",
        {},
    )

    ids, entities, _ = _resolve(record)

    assert sorted(e.id for e in entities) == [
        "account:instagram:pune_models_vip", "url:rates.example.in/p",
    ]
    assert ids.count(None) == 1  # the profile URL, represented by its account


def test_a_case_report_is_one_case_however_its_narrative_writes_the_header() -> None:
    fields = {
        "fir_no": "225/2023", "police_station": "Sector 56", "district": "Gurugram",
        "state": "Haryana",
    }
    text = "P.S. Sector 56, Distt. Gurugram, Haryana: FIR 225/2023 dated 02/11/2023."
    record = Record.build(RecordKind.CASE_REPORT, "case-2", text, fields)

    _, entities, _ = _resolve(record)

    assert [e.id for e in entities if e.kind == "case"] == [
        "case:haryana/gurugram/sector 56/225/2023"
    ]


def test_a_narrative_alone_names_its_case_when_the_header_is_complete() -> None:
    text = "FIR No. 214/2025, PS Naubasta, District Kanpur Nagar, Uttar Pradesh."
    record = Record.build(RecordKind.EVENT, "note-1", text, {})

    _, entities, _ = _resolve(record)

    assert [e.id for e in entities if e.kind == "case"] == [
        "case:uttar pradesh/kanpur nagar/naubasta/214/2025"
    ]
