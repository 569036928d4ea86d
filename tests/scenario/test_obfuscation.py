"""Every way an ad hides a phone number still carries the number."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from kadiyan.scenario.phones import STYLES, draw_mobile, e164, is_mobile, obfuscate

from .decode import digit_stream


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_style_keeps_the_ten_digits_in_order(style: str) -> None:
    rng = random.Random(style)
    for _ in range(200):
        number = draw_mobile(rng)
        written = obfuscate(number, style, rng)
        assert number in digit_stream(written), (style, written)


def test_styles_look_as_documented() -> None:
    rng = random.Random(3)
    assert obfuscate("9876543210", "keycap", rng).startswith("9\ufe0f\u20e38")
    assert obfuscate("9877555432", "double_triple", rng).count("triple") == 1
    assert obfuscate("9876543210", "words_hi", rng).split()[0] == "नौ"
    assert obfuscate("9876543210", "deva_digits", rng).replace(" ", "").endswith("९८७६५४३२१०")
    assert "wa" in obfuscate("9876543210", "wa_link", rng)


def test_drawn_numbers_are_valid_mobiles_and_avoid_reserved_ones() -> None:
    rng = random.Random(1)
    taken = {draw_mobile(rng) for _ in range(50)}
    for _ in range(2000):
        number = draw_mobile(rng, taken)
        assert number not in taken
        assert is_mobile(number)
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164(number)))
