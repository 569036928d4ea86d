"""The case a report is about: FIR number, police station, district, state and date.

FIRs and press notes open with these (`FIR No. 214/2025, PS Naubasta, District Kanpur
Nagar, Uttar Pradesh. Date of report 14.03.2025`, `थाना कोतवाली, जनपद वाराणसी। मु.अ.सं.
87/2025`); news reports scatter them (`Malvani Police Station in Mumbai`, `उत्तर प्रदेश के
कानपुर ... नौबस्ता पुलिस स्टेशन में`). Each field is read from its keyword; the district
also from where the police station or the police are (`Police Station in Mumbai`,
`उत्तर प्रदेश के कानपुर`), the state from beside the district or, when asked, from the
gazetteer (then it has no span: the text does not state it).

Names are given in Latin script, as a case key needs one spelling: a Hindi name takes the
Latin gloss the text gives it (`कानपुर (Kanpur)`), else the gazetteer's English name
(`kadiyan.extract.gazetteer`), else a romanisation with Hindi schwa deletion
(`कोतवाली` is `Kotwali`, `नौबस्ता` `Naubasta`).

Keywords, stop words and the states with their names in English and Hindi are data, in
`data/case_header.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from kadiyan.extract.casing import lowered
from kadiyan.extract.gazetteer import lookup
from kadiyan.extract.law import alias_regex, starts_word
from kadiyan.extract.numbers import find_dates
from kadiyan.extract.romanise import romanise
from kadiyan.model import Mention, MentionKind

__all__ = ["CaseHeader", "case_mentions", "find_case_header"]

_DATA: dict[str, Any] = tomllib.loads(
    files("kadiyan.extract").joinpath("data/case_header.toml").read_text("utf-8")
)
FIELDS = ("number", "police_station", "district", "state", "date")


@dataclass(frozen=True, slots=True)
class CaseHeader:
    """The fields that identify a case, each None when the text does not give it.

    `date` is ISO `yyyy-mm-dd`; names are in Latin script. `spans` maps each field read
    from the text to its `(start, end)` there; a field without a span was inferred (a
    state from its district, by the gazetteer).
    """

    number: str | None = None
    police_station: str | None = None
    district: str | None = None
    state: str | None = None
    date: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)

    def as_dict(self) -> dict[str, str | None]:
        """The fields by name, as the `case` of a gold file has them."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True, slots=True)
