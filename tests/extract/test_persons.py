"""Persons in FIRs, press notes and ads, in English and Hindi, with what the text says of them.

Every name here is invented.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.persons import find_persons
from kadiyan.model import Mention, MentionKind


def people(text: str) -> dict[str, dict]:
    """The persons of a text by name (the last mention of each), with their extras."""
    return {m.value: m.extra for m in find_persons(text)}


def names(text: str) -> list[str]:
    return [m.value for m in find_persons(text)]


def test_an_fir_line_gives_alias_age_father_residence() -> None:
    text = (
        "brought to Kanpur by a man called Rajendra Prasad Verma alias Guddu "
        "(age about 41, s/o Shyam Narayan, r/o Rampur Kalan, Bareilly), who used two phones."
    )

    [mention] = find_persons(text)

    assert mention.kind is MentionKind.PERSON
    assert mention.value == mention.raw == "Rajendra Prasad Verma"
    assert text[mention.start : mention.end] == mention.raw
    assert mention.extra["aliases"] == ["Guddu"]
    assert mention.extra["aliases_latin"] == ["Guddu"]
    assert mention.extra["age"] == 41
    assert mention.extra["relation"] == {"kind": "s/o", "name": "Shyam Narayan"}
    assert mention.extra["father"] == "Shyam Narayan"
    assert mention.extra["residence"] == "Rampur Kalan, Bareilly"
    assert mention.extra["latin"] == "Rajendra Prasad Verma"


def test_mentions_of_one_person_share_the_strongest_role() -> None:
    text = (
        "The girls were brought by Dinesh Chauhan alias Kallu. "
        "Arrested: Dinesh Chauhan @ Kallu; Kamla Devi (52), who ran the house."
    )

    found = find_persons(text)

    assert [m.value for m in found] == ["Dinesh Chauhan", "Dinesh Chauhan", "Kamla Devi"]
    assert [m.role for m in found] == ["accused", "accused", "accused"]
    assert found[2].extra["age"] == 52


def test_ranks_make_officials_even_of_names_the_lexicon_does_not_know() -> None:
    text = (
        "A team led by SI Harish Chandra raided the lodge. Senior Police Inspector "
        "Dattatray Bhosale said the case is registered. Later, Inspector Bhosale added more."
    )

    found = find_persons(text)

    assert [m.value for m in found] == ["Harish Chandra", "Dattatray Bhosale", "Bhosale"]
    assert {m.role for m in found} == {"official"}
    assert found[2].extra["full_name"] == "Dattatray Bhosale"


def test_an_office_after_or_before_the_name_makes_an_official() -> None:
    text = (
        '"We will help," says Neelam Saxena, the NGO\'s director of operations. '
        "Deputy Commissioner of Police Vivek Kulkarni said three were rescued. "
        "Convenor, Child Rights Forum, Arvind Mehta in his speech spoke of traffickers."
    )

    assert {n: e["role"] for n, e in people(text).items()} == {
        "Neelam Saxena": "official",
        "Vivek Kulkarni": "official",
        "Arvind Mehta": "official",
    }


def test_the_role_of_a_sentence_goes_to_its_names() -> None:
    text = (
        "Police rescued Anjali, 16, from the spa and arrested its manager, Rohit Singh, 29. "
        "Sushil Kumar said the girls were from Assam. Another victim, Kumari Pinky (15), "
        "was rescued from Agra."
    )

    found = people(text)

    assert found["Pinky"]["role"] == "victim"
    assert (found["Pinky"]["age"], found["Pinky"]["honorific"]) == (15, "Kumari")
    assert found["Anjali"]["role"] == "victim"
    assert found["Anjali"]["age"] == 16
    assert found["Rohit Singh"]["role"] == "accused"
    assert found["Rohit Singh"]["age"] == 29
    assert found["Sushil Kumar"]["role"] == "other"  # a speaker, not the one arrested


def test_lists_of_accused_give_each_item_a_person() -> None:
    text = (
        "Accused persons:\n"
        "1. Ramesh Chandra Gupta @ Pappu S/O Late Shyam Lal Gupta, aged 42 years, "
        "R/O Mohalla Alinagar, PS Kotwali, District Gorakhpur.\n"
        "2. Smt. Geeta Devi W/O Ramesh Chandra Gupta, aged about 38 years.\n"
        "3. Mohd. Salim son of Abdul Karim, age 29 yrs, resident of Village Bhiti.\n"
        "The accused Raju, Sonu and Bittu are absconding."
    )

    found = people(text)

    assert list(found) == [
        "Ramesh Chandra Gupta", "Geeta Devi", "Mohd. Salim", "Raju", "Sonu", "Bittu",
    ]
    assert {extra["role"] for extra in found.values()} == {"accused"}
    first = found["Ramesh Chandra Gupta"]
    assert (first["aliases"], first["father"], first["age"]) == (["Pappu"], "Shyam Lal Gupta", 42)
    assert first["residence"] == "Mohalla Alinagar, PS Kotwali, District Gorakhpur"
    wife = found["Geeta Devi"]
    assert wife["honorific"] == "Smt"
    assert wife["relation"] == {"kind": "w/o", "name": "Ramesh Chandra Gupta"}
    assert wife["father"] is None
    assert found["Mohd. Salim"]["father"] == "Abdul Karim"
    assert found["Mohd. Salim"]["residence"] == "Village Bhiti"


def test_a_hindi_fir_line_gives_alias_father_residence_age() -> None:
    text = (
        "मौके से अभियुक्त सुरेश यादव उर्फ पप्पू पुत्र रामसेवक यादव निवासी सीतापुर (उम्र 34 वर्ष) "
        "तथा होटल मैनेजर दीपक गुप्ता को गिरफ्तार किया गया।"
    )

    found = people(text)

    assert list(found) == ["सुरेश यादव", "दीपक गुप्ता"]
    suresh = found["सुरेश यादव"]
    assert suresh["latin"] == "Suresh Yadav"
    assert suresh["aliases"] == ["पप्पू"]
    assert suresh["aliases_latin"] == ["Pappu"]
    assert suresh["father"] == "रामसेवक यादव"
    assert suresh["residence"] == "सीतापुर"
    assert suresh["age"] == 34
    assert suresh["role"] == "accused"
    assert found["दीपक गुप्ता"]["role"] == "accused"
    assert found["दीपक गुप्ता"]["latin"] == "Deepak Gupta"


def test_hindi_news_shapes() -> None:
    text = (
        "एसपी अनिल शर्मा (Anil Sharma) ने बताया कि लंका निवासी मनोज कुमार को गिरफ्तार किया है। "
        "उसकी निशानदेही पर बबलू उर्फ कालिया को पकड़ा गया। राज्य के बाहर की लड़कियों को दलाल "
        "नसरीन बानो ग्राहकों तक पहुंचाती थी। 28 वर्षीय आरोपी सलमान अभी फरार है।"
    )

    found = people(text)

    assert list(found) == ["अनिल शर्मा", "मनोज कुमार", "बबलू", "नसरीन बानो", "सलमान"]
    assert found["अनिल शर्मा"]["role"] == "official"
    assert found["अनिल शर्मा"]["latin"] == "Anil Sharma"  # the gloss, not a person of its own
    assert found["मनोज कुमार"]["residence"] == "लंका"
    assert found["बबलू"]["aliases"] == ["कालिया"]
    assert found["सलमान"]["age"] == 28
    assert {found[n]["role"] for n in ("मनोज कुमार", "बबलू", "नसरीन बानो", "सलमान")} == {
        "accused"
    }


def test_hindi_ranks_abbreviated_and_in_full() -> None:
    text = (
        "उ0नि0 अरविंद कुमार यादव, का0 दिनेश सिंह व म0का0 पूजा शर्मा टीम में शामिल रहे। "
        "प्रभारी निरीक्षक श्री संजय कुमार सिंह ने बताया।"
    )

    found = people(text)

    assert list(found) == ["अरविंद कुमार यादव", "दिनेश सिंह", "पूजा शर्मा", "संजय कुमार सिंह"]
    assert {extra["role"] for extra in found.values()} == {"official"}
    assert found["संजय कुमार सिंह"]["honorific"] == "श्री"


def test_a_named_victim_in_hindi() -> None:
    # सीमा is also the word for a border; after पीड़िता it is a name.
    found = people("पीड़िता सीमा ने बताया कि उसे नौकरी का झांसा देकर नेपाल सीमा से लाया गया।")

    assert list(found) == ["सीमा"]
    assert found["सीमा"]["role"] == "victim"


def test_a_relative_glossed_in_latin_is_no_person_of_its_own() -> None:
    text = (
        "मौके से अभियुक्ता शबनम बेगम पुत्री रिज़वान अली (Rizwan Ali) निवासी किदवई नगर, कानपुर "
        "(उम्र 43 वर्ष) व विष्णु अधिकारी @ टिंकू निवासी तिलोत्तमा को गिरफ्तार किया गया।"
    )

    found = people(text)

    assert list(found) == ["शबनम बेगम", "विष्णु अधिकारी"]  # अधिकारी (officer) as a surname
    assert found["शबनम बेगम"]["father"] == "रिज़वान अली"
    assert found["शबनम बेगम"]["age"] == 43
    assert found["शबनम बेगम"]["residence"] == "किदवई नगर, कानपुर"
    assert found["विष्णु अधिकारी"]["aliases"] == ["टिंकू"]


def test_spellings_of_one_person_in_one_text_share_a_role() -> None:
    text = (
        "They were brought by a man called Amit Saini (age about 40, r/o Bijnor). "
        "Arrested: Amit Saine. Mahesh Chand Thakur, who recruited the women, is absconding. "
        "Mahesh Thakur was seen in Delhi."
    )

    found = find_persons(text)

    assert [(m.value, m.role) for m in found] == [
        ("Amit Saini", "accused"),
        ("Amit Saine", "accused"),
        ("Mahesh Chand Thakur", "accused"),
        ("Mahesh Thakur", "accused"),
    ]
    assert found[1].extra["age"] == 40


def test_places_institutions_and_ranks_are_no_persons() -> None:
    text = (
        "Police Station Kotwali, Inspector and SHO reached Indira Nagar near Rajiv Gandhi "
        "Hospital and Hotel Raj Palace on Monday, 14 March. Sections 370 IPC and 3 ITPA. "
        "Uttar Pradesh Police and the Anti Human Trafficking Unit of Special DG Coordination. "
        "थाना कोतवाली पुलिस ने ग्राम रामपुर में छापा मारा। अभियुक्त के मोबाइल की सीडीआर निकाली गई। "
        "Sanjay Gandhi International Airport, Sanjay Place and Mahatma Gandhi Marg were closed."
    )

    assert find_persons(text) == []


def test_ads_name_contacts_but_not_slogans() -> None:
    assert [(m.value, m.role) for m in find_persons("Call Riya 98765 43210, hotel service")] == [
        ("Riya", "other")
    ]
    assert find_persons("Call Now!! Hot Sexy Girls Available 24x7 In Delhi NCR") == []
    assert find_persons("VIP Russian Models in Goa, Calangute Baga Beach, cash only") == []
    assert find_persons("Insta @riya_vip for pics, DM only") == []
    # An age says nothing of the word before it in an ad.
    assert find_persons("Hot girls in Pune Available - Age 28, new girl") == []
    assert find_persons("कॉलेज गर्ल उपलब्ध - उम्र 27 साल - सिर्फ नकद भुगतान") == []
    [sonu] = find_persons("Call Sonu bhai 62890 12345")
    assert (sonu.value, sonu.extra["honorific"]) == ("Sonu", "bhai")


def test_an_account_is_not_an_alias() -> None:
    [mention] = find_persons("a post by Imran Qureshi (@imran_vip_ncr) with a number")

    assert mention.value == "Imran Qureshi"
    assert mention.extra["aliases"] == []


def test_white_space_in_a_name_is_made_single_and_spans_stay_true() -> None:
    text = "Accused:  Harpreet   Kaur,  w/o Jaswinder Singh"

    [mention] = find_persons(text)

    assert mention.value == "Harpreet Kaur"
    assert mention.raw == "Harpreet   Kaur" == text[mention.start : mention.end]
    assert mention.extra["relation"] == {"kind": "w/o", "name": "Jaswinder Singh"}


def test_extras_are_json_and_the_same_every_time() -> None:
    text = "SI Pradeep Kumar Mishra arrested Vinod alias Kallu (30) s/o Ram Avtar."

    first = find_persons(text)

    assert first == find_persons(text)
    assert json.loads(json.dumps([m.extra for m in first])) == [m.extra for m in first]
    assert [(m.value, m.role) for m in first] == [
        ("Pradeep Kumar Mishra", "official"),
        ("Vinod", "accused"),
    ]


PIECES = st.sampled_from(
    [
        "Ramesh", "Kumar", "Kalu", " ", "alias", " @ ", "@", "urf", "s/o", "S/O", "r/o", "(",
        ")", "45", "aged", "about", "yrs", ",", ".", "।", "\n", "1.", "2)", "SI", "Smt.",
        "Mohd.", "S.J.M.", "Hotel", "Nagar", "and", "said", "accused", "rescued", "उर्फ",
        "पुत्र", "निवासी", "नि0", "उ0नि0", "उम्र", "२९", "वर्ष", "श्री", "स्व.", "विनोद", "सिंह",
        "सीमा", "पीड़िता", "गिरफ्तार", "ने", "व", "(Vinod Singh)", "İ", "ß", "\u200d", "\u093c",
        "्", "ं", "ऑ", "क़", "🙂", "’s", "-", "०", "ALI",
    ]
)


def _spans_hold(text: str, mentions: list[Mention]) -> None:
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.raw
        assert 0 < mention.confidence <= 1
        assert mention.extra["role"] in {"accused", "victim", "official", "other"}
        assert mention.role == mention.extra["role"]


def test_an_address_ending_in_a_number_at_the_very_end_is_read() -> None:
    # A number as the last token once made the list-item check read past the end.
    assert find_persons("\u200cR/O0") == []


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map("".join)))
def test_any_text_gives_true_spans_and_the_same_answer(text: str) -> None:
    found = find_persons(text)

    _spans_hold(text, found)
    assert found == find_persons(text)
