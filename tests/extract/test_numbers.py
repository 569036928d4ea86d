"""Counts of people, sums of money and dates, in English and Hindi."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.numbers import (
    count_totals,
    find_counts,
    find_dates,
    find_money,
    number_value,
    spelling_pattern,
)
from kadiyan.model import MentionKind


def totals(text: str) -> dict[str, int]:
    """The text's counts that are stated, by kind."""
    return {k: v for k, v in count_totals(find_counts(text)).items() if v is not None}


# Counts ---------------------------------------------------------------------------------

ENGLISH_FIR = (
    "FIR No. 31/2025, PS Chakeri, District Kanpur Nagar. On a tip-off, a team raided a "
    "guest house near the highway. Eight women were rescued, three of whom appear to be "
    "minors. Arrested: Ramesh Kumar urf Pappu; Sunil Verma (41), who managed the guest "
    "house; and three customers. Seized: 6 mobile phones and Rs 14,000 in cash."
)
HINDI_PRESS_NOTE = (
    "थाना बर्रा, जनपद कानपुर नगर। मु0अ0सं0 45/2025 धारा 143 बीएनएस व 3/4/5 अनैतिक देह व्यापार "
    "(निवारण) अधिनियम। दिनांक 11.04.2025 को मुखबिर की सूचना पर एक मकान से पांच युवतियों को "
    "मुक्त कराया गया, जिनमें दो नाबालिग हैं। मौके से अभियुक्त सुरेश यादव उर्फ सोनू पुत्र राम "
    "प्रकाश निवासी घाटमपुर (उम्र 34 वर्ष), महेश गुप्ता तथा एक अन्य को गिरफ्तार किया गया।"
)
NEWS_REPORT = (
    "Police busted a racket running from a spa in Sector 29 and rescued 12 women, including "
    "four minors. The owner of the spa was arrested on Sunday. Two more accused were "
    "arrested on Monday, taking the number of arrests in the case to three, police said."
)
HINDI_NEWS = (
    "लखनऊ: पुलिस ने होटल पर छापा मारकर देह व्यापार के गिरोह का भंडाफोड़ किया। होटल मैनेजर को "
    "पहले ही गिरफ्तार कर लिया गया था। बाद में दलाल और ग्राहक सहित कुल सात लोगों को गिरफ्तार "
    "किया गया है, जबकि चार लड़कियों को बचाया गया है। आरोपियों को पकड़ने के लिए टीम बनाई गई थी।"
)

CITY_NEWS = (
    "Mumbai: The Anti-Human Trafficking Unit of the crime branch has arrested three persons, "
    "including a woman, for running a prostitution racket in Andheri. Police said two minor "
    "girls and a 22-year-old woman were rescued during the raid on Tuesday."
)
HINDI_DETENTION = (
    "गोरखपुर। कैंट थाना क्षेत्र के एक होटल में पुलिस ने शनिवार को छापा मारा। मौके से छह युवतियों और "
    "चार युवकों को हिरासत में लिया गया। होटल संचालक समेत पांच लोगों को गिरफ्तार कर जेल भेज दिया गया।"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH_FIR, {"rescued": 8, "arrested": 5, "minors": 3}),
        (CITY_NEWS, {"rescued": 3, "arrested": 3, "minors": 2}),  # two groups joined: 2 + 1
        (HINDI_DETENTION, {"arrested": 5}),  # those detained are not the arrested
        (HINDI_PRESS_NOTE, {"rescued": 5, "arrested": 3, "minors": 2}),
        (NEWS_REPORT, {"rescued": 12, "arrested": 3, "minors": 4}),
        (HINDI_NEWS, {"rescued": 4, "arrested": 7}),
    ],
)
def test_whole_reports(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six women were rescued.", {"rescued": 6}),
        ("Police rescued 9 women and arrested three men.", {"rescued": 9, "arrested": 3}),
        ("nine girls were rescued from the hotel", {"rescued": 9}),
        ("Nine girls, including two minors, were rescued.", {"rescued": 9, "minors": 2}),
        ("Two customers who were present were also arrested.", {"arrested": 2}),
        ("A total of 14 people were arrested and 7 girls rescued.",
         {"arrested": 14, "rescued": 7}),
        ("twenty-one women were freed", {"rescued": 21}),
        ("As many as 23 children were rescued from a factory.", {"rescued": 23, "minors": 23}),
        ("Police have arrested a 35-year-old woman.", {"arrested": 1}),
        ("The police rescued a minor girl from the brothel.", {"rescued": 1, "minors": 1}),
        ("Eleven persons including the kingpin were held.", {"arrested": 11}),
        ("11 arrested, 9 rescued in raid", {"arrested": 11, "rescued": 9}),
        ("The team rescued 1,200 bonded labourers.", {"rescued": 1200}),
        ("He was arrested from Lucknow.", {"arrested": 1}),
    ],
)
def test_english_counts(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("नौ लड़कियों को मुक्त कराया गया।", {"rescued": 9}),
        ("पुलिस ने ग्यारह लोगों को गिरफ्तार किया है।", {"arrested": 11}),
        ("नेपाल की तीन युवतियों को मुक्त कराया गया, जिनमें एक नाबालिग है।",
         {"rescued": 3, "minors": 1}),
        ("छापे में दो नाबालिग लड़कियां बरामद हुईं।", {"rescued": 2, "minors": 2}),
        ("सेक्स रैकेट का भंडाफोड़, 5 गिरफ्तार", {"arrested": 5}),
        ("गिरफ्तार किए गए तीन आरोपियों के पास से मोबाइल मिले।", {"arrested": 3}),
        ("पुलिस ने मौके से संचालक को गिरफ्तार कर लिया।", {"arrested": 1}),
        ("रमेश कुमार उर्फ पप्पू, सुरेश यादव व एक अन्य को गिरफ्तार किया गया।", {"arrested": 3}),
        ("मुक्त कराई गई लड़कियों में तीन नाबालिग हैं।", {"minors": 3}),
        ("20 साल की एक युवती को मुक्त कराया गया।", {"rescued": 1}),
    ],
)
def test_hindi_counts(text: str, expected: dict[str, int]) -> None:
    assert totals(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "आरोपियों को पकड़ने के लिए टीम गठित की गई है।",  # an intent, not an arrest
        "Police arrested the accused and rescued the victims.",  # no number given
        "The girls said they were lured with offers of jobs in hotels.",
        "Seized: 21 mobile phones, two motorcycles and Rs 20,000.",
        "Young girls available 24x7, call 98765 43210",
        "Police are trying to rescue 5 girls held captive.",
    ],
)
def test_no_counts(text: str) -> None:
    assert totals(text) == {}


