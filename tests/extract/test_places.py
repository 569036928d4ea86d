"""Places in English and Hindi case texts and ads, with their role on a trafficking route."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.places import find_places, route_roles
from kadiyan.model import Mention, MentionKind


def places(text: str) -> list[tuple[str, str, str]]:
    """(value, place kind, route role) of each place found, in order."""
    return [(m.value, m.extra["place_kind"], m.extra["route_role"]) for m in find_places(text)]


def values(text: str) -> list[str]:
    return [m.value for m in find_places(text)]


def test_an_fir_names_source_transit_and_destination() -> None:
    text = (
        "FIR No. 31/2025, PS Govind Nagar, District Kanpur Nagar, Uttar Pradesh. The two "
        "girls said they were brought from Dhemaji (Assam) via New Jalpaiguri and Lucknow by "
        "Ramesh Kumar urf Pappu, r/o Bakewar, Etawah."
    )

    assert places(text) == [
        ("Govind Nagar", "area", "destination"),
        ("Kanpur Nagar", "district", "destination"),
        ("Uttar Pradesh", "state", "destination"),
        ("Dhemaji", "district", "source"),
        ("Assam", "state", "source"),
        ("New Jalpaiguri", "city", "transit"),
        ("Lucknow", "city", "transit"),
        ("Bakewar", "city", "unknown"),
        ("Etawah", "district", "unknown"),
    ]


def test_a_mention_spans_what_was_written_and_says_why() -> None:
    text = "The minors were taken to Pune by bus."

    [pune] = find_places(text)

    assert pune.kind is MentionKind.PLACE
    assert pune.raw == text[pune.start : pune.end] == "Pune"
    assert pune.extra == {
        "place_kind": "city", "state": "Maharashtra", "country": "India", "latin": None,
        "route_role": "destination", "route_cue": "taken to",
    }
    assert pune.role == "destination"
    assert pune.rule == "gazetteer"
    assert 0 < pune.confidence <= 1


def test_hindi_postpositions_and_route_phrases() -> None:
    text = (
        "युवतियों को रूपन्देही (नेपाल) से सोनौली बॉर्डर होते हुए गोरखपुर और फिर वाराणसी "
        "लाया गया था। अभियुक्त सुरेश यादव निवासी चंदौली को गिरफ्तार किया गया।"
    )

    assert places(text) == [
        ("Rupandehi", "district", "source"),
        ("Nepal", "country", "source"),
        ("Sonauli", "city", "transit"),
        ("Gorakhpur", "city", "transit"),
        ("Varanasi", "city", "destination"),
        ("Chandauli", "district", "unknown"),
    ]
    latin = [m.extra["latin"] for m in find_places(text)]
    assert latin[:3] == ["Rupandehi", "Nepal", "Sonauli"]


def test_hindi_case_forms_and_oblique_endings() -> None:
    assert values("असम के दो, दिल्ली में तीन और बिहार की एक युवती") == [
        "Assam", "Delhi", "Bihar"]
    # `आगरे` is the oblique of `आगरा`.
    assert places("पुलिस ने आगरे में एक होटल पर छापा मारा") == [
        ("Agra", "city", "destination")]


def test_victims_of_a_place_come_from_it() -> None:
    text = "बांग्लादेश की तीन महिलाओं को पश्चिम बंगाल के रास्ते कोलकाता लाया गया।"

    assert places(text) == [
        ("Bangladesh", "country", "source"),
        ("West Bengal", "state", "transit"),
        ("Kolkata", "city", "destination"),
    ]


def test_se_with_a_movement_verb_is_a_source() -> None:
    text = "युवती को बिहार के सीतामढ़ी से लाकर मेरठ में बेच दिया गया।"

    assert places(text) == [
        ("Bihar", "state", "source"),
        ("Sitamarhi", "district", "source"),
        ("Meerut", "city", "destination"),
    ]


def test_a_venue_of_exploitation_makes_a_destination() -> None:
    assert places("Police rescued four minors from a lodge near Sealdah station in Kolkata.") == [
        ("Sealdah", "area", "destination"),
        ("Kolkata", "city", "destination"),
    ]
    assert places("A raid at a spa in Sector 18, Noida freed three women.") == [
        ("Sector 18", "area", "destination"),
        ("Noida", "city", "destination"),
    ]


def test_a_home_is_a_source_only_for_a_victim_or_a_lure() -> None:
    victim = "The victim, a resident of Murshidabad, was lured with the promise of a job."
    accused = "The accused, a resident of Murshidabad, was arrested on Monday."

    assert places(victim) == [("Murshidabad", "district", "source")]
    assert places(accused) == [("Murshidabad", "district", "unknown")]


def test_an_arrest_or_a_court_gives_no_route_role() -> None:
    text = "Sunil Verma was arrested from Patna and produced before the court in Lucknow."

    assert places(text) == [("Patna", "city", "unknown"), ("Lucknow", "city", "unknown")]


def test_localities_missing_from_every_gazetteer() -> None:
    text = (
        "Police raided a house in Hanspuram. The accused lived in Shivpuri Colony, near the "
        "Koregaon Park area, and ran the racket from the Malvani Police Station limits."
    )

    assert [(m.value, m.extra["place_kind"], m.rule) for m in find_places(text)] == [
        ("Hanspuram", "area", "area_suffix"),
        ("Shivpuri Colony", "area", "area_label"),
        ("Koregaon Park", "area", "area_label"),
        ("Malvani", "area", "area_label"),
    ]


def test_localities_beside_a_town() -> None:
    # In ads a locality follows its town; institutions and ad words do not count.
    assert [(m.value, m.extra["state"]) for m in find_places("Escorts in Mumbai Andheri.")] == [
        ("Mumbai", "Maharashtra"), ("Andheri", "Maharashtra")]
    assert values("Delhi Police rescued two girls.") == ["Delhi"]
    assert values("He was produced in Patna High Court, on Monday.") == ["Patna"]
    # Streets and colonies named after a place, and numbered sectors.
    assert places("She was kept in a flat on Kanpur Road, Lucknow.") == [
        ("Kanpur Road", "area", "destination"), ("Lucknow", "city", "destination")]
    assert values("Available at sector 62 Noida") == ["Sector 62", "Noida"]


def test_hindi_localities_are_romanised() -> None:
    text = (
        "मुखबिर की सूचना पर नौबस्ता इलाके में छापा मारा गया। कैंट रेलवे स्टेशन के पास एक "
        "होटल से दो युवतियां मुक्त कराई गईं।"
    )

    found = find_places(text)

    assert [(m.raw, m.extra["latin"], m.extra["route_role"]) for m in found] == [
        ("नौबस्ता", "Naubasta", "destination"),
        ("कैंट रेलवे स्टेशन", "Kaint railway station", "destination"),
    ]


def test_a_resident_before_nivasi_is_a_place_and_after_it_a_person() -> None:
    assert values("हमने नौबस्ता निवासी राकेश को गिरफ्तार किया") == ["Naubasta"]
    assert values("रामलाल पुत्र श्यामलाल निवासी मोहल्ला शास्त्री नगर को पकड़ा") == ["Shastri Nagar"]


def test_common_words_and_names_need_a_cue() -> None:
    # `गया` is also "went", Sagar and Anand are given names, Gaya is a district of Bihar.
    assert values("उसे दिल्ली ले जाया गया।") == ["Delhi"]
    assert values("Sagar Sharma and Anand Verma were produced in court.") == []
    assert values("She was taken to Gaya, Bihar.") == ["Gaya", "Bihar"]
    assert values("वह गया जिले का रहने वाला है") == ["Gaya"]


def test_a_town_that_is_also_a_surname_after_a_given_name_is_a_person() -> None:
    assert values("Convenor Ravi Kant spoke about Khanna and the court.") == []


def test_english_needs_a_capital_unless_the_place_is_large() -> None:
    assert values("call girls in delhi and pune") == ["Delhi", "Pune"]
    assert values("they went to bakewar") == ["Bakewar"]
    assert values("a bakewar shop") == []


def test_abbreviations_count_only_in_capitals() -> None:
    assert values("UP Police rescued them") == ["Uttar Pradesh"]
    assert values("pick up the girls at 9") == []


def test_nothing_inside_an_email_address_url_or_handle() -> None:
    text = "Mail delhi.vip@gmail.com, visit www.mumbai-escorts.in/pune or @goa_nights"

    assert find_places(text) == []


def test_ads_name_where_the_service_is() -> None:
    assert places("Nepali girls available in Siliguri, new girls from Assam and Nepal") == [
        ("Siliguri", "city", "destination"),
        ("Assam", "state", "source"),
        ("Nepal", "country", "source"),
    ]


def test_route_roles_take_the_role_given_most_often() -> None:
    text = (
        "Police raided a hotel in Kanpur. The girls were brought to Kanpur from Assam. "
        "One of them was from Kanpur."
    )

    assert route_roles(find_places(text)) == {"Kanpur": "destination", "Assam": "source"}


PIECES = st.sampled_from([
    "Kanpur", "कानपुर", "से", "में", " ", ",", "(", ")", ".", "।", "via", "brought from",
    "Nagar", "Area", "PS", "थाना", "मोहल्ला", "निवासी", "गया", "Gaya", "UP", "up", "@",
    "www.", ".com", "/", "Assam", "असम", "होते हुए", "लाया गया", "और फिर", "Sector", "18",
    "İ", "ß", "\u200d", "\u093c", "्", "a house in", "Rampur", "\n", "r/o", "Colony",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map("".join))


def _holds(text: str, found: list[Mention]) -> None:
    for m in found:
        assert m.kind is MentionKind.PLACE
        assert text[m.start : m.end] == m.raw
        assert 0 < m.confidence <= 1
        assert m.extra["place_kind"] in ("country", "state", "district", "city", "area")
        assert m.extra["route_role"] in ("source", "transit", "destination", "unknown")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_gives_true_spans_and_the_same_answer(text: str) -> None:
    found = find_places(text)

    _holds(text, found)
    assert find_places(text) == found


def test_the_longest_name_written_as_one_and_the_longest_cue() -> None:
    assert places("two girls brought from Kanpur Dehat") == [
        ("Kanpur Dehat", "district", "source")]
    assert places("two girls brought from Kanpur; Dehat side") == [("Kanpur", "city", "source")]
    cues = [m.extra["route_cue"] for m in find_places("two girls brought from Kanpur Dehat")]
    assert cues == ["brought from"]
    cues = [m.extra["route_cue"] for m in find_places("लड़कियां कानपुर देहात से लाई गईं")]
    assert cues == ["से लाई"]


def test_an_ad_with_no_word_of_a_place_has_none() -> None:
    assert find_places("Redmi Note 10 for sale, 256GB, bill and box, Rs 8000. 81251-17912") == []
    assert find_places("call karo, full safe") == []


def test_a_texts_marked_words_are_sorted_out_by_mark() -> None:
    from kadiyan.extract.places import _LABEL, _NAME, _SUFFIXED, _marked_words

    # One number a word, 0 for none: a name, a name that is also a label, a suffix.
    marks = [0, _NAME, 0, _NAME | _LABEL, _SUFFIXED]

    assert _marked_words(marks, [1, 3, 4]) == {_NAME: [1, 3], _LABEL: [3], _SUFFIXED: [4]}
    assert _marked_words([0, 0, 0], []) == {}
    # Carriers all names and nothing else, told by a count: the same as sorted one by one.
    assert _marked_words([_NAME, 0, _NAME], [0, 2]) == {_NAME: [0, 2]}
    # A name that is a label too is not only a name.
    assert _marked_words([_NAME, _NAME | _LABEL], [0, 1]) == {_NAME: [0, 1], _LABEL: [1]}


def test_a_name_that_also_starts_a_longer_one_is_found_alone_and_long() -> None:
    # `allahabad` is a name and starts a longer one: it is read on past, and alone too.
    found = find_places("Girls from Allahabad Junction and Allahabad, Ajmer")
    assert [m.raw for m in found] == ["Allahabad Junction", "Allahabad", "Ajmer"]
    assert places("Escorts in Mumbai Andheri, Agra and Kanpur Road.")[-1] == (
        "Kanpur Road", "area", "destination")


def test_a_town_with_no_word_after_it_has_no_locality_after_it() -> None:
    # The locality after a town needs a word right after one space: not at the end, not
    # after a comma.
    assert [m.value for m in find_places("Escorts in Mumbai")] == ["Mumbai"]
    assert [m.value for m in find_places("Escorts in Mumbai, Andheri.")] == ["Mumbai"]
    assert [m.value for m in find_places("Escorts in Mumbai Andheri.")] == ["Mumbai", "Andheri"]



def test_words_are_the_ones_the_phrase_extractors_read_with_digits_as_written() -> None:
    # Emoji and signs end a word, as for indicators and platforms (`Delhi①`); a sign the
    # shared line keeps inside a word still ends a name (`×`); digits stay as written, so a
    # name with a number in it is found.
    assert values("call girls Delhi①, Pune😀") == ["Delhi", "Pune"]
    assert values("girls from Delhi×Mumbai") == ["Delhi", "Mumbai"]
    assert "North 24 Parganas" in values("rescued in North 24 Parganas, West Bengal")
    assert values("लड़कियां उत्तर 24 परगना से लाई गईं")[0] == "North 24 Parganas"
    # Where the words are: spans index the text however the words were split.
    text = "Sector 62, Noida 🌟 (Uttar Pradesh)"
    assert [text[m.start : m.end] for m in find_places(text)] == [
        "Sector 62", "Noida", "Uttar Pradesh"]

ROLE_TEXTS = [
    "Two girls brought from a village in Dhubri (Assam) via New Jalpaiguri to Lucknow",
    "rescued from a lodge near Kanpur, r/o Bakewar, Etawah, was lured",
    "पीड़िता को कानपुर से दिल्ली लाया गया और फिर आगरे में होटल में रखा गया",
    "थाना कोतवाली, जनपद वाराणसी में नेपाल की तीन युवतियों को मुक्त कराया",
    "Girls available in Pune and Mumbai, hotel service, Delhi (NCR) only",
    "from Gaya, taken to the Patna Junction area, then to Kolkata police station",
]


@pytest.mark.parametrize("text", ROLE_TEXTS)
def test_a_place_with_plain_words_beside_it_has_no_cue_of_its_own(text: str) -> None:
    # `_own_role` skips the cue look-ups beside plain words: at every word of the text, a
    # word that cannot start or end a cue must be one the full look-ups find none at.
    from kadiyan.extract.places import (
        _cue_after,
        _cue_before,
        _Found,
        _plain_after,
        _plain_before,
        _Text,
    )

    doc = _Text(text)
    plain = 0  # words with plain words on both sides
    for i in range(doc.n):
        f = _Found(i, i, "X", "city", None, None, None, 0.9, "gazetteer")
        before, after = _plain_before(doc, f.first), _plain_after(doc, f.last + 1)
        if before:
            assert _cue_before(doc, f) is None
        if after:
            assert _cue_after(doc, f) is None
        plain += before and after
    assert 0 < plain < doc.n  # both kinds of word are there
