"""Counts of listed people, recounted from the persons and groups the list names."""

from __future__ import annotations

from kadiyan.extract import extract_text
from kadiyan.extract.numbers import count_totals
from kadiyan.model import MentionKind


def _arrested(text: str) -> int | None:
    mentions = extract_text(text, "narrative")
    return count_totals(m for m in mentions if m.kind is MentionKind.COUNT).get("arrested")


def test_an_address_inside_a_hindi_list_is_not_a_person() -> None:
    text = (
        "मौके से अभियुक्त सुरेश यादव निवासी सेक्टर 18, गौतम बुद्ध नगर (उम्र 35 वर्ष) व "
        "कमला देवी निवासी सेक्टर 62, गौतम बुद्ध नगर (उम्र 39 वर्ष) को गिरफ्तार किया गया।"
    )

    assert _arrested(text) == 2


def test_named_persons_and_counted_groups_add_up() -> None:
    text = (
        "Three women were rescued. Arrested: Ramesh Kumar (44), who kept the house; "
        "Dinesh Pal @ Kalu, the main operator; two customers."
    )

    assert _arrested(text) == 4