def test_a_verb_after_and_belongs_to_another_subject() -> None:
    text = "Seven women were brought from Assam and their trafficker was arrested."

    assert totals(text) == {"arrested": 1}


def test_a_stated_total_counts() -> None:
    text = "Police arrested two more accused, taking the total number of arrests to 8."

    assert totals(text) == {"arrested": 8}


def test_numbered_list_of_the_arrested() -> None:
    text = (
        "गिरफ्तार अभियुक्तों का विवरण- 1. रमेश कुमार पुत्र श्याम लाल 2. सुरेश यादव "
        "3. मोहन लाल निवासी बिठूर"
    )

    assert totals(text) == {"arrested": 3}


def test_the_largest_count_of_a_kind_is_the_total() -> None:
    text = (
        "पुलिस ने पहले संचालक को गिरफ्तार किया। बाद में कुल ग्यारह लोगों को गिरफ्तार किया गया।"
    )

    found = find_counts(text)

    assert sorted(m.value for m in found) == ["arrested:1", "arrested:11"]
    assert count_totals(found)["arrested"] == 11
    total = next(m for m in found if m.extra["n"] == 11)
    assert total.extra == {"what": "arrested", "n": 11, "total": True}
    assert total.kind is MentionKind.COUNT
    assert text[total.start : total.end] == total.raw



def test_counts_said_to_be_more_add_to_the_figure_before_them() -> None:
    hindi = (
        "मौके से अभियुक्त रमेश कुमार निवासी बिठूर को गिरफ्तार किया गया। "
        "तीन ग्राहकों को भी गिरफ्तार किया गया।"
    )
    english = (
        "Six women were rescued and two men were arrested. Three customers were also arrested."
    )

    assert totals(hindi) == {"arrested": 4}
    assert totals(english) == {"rescued": 6, "arrested": 5}
    # A figure stated after them that already holds them is the figure.
    assert totals(english + " In all, 5 persons were arrested.") == {"rescued": 6, "arrested": 5}
    # More after a stated total are more.
    assert totals(
        "बाद में कुल ग्यारह लोगों को गिरफ्तार किया गया। दो अन्य को भी गिरफ्तार किया गया।"
    ) == {"arrested": 13}

def test_count_totals_of_nothing_are_none() -> None:
    assert count_totals([]) == {"rescued": None, "arrested": None, "minors": None}


