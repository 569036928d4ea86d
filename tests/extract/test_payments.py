"""UPI payment addresses and handset IMEIs in ads, bookings and case reports."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.payments import find_imei, find_upi, luhn_valid
from kadiyan.model import MentionKind


def upis(text: str) -> list[str]:
    """The UPI addresses a text gives, in order."""
    return [m.value for m in find_upi(text)]


def imeis(text: str) -> list[str]:
    """The IMEIs a text gives, in order."""
    return [m.value for m in find_imei(text)]


def test_an_advance_asked_by_upi() -> None:
    text = "Advance 2000 on GPay Ramesh.Kumar-22@OKAXIS, rest at the hotel"

    [mention] = find_upi(text)

    assert mention.kind is MentionKind.UPI
    assert mention.value == "ramesh.kumar-22@okaxis"
    assert mention.raw == text[mention.start : mention.end] == "Ramesh.Kumar-22@OKAXIS"
    assert mention.extra == {"name": "ramesh.kumar-22", "handle": "okaxis"}


def test_phone_number_addresses_and_several_apps() -> None:
    text = "PhonePe 9876543210@ybl, Paytm pappu.k@paytm. GPay suresh@oksbi"

    assert upis(text) == ["9876543210@ybl", "pappu.k@paytm", "suresh@oksbi"]


@pytest.mark.parametrize(
    "text",
    [
        "mail me: riya@paytm.com",  # a dot-domain makes it mail
        "riya@gmail.com or riya@gmail",  # gmail issues no UPI addresses
        "Insta @riya_vip_22",  # a social handle
        "pay to x@ybl",  # a one-letter name is no address
        "riya@yblx",  # not the handle, a longer word
    ],
)
def test_what_is_not_a_upi_address(text: str) -> None:
    assert upis(text) == []


def test_a_cued_imei_in_any_grouping() -> None:
    text = "Handset IMEI 35-209900-176148-1 and IMEI: 490154203237518 seized"

    mentions = find_imei(text)

    assert [m.value for m in mentions] == ["352099001761481", "490154203237518"]
    assert mentions[0].raw == "35-209900-176148-1"
    assert mentions[0].extra == {"tac": "35209900", "cued": True}
    assert all(m.kind is MentionKind.IMEI and m.confidence >= 0.9 for m in mentions)


def test_numbers_soon_after_a_cue_are_cued() -> None:
    assert imeis("IMEI nos. 352099001761481 and 490154203237518") == [
        "352099001761481", "490154203237518",
    ]


def test_an_imei_in_a_hindi_report_with_devanagari_digits() -> None:
    assert imeis("मोबाइल का आईएमईआई नंबर ३५२०९९००१७६१४८१ है") == ["352099001761481"]


def test_an_uncued_imei_counts_with_less_confidence() -> None:
    [bare] = find_imei("phone 352099001761481 recovered")
    [grouped] = find_imei("label 35-209900-176148-1")

    assert bare.value == grouped.value == "352099001761481"
    assert bare.confidence < grouped.confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        "IMEI 352099001761482",  # the check digit is wrong
        "Aadhaar 4521 7789 3302 verified",  # twelve digits
        "call 9876543210 or 9876543211",  # phones
        "order 123456789012347",  # a valid check digit, but no cue and no known prefix
        "txn 3520990017614810",  # sixteen digits
        "IMEI 35209900176148",  # fourteen digits
    ],
)
def test_what_is_not_an_imei(text: str) -> None:
    assert imeis(text) == []


def test_luhn() -> None:
    assert luhn_valid("352099001761481")
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


PIECES = st.sampled_from(
    ["@", "ybl", "okaxis", "paytm", ".com", "riya", "9876543210", "IMEI", " ", "-", ".",
     "352099001761481", "35", "209900", "176148", "1", "३५", "आईएमईआई", "İ", "ß", "\n"]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_true_spans_and_the_same_answer_twice(text: str) -> None:
    for find in (find_upi, find_imei):
        mentions = find(text)
        assert mentions == find(text)
        for m in mentions:
            assert text[m.start : m.end] == m.raw
    for m in find_imei(text):
        assert len(m.value) == 15 and m.value.isascii() and luhn_valid(m.value)
    for m in find_upi(text):
        assert m.value == m.value.lower() and "@" in m.value
