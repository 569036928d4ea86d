"""Victims' names, family and contacts masked in text and fields, spans kept in step."""

from kadiyan.access.masking import (
    MASK,
    mask_fields,
    mask_text,
    shifted,
    text_cuts,
    victim_names,
)

CASE_FIELDS = {
    "fir_no": "12/2025",
    "accused": [{"name": "Bholu Prasad", "phone": "+91 98111 22233"}],
    "victims": [{"name": "Kavya Menon", "age": 15, "father": "Suresh Menon",
                 "phone": "+91 97000 11122", "from_district": "Malda"}],
}


def test_a_victims_details_are_masked_but_her_age_and_home_district_kept_for_analysis():
    masked = mask_fields("case_report", CASE_FIELDS)
    victim = masked["victims"][0]
    assert victim["name"] == victim["father"] == victim["phone"] == MASK
    assert victim["age"] == 15 and victim["from_district"] == "Malda"
    assert masked["accused"] == CASE_FIELDS["accused"]  # the accused is not protected


def test_a_missing_persons_report_keeps_only_what_does_not_identify():
    fields = {"report_id": "M-1", "name": "Ritu", "father_name": "Mohan", "age": 14,
              "contact_phone": "98989 89898", "address": "Ward 4", "district": "Gaya"}
    masked = mask_fields("missing_report", fields)
    assert masked["name"] == masked["address"] == masked["contact_phone"] == MASK
    assert masked["age"] == 14 and masked["district"] == "Gaya"


def test_names_from_the_fields_are_masked_in_the_narrative_whole_or_in_part():
    text = "Rescued Kavya Menon (15); Kavya told that Bholu Prasad brought her from Malda."
    masked = mask_text(text, [], victim_names("case_report", CASE_FIELDS))
    assert "Kavya" not in masked and "Menon" not in masked
    assert "Bholu Prasad" in masked and "Malda" in masked


def test_a_devanagari_name_is_masked_in_latin_letters_too():
    names = ["सना सैफी"]
    masked = mask_text("युवती सना सैफी (Sana Saifi) को मुक्त कराया", [], names)
    assert "सना" not in masked and "Sana" not in masked and masked.count(MASK) == 2


def test_spans_after_a_cut_move_with_the_text():
    text = "Victim Asha Rani met Bholu at Pune"
    cuts = text_cuts(text, [(7, 16)])
    masked = mask_text(text, [(7, 16)])
    start, end = text.index("Bholu"), text.index("Bholu") + 5
    assert masked[shifted(start, cuts):shifted(end, cuts)] == "Bholu"


def test_the_store_indexes_exactly_the_roles_that_masking_protects():
    from kadiyan.access.masking import PROTECTED_ROLES
    from kadiyan.store.schema import PROTECTED_ROLES as INDEXED

    assert set(INDEXED) == PROTECTED_ROLES
