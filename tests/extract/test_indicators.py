"""Weak trafficking indicators in ads: what each code reads, in English, Hinglish and Hindi."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.indicators import CODES, find_indicators
from kadiyan.model import MentionKind

LEXICON = tomllib.loads(
    files("kadiyan.extract").joinpath("data", "indicators.toml").read_text("utf-8")
)


def codes(text: str) -> set[str]:
    """The indicator codes a text raises."""
    return {m.value for m in find_indicators(text)}


def test_an_escort_ad_raises_its_codes_with_the_phrases_that_show_them() -> None:
    text = (
        "VIP independent college girls available in Pune 24x7, hotel and home service, "
        "100% safe and secure. Call Riya 98765 43210"
    )

    found = {(m.value, m.raw) for m in find_indicators(text)}

    assert found == {
        ("youth", "college girls"),
        ("always_available", "24x7"),
        ("hotel_home_service", "hotel and home service"),
        ("safe_secure", "100% safe and secure"),
    }


def test_a_mention_explains_itself() -> None:
    text = "New girls every week, cash only"

    mentions = find_indicators(text)
    cash = next(m for m in mentions if m.value == "cash_only")

    assert cash.kind is MentionKind.INDICATOR
    assert cash.raw == text[cash.start : cash.end] == "cash only"
    assert cash.extra["phrase"] == "cash only"
    assert cash.extra["lang"] == "en"
    assert cash.extra["explanation"].startswith("'cash only' ")
    assert cash.extra["explanation"].endswith("(cash_only)")
    assert all(0.5 <= m.confidence <= 0.8 for m in mentions)
    assert all(m.rule.startswith("indicator_") for m in mentions)


def test_one_phrase_may_show_several_codes() -> None:
    found = {(m.value, m.raw) for m in find_indicators("Fresh stock every week")}

    assert found == {
        ("youth", "Fresh stock"),
        ("third_person", "Fresh stock"),
        ("movement", "Fresh stock every week"),
    }


def test_within_a_code_phrases_do_not_overlap() -> None:
    mentions = [m for m in find_indicators("100% safe and secure") if m.value == "safe_secure"]

    assert [m.raw for m in mentions] == ["100% safe and secure"]


def test_hinglish_ads() -> None:
    text = "Jaipur me nayi college wali ladkiyan, hotel me service, din raat, sirf cash"

    mentions = find_indicators(text)

    assert {m.value for m in mentions} == {
        "youth", "hotel_home_service", "always_available", "cash_only",
    }
    assert {m.extra["lang"] for m in mentions} == {"hinglish"}


def test_hindi_ads() -> None:
    text = "हमारे पास नई नेपाली लड़कियाँ हैं, होटल और घर पर सर्विस, 24 घंटे, सिर्फ़ व्हाट्सएप"

    mentions = find_indicators(text)

    assert {m.value for m in mentions} == {
        "third_person", "youth", "foreign", "hotel_home_service", "always_available",
        "messaging_only",
    }
    assert {m.extra["lang"] for m in mentions} == {"hi"}


def test_nukta_letters_are_read_either_way() -> None:
    decomposed = "नई ल\u0921\u093cकियाँ"
    precomposed = "नई ल\u095cकियाँ"

    assert codes(decomposed) == codes(precomposed) == {"youth"}


def test_case_and_spacing_do_not_matter() -> None:
    assert codes("NEW GIRLS EVERY WEEK") == codes("new  girls\nevery week") == {
        "youth", "movement",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian and Kazakh beauties visiting Hyderabad for one week only",
         {"foreign", "movement"}),
        ("Pune Viman Nagar. 20+ girls to choose from, pay cash on meeting",
         {"multiple_women", "cash_only"}),
        ("Only for 2 days in Chandigarh, sweet 19 model, text me on WA, no calls",
         {"movement", "youth", "messaging_only"}),
        ("दिल्ली में विदेशी मॉडल उपलब्ध, 24 घंटे सेवा, पूरी तरह सुरक्षित",
         {"foreign", "always_available", "safe_secure"}),
        ("Call our booking manager for Thai and Filipino models, pay at hotel",
         {"third_person", "foreign", "hotel_home_service", "cash_only"}),
        ("Teen girls available Noida, doorstep service, contact on Signal",
         {"youth", "hotel_home_service", "messaging_only"}),
    ],
)
def test_invented_ads(text: str, expected: set[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Flat for rent in Kothrud, 2BHK, semi furnished, call owner 9822012345",
        "Nepali momos and thukpa, order on Swiggy",
        "Young professional looking for PG accommodation near college road",
        "Bangalore massage parlour, trained therapists, open 10 am to 9 pm",
        "Selling used Honda Activa 2019 model, 28000 km, call 9876512340",
        "Mumbai me VIP model chahiye to call karo",
        "Height 5 feet 6, weight 55 kg, available 11 am to 11 pm",
    ],
)
def test_ordinary_ads_raise_nothing(text: str) -> None:
    assert codes(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Thai massage and spa",  # a kind of massage, not a woman's origin
        "Nepali food, Russian language classes",
        "Bengali girls available",  # Indian regional origin is not an indicator at all
        "A Nepali woman was rescued from the hotel",  # a victim described, not an offer
        "नेपाल की युवतियों को मुक्त कराया गया",
        "She travels alone",
    ],
)
def test_no_indicator_rests_on_origin_or_person_alone(text: str) -> None:
    assert "foreign" not in codes(text)


@pytest.mark.parametrize("text", [
    "full time job, full safe service", "full full safe", "full time, full time, full safe",
])
def test_a_word_said_again_is_read_where_its_phrase_goes_on(text: str) -> None:
    # `full` starts a phrase only before `safe`: the sayings before it are passed over.
    found = [(m.value, m.start, m.raw) for m in find_indicators(text)]

    assert found == [("safe_secure", text.rindex("full"), "full safe")]


def test_a_victim_count_in_a_case_report_is_no_offer_of_many_women() -> None:
    assert "multiple_women" not in codes("Two women were rescued from a lodge in Nagpur")
    assert "multiple_women" in codes("Two women available in Nagpur")


def test_whatsapp_as_a_link_or_a_group_is_not_messaging_only() -> None:
    assert "messaging_only" not in codes("Book now: wa.me/919730011223")
    assert "messaging_only" not in codes("Join our WhatsApp group for pics")
    assert "messaging_only" in codes("call/WhatsApp 98220 14756")


def test_emoji_and_symbols_count_as_spaces() -> None:
    assert codes("college girls💋24x7") == {"youth", "always_available"}
    assert codes("💋college girls 🔥new🔥 in town") == {"youth", "movement"}
    assert codes("college\u00a0girls, full safe…") == {"youth", "safe_secure"}


@pytest.mark.parametrize(
    ("code", "phrase"),
    [(code, phrase) for code, spec in LEXICON["codes"].items() for phrase in spec["examples"]],
)
def test_every_lexicon_example_is_found(code: str, phrase: str) -> None:
    assert code in codes(phrase), f"{phrase!r} should show {code}"


@pytest.mark.parametrize(
    ("code", "phrase"),
    [(code, phrase) for code, spec in LEXICON["codes"].items()
     for phrase in spec.get("counter", ())],
)
def test_no_lexicon_counter_example_is_found(code: str, phrase: str) -> None:
    assert code not in codes(phrase), f"{phrase!r} should not show {code}"


def test_the_lexicon_covers_exactly_the_ten_codes() -> None:
    assert set(LEXICON["codes"]) == set(CODES)
    assert len(CODES) == 10


def test_every_pattern_has_a_known_start() -> None:
    # A pattern whose start cannot be worked out is tried at every word: correct, but slow.
    from kadiyan.extract.indicators import _lexicon

    assert _lexicon().anywhere == ()


PIECES = st.sampled_from(
    ["girls", "new", " ", ",", "24x7", "नई", "लड़कियाँ", "ल\u095cकी", "💋", "İ", "ß", "\u200b",
     "our", "only", "cash", "3 days", "whatsapp", "hotel", "age 19", "१९", "\n", "Russian",
     "5", "+", "फ़", "।", "x", "-", "@", "wa.me/"]
)
TEXTS = st.one_of(st.text(max_size=120), st.lists(PIECES, max_size=25).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_true_spans_and_the_same_answer_twice(text: str) -> None:
    mentions = find_indicators(text)

    assert mentions == find_indicators(text)
    for m in mentions:
        assert text[m.start : m.end] == m.raw == m.extra["phrase"]
        assert m.value in CODES
        assert 0.0 < m.confidence <= 1.0


def brute_force(text: str) -> set[tuple[str, int, int]]:
    """Every code's patterns tried at every position: what the word dispatch must equal."""
    from kadiyan.extract.casing import lowered
    from kadiyan.extract.indicators import _lexicon, _pattern
    from kadiyan.extract.separators import SEPARATORS

    entries = _lexicon().entries
    # The plain definition of the spaced text, not the extractor's faster way to it.
    lower = lowered(text).translate({ord(c): " " for c in SEPARATORS})
    found = set()
    for code in CODES:
        ids = tuple(i for i, e in enumerate(entries) if e.code == code
                    and (e.lang != "hi" or any("\u0900" <= c <= "\u097f" for c in lower)))
        found |= {(code, *m.span()) for m in _pattern(ids, anywhere=True).finditer(lower)}
    return found


EXAMPLES = [phrase for spec in LEXICON["codes"].values() for phrase in spec["examples"]]
PHRASES = st.lists(st.sampled_from(EXAMPLES + [" ", ", ", " and ", "9876543210", "💋", "\n"]),
                   max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(PHRASES, TEXTS))
def test_looking_only_where_a_phrase_can_start_misses_nothing(text: str) -> None:
    assert {(m.value, m.start, m.end) for m in find_indicators(text)} == brute_force(text)


def test_a_word_s_patterns_go_on_only_with_a_next_word_that_fits_them() -> None:
    from kadiyan.extract.indicators import _lexicon

    full = _lexicon().latin_words["full"]  # `full safe`, `full secure`, `full genuine`

    # Compiled once: the same regex each time (compiled by mypyc, the tuple around it is
    # made anew on each return).
    assert full.going_on("safe")[0] is full.compiled("safe")[0]
    assert full.going_on("moon") is None
    # Kept by the next word, for the next text that says it.
    assert full.after["safe"][0] is full.compiled("safe")[0] and full.after["moon"] is None
    assert find_indicators("full moon, full safe")[0].extra["phrase"] == "full safe"