class _Keywords:
    """Keywords as one trie pattern over the lower-cased text, and which are capitals only.

    Short all-capital keywords (`PS`, `UP`, `MP`) count only when written so: `up` and `ps`
    are words too.
    """

    pattern: re.Pattern[str]
    aliases: tuple[str, ...]
    capitals: frozenset[int]

    @classmethod
    def of(cls, words: list[str]) -> _Keywords:
        words = sorted(set(words), key=lambda w: (-len(w), w))
        capitals = frozenset(
            k for k, w in enumerate(words)
            if w.replace(".", "").isupper() and len(w.replace(".", "")) <= 4
        )
        return cls(re.compile(alias_regex(words, ["k"] * len(words))), tuple(words), capitals)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, str]]:
        """Each keyword in `text[start:end]`: its start, end and the alias it matched."""
        lower = lowered(text)
        found = []
        for match in self.pattern.finditer(lower, start, len(lower) if end is None else end):
            if not starts_word(lower, match.start()):
                continue
            name = match.lastgroup or "k_0"
            k = int(name.rsplit("_", 1)[1])
            alias_end = match.end(name)
            if k in self.capitals and not text[match.start() : alias_end].isupper():
                continue
            found.append((match.start(), alias_end, self.aliases[k]))
        return found

    def match(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """The keyword starting at `pos`, if one does."""
        found = self.finditer(text, pos, min(len(text), pos + 60))
        return found[0] if found and found[0][0] == pos else None


_K = _DATA["keywords"]
_NUMBER = _Keywords.of(_K["number"])
_NUMBER_TAIL = re.compile(
    r"\s*[:\-–.#]?\s*(?:(?:no|number|नं|नंबर|संख्या)\.?\s*[:\-–.#]?\s*)?"
    r"(?P<num>\d{1,7})(?:\s*(?:/|\\|-|of|का|सन)\s*(?P<year>(?:19|20)?\d\d))?(?![\d/])"
)
_STATION_BEFORE = _Keywords.of(_K["station_before"])
_STATION_AFTER = _Keywords.of(_K["station_after"])
_DISTRICT_BEFORE = _Keywords.of(_K["district_before"])
_DISTRICT_AFTER = _Keywords.of(_K["district_after"])
_HI_STOP = frozenset(_DATA["stop"]["hindi"])
_EN_STOP = frozenset(w.lower() for w in _DATA["stop"]["english"])
_HI_SUFFIXES = frozenset(_DATA["stop"]["hindi_suffixes"])
_ROMANISED: dict[str, str] = _DATA["romanised"]

_STATES: dict[str, dict[str, Any]] = _DATA["states"]
_STATE_ALIAS = {
    alias: state for state, info in _STATES.items() for alias in [state, *info["aliases"]]
}
_STATE = _Keywords.of(list(_STATE_ALIAS))
# Lower-cased, to tell a state from a city (`Delhi` is both: a state); the short capitals
# (`UP`) only count as written, and are left out.
_STATE_NAMES = frozenset(alias.lower() for alias in _STATE_ALIAS if len(alias) > 3)

_HI_WORD = re.compile(r"[\u0900-\u0963\u0971-\u097f]+")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_GLOSS = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z .'’-]{0,40}?)\s*\)")
# `Hindi words (Latin words)`: the text's own romanisation of a name.
_GLOSSED = re.compile(
    r"((?:[\u0900-\u0963\u0971-\u097f]+\s+){0,3}[\u0900-\u0963\u0971-\u097f]+)"
    r"\s*\(\s*([A-Za-z][A-Za-z .'’-]{0,40}?)\s*\)"
)
_IN_PLACE = re.compile(r"\s+(?:in|of|at),?\s+")
_COMMA = re.compile(r"\s*,\s*")
_DATELINE = re.compile(
    r"\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?|[\u0900-\u0963\u0971-\u097f]+)\s*(?:[:।]|,\s*\w+\s+\d)"
)
_SPACE = re.compile(r"\s+")
_POLICE = re.compile(r"police|पुलिस")
_POLICE_IN = re.compile(r"\s+(?:in|of)\s+")
_STATION_WORD = re.compile(r"\s+(?:station|stn|स्टेशन|थाना|थाने)")
_STATE_OF = re.compile(r"\s*(?:\([^)]{0,40}\))?\s*(?:के|की|का|'s|’s)\s+")
_STATE_NEXT = re.compile(r"\s*[,(\-–]?\s*(?:(?:state|State)\s+of\s+)?")
_STATE_PREV = re.compile(r"\s*(?:\([^)]{0,40}\))?\s*(?:के|की|का|'s|’s|,)?\s*$")
_HINT = re.compile(
    r"fir|crime|c\.r|police|p\.s|ps\b|thana|district|distt|dist\.|थान|जनपद|जिल|पुलिस|मु[0०.]|"
    r"मुकदमा|अपराध|प्राथमिकी|एफआईआर"
)


def find_case_header(text: str, infer_state: bool = False) -> CaseHeader | None:
    """The case `text` reports, None when it names no case number, station or district.

    Fields are what the text states. With `infer_state`, a state the text does not name is
    taken from the district by the gazetteer (and has no span): what a case key needs, so
    that reports that do and do not name the state key the same case alike.
    """
    if not text or _HINT.search(lowered(text)) is None:
        return None
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str | None] = dict.fromkeys(FIELDS)
    glosses = _glosses(text)
    number = _case_number(text)
    if number is not None:
        values["number"], spans["number"] = number
    station = _station(text, glosses)
    if station is not None:
        values["police_station"], spans["police_station"] = station
    district = _district(text, glosses, spans.get("police_station"))
    state_span: tuple[str, tuple[int, int]] | None = None
    if district is not None:
        values["district"], spans["district"], state_span = district
    if state_span is None and district is not None:
        state_span = _state_beside(text, spans["district"])
    if state_span is None and "police_station" in spans:
        state_span = _state_beside(text, spans["police_station"])
    if state_span is None and values["district"] is not None:
        known = _gazetteer_state(values["district"])
        if known is not None:
            mention = _state_named(text, known)
            if mention is not None:
                state_span = (known, mention)
            elif infer_state:
                values["state"] = known
    if state_span is not None:
        values["state"], spans["state"] = state_span
    day = _date(text, spans.get("number"))
    if day is not None:
        values["date"], spans["date"] = day
    if not any(values[f] for f in ("number", "police_station", "district")):
        return None
    return CaseHeader(spans=spans, **values)


