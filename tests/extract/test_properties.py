"""Properties every extractor keeps on any text: no exceptions, true spans, same answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract import (
    extract_text,
    extract_texts,
    find_accounts,
    find_emails,
    find_identifiers,
    find_phones,
    find_urls,
    normalise_phone,
)
from kadiyan.extract.case_header import case_mentions
from kadiyan.extract.casing import lowered
from kadiyan.extract.indicators import find_indicators
from kadiyan.extract.law import find_sections
from kadiyan.extract.numbers import find_counts, find_dates, find_money
from kadiyan.extract.payments import find_imei, find_upi
from kadiyan.extract.persons import find_persons
from kadiyan.extract.phones import _RUN, _split_run
from kadiyan.extract.places import find_places
from kadiyan.extract.platforms import find_platforms
from kadiyan.extract.vehicles import find_vehicles
from kadiyan.model import Mention


def _as_ad(text: str) -> list[Mention]:
    return extract_text(text, "ad")


EXTRACTORS = (
    extract_text, _as_ad, find_phones, find_emails, find_urls, find_accounts, find_identifiers,
    find_persons, find_places, find_sections, case_mentions, find_counts, find_money,
    find_dates, find_platforms, find_indicators, find_vehicles, find_upi, find_imei,
)

# Pieces that make extractors work hard: digits of several scripts, number words, keycaps,
# separators, letters that change length when lower-cased, and the cue words.
PIECES = st.sampled_from(
    [
        "9", "98765", "43210", "0", "+91", "0091", " ", "-", ".", "/", "(", ")", ",", ":",
        "nine", "Eight", "ZERO", "double", "triple", "oh", "O", "l", "I", "do", "ek", "nau",
        "नौ", "शून्य", "छः", "छ:", "डबल", "९८७", "৯৮", "１２", "❾", "⓿", "\ufe0f\u20e3",
        "\u200b", "İ", "ß", "@", "@riya_22", "insta", "IG:", "X (", "t.me/", "x.com/",
        "wa.me/", "whatsapp.com/send?phone=", "gmail", " at ", "[at]", " dot ", ".com",
        "https://", "www.", "Order id ", "Aadhaar ", "Rs ", "\n", "call", "riya",
        # narratives: names, relations, ages, law, places, counts, money, dates, vehicles
        "Ramesh", "Kumar", "urf", "उर्फ", "alias", "s/o", "पुत्र", "पुत्री", "(45)", "age about 3",
        "उम्र 29 वर्ष", "निवासी", "r/o", "अभियुक्त", "accused", "arrested", "rescued", "गिरफ्तार",
        "मुक्त कराया", "धारा", "u/s", "143(4)", "BNS", "बीएनएस", "ITPA", "3/4/5", "IPC 370A",
        "थाना", "PS ", "FIR No. ", "मु0अ0सं0", "Kanpur", "कानपुर", "Nagar", "via", " से ",
        "होते हुए", "लाया गया", "brought from", "नौ", "लड़कियों", "ग्यारह", "लोगों", "two",
        "customers", "लाख", "₹", "14.03.2025", "मार्च", "UP78 EX 4521", "IMEI", "35209900176148",
        "@okaxis", "WhatsApp", "व्हाट्सएप", "new girls", "fresh", "24x7", "Shri", "श्री", ";",
    ]
)
ADVERSARIAL = st.lists(PIECES, max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), ADVERSARIAL)


def _spans_hold(text: str, mentions: list[Mention]) -> None:
    """Every mention spans exactly its raw text, with a confidence in (0, 1]."""
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.raw
        assert 0.0 < mention.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_extractors_never_raise_and_spans_index_the_text(text: str) -> None:
    for extractor in EXTRACTORS:
        _spans_hold(text, extractor(text))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_extractors_are_deterministic(text: str) -> None:
    for extractor in EXTRACTORS:
        assert extractor(text) == extractor(text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_extract_text_is_sorted_and_says_each_thing_once(text: str) -> None:
    found = extract_text(text)

    assert [m.start for m in found] == sorted(m.start for m in found)
    keys = [(m.start, m.end, m.kind, m.value) for m in found]
    assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_phone_values_are_e164(text: str) -> None:
    for mention in find_phones(text):
        assert mention.value.startswith("+")
        assert mention.value[1:].isdigit() and 8 <= len(mention.value) - 1 <= 15


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_normalise_phone_never_raises(text: str) -> None:
    value = normalise_phone(text)

    assert value is None or (value.startswith("+") and value[1:].isdigit())


@given(st.from_regex(r"[6-9][0-9]{9}", fullmatch=True))
def test_a_valid_mobile_in_an_ad_is_found_where_it_is(digits: str) -> None:
    text = f"Call Riya {digits} now"
    expected = normalise_phone(digits)

    found = find_phones(text)

    if expected is None:
        assert found == []
    else:
        assert [(m.value, m.raw) for m in found] == [(expected, digits)]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_the_shared_check_skips_nothing_the_extractors_would_find(text: str) -> None:
    one_by_one = find_emails(text) + find_urls(text) + find_accounts(text)

    assert sorted(find_identifiers(text), key=repr) == sorted(one_by_one, key=repr)


@settings(max_examples=300, deadline=None)
@given(ADVERSARIAL)
def test_the_pieces_of_a_run_tile_it(text: str) -> None:
    """Positions of atoms are sums of piece lengths; no run may lose text between pieces."""
    lower = lowered(text)
    for run in _RUN.finditer(lower):
        assert _split_run(text, lower, run.start(), run.end()) != []


@settings(max_examples=50, deadline=None)
@given(st.lists(ANY_TEXT, max_size=8), st.sampled_from(["identifiers", "ad", "narrative"]))
def test_texts_read_together_give_what_each_gives_alone(texts: list[str], profile: str) -> None:
    assert extract_texts(texts, profile) == [extract_text(t, profile) for t in texts]  # type: ignore[arg-type]
