"""Phones in ad and case texts: every way they are written, and what is not a phone."""

from __future__ import annotations

import json
import random
from pathlib import Path

import phonenumbers
import pytest

from kadiyan.extract import extract_text, find_phones, normalise_phone
from kadiyan.extract.phones import _valid_indian
from kadiyan.model import MentionKind

HARD_CASES = Path(__file__).with_name("hard_cases.jsonl")


def phones(text: str) -> list[str]:
    """The E.164 values found in a text, in order."""
    return [m.value for m in find_phones(text)]


def test_a_plain_mobile_is_found_with_its_exact_span() -> None:
    text = "Pune college girls, hotel service, call Sneha 97654 12309 anytime"

    [mention] = find_phones(text)

    assert mention.kind is MentionKind.PHONE
    assert mention.value == "+919765412309"
    assert mention.raw == "97654 12309" == text[mention.start : mention.end]
    assert mention.rule == "digits"


@pytest.mark.parametrize(
    "written",
    ["9812034567", "09812034567", "+919812034567", "+91 98120 34567", "919812034567",
     "0091 98120 34567", "+91-981-203-4567", "(+91) 98120-34567", "98120.34567",
     "9812/034567", "+91 (0) 98120 34567", "091-98120-34567"],
)
def test_prefixes_and_separators_give_one_number(written: str) -> None:
    assert phones(f"Contact: {written} (Meena)") == ["+919812034567"]


def test_the_plus_is_part_of_the_span() -> None:
    text = "WhatsApp +91 70451 22338 only"

    [mention] = find_phones(text)

    assert mention.raw == "+91 70451 22338"


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("call 9.8.1.1.0.2.2.4.4.6", "+919811022446", "spaced"),
        ("Ph 7O45-l22-338", "+917045122338", "letters"),
        ("WhatsApp nine eight one one zero two two four four six", "+919811022446", "words"),
        ("Only chat 9 eight 1 one 0 two 2 four 4 six", "+919811022446", "mixed"),
        ("Sirf call 98 double 1 zero triple 2 46", "+919811022246", "repeat"),
        ("Call ８７６５４ ３２１０９", "+918765432109", "native_digits"),
        ("call 8️⃣7️⃣6️⃣5️⃣4️⃣3️⃣2️⃣1️⃣0️⃣9️⃣", "+918765432109", "keycap"),
    ],
)
def test_obfuscated_numbers_name_their_style(text: str, expected: str, rule: str) -> None:
    [mention] = find_phones(text)

    assert (mention.value, mention.rule) == (expected, rule)


def test_hindi_number_words_and_devanagari_digits() -> None:
    assert phones("संपर्क करें: सात शून्य चार पाँच छह सात आठ नौ शून्य एक") == ["+917045678901"]
    assert phones("कॉल करें ७०४५६ ७८९०१, कानपुर") == ["+917045678901"]
    assert phones("व्हाट्सएप नौ आठ तीन नौ 0 1 दो 3 चार छः") == ["+919839012346"]


def test_hinglish_number_words() -> None:
    text = "Indore mein call karo nau aath do saat ek ek chaar paanch chhe saat"

    assert phones(text) == ["+919827114567"]


def test_click_to_chat_links_are_phones() -> None:
    text = "Book: wa.me/917730011224 or https://api.whatsapp.com/send?phone=919845012345"

    found = find_phones(text)

    assert [(m.value, m.rule) for m in found] == [
        ("+917730011224", "wa.me"),
        ("+919845012345", "wa.me"),
    ]


def test_landlines_need_their_trunk_zero_or_country_code() -> None:
    assert phones("Spa Koramangala 080-4123 7789, Goa office +91 (832) 245 6788") == [
        "+918041237789",
        "+918322456788",
    ]


def test_landlines_are_a_little_less_sure_than_mobiles() -> None:
    landline, mobile = find_phones("Office 022 2634 5566, mobile 98200 34567")

    assert landline.confidence < mobile.confidence


def test_word_forms_are_less_sure_than_digits() -> None:
    [words] = find_phones("nine eight two zero zero three four five six seven")
    [digits] = find_phones("98200 34567")

    assert words.confidence < digits.confidence


def test_the_same_number_twice_gives_two_mentions() -> None:
    text = "Call 98111 22336, WhatsApp same 9811122336"

    found = find_phones(text)

    assert [m.value for m in found] == ["+919811122336", "+919811122336"]
    assert found[0].start != found[1].start


def test_two_numbers_written_side_by_side_are_split() -> None:
    text = "Sonu bhai 62890 12347 / 62890 12348, Salt Lake"

    assert phones(text) == ["+916289012347", "+916289012348"]


def test_a_price_before_a_number_is_left_out_of_it() -> None:
    text = "Full night 8000 9825012346 call now"

    [mention] = find_phones(text)

    assert (mention.value, mention.raw) == ("+919825012346", "9825012346")


def test_foreign_numbers_with_their_country_code() -> None:
    assert phones("Nepal: +977 9812345678") == ["+9779812345678"]