def case_mentions(text: str) -> list[Mention]:
    """The case `text` reports as a CASE mention, if it gives a case number.

    `value` is the number normalised (`214/2025`: ASCII digits, no leading zeros, a
    four-digit year); `extra` holds `police_station`, `district`, `state` and `date` as
    the text states them, and `state_inferred`, the state known from the district when
    the text does not name it.
    """
    header = find_case_header(text, infer_state=True)
    if header is None or header.number is None:
        return []
    start, end = header.spans["number"]
    extra: dict[str, str | None] = {
        name: getattr(header, name) for name in FIELDS if name != "number"
    }
    if "state" not in header.spans:
        extra["state"], extra["state_inferred"] = None, header.state
    else:
        extra["state_inferred"] = None
    return [
        Mention(MentionKind.CASE, header.number, start, end, 0.9, "case_header", text[start:end],
                extra=extra)
    ]


def _case_number(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first case number after its keyword: `214/2025`, with a four-digit year."""
    lower = lowered(text)
    for _, end, _ in _NUMBER.finditer(text):
        match = _NUMBER_TAIL.match(lower, end)
        if match is None:
            continue
        number = str(int(match.group("num")))
        year = match.group("year")
        span = (match.start("num"), match.end("year") if year else match.end("num"))
        if not year:
            return number, span
        value = int(year)
        if len(year) == 2:
            value += 2000 if value < 70 else 1900
        return f"{number}/{value}", span
    return None


# Names ----------------------------------------------------------------------------------


def _station(text: str, glosses: dict[str, str]) -> tuple[str, tuple[int, int]] | None:
    """The police station: after its keyword (`PS Naubasta`) or before (`Naubasta PS`)."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    for start, end, _ in _STATION_BEFORE.finditer(text):
        name = _name_after(text, end, glosses)
        if name is not None:
            found.append((start, *name))
            break
    for start, _, _ in _STATION_AFTER.finditer(text):
        name = _name_before(text, start, glosses)
        if name is not None:
            found.append((name[1][0], *name))
            break
    if not found:
        return None
    _, value, span = min(found)
    return value, span


def _district(
    text: str, glosses: dict[str, str], station: tuple[int, int] | None
) -> tuple[str, tuple[int, int], tuple[str, tuple[int, int]] | None] | None:
    """The district, and the state when the phrase that gave the district names it."""
    for _, end, _ in _DISTRICT_BEFORE.finditer(text):
        name = _name_after(text, end, glosses)
        if name is not None:
            return (*name, None)
    for start, _, _ in _DISTRICT_AFTER.finditer(text):
        name = _name_before(text, start, glosses)
        if name is not None:
            return (*name, None)
    if station is not None:  # `Malvani Police Station in Mumbai`, `Sakinaka PS, Mumbai`
        space = _SPACE.match(text, station[1])
        after = _STATION_AFTER.match(text, space.end() if space else station[1])
        end = after[1] if after else station[1]
        place = _IN_PLACE.match(text, end)
        if place is not None:
            name = _name_after(text, place.end(), glosses)
            if name is not None:
                return (*name, None)
        comma = _COMMA.match(text, end)
        if comma is not None:
            name = _name_after(text, comma.end(), glosses)
            if name is not None and _is_city(name[0]):
                return (*name, None)
    for start, end, alias in _STATE.finditer(text):  # `उत्तर प्रदेश (Uttar Pradesh) के कानपुर`
        link = _STATE_OF.match(text, end)
        if link is not None:
            name = _name_after(text, link.end(), glosses)
            if name is not None and _gazetteer_state(name[0]) == _STATE_ALIAS[alias]:
                return (*name, (_STATE_ALIAS[alias], (start, end)))
    lower = lowered(text)
    for police in _POLICE.finditer(lower):  # `police in Mumbai`, `Kanpur police`, `कानपुर पुलिस`
        if not starts_word(lower, police.start()) or _STATION_WORD.match(lower, police.end()):
            continue
        place = _POLICE_IN.match(lower, police.end())
        if place is not None:
            name = _name_after(text, place.end(), glosses)
        else:
            name = _name_before(text, police.start(), glosses)
        if name is not None and _is_city(name[0]):
            return (*name, None)
    dateline = _DATELINE.match(text)  # `Mumbai:`, `गोरखपुर।`: where a news report is filed
    if dateline is not None:
        name = _name_after(text, dateline.start(1), glosses)
        if name is not None and name[1][1] == dateline.end(1) and _is_city(name[0]):
            return (*name, None)
    return None


def _name_after(
    text: str, pos: int, glosses: dict[str, str]
) -> tuple[str, tuple[int, int]] | None:
    """A place name starting at `pos`: up to three capitalised words, or Hindi words."""
    while pos < len(text) and text[pos] in " \t:-–":
        pos += 1
    if pos >= len(text):
        return None
    if "\u0900" <= text[pos] <= "\u097f":
        words = []
        for match in _HI_WORD.finditer(text, pos, min(len(text), pos + 60)):
            if match.start() != (words[-1].end() + 1 if words else pos):
                break
            if match.group() in _HI_STOP or (words and match.group() not in _HI_SUFFIXES):
                break
            words.append(match)
            if len(words) == 2:
                break
        if not words:
            return None
        return _hindi_name(text, words[0].start(), words[-1].end(), glosses)
    words = []
    for match in _EN_WORD.finditer(text, pos, min(len(text), pos + 80)):
        if match.start() != (words[-1].end() + 1 if words else pos):
            break
        word = match.group().rstrip(".")
        if not word[:1].isupper() or word.lower() in _EN_STOP or _STATE.match(text, match.start()):
            break  # a name ends at a state's (`Kanpur Nagar Uttar Pradesh`)
        words.append(match)
        if len(words) == 3:
            break
    if not words:
        return None
    start, end = words[0].start(), words[-1].start() + len(words[-1].group().rstrip("."))
    return text[start:end], (start, end)


def _name_before(
    text: str, pos: int, glosses: dict[str, str]
) -> tuple[str, tuple[int, int]] | None:
    """A place name ending just before `pos` (`Malvani` of `Malvani Police Station`)."""
    head = text[max(0, pos - 80) : pos]
    stripped = head.rstrip()
    gloss = re.search(r"\(\s*([A-Za-z][A-Za-z .'’-]{0,40}?)\s*\)$", stripped)
    if gloss is not None:
        stripped = stripped[: gloss.start()].rstrip()
    hindi = list(_HI_WORD.finditer(stripped))
    if stripped and "\u0900" <= stripped[-1] <= "\u097f" and hindi:
        last = hindi[-1]
        if last.end() != len(stripped) or last.group() in _HI_STOP:
            return None
        first = last
        if (
            last.group() in _HI_SUFFIXES
            and len(hindi) > 1
            and hindi[-2].group() not in _HI_STOP
            and stripped[hindi[-2].end() : last.start()].isspace()
        ):
            first = hindi[-2]
        offset = max(0, pos - 80)
        return _hindi_name(text, offset + first.start(), offset + last.end(), glosses)
    words = list(_EN_WORD.finditer(stripped))
    taken = []
    for match in reversed(words):
        expected_end = taken[-1].start() - 1 if taken else len(stripped)
        if match.end() != expected_end:
            break
        word = match.group()
        if not word[:1].isupper() or word.lower() in _EN_STOP:
            break
        if _STATE.match(text, max(0, pos - 80) + match.start()):
            break
        taken.append(match)
        if len(taken) == 3:
            break
    if not taken:
        return None
    offset = max(0, pos - 80)
    start, end = offset + taken[-1].start(), offset + taken[0].end()
    return text[start:end], (start, end)


def _hindi_name(
    text: str, start: int, end: int, glosses: dict[str, str]
) -> tuple[str, tuple[int, int]]:
    """A Hindi name in Latin script: the text's gloss, the gazetteer's name, or romanised."""
    name = text[start:end]
    gloss = _GLOSS.match(text, end)
    if gloss is not None and len(gloss.group(1).split()) == len(name.split()):
        return gloss.group(1), (start, end)
    if name in glosses:
        return glosses[name], (start, end)
    known = _latin_name(name)
    if known is not None:
        return known, (start, end)
    parts = []
    for word in name.split():
        if word in glosses:
            parts.append(glosses[word])
        elif word in _ROMANISED:
            parts.append(_ROMANISED[word])
        else:
            parts.append(_latin_name(word) or romanise(word))
    return " ".join(parts), (start, end)


def _glosses(text: str) -> dict[str, str]:
    """Hindi words the text itself romanises: `नौबस्ता इलाके (Naubasta Area)`."""
    if "(" not in text or text.isascii():
        return {}
    found: dict[str, str] = {}
    for match in _GLOSSED.finditer(text):
        hindi, latin = match.group(1).split(), match.group(2).split()
        if len(latin) > len(hindi):
            continue
        hindi = hindi[len(hindi) - len(latin) :]
        found.setdefault(" ".join(hindi), " ".join(latin))
        for h, word in zip(hindi, latin, strict=True):
            found.setdefault(h, word)
    return found


# States and the gazetteer ---------------------------------------------------------------


def _state_beside(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """A state written right after a name (`Kanpur Nagar, Uttar Pradesh`) or before it."""
    after = _STATE_NEXT.match(text, span[1])
    state = _STATE.match(text, after.end()) if after is not None else None
    if state is not None:
        return _STATE_ALIAS[state[2]], (state[0], state[1])
    for start, end, alias in _STATE.finditer(text, max(0, span[0] - 60), span[0]):
        if _STATE_PREV.match(text[end : span[0]]):
            return _STATE_ALIAS[alias], (start, end)
    return None


def _state_named(text: str, state: str) -> tuple[int, int] | None:
    for start, end, alias in _STATE.finditer(text):
        if _STATE_ALIAS[alias] == state:
            return start, end
    return None


def _gazetteer_state(place: str) -> str | None:
    """The state of a place the gazetteer knows, by its name or its first word."""
    words = place.split()
    for name in (place, words[0] if words else ""):
        known = next((p for p in lookup(name) if p.state), None) if name else None
        if known is not None:
            return known.state
    return None


def _is_city(name: str) -> bool:
    """A town or district of India (not a state), as the gazetteer knows it."""
    return any(p.kind in ("city", "district") and p.country == "India" for p in lookup(name))


def _latin_name(hindi: str) -> str | None:
    """The gazetteer's English name for a place written in Devanagari."""
    known = lookup(hindi)
    return known[0].name if known else None



def _date(text: str, number: tuple[int, int] | None) -> tuple[str, tuple[int, int]] | None:
    """The case's date: the first date with a cue (`दिनांक`, `Date of report`), else the
    first date on the line of the case number."""
    dates = find_dates(text)
    for mention in dates:
        if mention.extra.get("cue"):
            return mention.value, (mention.start, mention.end)
    if number is not None:
        line_end = text.find("\n", number[1])
        line_end = len(text) if line_end < 0 else line_end
        for mention in dates:
            if number[1] <= mention.start < line_end:
                return mention.value, (mention.start, mention.end)
    return None
