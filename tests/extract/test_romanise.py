"""Devanagari names in everyday Latin spelling, and keys on which spellings of a name meet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.romanise import name_key, romanise


@pytest.mark.parametrize(
    ("devanagari", "latin"),
    [
        ("सुरेश यादव", "Suresh Yadav"),  # final schwa dropped: यादव is Yadav, not Yadava
        ("कमला", "Kamla"),  # medial schwa dropped between syllables that stand alone
        ("जगदीश", "Jagdish"),
        ("शबनम", "Shabnam"),
        ("सुरेन्द्र", "Surendra"),  # kept after a cluster ending in r
        ("अरविंद", "Arvind"),  # but dropped after nd
        ("दिनेश तिवारी", "Dinesh Tiwari"),  # व before ā is w
        ("भगवान", "Bhagwan"),  # and after a consonant
        ("गीता देवी", "Gita Devi"),  # long vowels lose their marks
        ("फारूक", "Faruk"),  # फ is f
        ("ज़ाकिर", "Zakir"),  # nukta letters
        ("लक्ष्मण", "Lakshman"),
        ("ज्ञानेंद्र", "Gyanendra"),
        ("संजना", "Sanjana"),  # a nasal before a consonant keeps the schwa after it
    ],
)
def test_names_are_spelt_as_indians_write_them(devanagari: str, latin: str) -> None:
    assert romanise(devanagari) == latin


def test_compound_names_are_romanised_part_by_part() -> None:
    # Read as one word, the schwa rule would drop the wrong vowel (`Amranath`).
    assert romanise("अमरनाथ") == "Amarnath"
    assert romanise("मोहनलाल") == "Mohanlal"
    assert romanise("सुखविंदर") == "Sukhwinder"


def test_names_the_rules_miss_come_from_the_exception_table() -> None:
    assert romanise("सिंह") == "Singh"
    assert romanise("चौधरी") == "Chaudhary"


def test_other_text_is_kept_and_devanagari_digits_become_ascii() -> None:
    assert romanise("अनिल (Anil), २९ वर्ष।") == "Anil (Anil), 29 Varsh."
    assert romanise("Call 98765") == "Call 98765"
    assert romanise("") == ""


@pytest.mark.parametrize(
    "spellings",
    [
        ["Aashish", "Ashish", "आशीष"],
        ["Singh", "Sing", "SINGH", "सिंह"],
        ["Pappu", "Papu", "पप्पू"],
        ["Kamala", "Kamla", "कमला"],
        ["Mohd. Salim", "Mohammad Salim", "Muhammad Saleem", "मोहम्मद सलीम"],
        ["Preeti", "Priti", "प्रीति"],
        ["Surender", "Surendra", "सुरेन्द्र", "सुरेंद्र"],
        ["Chaudhary", "Choudhary", "Chaudhari", "चौधरी"],
        ["Tiwari", "Tiwary", "तिवारी"],
        ["Farooq", "Faruk", "फारूक"],
        ["Vikram", "Wikram", "विक्रम"],
    ],
)
def test_spelling_variants_meet_on_one_key(spellings: list[str]) -> None:
    keys = {name_key(spelling) for spelling in spellings}

    assert len(keys) == 1
    assert keys.pop().isascii()


def test_different_names_keep_different_keys() -> None:
    assert name_key("Ramesh Kumar") != name_key("Suresh Kumar")
    assert name_key("Khan") != name_key("Kan")
    assert name_key("Kamla") != name_key("Kamal")


def test_keys_ignore_case_punctuation_and_spacing() -> None:
    assert name_key("  ramesh   KUMAR ") == name_key("Ramesh Kumar") == "rames kumar"
    assert name_key("") == ""


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_romanises_without_error(text: str) -> None:
    assert isinstance(romanise(text), str)
    key = name_key(text)
    assert key == name_key(text)
    assert key.isascii()
