"""The spaced, lower-cased copy of a text and its words, shared by the phrase extractors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kadiyan.extract.casing import lowered
from kadiyan.extract.separators import SEPARATORS, spaced, words_of


def test_emoji_dandas_and_odd_spaces_are_spaces() -> None:
    assert spaced("💋College Girls💋") == " college girls "
    assert spaced("फेसबुक। WhatsApp\u00a0only") == "फेसबुक  whatsapp only"


def test_words_split_at_punctuation_with_digits_as_zero() -> None:
    line, words = words_of("Call/WhatsApp 98765-43210, 24x7 💋")

    assert line == "call whatsapp 00000 00000  00x0  "
    assert words == ("call", "whatsapp", "00000", "00000", "00x0")


def test_joiners_and_the_times_sign_stay_within_a_word() -> None:
    assert words_of("24×7 ल\u0921\u093c\u200dकी")[1] == ("00×0", "ल\u0921\u093c\u200dकी")


PIECES = st.sampled_from(
    ["girls", " ", "💋", "।", "\u00a0", "\u200b", "\u200d", "×", "İ", "ß", "²", "नई", "9", "-",
     "\ufe0f", "\u20e3", "\u3000", "Ⅻ"]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=20).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_copy_keeps_every_offset_and_is_the_plain_definition(text: str) -> None:
    plain = lowered(text).translate({ord(c): " " for c in SEPARATORS})

    assert spaced(text) == plain
    line, words = words_of(text)
    assert len(line) == len(text)
    assert words == tuple(line.split())
    assert all(line[i] == " " for i, c in enumerate(plain) if c == " ")
