"""Sections of law: lists of sections with their act, in English and Hindi, one per section."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.law import equivalent_section, find_sections
from kadiyan.model import MentionKind


def sections(text: str) -> list[str]:
    """The section values found in a text, in order."""
    return [m.value for m in find_sections(text)]


def test_an_fir_header_gives_one_mention_per_section() -> None:
    text = "FIR No. 214/2025, PS Naubasta. Sections 143(4), 144(2) BNS and 3, 4, 5 ITPA."

    found = find_sections(text)

    assert [m.value for m in found] == ["BNS 143(4)", "BNS 144(2)", "ITPA 3", "ITPA 4", "ITPA 5"]
    assert all(m.kind is MentionKind.SECTION for m in found)
    first = found[0]
    assert text[first.start : first.end] == first.raw == "143(4)"
    assert first.extra == {
        "act": "BNS", "section": "143", "sub": "(4)", "equivalent": "IPC 370(4)"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Section 143(4) BNS", ["BNS 143(4)"]),
        ("u/s 370, 370A IPC", ["IPC 370", "IPC 370A"]),
        ("sections 3/4/5 ITPA", ["ITPA 3", "ITPA 4", "ITPA 5"]),
        ("IPC 366-A", ["IPC 366A"]),
        ("u/s 370 r/w 120-B IPC", ["IPC 370", "IPC 120B"]),
        ("Sections 370 and 34 of the Indian Penal Code", ["IPC 370", "IPC 34"]),
        ("sections 3, 4 and 5 of the Immoral Traffic (Prevention) Act, 1956",
         ["ITPA 3", "ITPA 4", "ITPA 5"]),
        ("Section 17 of the POCSO Act and section 75 of the JJ Act", ["POCSO 17", "JJ 75"]),
        ("u/s 173 Cr.P.C. and s. 187(3) BNSS", ["CrPC 173", "BNSS 187(3)"]),
        ("BNSS section 183", ["BNSS 183"]),
    ],
)
def test_english_forms(text: str, expected: list[str]) -> None:
    assert sections(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("धारा 143(4), 144(2) बीएनएस", ["BNS 143(4)", "BNS 144(2)"]),
        ("धारा 143 बीएनएस व 3/4/5 अनैतिक देह व्यापार (निवारण) अधिनियम",
         ["BNS 143", "ITPA 3", "ITPA 4", "ITPA 5"]),
        ("धारा ३/४/५ अनैतिक व्यापार अधिनियम", ["ITPA 3", "ITPA 4", "ITPA 5"]),
        ("धारा 370 व 370ए भादवि एवं 3/4 पीटा एक्ट", ["IPC 370", "IPC 370A", "ITPA 3", "ITPA 4"]),
        ("भारतीय न्याय संहिता की धारा 143", ["BNS 143"]),
        ("आईपीसी की धारा 370 और 372", ["IPC 370", "IPC 372"]),
        ("धारा 98 बीएनएस तथा 16 पॉक्सो अधिनियम", ["BNS 98", "POCSO 16"]),
        ("भा0द0वि0 की धारा 366", ["IPC 366"]),
    ],
)
def test_hindi_forms(text: str, expected: list[str]) -> None:
    assert sections(text) == expected


def test_a_section_word_without_an_act_takes_the_act_named_nearby() -> None:
    text = "A case was registered under the ITPA. The owner was charged under s. 5(1)(a)."

    [mention] = find_sections(text)

    assert mention.value == "ITPA 5(1)(a)"
    assert mention.extra["sub"] == "(1)(a)"
    assert mention.rule == "context" and mention.confidence < 0.9


def test_a_section_word_in_a_text_that_names_no_act_gives_nothing() -> None:
    assert sections("He was booked under section 8 last year.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Immoral Traffic (Prevention) Act, 1956",  # the year of an act
        "BNS 2023 came into force on 1 July 2024",
        "under ITPA 3 women were rescued",  # a count after an act
        "rescued 9 girls and arrested 11 under IPC",
        "Rs. 5000, 3 girls, P.S. Naubasta",
        "a case under the POCSO Act was registered on 14.03.2025",
        "Call 98765 43210, age 19, 36-24-36",
    ],
)
def test_numbers_that_are_no_sections(text: str) -> None:
    assert sections(text) == []


def test_bns_is_not_read_inside_bnss() -> None:
    assert sections("u/s 183 BNSS") == ["BNSS 183"]


@pytest.mark.parametrize(
    ("act", "section", "sub", "expected"),
    [
        ("IPC", "370", None, "BNS 143"),
        ("BNS", "143", "(4)", "IPC 370(4)"),  # the subsections carried over
        ("IPC", "370A", None, "BNS 144"),
        ("IPC", "366A", None, "BNS 96"),
        ("BNS", "98", None, "IPC 372"),
        ("CrPC", "167", "(2)", "BNSS 187(3)"),  # a row that maps the subsection itself
        ("BNSS", "183", None, "CrPC 164"),
        ("BNS", "61", "(2)", "IPC 120B"),
        ("ITPA", "3", None, None),
        ("IPC", "999", None, None),
    ],
)
def test_old_and_new_sections_map_both_ways(
    act: str, section: str, sub: str | None, expected: str | None
) -> None:
    assert equivalent_section(act, section, sub) == expected


def test_equivalents_are_in_the_mentions() -> None:
    found = find_sections("u/s 370, 372 IPC and 164 CrPC")

    assert [m.extra["equivalent"] for m in found] == ["BNS 143", "BNS 98", "BNSS 183"]


PIECES = st.sampled_from(
    [
        "3", "143", "(4)", "(a)", "370", "-A", "/", ",", " ", " and ", " व ", "Section ", "u/s ",
        "s. ", "धारा ", "IPC", "BNS", "BNSS", "बीएनएस", "ITPA", "अनैतिक देह व्यापार", "(निवारण)",
        " अधिनियम", "Act, 1956", "of the ", "१४३", ".", "\n", "İ", "ड़", "\u093c",
    ]
)
TEXTS = st.one_of(st.text(max_size=120), st.lists(PIECES, max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_never_raises_and_spans_index_the_text(text: str) -> None:
    found = find_sections(text)

    assert found == find_sections(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.raw
        assert 0.0 < mention.confidence <= 1.0
        assert mention.value.split()[0] == mention.extra["act"]
