"""Indian vehicle registration marks in free text, normalised (`UP78EX4521`).

A mark is a state or union-territory code, a district number (1-2 digits), a series (1-3
letters) and a number (1-4 digits), written with or without spaces, dashes or dots:
"UP78 EX 4521", "up-78-ex-4521", "DL 1C AA 1111"; or a Bharat-series mark, year, `BH`,
number and letters: "22 BH 1234 AA". Only codes listed in `data/vehicles.toml` count, and a
mark never sits inside a longer run of letters and digits. Marks without a series (a few
old ones, "GJ 5 1234") are not read: in text they look like a word and a number. A mark
written in lower or mixed case needs the full form (a series and a four-digit number),
since lower-case words and numbers fall into the short shapes by chance ("ka 10 baje").

Speed: one regex first asks whether the text holds what every mark starts with: a state
code then (perhaps after a separator or two) the first digit of a district, or two digits
then `bh`. It starts from digits, which the regex engine skips to in C, looks behind only
the first digit of a run, and most ads have no state code there. Only then is the text
mapped byte for byte to its shape (letters `a`, digits `0`, separators `-`, anything else
`_`; one C-level translate), a bytes pattern looks for the whole shape of a mark
(`78-ex-4521`), and only where it finds one are the state code and the exact form checked
on the text.
"""

from __future__ import annotations

import re
import string
import tomllib
from functools import cache
from importlib.resources import files
from typing import Final

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = ["find_vehicles"]

_SEP: Final = r"[ .\-]{0,2}"
# Series letters that are, in lower case, words or units after a number.
_WORDS: Final = frozenset(
    {"am", "pm", "hr", "hrs", "km", "kg", "th", "st", "nd", "rd", "min", "ft"}
)
# District, series, number: the shape of a mark after its state code (or a BH mark whole).
_SHAPE: Final = re.compile(rb"0{1,2}-{0,2}a{1,3}(?:-{1,2}a{1,2})?-{0,2}0{1,4}")
_SHAPE_MAP: Final = bytes(
    ord("a") if chr(c) in string.ascii_letters else ord("0") if chr(c) in string.digits
    else ord("-") if chr(c) in " .-" else ord("_")
    for c in range(256)
)
_BH: Final = re.compile(
    r"(?<![a-z0-9])(?P<year>[0-9]{2})" + _SEP + r"bh" + _SEP + r"(?P<number>[0-9]{4})" + _SEP
    + r"(?P<series>[a-z]{1,2})(?![a-z0-9])"
)


def find_vehicles(text: str) -> list[Mention]:
    """Vehicle registration marks, value upper case without separators, by start.

    `extra` holds the parts: `state` (code), `district`, `series`, `number`, or for a
    Bharat-series mark `bharat: true`, `year`, `number`, `series`.
    """
    lower = lowered(text)
    if _cue().search(lower) is None:
        return []  # most texts: no state code before the first digit of a number
    # One byte per character (anything not ASCII becomes `?`), so offsets carry over.
    shape = lower.encode("ascii", "replace").translate(_SHAPE_MAP)
    found: list[Mention] = []
    end = 0
    for candidate in _SHAPE.finditer(shape):
        if candidate.start() < end:
            continue
        mention = _bharat(text, lower, candidate.start()) or _mark(text, lower, candidate)
        if mention is not None:
            found.append(mention)
            end = mention.end
    return found


def _mark(text: str, lower: str, candidate: re.Match[bytes]) -> Mention | None:
    """The state-coded mark whose district starts a shape match, if it is one."""
    district = candidate.start()
    for start in range(district - 2, max(-1, district - 5), -1):
        match = _pattern().match(lower, start) if start >= 0 else None
        if match is None or match.start("district") != district:
            continue
        written = text[match.start() : match.end()]
        series = match.group("series") or ""
        letters = series.replace(" ", "").replace("-", "").replace(".", "")
        if len(letters) > 3:
            return None
        digits = len(match.group("number"))
        full = bool(letters) and digits == 4
        if written.upper() != written:
            # Lower or mixed case: the full form, and not a time or a measure by chance
            # ("ka 10 am 1230").
            if not full or letters in _WORDS:
                return None
        elif not (full or (letters and digits >= 3)):
            return None  # "UP78" alone, "MH 12 A 1": too short to be sure of
        state = match.group("state").upper()
        value = f"{state}{match.group('district')}{letters.upper()}{match.group('number')}"
        extra = {"state": state, "district": match.group("district"),
                 "series": letters.upper(), "number": match.group("number")}
        confidence = 0.9 if full else 0.75
        return Mention(MentionKind.VEHICLE, value, match.start(), match.end(), confidence,
                       "vehicle", written, extra=extra)
    return None


def _bharat(text: str, lower: str, start: int) -> Mention | None:
    """A Bharat-series mark starting at a shape match, if it is one."""
    match = _BH.match(lower, start)
    if match is None:
        return None
    year, number, series = match.group("year", "number", "series")
    value = f"{year}BH{number}{series.upper()}"
    extra = {"bharat": True, "year": year, "number": number, "series": series.upper()}
    return Mention(MentionKind.VEHICLE, value, match.start(), match.end(), 0.9, "vehicle_bh",
                   text[match.start() : match.end()], extra=extra)


@cache
def _cue() -> re.Pattern[str]:
    """What every mark starts with, in the lower-cased text: the first digit of a run, with
    a state code that starts a word just before it (up to two separators between), or two
    digits then `bh`.

    The digit comes first in the pattern, so that the regex engine skips in C to digits; a
    digit after another digit starts no district or year; the code is then looked for
    behind it, one look-behind per width of separators, each after a look-behind for any
    letter there (most runs of digits in an ad have none: a price, the groups of a phone
    number) and with the codes by first letter (`a[nprs]|br|...`: a try per first letter,
    where each code was one).
    """
    by_first: dict[str, str] = {}
    for code in _codes():
        by_first[code[0]] = by_first.get(code[0], "") + code[1]
    codes = "(?<![a-z0-9])(?:" + "|".join(
        first + (f"[{seconds}]" if len(seconds) > 1 else seconds)
        for first, seconds in by_first.items()) + ")"
    behind = "|".join(
        f"(?<=[a-z]{'[ .-]' * n}[0-9])(?<={codes}{'[ .-]' * n}[0-9])" for n in range(3))
    return re.compile(rf"[0-9](?<![0-9][0-9])(?:{behind}|[0-9][ .\-]{{0,2}}bh)")


@cache
def _codes() -> tuple[str, ...]:
    """The state codes of the data file, lower case."""
    raw = files("kadiyan.extract").joinpath("data", "vehicles.toml").read_text("utf-8")
    codes = tuple(sorted(code.lower() for code in tomllib.loads(raw)["states"]))
    if any(len(code) != 2 or not code.isalpha() for code in codes):
        raise ValueError("vehicles.toml: state codes are two letters")
    return codes


@cache
def _pattern() -> re.Pattern[str]:
    """A state-coded mark, with the codes of the data file."""
    codes = _codes()
    return re.compile(
        r"(?<![a-z0-9])(?P<state>" + "|".join(codes) + ")" + _SEP
        + r"(?P<district>[0-9]{1,2})" + _SEP
        + r"(?P<series>[a-z]{1,3}(?:[ .\-]{1,2}[a-z]{1,2})?)" + _SEP
        + r"(?P<number>[0-9]{1,4})(?![a-z0-9])"
    )