# Money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rupees", "raw"),
    [
        ("Seized Rs 23,500 in cash", "23500", "Rs 23,500"),
        ("₹1.5 lakh was recovered", "150000", "₹1.5 lakh"),
        ("Rs. 2,50,000/- recovered", "250000", "Rs. 2,50,000/-"),
        ("Price: 3000/- for 1 hr", "3000", "3000/-"),
        ("5000 rs full night", "5000", "5000 rs"),
        ("Rs 5k per shot", "5000", "Rs 5k"),
        ("INR 12,000", "12000", "INR 12,000"),
        ("कब्जे से 11,200 रुपये नकद बरामद", "11200", "11,200 रुपये"),
        ("डेढ़ लाख रुपये में सौदा", "150000", "डेढ़ लाख रुपये"),
        ("डेढ़ लाख की नकदी", "150000", "डेढ़ लाख"),
        ("साढ़े तीन लाख में बेचा", "350000", "साढ़े तीन लाख"),
        ("पांच हजार रुपये प्रति घंटा", "5000", "पांच हजार रुपये"),
        ("2 करोड़ रुपये का लेनदेन", "20000000", "2 करोड़ रुपये"),
        ("रु. 500 लिए", "500", "रु. 500"),
        ("twenty thousand rupees", "20000", "twenty thousand rupees"),
    ],
)
def test_money(text: str, rupees: str, raw: str) -> None:
    [mention] = find_money(text)

    assert mention.kind is MentionKind.MONEY
    assert mention.value == rupees and mention.extra["rupees"] == int(rupees)
    assert mention.raw == raw == text[mention.start : mention.end]


@pytest.mark.parametrize(
    "text",
    ["open 12 hrs", "डेढ़ लाख लोग पहुंचे", "age 19, 36-24-36", "Rsvp 5 guests", "call 98765 43210"],
)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


def test_a_bare_hindi_amount_is_less_sure_than_one_with_a_currency() -> None:
    [bare] = find_money("डेढ़ लाख की नकदी")
    [written] = find_money("डेढ़ लाख रुपये")

    assert bare.confidence < written.confidence
    assert (bare.extra["currency_written"], written.extra["currency_written"]) == (False, True)


# Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("14.03.2025", "2025-03-14"),
        ("14/03/2025", "2025-03-14"),
        ("14-03-2025", "2025-03-14"),
        ("14.03.25", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        ("14th March, 2025", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("14 मार्च 2025", "2025-03-14"),
        ("१४.०३.२०२५", "2025-03-14"),
        ("2025-03-14", "2025-03-14"),
        ("03/14/2025", "2025-03-14"),  # cannot be day first
    ],
)
def test_dates(text: str, iso: str) -> None:
    [mention] = find_dates(text)

    assert mention.kind is MentionKind.DATE
    assert mention.value == iso
    assert mention.raw == text


def test_a_date_keeps_the_word_that_introduces_it() -> None:
    [hindi] = find_dates("दिनांक 02.06.2025 को छापा मारा गया")
    [english] = find_dates("FIR No. 56/2024 dated 03/07/2024")

    assert (hindi.value, hindi.extra["cue"]) == ("2025-06-02", "दिनांक")
    assert (english.value, english.extra["cue"]) == ("2024-07-03", "dated")


@pytest.mark.parametrize(
    "text", ["31.02.2025", "3/4/5 ITPA", "FIR 214/2025", "98765 43210", "12:30", "14 March"]
)
def test_no_dates(text: str) -> None:
    assert find_dates(text) == []


# Number words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("eleven", 11), ("Twenty-one", 21), ("ninety nine", 99), ("ग्यारह", 11),
        ("इक्कीस", 21), ("निन्यानबे", 99), ("डेढ़", 1.5), ("डेढ़", 1.5), ("ढाई", 2.5),
        ("साढ़े तीन", 3.5), ("सवा दो", 2.25), ("११", 11), ("23,500", 23500), ("1.5", 1.5),
        ("lots", None), ("", None),
    ],
)
def test_number_value(word: str, value: float | None) -> None:
    assert number_value(word) == value


def test_spelling_pattern_accepts_both_nukta_spellings() -> None:
    import re

    pattern = re.compile(spelling_pattern("लड़कियाँ"))

    for spelling in ("लड़कियाँ", "लड\u093cकियाँ", "लडकियां", "लड़कियां"):
        assert pattern.fullmatch(spelling)


# Properties -----------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "9", "14", "03", "2025", ".", "/", "-", ",", " ", "(", ")", ":", ";", "\n", "।",
        "rescued", "arrested", "were", "girls", "women", "minors", "two of whom", "a ", "the ",
        "He was ", "Arrested: ", "1. ", "and", "नौ", "लड़कियों", "को", "गिरफ्तार", "मुक्त",
        "कराया", "गया", "तथा", "नाबालिग", "कुल", "Rs ", "₹", "/-", "लाख", "डेढ़", "रुपये",
        "lakh", "March", "मार्च", "दिनांक ", "İ", "ß", "\u093c", "\u0902",
    ]
)
TEXTS = st.one_of(st.text(max_size=150), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_never_raise_and_spans_index_the_text(text: str) -> None:
    for extractor in (find_counts, find_money, find_dates):
        found = extractor(text)
        assert found == extractor(text)
        for mention in found:
            assert text[mention.start : mention.end] == mention.raw
            assert 0.0 < mention.confidence <= 1.0
    counts = find_counts(text)
    for mention in counts:
        assert mention.value == f"{mention.extra['what']}:{mention.extra['n']}"
    # extract_text keeps one mention per span and kind: counts must not share spans.
    assert len({(m.start, m.end) for m in counts}) == len(counts)
