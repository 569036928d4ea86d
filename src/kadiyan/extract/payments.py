"""Payment and handset identifiers in free text: UPI addresses and IMEI numbers.

UPI addresses are `name@handle` with a handle that a bank or payment app issues (the list
is data, `data/payments.toml`), so a social media handle or a bare `@name` is never one, nor
an e-mail address: a handle followed by a dot-domain (`riya@paytm.com`) is mail.

IMEIs are 15 digits whose last is a Luhn check digit. After a cue ("IMEI", "IMEI no.",
"आईएमईआई") any grouping counts (`35-209900-176148-1`); without one only a plain run of 15
digits or the usual groupings (2-6-6-1, 8-6-1) count, starting with a known reporting body
(`35`, `86`, `01`, ...). Twelve digits (Aadhaar) or ten (phones) never make one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Final

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = ["find_imei", "find_upi", "luhn_valid"]

# The name before `@`: letters, digits, dots, dashes, underscores (NPCI's rules), read back
# from the `@`.
_UPI_NAME: Final = re.compile(r"(?<![\w.\-])[a-z0-9][a-z0-9._\-]{1,255}$")
_UPI_HANDLE: Final = re.compile(r"[a-z]{2,32}")
_UPI_MAX: Final = 256

_IMEI_CUE: Final = re.compile(r"imei|आईएमईआई|आई\.?एम\.?ई\.?आई")
# After a cue: a little filler ("no.", "number", "1:", "/MEID"), then 15 digits, with at
# most one separator between any two.
_CUED_DIGITS: Final = re.compile(r"(?<![\d\-./])\d(?:[ \-./]?\d){14}(?![ \-./]?\d)")
_CUE_REACH: Final = 60  # characters after a cue where its numbers may be
# Without a cue: 15 digits plain, or in the groupings a handset label prints.
_BARE: Final = re.compile(
    r"(?<![0-9\-./])(?:[0-9]{15}|[0-9]{2}[ \-][0-9]{6}[ \-][0-9]{6}[ \-][0-9]"
    r"|[0-9]{8}[ \-][0-9]{6}[ \-][0-9])(?![0-9]|[ \-./][0-9])"
)
# Reporting body identifiers (first two digits of an IMEI) in use; other 15-digit numbers
# without a cue are left alone.
_REPORTING_BODIES: Final = frozenset(
    {"00", "01", "10", "30", "33", "35", "44", "45", "49", "50", "51", "52", "53", "54", "86",
     "91", "98", "99"}
)
# A text's digits as `0`, spaces and dashes as `-`, the rest `_`: the bare forms' shapes are
# then found with substring tests before any pattern runs.
_DIGIT_SHAPE: Final = bytes(
    ord("0") if chr(c).isdigit() else ord("-") if chr(c) in " -" else ord("_")
    for c in range(256)
)
_BARE_SHAPES: Final = (b"0" * 15, b"00-000000-000000-0", b"00000000-000000-0")


def find_upi(text: str) -> list[Mention]:
    """UPI addresses (`name@okaxis`, `98xxxxxx10@ybl`), lower-cased, by start.

    `extra` holds the `handle` and `name` parts.
    """
    if "@" not in text:
        return []
    lower = lowered(text)
    handles = _handles()
    found = []
    at = lower.find("@")
    while at >= 0:
        handle = _UPI_HANDLE.match(lower, at + 1)
        if handle is not None and handle.group() in handles and _ends_address(lower, handle):
            name = _UPI_NAME.search(lower, max(0, at - _UPI_MAX), at)
            if name is not None:
                start, end = name.start(), handle.end()
                value = lower[start:end]
                found.append(Mention(MentionKind.UPI, value, start, end, 0.95, "upi",
                                     text[start:end],
                                     extra={"name": name.group(), "handle": handle.group()}))
        at = lower.find("@", at + 1)
    return found


def find_imei(text: str) -> list[Mention]:
    """IMEI numbers (15 digits, valid Luhn check digit), as 15 ASCII digits, by start.

    `extra` holds `tac` (the first eight digits, the model's type allocation code) and
    `cued` (whether "IMEI" was written before it).
    """
    lower = lowered(text)
    cues = [cue.end() for cue in _IMEI_CUE.finditer(lower)] if _has_cue(lower) else []
    if not cues:
        shape = text.encode("ascii", "replace").translate(_DIGIT_SHAPE)
        if not any(form in shape for form in _BARE_SHAPES):
            return []
    found: dict[int, Mention] = {}
    for cue in cues:
        for match in _CUED_DIGITS.finditer(text, cue, min(len(text), cue + _CUE_REACH)):
            _add(found, text, match, cued=True)
    for match in _BARE.finditer(text):
        if match.start() not in found:
            near = any(0 <= match.start() - cue <= _CUE_REACH for cue in cues)
            _add(found, text, match, cued=near)
    return [found[start] for start in sorted(found)]


def luhn_valid(digits: str) -> bool:
    """True when a string of ASCII digits ends with a valid Luhn check digit."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if i % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _add(found: dict[int, Mention], text: str, match: re.Match[str], cued: bool) -> None:
    """Keep a 15-digit match that is a valid IMEI (and, without a cue, a plausible one)."""
    digits = "".join(str(unicodedata.digit(c)) for c in match.group() if c.isdigit())
    if len(digits) != 15 or not luhn_valid(digits):
        return
    if not cued and digits[:2] not in _REPORTING_BODIES:
        return
    grouped = not match.group().isdigit()
    confidence = 0.95 if cued else 0.8 if grouped else 0.6
    start, end = match.span()
    rule = "imei_cued" if cued else "imei_grouped" if grouped else "imei_bare"
    found[start] = Mention(MentionKind.IMEI, digits, start, end, confidence, rule,
                           text[start:end], extra={"tac": digits[:8], "cued": cued})


def _has_cue(lower: str) -> bool:
    """A cheap test for an IMEI cue before the pattern looks for where."""
    return "imei" in lower or "आई" in lower


def _ends_address(lower: str, handle: re.Match[str]) -> bool:
    """True when a handle ends the address: no dot-domain (`@paytm.com` is mail), no more
    word characters."""
    end = handle.end()
    after = lower[end : end + 2]
    if not after:
        return True
    if after[0] == "." and after[1:2].isalnum():
        return False
    return not (after[0].isalnum() or after[0] in "_-@")


@cache
def _handles() -> frozenset[str]:
    """The UPI handles of the data file."""
    raw = files("kadiyan.extract").joinpath("data", "payments.toml").read_text("utf-8")
    handles = tomllib.loads(raw)["upi"]["handles"]
    if any(h != h.lower() or not h.isalpha() for h in handles):
        raise ValueError("payments.toml: UPI handles are lower-case letters")
    return frozenset(handles)
