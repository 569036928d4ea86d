"""A small, forgiving reader of written phone numbers, for checking generated texts.

It turns every way the generator writes digits (English and Hindi words, "double"/"triple",
Devanagari digits, keycaps, O and l for 0 and 1) into plain digits and drops everything
else, so a test can ask whether a phone's ten digits appear in order in a text.
"""

from __future__ import annotations

import re

_EN = {
    w: str(i)
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    )
}
_HI = {
    w: str(i)
    for i, w in enumerate(("शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ"))
}
_DEVA = str.maketrans("०१२३४५६७८९", "0123456789")
_LETTER = {"O": "0", "o": "0", "l": "1", "I": "1"}
_TOKEN = re.compile(r"[A-Za-z]+|[\u0900-\u0963\u0970-\u097f]+|\d|\S", re.S)


def digit_stream(text: str) -> str:
    """All digits a reader would see in the text, in order, as one string."""
    text = text.replace("\ufe0f\u20e3", "").translate(_DEVA)
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[str] = []
    repeat = 1
    for tok, start, end in tokens:
        low = tok.lower()
        if low in ("double", "triple"):
            repeat = 2 if low == "double" else 3
            continue
        digit = None
        if tok.isdigit():
            digit = tok
        elif low in _EN:
            digit = _EN[low]
        elif tok in _HI:
            digit = _HI[tok]
        elif set(tok) <= _LETTER.keys() and _next_to_digit(text, start, end):
            digit = "".join(_LETTER[c] for c in tok)
        if digit is not None:
            out.append(digit * repeat)
            repeat = 1
    return "".join(out)


def _next_to_digit(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before.isdigit() or after.isdigit() or before in _LETTER or after in _LETTER
