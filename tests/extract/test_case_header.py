"""The case a report is about: number, police station, district, state and date."""

from __future__ import annotations

import pytest

from kadiyan.extract.case_header import CaseHeader, case_mentions, find_case_header
from kadiyan.extract.romanise import romanise
from kadiyan.model import MentionKind


def header(text: str, infer_state: bool = False) -> dict[str, str | None]:
    """The header's fields of a text, all None when it has none."""
    found = find_case_header(text, infer_state=infer_state)
    return found.as_dict() if found else dict.fromkeys(CaseHeader().as_dict())


def test_an_english_fir_header() -> None:
    text = (
        "FIR No. 214/2025, PS Naubasta, District Kanpur Nagar, Uttar Pradesh. "
        "Date of report 14.03.2025. Sections 143(4) BNS."
    )

    found = find_case_header(text)

    assert found is not None
    assert found.as_dict() == {
        "number": "214/2025",
        "police_station": "Naubasta",
        "district": "Kanpur Nagar",
        "state": "Uttar Pradesh",
        "date": "2025-03-14",
    }
    assert {text[s:e] for s, e in found.spans.values()} == {
        "214/2025", "Naubasta", "Kanpur Nagar", "Uttar Pradesh", "14.03.2025"
    }


def test_a_hindi_press_note_header_is_romanised() -> None:
    text = (
        "थाना कोतवाली, जनपद वाराणसी। मु.अ.सं. 87/2025 धारा 143 बीएनएस। दिनांक 02.06.2025 को "
        "मुखबिर की सूचना पर छापा मारा गया।"
    )

    assert header(text) == {
        "number": "87/2025",
        "police_station": "Kotwali",
        "district": "Varanasi",
        "state": None,
        "date": "2025-06-02",
    }


def test_a_state_the_text_does_not_name_is_inferred_on_request_without_a_span() -> None:
    text = "थाना कोतवाली, जनपद वाराणसी। मु0अ0सं0 87/25"

    assert header(text)["state"] is None
    found = find_case_header(text, infer_state=True)
    assert found is not None
    assert found.state == "Uttar Pradesh"
    assert "state" not in found.spans
    assert found.number == "87/2025"  # a two-digit year made four


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crime No. 0123/24 registered at Sakinaka Police Station, Mumbai.",
         {"number": "123/2024", "police_station": "Sakinaka", "district": "Mumbai",
          "state": "Maharashtra"}),
        ("FIR No. 56 of 2024 dated 03/07/2024, P.S. Hazratganj, Distt. Lucknow",
         {"number": "56/2024", "police_station": "Hazratganj", "district": "Lucknow",
          "date": "2024-07-03", "state": "Uttar Pradesh"}),
        ("He now leads the Malvani Police Station in Mumbai.",
         {"police_station": "Malvani", "district": "Mumbai", "state": "Maharashtra"}),
        ("Case Crime No. 12/2025, thana Barra, Kanpur Nagar district",
         {"number": "12/2025", "police_station": "Barra", "district": "Kanpur Nagar",
          "state": "Uttar Pradesh"}),
        ("Police in Pune arrested two men from a lodge.",
         {"district": "Pune", "state": "Maharashtra"}),
    ],
)
def test_english_forms(text: str, expected: dict[str, str]) -> None:
    found = header(text, infer_state=True)

    assert {k: v for k, v in found.items() if v is not None} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("कानपुर पुलिस ने नौबस्ता थाने में मुकदमा अपराध संख्या 214/2025 दर्ज किया",
         {"number": "214/2025", "police_station": "Naubasta", "district": "Kanpur",
          "state": "Uttar Pradesh"}),
        ("जनपद कानपुर नगर के थाना बर्रा पुलिस ने छापा मारा",
         {"police_station": "Barra", "district": "Kanpur Nagar", "state": "Uttar Pradesh"}),
        ("उत्तर प्रदेश (Uttar Pradesh) के कानपुर (Kanpur) इलाके में रैकेट पकड़ा गया। "
         "नौबस्ता पुलिस स्टेशन में केस दर्ज किया गया है।",
         {"police_station": "Naubasta", "district": "Kanpur", "state": "Uttar Pradesh"}),
        ("थाना प्रभारी ने बताया कि किदवई नगर थाना क्षेत्र में छापा मारा गया",
         {"police_station": "Kidwai Nagar"}),
    ],
)
def test_hindi_forms(text: str, expected: dict[str, str]) -> None:
    found = header(text, infer_state=True)

    assert {k: v for k, v in found.items() if v is not None} == expected


def test_a_gloss_in_the_text_names_a_hindi_place() -> None:
    text = "बाबूपुरवा (Babupurwa) थाने की पुलिस ने छापा मारा।"

    assert header(text)["police_station"] == "Babupurwa"


def test_a_date_without_a_cue_is_not_the_case_date() -> None:
    text = "Police in Mumbai rescued five girls. — News Agency (@news) September 14, 2020"

    assert header(text)["date"] is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "VIP girls available 24x7 in Pune, call 98765 43210",
        "they ps up the price",  # `ps` and `up` in lower case are words
        "The girls were brought from Assam to Delhi.",
    ],
)
def test_texts_without_a_case(text: str) -> None:
    assert find_case_header(text) is None


def test_case_mentions_give_the_number_and_the_other_fields() -> None:
    text = "FIR No. 214/2025, PS Naubasta, District Kanpur Nagar, Uttar Pradesh."

    [mention] = case_mentions(text)

    assert mention.kind is MentionKind.CASE
    assert mention.value == "214/2025" == mention.raw == text[mention.start : mention.end]
    assert mention.extra == {
        "police_station": "Naubasta",
        "district": "Kanpur Nagar",
        "state": "Uttar Pradesh",
        "state_inferred": None,
        "date": None,
    }


def test_case_mentions_keep_an_inferred_state_apart() -> None:
    [mention] = case_mentions("थाना कोतवाली, जनपद वाराणसी। मु0अ0सं0 87/2025")

    assert (mention.extra["state"], mention.extra["state_inferred"]) == (None, "Uttar Pradesh")


def test_no_case_mention_without_a_number() -> None:
    assert case_mentions("He leads the Malvani Police Station in Mumbai.") == []


@pytest.mark.parametrize(
    ("hindi", "latin"),
    [
        ("कोतवाली", "Kotwali"), ("नौबस्ता", "Naubasta"), ("कल्याणपुर", "Kalyanpur"),
        ("रामनगर", "Ramnagar"), ("चकेरी", "Chakeri"), ("गोविंद नगर", "Govind Nagar"),
        ("हज़रतगंज", "Hazratganj"),
    ],
)
def test_police_station_names_are_romanised_as_they_are_spelt(hindi: str, latin: str) -> None:
    assert romanise(hindi) == latin
