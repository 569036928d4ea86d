"""Vehicle registration marks in case reports and ads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.vehicles import find_vehicles
from kadiyan.model import MentionKind


def values(text: str) -> list[str]:
    """The registration marks a text gives, in order."""
    return [m.value for m in find_vehicles(text)]


def test_a_seized_car_in_an_fir() -> None:
    text = "Seized: 4 mobile phones, Rs 23,500 in cash, one Maruti Swift UP78 EX 4521."

    [mention] = find_vehicles(text)

    assert mention.kind is MentionKind.VEHICLE
    assert mention.value == "UP78EX4521"
    assert mention.raw == text[mention.start : mention.end] == "UP78 EX 4521"
    assert mention.extra == {"state": "UP", "district": "78", "series": "EX", "number": "4521"}
    assert mention.confidence >= 0.9


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("UP78 EX 4521", "UP78EX4521"),
        ("up-78-ex-4521", "UP78EX4521"),
        ("UP78EX4521", "UP78EX4521"),
        ("MH.12.AB.1234", "MH12AB1234"),
        ("DL 1C AA 1111", "DL1CAA1111"),
        ("KA 05 MG 2023", "KA05MG2023"),
        ("TS09EA1234", "TS09EA1234"),
        ("MH12AB123", "MH12AB123"),
    ],
)
def test_ways_of_writing_a_mark(written: str, value: str) -> None:
    assert values(f"vehicle {written} seized") == [value]


def test_a_bharat_series_mark() -> None:
    [mention] = find_vehicles("Innova 22 BH 1234 AA was seen at the toll plaza")

    assert mention.value == "22BH1234AA"
    assert mention.extra == {"bharat": True, "year": "22", "number": "1234", "series": "AA"}


def test_marks_in_a_hindi_report() -> None:
    text = "मौके से स्कॉर्पियो UP32 BX 7777 व मोटरसाइकिल UP-65-AZ-0912 बरामद"

    assert values(text) == ["UP32BX7777", "UP65AZ0912"]


@pytest.mark.parametrize(
    "text",
    [
        "XX12AB1234",  # no such state code
        "AMH12AB1234",  # inside a longer code
        "MH12AB12345",  # a number too long
        "UP78 EX 4521X",
        "call 98765 43210 or 0522-2612345",
        "UP78 is the district code",  # a code and a district alone are no mark
        "meeting ka 10 am 1230 tak",  # lower case, a time by chance
        "mh12ab123",  # lower case needs the full form
        "GJ 5 1234",  # no series: in text, a word and a number
    ],
)
def test_what_is_not_a_mark(text: str) -> None:
    assert values(text) == []


PIECES = st.sampled_from(
    ["UP", "78", "EX", "4521", " ", "-", ".", "up", "bh", "22", "AA", "1", "İ", "ß", "९",
     "DL", "1C", "x", "0", "\n"]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_true_spans_and_the_same_answer_twice(text: str) -> None:
    mentions = find_vehicles(text)

    assert mentions == find_vehicles(text)
    for m in mentions:
        assert text[m.start : m.end] == m.raw
        assert m.value.isalnum() and m.value == m.value.upper()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UP78EX4521", ["UP78EX4521"]),
        ("(UP-78-EX-4521)", ["UP78EX4521"]),
        ("no.MH12AB1234, and 22BH1234AA", ["MH12AB1234", "22BH1234AA"]),
        ("ऑल्टो DL 1C AA 1111।", ["DL1CAA1111"]),
    ],
)
def test_marks_at_the_edges_of_a_text_and_after_signs(text: str, expected: list[str]) -> None:
    assert values(text) == expected


SEPARATORS = st.sampled_from(["", " ", "-", ".", "  ", ". "])
# Marks and near-marks in any case and spacing, among other text.
MARKS = st.tuples(
    st.sampled_from(["UP", "up", "DL", "Mh", "KA", "TS", "or", "XX", "22", "7"]), SEPARATORS,
    st.sampled_from(["78", "1", "05", "BH", "bh"]), SEPARATORS,
    st.sampled_from(["EX", "c", "AB", "ABC", "1234", "am"]), SEPARATORS,
    st.sampled_from(["4521", "123", "1", "AA", "x"]),
).map("".join)
WITH_MARKS = st.lists(st.one_of(PIECES, MARKS), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, WITH_MARKS))
def test_the_quick_look_for_a_state_code_loses_no_mark(text: str) -> None:
    import re

    from kadiyan.extract import vehicles

    found = find_vehicles(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vehicles, "_cue", lambda: re.compile(""))  # every text looked at whole
        assert find_vehicles(text) == found