@pytest.mark.parametrize(
    "text",
    [
        "Rates Rs 5000 per hour, 3000/- short, 12000 full night",
        "Age 21, height 5'4, figure 36-28-36, weight 52 kg",
        "Koregaon Park, Pune 411001, near lane 7",
        "Aadhaar 4521 7789 3302 verified, Aadhaar no. 9187 6543 2109",
        "Order id 1234567890 delivered, order #9876543210 shipped",
        "PNR 8523697410, txn id 7788990011, A/c no 9876543210",
        "Available 10:30 am to 11:45 pm, 24x7, 100% safe",
        "Honda Activa 2019 model, 28000 km, bought 2021",
        "Price 7000 / 900 / 500 for one, two, three hours",
        "Someone phoned at nine, done by eight, gone at one",
        "नौकरी के लिए दो लड़कियाँ चाहिए, उम्र 18 से 25, वेतन 15000",
        "Vehicle UP78EX4521, handles riya9876543210 and riya_9876543211",
        "DOB 12.08.1999, FIR 14/09/2020, Rs 23,500 seized",
    ],
)
def test_numbers_that_are_not_phones(text: str) -> None:
    assert phones(text) == []


def test_digits_glued_to_a_cue_word_count() -> None:
    assert phones("New girl in Indore Call9845012346 now") == ["+919845012346"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("919876543210", "+919876543210"),
        ("09876543210", "+919876543210"),
        ("+91 98765 43210", "+919876543210"),
        ("9876543210", "+919876543210"),
        ("2226345566", "+912226345566"),  # a field is a phone: a bare landline is kept
        ("nine eight seven six five four three two one zero", "+919876543210"),
        ("VM-HDFCBK", None),
        ("12345", None),
        ("", None),
        ("+977 9812345678", "+9779812345678"),
    ],
)
def test_normalise_phone_reads_structured_fields(raw: str, expected: str | None) -> None:
    assert normalise_phone(raw) == expected


def test_normalise_phone_for_another_region() -> None:
    assert normalise_phone("020 7946 0958", region="GB") == "+442079460958"


def _hard_cases() -> list[dict]:
    """The cases of hard_cases.jsonl, one dict a line."""
    with HARD_CASES.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("case", _hard_cases(), ids=lambda case: case["id"])
def test_hard_cases(case: dict) -> None:
    """The project's own hard cases (also scored by bench/extract_phones.py)."""
    mentions = extract_text(case["text"])
    found_phones = {m.value for m in mentions if m.kind is MentionKind.PHONE}
    found_identifiers = {
        m.value if m.kind is MentionKind.ACCOUNT else f"email:{m.value}"
        for m in mentions
        if m.kind in (MentionKind.ACCOUNT, MentionKind.EMAIL)
    }

    assert found_phones == set(case["phones"])
    assert found_identifiers == set(case["identifiers"])


def test_validation_agrees_with_phonenumbers() -> None:
    """Numbers are validated from phonenumbers' metadata without its slow parse: same answers."""
    draw = random.Random(7)
    for national in (str(draw.randrange(10**9, 10**10)) for _ in range(3000)):
        expected = phonenumbers.is_valid_number(phonenumbers.parse(national, "IN"))
        assert _valid_indian(national) is expected, national


def test_a_keycap_number_spans_its_last_keycap() -> None:
    for mark in ("\ufe0f\u20e3", "\u20e3"):
        text = "call " + "".join(digit + mark for digit in "8765432109") + " now"

        [mention] = find_phones(text)

        assert mention.raw.endswith("9" + mark)
        assert mention.value == "+918765432109"


@pytest.mark.parametrize("groups", [
    ["98765", "43210"], ["919876543210"], ["91", "98765", "43210"], ["9", "1", "9876543210"],
    ["91749", "87174", "84"], ["080", "4123", "7788"], ["0091", "9876543210"], ["1234567890"],
    ["91", "2212345678"], ["4155552671"],
])
@pytest.mark.parametrize("plus", [False, True])
def test_plain_digit_groups_read_as_their_run_would(groups: list[str], plus: bool) -> None:
    from kadiyan.extract.phones import _plain_number, _run_number

    digits = "".join(groups)
    atoms = [(0, 0, group, "d") for group in groups]

    assert _plain_number(groups, digits, plus) == _run_number(atoms, 0, len(groups) - 1,
                                                              digits, plus)


def test_the_digit_scan_leaves_out_only_runs_too_short_to_read() -> None:
    # `_RUN_DIGITS` starts a run only where the characters after it may go on with it: the
    # runs long enough to read are those of the pattern without that look ahead.
    import re

    from kadiyan.extract.phones import _DIGIT_ATOM, _GAP, _RUN_DIGITS, _SHORTEST_RUN

    plain = re.compile(_DIGIT_ATOM + "(?:" + _GAP + "(?:" + _DIGIT_ATOM + "))*")

    def long_runs(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text) if m.end() - m.start() >= _SHORTEST_RUN]

    rng = random.Random(8)
    alphabet = "0123456789९ -.,:/()+*oilxa\n\u20e3"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        assert long_runs(_RUN_DIGITS, text) == long_runs(plain, text), text
    for text in ("24x7 98765 43210", "Rs 3000/hr, 9876543210", "23, 38-30-38 - 9876543210",
                 "12     34567890123", "1 2 3 4 5 6 7", "9o8 7654 3210"):
        assert long_runs(_RUN_DIGITS, text) == long_runs(plain, text), text
    assert phones("Rs 3000/hr, 24x7 call 98765 43210") == ["+919876543210"]
