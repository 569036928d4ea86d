"""Things a raid seized, counted item by item in either language."""

from __future__ import annotations

from kadiyan.extract.seized import find_seized


def _seized(text: str) -> list[str]:
    return [m.value for m in find_seized(text)]


def test_hindi_seizure_counts_each_kind_of_item() -> None:
    text = "आरोपियों से 21 मोबाइल फोन, दो मोटरसाइकिल और दो स्कूटी जब्त की गईं।"

    assert _seized(text) == ["seized_phones:21", "seized_motorcycles:2", "seized_scooters:2"]


def test_english_seizure_list_and_its_spans() -> None:
    text = "Seized: four mobile phones, 12 SIM cards and Rs 23,500 in cash."

    found = find_seized(text)

    assert [m.value for m in found] == ["seized_phones:4", "seized_sim_cards:12"]
    assert [text[m.start : m.end] for m in found] == ["four mobile phones", "12 SIM cards"]


def test_phones_without_a_seizure_are_not_seized() -> None:
    assert _seized("The accused used 2 phones to take bookings.") == []
    assert _seized("पुलिस ने 3 मोबाइल नंबरों की सीडीआर मंगाई है।") == []
