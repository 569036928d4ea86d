"""Numbers in case texts and ads: how many people, how much money, which day.

Counts (`rescued:9`, `arrested:11`, `minors:2`) come from a number and a noun for people
tied to a verb of rescue or arrest: before it (`Six women were rescued`, `नौ लड़कियों को
बचाया`, `11 arrested`) or after it (`rescued nine girls`, `गिरफ्तार किए गए तीन आरोपी`);
from a noun for minors (`two minors`, `एक नाबालिग`, `two of whom appear to be minors`); and,
when people are named rather than counted, from the list of them
(`Arrested: A; B, who kept the house; and two customers` is four, `A तथा B को गिरफ्तार`
two, `संचालक को गिरफ्तार` one). A text may give several counts of one kind (a first
arrest, then the total; an arrest, then `तीन ग्राहकों को भी गिरफ्तार`, more): a count
said to be more (`also`, `भी`) carries `also`, and `count_totals` keeps the largest, adding
those.

Money (`Rs 23,500`, `₹1.5 lakh`, `3000/-`, `23,500 रुपये`, `डेढ़ लाख`) is a number of rupees;
dates (`14.03.2025`, `14 March 2025`, `September 14, 2020`, `14 मार्च 2025`,
`दिनांक 02.06.2025`) are ISO dates, day first when numeric as in India.

Number words in English and Hindi (0-100, हजार, लाख, करोड़, डेढ़, ढाई, साढ़े), months, and the
vocabulary of counts are data, in `data/numbers.toml`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from typing import Any

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = [
    "count_totals",
    "find_counts",
    "find_dates",
    "find_money",
    "number_value",
    "spelling_pattern",
    "word_pattern",
]

_DATA: dict[str, Any] = tomllib.loads(
    files("kadiyan.extract").joinpath("data/numbers.toml").read_text("utf-8")
)

# Nukta letters are written precomposed (U+0958-U+095F) or as a letter and U+093C, and often
# without the nukta at all; chandrabindu and anusvara stand in for each other.
_PRECOMPOSED = {chr(0x0958 + i): base for i, base in enumerate("कखगजडढफय")}
_WITH_NUKTA = {base: pre for pre, base in _PRECOMPOSED.items()}
_NOT_AFTER = r"(?![\w\u0900-\u097f])"
_NOT_BEFORE = r"(?<![\w\u0900-\u097f])"


def spelling_pattern(word: str) -> str:
    """A pattern for a Hindi word that also accepts its nukta and chandrabindu spellings.

    Characters other than Devanagari pass through as they are, so an escaped pattern stays
    a valid one: `spelling_pattern(re.escape(word))`.
    """
    chars = "".join(_PRECOMPOSED[c] + "\u093c" if c in _PRECOMPOSED else c for c in word)
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if char in _WITH_NUKTA and chars[i + 1 : i + 2] == "\u093c":
            out.append(f"(?:{_WITH_NUKTA[char]}|{char}\u093c?)")
            i += 2
            continue
        out.append("[\u0901\u0902]" if char in "\u0901\u0902" else char)
        i += 1
    return "".join(out)


def _canon(word: str) -> str:
    """One spelling for matching: lower case, no nukta, anusvara for chandrabindu."""
    word = word.lower()
    if word.isascii():
        return " ".join(word.replace("-", " ").split())
    word = "".join(_PRECOMPOSED.get(c, c) for c in word)
    return " ".join(word.replace("\u093c", "").replace("\u0901", "\u0902").split())


def word_pattern(words: Iterable[str]) -> str:
    """Words as one pattern, a trie (`t(?:wo|hree)`): few branches to try at each position.

    Spaces in a phrase stand for any white space; Hindi spellings are loose, as in
    `spelling_pattern`. The longest word is preferred where several match.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for piece in _pieces(word):
            node = node.setdefault(piece, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie) + ")"


_alternation = word_pattern


def _pieces(word: str) -> list[str]:
    """A word as patterns of one character each (a letter and its nukta are one)."""
    chars = "".join(_PRECOMPOSED[c] + "\u093c" if c in _PRECOMPOSED else c for c in word.strip())
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if char.isspace():
            if out[-1] != r"\s+":
                out.append(r"\s+")
        elif char in _WITH_NUKTA and chars[i + 1 : i + 2] == "\u093c":
            out.append(f"(?:{_WITH_NUKTA[char]}|{char}\u093c?)")
            i += 1
        elif char in "\u0901\u0902":
            out.append("[\u0901\u0902]")
        else:
            out.append(re.escape(char))
        i += 1
    return out


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = sorted((p for p in node if p), key=lambda p: (-_depth(node[p]), p))
    parts = [piece + _trie_pattern(node[piece]) for piece in branches]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _depth(node: dict[str, dict]) -> int:
    return 1 + max((_depth(child) for child in node.values()), default=0)


def _bounded(words: Iterable[str]) -> str:
    return _NOT_BEFORE + _alternation(words) + _NOT_AFTER


# Number words ---------------------------------------------------------------------------

_NUMBERS: dict[str, float] = {}
for _word, _n in _DATA["english"]["numbers"].items():
    _NUMBERS[_canon(_word)] = _n
for _ten in _DATA["english"]["tens"]:
    for _unit, _n in _DATA["english"]["numbers"].items():
        if 1 <= _n <= 9:
            _NUMBERS[_canon(f"{_ten} {_unit}")] = _DATA["english"]["numbers"][_ten] + _n
for _word, _n in _DATA["hindi"]["numbers"].items():
    _NUMBERS[_canon(_word)] = _n
_FRACTIONS = {_canon(w): v for w, v in _DATA["hindi"]["fractions"].items()}
_ADDS = {_canon(w): v for w, v in _DATA["hindi"]["adds"].items()}
_SCALES = {
    _canon(w): v for w, v in {**_DATA["english"]["scales"], **_DATA["hindi"]["scales"]}.items()
}

_EN_WORDS = [*_DATA["english"]["numbers"]] + [
    f"{ten}{joint}{unit}"
    for ten in _DATA["english"]["tens"]
    for unit, n in _DATA["english"]["numbers"].items()
    if 1 <= n <= 9
    for joint in (" ", "-")
]
# Every number word in both languages, for other readers that count (`seized.py`).
NUMBER_WORDS: tuple[str, ...] = (*_EN_WORDS, *_DATA["hindi"]["numbers"])
_EN_NUMBER = r"(?<![a-z])" + _alternation(_EN_WORDS) + r"(?![a-z])"
_HI_NUMBER = _bounded(_DATA["hindi"]["numbers"])
_DIGITS = r"(?<![\d.,/:-])\d{1,3}(?![\d]|[.,:/-]\d)"
_NUMBER = f"(?:{_DIGITS}|{_EN_NUMBER}|{_HI_NUMBER})"
# Numbers found without look-behinds, which would keep `re` from skipping ahead in C;
# what may stand before a number is checked after.
_NUMBER_FIND = re.compile(
    r"\d{1,3}(?:,\d\d\d)+(?![\d,])|\d+|" + _alternation(_EN_WORDS) + r"(?![a-z])|"
    + _alternation(_DATA["hindi"]["numbers"]) + _NOT_AFTER
)


def number_value(word: str) -> float | None:
    """The value of a number written in digits (any script) or in English or Hindi words.

    `"11"`, `"११"`, `"eleven"`, `"twenty-one"`, `"ग्यारह"`, `"डेढ़"` (1.5), `"साढ़े तीन"`
    (3.5), `"2.5"`, `"23,500"`; None for anything else.
    """
    text = word.strip()
    if not text:
        return None
    plain = text.replace(",", "")
    if plain.replace(".", "", 1).isdecimal():
        try:
            return float(plain)
        except ValueError:  # digits of a script `float` does not read
            return None
    key = _canon(text)
    if key in _NUMBERS:
        return float(_NUMBERS[key])
    if key in _FRACTIONS:
        return _FRACTIONS[key]
    head, _, rest = key.partition(" ")
    if head in _ADDS and rest:
        base = number_value(rest)
        return None if base is None else base + _ADDS[head]
    return None


# Counts ---------------------------------------------------------------------------------

_C = _DATA["counts"]
_PEOPLE = _C["people_en"] + _C["people_hi"]
PEOPLE_NOUNS: tuple[str, ...] = tuple(_PEOPLE)  # nouns a count of people counts, both languages
_MINOR_WORDS = frozenset(_canon(w) for w in _C["minors_en"] + _C["minors_hi"])
_PEOPLE_RE = _bounded(_PEOPLE)
_BETWEEN_WORD = (
    r"(?:(?!" + _bounded(_C["not_between_en"] + _C["not_between_hi"]) + r")"
    r"[a-z\u0900-\u097f][a-z\u0900-\u097f'’-]*|\d{1,2}[-\s]years?[-\s]old)"
)
_TOTAL = _bounded(_C["total"])
# A count of people: `nine girls`, `two Nepali girls`, `five girls and young women`,
# `कुल ग्यारह लोगों`, `तीन नाबालिग लड़कियों`.
_GROUP = (
    r"(?:(?P<total>" + _TOTAL + r")\s+)?(?P<n>" + _NUMBER + r")\s+"
    r"(?P<mid>(?:" + _BETWEEN_WORD + r"\s+){0,2})(?P<noun>" + _PEOPLE_RE + r")"
    r"(?:\s+(?:and|or|&|व|और|तथा|एवं)\s+(?:" + _BETWEEN_WORD + r"\s+)?" + _PEOPLE_RE + ")?"
)
_GROUP_RE = re.compile(_GROUP)
# The same after a number already found: what makes it a group.
_GROUP_TAIL = re.compile(
    r"\s+(?P<mid>(?:" + _BETWEEN_WORD + r"\s+){0,2})(?P<noun>" + _PEOPLE_RE + r")"
    r"(?:\s+(?:and|or|&|व|और|तथा|एवं)\s+(?!" + _NUMBER + r"\s|a\s|an\s)(?:" + _BETWEEN_WORD
    + r"\s+)?" + _PEOPLE_RE + ")?"
)
_TOTAL_BEFORE = re.compile(_TOTAL + r"\s+$")
# A second group joined to the first: `two minor girls and a 22-year-old woman` is three,
# `छह युवतियों और चार युवकों` ten.
_GROUP_MORE = re.compile(
    r"\s*,?\s+(?:and|&|व|और|तथा|एवं)\s+(?:(?P<n>" + _NUMBER + r")|(?:a|an|one|एक))\s+"
    r"(?P<mid>(?:" + _BETWEEN_WORD + r"\s+){0,2})(?P<noun>" + _PEOPLE_RE + r")"
)

_RESCUE_EN, _ARREST_EN = _C["rescue_en"], _C["arrest_en"]
_ACTIVE_ONLY = frozenset(_C["active_only_en"])
_EN_TRIGGER = re.compile(
    r"(?:(?P<rescue>" + _alternation(_RESCUE_EN) + r")|(?P<arrest>"
    + _alternation(_ARREST_EN) + r"))(?![a-z])"
)
_EN_PARTICIPLE = re.compile(
    r"(?:(?P<rescue>" + _alternation(set(_RESCUE_EN) - _ACTIVE_ONLY) + r")|(?P<arrest>"
    + _alternation(set(_ARREST_EN) - _ACTIVE_ONLY) + r"))(?![a-z])"
)
# Hindi verbs take a trailing participle (`मुक्त कराया गया`, `गिरफ्तार कर लिया`) with them.
_HI_PARTICIPLE = r"(?:\s+" + _alternation(_C["participles_hi"]) + _NOT_AFTER + ")*"
_HI_TRIGGER = re.compile(
    r"(?:(?P<rescue>" + _alternation(_C["rescue_hi"]) + r")|(?P<arrest>"
    + _alternation(_C["arrest_hi"]) + r"))" + _NOT_AFTER + _HI_PARTICIPLE
)
_HELD_BY_OTHERS = re.compile(r"\s+" + _alternation(_C["held_by_others_en"]) + r"(?![a-z])")
_NOT_DONE_HI = re.compile(r"\s*(?:" + _alternation(_C["not_done_hi"]) + r")" + _NOT_AFTER)
# The first letters of every verb and minor word: a text with none of them has no count.
_COUNT_HINT = re.compile(
    _alternation(
        w[:4]
        for w in _C["rescue_en"] + _C["arrest_en"] + _C["rescue_hi"] + _C["arrest_hi"]
        + _C["minors_en"] + _C["minors_hi"]
    )
)
# Between a group and a verb after it, in English: anything short, ending in an auxiliary
# (`Six women from Dhubri, Assam, were rescued`), or nothing (`11 arrested`).
_EN_AUX_END = re.compile(
    r"(?:^\s*$|(?<![a-z])(?:were|was|are|is|have\s+been|has\s+been|had\s+been|got|been|being)"
    r"(?:\s+(?:\w+ly|also|later|all|then|soon|subsequently|eventually|finally))*\s+$)"
)
_EN_GAP_BAD = re.compile(
    r"(?<![a-z])(?:and|but|while|whereas|after|before|when|by|where|whose|said|says|told)"
    r"(?![a-z])|[;:\d]|[.!?]\s"
)
_SINGULAR_AUX = re.compile(r"(?<![a-z])(?:was|has\s+been|is)(?:\s+\w+ly|\s+also)*\s+$")
# One relative clause may stand in the gap (`Two customers who were present were arrested`);
# a second means the verb is someone else's.
_RELATIVE = re.compile(r"(?<![a-z])(?:who|whom|which|that)(?![a-z])")
_ASIDE = re.compile(r"\([^()]*\)|,[^,;]*,")
_HI_GAP_BAD = re.compile(
    r"[,।;:!?\d]|" + _NOT_BEFORE + r"(?:और|तथा|एवं|व|जबकि|लेकिन|परंतु|किंतु|जो|जिन्हें|जिसे|जिसने)"
    + _NOT_AFTER
)
_EN_FILLER_RE = re.compile(r"(?:\s*:)?\s*(?:" + _alternation(_C["fillers_en"]) + r"\s+){0,2}")
_PART_BEFORE = re.compile(
    r"(?:" + _alternation(_C["part_en"] + _C["part_hi"]) + r")(?:\s+से)?[\s,]*$"
)
_BARE_TAIL = re.compile(
    r"\s+(?:(?:more\s+|others?\s+)?(?:were|have\s+been|had\s+been|are|got)\s+(?:also\s+)?|को\s+|)"
    r"(?=\S)"
)
_SINGULAR_EN = _bounded(_C["singular_en"])
_ONE_PERSON = frozenset(_C["one_person_en"] + _C["one_person_object_en"])
_ONE_AFTER = re.compile(
    r"(?:a|an|one|the)\s+(?:[\w'’-]+\s+){0,2}?" + _SINGULAR_EN + "|"
    + _alternation(_C["one_person_object_en"]) + r"(?![a-z])"
)
_ONE_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:a|an|one|the)\s+(?:[\w'’-]+\s+){0,2}?" + _SINGULAR_EN
    + r"|(?<![a-z])" + _alternation(_C["one_person_en"])
    + r")\s+(?:was|has\s+been|had\s+been)\s+(?:also\s+)?$"
)
_MINOR_VERB = (
    r"(?:were|are|was|is|appear(?:ed)?|appears|seem(?:ed)?|found|turned|to|be|being|out|"
    r"also|said|believed|reportedly|allegedly|been|have|has|had)\s+"
)
_MINORS_OF_TAIL = re.compile(
    r"\s+(?:of\s+(?:[a-z]+\s+){1,3}?(?:" + _MINOR_VERB + r"){0,5}|(?:more\s+|others?\s+)?"
    r"(?:" + _MINOR_VERB + r"){1,5})(?:an?\s+)?"
    r"(?:minors?|underage|under-age|juveniles?|children|child|below\s+18|under\s+18)(?![a-z])"
)
# `taking the number of arrests in the case to three`, `गिरफ्तार आरोपियों की संख्या बढ़कर सात`.
_NUMBER_OF = re.compile(
    r"number\s+of\s+(?P<what>arrests|arrested\s+\w+|\w+\s+arrested|rescued\s+\w+|"
    r"\w+\s+rescued|rescues)(?:\s+(?:in|so\s+far\s+in)\s+(?:the|this)\s+case)?(?:\s+so\s+far)?\s+"
    r"(?:to|at|is|was|has\s+(?:risen|gone\s+up|reached)\s+to|now\s+stands\s+at|stands\s+at|"
    r"rose\s+to|reached)\s+(?P<n>" + _NUMBER + r")"
    r"|(?P<what_hi>गिरफ्तार(?:\s+\S+)?|गिरफ्तारियों|मुक्त\s+कराई\s+गई\s+\S+|बचाई\s+गई\s+\S+)\s+की"
    r"\s+(?:कुल\s+)?संख्या\s+(?:बढ़कर\s+|अब\s+)?(?P<n_hi>" + _NUMBER + r")"
)
_MINOR_AFTER_HI = re.compile(r"\s+" + _bounded(_C["minors_hi"]))
_MINOR_AFTER_EN = re.compile(
    r"\s+(?:were|are|was|is)\s+(?:also\s+)?(?:found\s+to\s+be\s+)?(?:minors|minor|underage|"
    r"juveniles|children)(?![a-z])"
)

# Lists of people, named rather than counted.
_L = _DATA["lists"]
_ROLE_WORDS = frozenset(_L["role_words_en"])
_NOT_NAMES = frozenset(_L["not_names_en"])
_LIST_LEAD = re.compile(r"^(?:and|&|also|both|then|finally|besides)\s+", re.IGNORECASE)
_HI_CONTINUATION = re.compile(_alternation(_L["continuation_hi"]))
# What ends the clause before a Hindi list of people: a sentence end, the agent (`पुलिस ने`,
# `के द्वारा`), or a place or time phrase (`मौके से`, `सूचना पर`, `होटल में`, `छापे के दौरान`).
# A verb ends it too (`4 युवतियां बरामद हुईं और ... को गिरफ्तार`).
_HI_BOUNDARY = re.compile(
    r"[।!?\n:;]|\sने\s|द्वारा|\sपर\s|\sसे\s|\sबाद\s|\sदौरान\s|\sमें\s|"
    + _NOT_BEFORE + r"(?:हुआ|हुई|हुईं|हुए|गया|गई|गईं|गए|था|थी|थे|है|हैं|किया|कराया|कर)" + _NOT_AFTER
    + "|" + _HI_TRIGGER.pattern
)
_HI_LIST_SPLIT = re.compile(r"\s*,\s*|\s+(?:तथा|और|एवं|व)\s+")
_KO_BEFORE = re.compile(r"\sको(?:\s+[^\s।,;]+){0,4}\s+$")
_EN_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_PASSIVE_BEFORE = re.compile(
    r"(?<![a-z])(?P<aux>were|was|have\s+been|has\s+been|had\s+been)\s+(?:also\s+)?$"
)
_HEADER_AFTER = re.compile(r"\s*[:\-–]\s*")
_NUMBERED_ITEM = re.compile(r"(?:^|[\s;,])(?:\(?(\d{1,2})[.)]|(\d{1,2})\s*-)\s")
_HEADER = re.compile(
    r"(?P<what>गिरफ्तार|गिरफ़्तार|मुक्त\s+कराई\s+गई|बरामद|arrested|rescued)\s+(?:अभियुक्त|"
    r"अभियुक्तों|अभियुक्तगण|आरोपी|आरोपियों|पीड़िता|पीड़िताओं|युवतियों|युवती|महिलाओं|accused|"
    r"persons|people|victims|women|girls)(?:\s+(?:का|के|की))?"
    r"(?:\s+(?:विवरण|नाम|नाम\s+पता|details|names))?\s*[:\-–]"
)
_SENTENCE_END = re.compile(r"[।!?\n]|\.(?=\s|$)")
_ABBREVIATIONS = frozenset(_L["abbreviations"])
_CONFIDENCE = {
    "group": 0.85, "bare": 0.8, "minors_of": 0.8, "minor_group": 0.8, "list": 0.7,
    "one": 0.6, "numbered": 0.75, "number_of": 0.85,
}


@dataclass(frozen=True, slots=True)
class _Group:
    """A number of people: `nine girls`, `कुल ग्यारह लोगों`."""

    start: int
    end: int
    n: float
    total: bool
    noun: str
    minors: float  # how many of them the words call minors


def find_counts(text: str) -> list[Mention]:
    """Every count of rescued, arrested and minors that `text` states, in text order.

    `value` is `what:n` (`rescued:9`); `extra` holds `what` (`rescued`, `arrested` or
    `minors`), `n`, and `total` (True when the text calls it a total: `कुल ग्यारह`,
    `a total of`). A text can give several counts of one kind; see `count_totals`.
    """
    if not text:
        return []
    lower = lowered(text)
    if _COUNT_HINT.search(lower) is None:
        return []
    out: dict[tuple[int, int, str], Mention] = {}
    numbers = _numbers(lower)
    groups = _groups(lower, numbers)
    en_triggers = _bounded_matches(_EN_TRIGGER, lower)
    hi_triggers = _bounded_matches(_HI_TRIGGER, lower) if not lower.isascii() else []
    _groups_then_verbs(text, lower, numbers, groups, out)
    _verbs_then_groups(text, lower, groups, en_triggers, hi_triggers, out)
    _minors_of(text, lower, numbers, out)
    if en_triggers:
        _lists_en(text, lower, groups, en_triggers, out)
    if hi_triggers:
        _lists_hi(text, lower, hi_triggers, out)
    if en_triggers or hi_triggers:
        _numbered_lists(text, lower, out)
        if "number of" in lower or "संख्या" in lower:
            _numbers_of(text, lower, out)
    return sorted(out.values(), key=lambda m: (m.start, m.end, m.value))


def _numbers(lower: str) -> list[tuple[int, int, float]]:
    """Each number of 1 to 3 digits or in words: start, end, value."""
    found = []
    for match in _NUMBER_FIND.finditer(lower):
        start, end = match.span()
        before = lower[start - 1] if start else " "
        if before.isalnum() or "\u0900" <= before <= "\u097f":
            continue
        word = match.group()
        if word[0].isdigit():
            if "," not in word and end - start > 3:
                continue  # a year, a phone, a pin code: `1,200` is written with its comma
            if before in ".,/:-" or _DIGIT_GLUE.match(lower, end):
                continue
        value = number_value(word)
        if value is not None:
            found.append((start, end, value))
    return found


_DIGIT_GLUE = re.compile(r"[.,:/-]\d")


def _groups(lower: str, numbers: list[tuple[int, int, float]]) -> dict[int, _Group]:
    """The numbers that count people, by where they start."""
    groups = {}
    for start, end, n in numbers:
        tail = _GROUP_TAIL.match(lower, end)
        if tail is None:
            continue
        total = _TOTAL_BEFORE.search(lower, max(0, start - 24), start)
        minors = n if _names_minors(tail) else 0
        group_end = tail.end()
        more = _GROUP_MORE.match(lower, group_end)
        if more is not None:
            extra = number_value(more.group("n")) if more.group("n") else 1
            if extra is not None:
                minors += extra if _names_minors(more) else 0
                n, group_end = n + extra, more.end()
        groups[start] = _Group(
            total.start() if total else start, group_end, n, total is not None,
            tail.group("noun"), minors,
        )
    return groups


def _names_minors(match: re.Match[str]) -> bool:
    """True when a group's words call them minors (`two minor girls`, `तीन नाबालिग`)."""
    words = [*match.group("mid").split(), match.group("noun")]
    return any(_canon(w) in _MINOR_WORDS for w in words)


def _bounded_matches(pattern: re.Pattern[str], lower: str) -> list[re.Match[str]]:
    """Matches of a pattern without look-behind that do not start inside a word.

    A verb followed by `captive`, `hostage`, `against their will` is what traffickers did,
    and is dropped.
    """
    return [
        m for m in pattern.finditer(lower)
        if (not m.start() or not _word_char(lower[m.start() - 1]))
        and _HELD_BY_OTHERS.match(lower, m.end()) is None
    ]


def _word_char(char: str) -> bool:
    return char.isalnum() or "\u0900" <= char <= "\u097f"


def count_totals(mentions: Iterable[Mention]) -> dict[str, int | None]:
    """The text's figure for each kind of count: the largest stated, plus those said to be
    more after it (`also`, `भी`); None if none is stated.

    A report that names a first arrest and then the total (`संचालक को गिरफ्तार ...
    कुल ग्यारह लोगों को गिरफ्तार`) means the total; one that names an arrest and then more
    (`अभियुक्त X को गिरफ्तार किया गया। तीन ग्राहकों को भी गिरफ्तार किया`) means both.
    Detentions count as arrests only in a text that states no arrest (`छह युवतियों को
    हिरासत में लिया ... पांच को गिरफ्तार` is five).
    """
    counts = [m for m in mentions if m.kind is MentionKind.COUNT]
    if any(m.extra.get("what") == "arrested" and not m.extra.get("detained") for m in counts):
        counts = [m for m in counts if not m.extra.get("detained")]
    totals: dict[str, int | None] = {"rescued": None, "arrested": None, "minors": None}
    ends: dict[str, int] = {}
    # In text order: a count said to be more adds to the figure so far, any other is the
    # figure if larger (a first arrest, then the total; more, then the total again). Two
    # readings of one phrase overlap: the second adds nothing.
    for mention in sorted(counts, key=lambda m: m.start):
        what, n = mention.extra.get("what"), mention.extra.get("n")
        if what not in totals or not isinstance(n, int):
            continue
        current = totals[what]
        more = mention.extra.get("also") and mention.start >= ends.get(what, 0)
        totals[what] = n if current is None else current + n if more else max(current, n)
        ends[what] = max(ends.get(what, 0), mention.end)
    return totals


def _count(
    text: str, start: int, end: int, what: str, n: float, rule: str, total: bool,
    out: dict[tuple[int, int, str], Mention], verb: re.Match[str] | None = None,
) -> None:
    if n != int(n) or not 1 <= n <= 10_000:
        return
    value = f"{what}:{int(n)}"
    key = (start, end, what)
    # One count of a kind per span: where two rules read one phrase, the larger (a list that
    # holds a group) is the whole.
    if key not in out or out[key].extra["n"] < n:
        extra: dict[str, Any] = {"what": what, "n": int(n), "total": total}
        if not total and _ALSO.search(text, start, end):
            extra["also"] = True  # `तीन ग्राहकों को भी गिरफ्तार`: more, not the total again
        if what == "arrested" and verb is not None and _is_detention(verb):
            extra["detained"] = True
        out[key] = Mention(
            MentionKind.COUNT, value, start, end, _CONFIDENCE[rule], rule, text[start:end],
            extra=extra,
        )


# A count said to be more than those before it: `also` or `भी` inside its phrase.
_ALSO = re.compile(r"(?<![\w\u0900-\u097f])(?:also|भी)(?![\w\u0900-\u097f])", re.IGNORECASE)


def _is_detention(verb: re.Match[str]) -> bool:
    """True for a verb that only detains (`detained`, `हिरासत में लिया`)."""
    word = verb.group("arrest")
    return word is not None and _canon(word) in _DETAIN


_DETAIN = frozenset(_canon(w) for w in _C["detain"])


def _what(match: re.Match[str]) -> str:
    return "rescued" if match.group("rescue") is not None else "arrested"


def _is_hindi(word: str) -> bool:
    return bool(word) and "\u0900" <= word[0] <= "\u097f"


def _group_is_part(lower: str, start: int) -> bool:
    """True for a group inside another (`including two minors`, `जिनमें एक नाबालिग`)."""
    return _PART_BEFORE.search(lower, max(0, start - 20), start) is not None


def _groups_then_verbs(
    text: str, lower: str, numbers: list[tuple[int, int, float]], groups: dict[int, _Group],
    out: dict[tuple[int, int, str], Mention],
) -> None:
    """`Six women were rescued`, `नौ लड़कियों को बचाया`, `11 arrested`, `two minors`."""
    for group in groups.values():
        hindi = _is_hindi(group.noun)
        part = _group_is_part(lower, group.start)
        verb = None if part else _verb_after(lower, group.end, hindi, group.n > 1)
        if verb is not None:
            _count(
                text, group.start, verb.end(), _what(verb), group.n, "group", group.total, out,
                verb,
            )
        minors = group.minors or (group.n if _minor_after(lower, group.end, hindi) else 0)
        if minors and (verb is None or _what(verb) == "rescued"):
            _count(text, group.start, group.end, "minors", minors, "minor_group", group.total, out)
    for start, end, n in numbers:
        bare = _BARE_TAIL.match(lower, end)
        if bare is None or start in groups or _group_is_part(lower, start):
            continue
        hindi = True
        trigger = _HI_TRIGGER.match(lower, bare.end())
        if trigger is None:
            hindi = False
            trigger = _EN_PARTICIPLE.match(lower, bare.end())
        if trigger is None or (hindi and _not_done(lower, trigger.end())):
            continue
        if _HELD_BY_OTHERS.match(lower, trigger.end()):
            continue
        if _word_char(lower[trigger.end() : trigger.end() + 1] or " ") and not hindi:
            continue
        total = _TOTAL_BEFORE.search(lower, max(0, start - 24), start)
        first = total.start() if total else start
        _count(
            text, first, trigger.end(), _what(trigger), n, "bare", total is not None, out, trigger
        )


def _verb_after(lower: str, end: int, hindi: bool, many: bool) -> re.Match[str] | None:
    """The verb of rescue or arrest a group of people is the subject or object of."""
    if hindi:
        window = lower[end : end + 60]
        for trigger in _bounded_matches(_HI_TRIGGER, window):
            gap = window[: trigger.start()]
            gap = gap[gap.find("को") + 2 :] if gap.lstrip().startswith("को") else gap
            if len(gap) > 40 or _HI_GAP_BAD.search(gap):
                return None
            if _not_done(lower, end + trigger.end()):
                return None
            return _HI_TRIGGER.match(lower, end + trigger.start())
        return None
    window = lower[end : end + 90]
    for trigger in _bounded_matches(_EN_PARTICIPLE, window):
        gap = _ASIDE.sub(" ", window[: trigger.start()])
        if len(gap) > 60 or _EN_GAP_BAD.search(gap) or not _EN_AUX_END.search(gap):
            return None
        if len(_RELATIVE.findall(gap)) > 1:
            return None
        if many and _SINGULAR_AUX.search(gap):
            return None  # `12 women ... the owner was arrested`: someone else's verb
        return _EN_PARTICIPLE.match(lower, end + trigger.start())
    return None


def _minor_after(lower: str, end: int, hindi: bool) -> bool:
    """True for `दो लड़कियां नाबालिग हैं`, `two girls were minors`."""
    return (_MINOR_AFTER_HI if hindi else _MINOR_AFTER_EN).match(lower, end) is not None


def _not_done(lower: str, end: int) -> bool:
    """True when a Hindi verb is an intent, not a deed (`पकड़ने के लिए`, `गिरफ्तार करने`)."""
    return _NOT_DONE_HI.match(lower, end) is not None


def _verbs_then_groups(
    text: str, lower: str, groups: dict[int, _Group], en_triggers: list[re.Match[str]],
    hi_triggers: list[re.Match[str]], out: dict[tuple[int, int, str], Mention],
) -> None:
    """`rescued nine girls`, `arrested a 35-year-old woman`, `गिरफ्तार किए गए तीन आरोपी`."""
    for trigger in en_triggers:
        at = _EN_FILLER_RE.match(lower, trigger.end())
        pos = at.end() if at else trigger.end()
        group = groups.get(pos) or groups.get(_after_total(lower, pos))
        if group is not None and not _group_is_part(lower, group.start):
            total = group.total or "total" in lower[trigger.end() : pos]
            _count(
                text, trigger.start(), group.end, _what(trigger), group.n, "group", total, out,
                trigger,
            )
            continue
        after = trigger.end()
        one = _ONE_AFTER.match(lower, after + 1) if lower[after : after + 1] == " " else None
        if one is not None:
            _count(text, trigger.start(), one.end(), _what(trigger), 1, "one", False, out, trigger)
            if any(_canon(w) in _MINOR_WORDS for w in one.group().split()):
                # Its own span: a mention is one per span and kind once all are merged.
                _count(text, one.start(), one.end(), "minors", 1, "one", False, out)
        elif trigger.group() not in _ACTIVE_ONLY:
            before = _ONE_BEFORE.search(lower, max(0, trigger.start() - 60), trigger.start())
            if before is not None:
                what = _what(trigger)
                _count(text, before.start(), trigger.end(), what, 1, "one", False, out, trigger)
    for trigger in hi_triggers:
        if trigger.end() == trigger.end("rescue" if trigger.group("rescue") else "arrest"):
            continue  # a participle is needed before the group (`गिरफ्तार किए गए`)
        space = _SPACES.match(lower, trigger.end())
        group = groups.get(space.end()) if space else None
        if group is not None:
            _count(
                text, trigger.start(), group.end, _what(trigger), group.n, "group", group.total,
                out, trigger,
            )


_SPACES = re.compile(r"\s+")
_AFTER_TOTAL = re.compile(_TOTAL + r"\s+")


def _after_total(lower: str, pos: int) -> int:
    match = _AFTER_TOTAL.match(lower, pos)
    return match.end() if match else -1


def _minors_of(
    text: str, lower: str, numbers: list[tuple[int, int, float]],
    out: dict[tuple[int, int, str], Mention],
) -> None:
    """`two of whom appear to be minors`, `one of the victims is a minor`, `three were minors`."""
    if "minor" not in lower and "juvenil" not in lower and "child" not in lower and (
        "under" not in lower and "below" not in lower
    ):
        return
    for start, end, n in numbers:
        match = _MINORS_OF_TAIL.match(lower, end)
        if match is not None:
            _count(text, start, match.end(), "minors", n, "minors_of", False, out)


def _sentence_start(lower: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (abbreviations such as `Rs.` do not end one)."""
    start = 0
    for end in _SENTENCE_END.finditer(lower, max(0, pos - 400), pos):
        if end.group() == "." and _abbreviation(lower, end.start()):
            continue
        start = end.end()
    return start


def _sentence_end(lower: str, pos: int) -> int:
    for end in _SENTENCE_END.finditer(lower, pos, min(len(lower), pos + 600)):
        if end.group() == "." and _abbreviation(lower, end.start()):
            continue
        return end.start()
    return min(len(lower), pos + 600)


def _abbreviation(lower: str, dot: int) -> bool:
    """True for the dot of `Rs.`, `No.`, `P.S.`, `मु.अ.सं.`: not a sentence end."""
    word_start = dot
    # Devanagari vowel signs are marks, not letters, and belong to the word.
    while word_start > 0 and unicodedata.category(lower[word_start - 1])[0] in "LM":
        word_start -= 1
    word = lower[word_start:dot]
    chained = word_start > 0 and lower[word_start - 1] == "."
    return len(word) <= 1 or chained or word in _ABBREVIATIONS


def _lists_en(
    text: str, lower: str, groups: dict[int, _Group], triggers: list[re.Match[str]],
    out: dict[tuple[int, int, str], Mention],
) -> None:
    """People named in a list with a verb: `Arrested: A; B; and two customers`, `A and B
    were arrested`, `police arrested A and B`.

    Victims are seldom named, and a capital after `rescued` is rather a place or a people
    (`rescued Nepali girls`): for rescues only a list under a heading counts.
    """
    for trigger in triggers:
        what = _what(trigger)
        header = _HEADER_AFTER.match(lower, trigger.end())
        if header is None and what == "rescued":
            continue
        after = _EN_FILLER_RE.match(lower, trigger.end())
        if header is not None or (after is not None and _starts_name(text, after.end())):
            start = header.end() if header is not None else after.end()  # type: ignore[union-attr]
            end = _sentence_end(lower, start)
            n = _count_list_en(text, start, end)
            if n:
                _count(text, trigger.start(), end, what, n, "list", False, out, trigger)
            continue
        if trigger.group() in _ACTIVE_ONLY:
            continue
        passive = _PASSIVE_BEFORE.search(lower, max(0, trigger.start() - 30), trigger.start())
        if passive is None:
            continue
        start = _sentence_start(lower, passive.start())
        aux = passive.start()
        clause = max(lower.rfind(";", start, aux), lower.rfind(":", start, aux))
        start = clause + 1 if clause >= 0 else start
        if any(start <= g.start and g.end >= passive.start() - 40 for g in groups.values()):
            continue  # a group of people stands there, counted already
        n = _count_list_en(text, start, passive.start())
        if n:
            n = 1 if passive.group("aux").startswith("was") or "has" in passive.group("aux") else n
            first = start + _leading_space(text, start)
            _count(text, first, trigger.end(), what, n, "list", False, out, trigger)


def _leading_space(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip())


def _starts_name(text: str, pos: int) -> bool:
    """True when a capitalised name (maybe after a role: `hotel manager Irfan`) starts here."""
    words = text[pos : pos + 80].split()
    for word in words[:4]:
        if word[:1].isupper() and word.strip(",.;:").lower() not in _NOT_NAMES:
            return True
        if word.lower().strip(",") not in _ROLE_WORDS:
            return False
    return False


def _count_list_en(text: str, start: int, end: int) -> int:
    """How many people a list names or counts; 0 when it names none."""
    body = text[start:end]
    if ";" in body:
        parts = [(p, ";") for p in body.split(";")]
    else:
        parts = []
        last = 0
        for sep in _EN_LIST_SPLIT.finditer(body):
            parts.append((body[last : sep.start()], "," if sep.group().strip() == "," else "and"))
            last = sep.end()
        parts.append((body[last:], "end"))
    total = 0
    previous = ""
    joined_by = ""
    for part, sep in parts:
        kind, n = _list_item_en(part)
        # An apposition names one person twice: `Manoj, the main accused,` / `the owner, Ravi`.
        if kind in ("name", "role") and previous and previous != kind and joined_by == ",":
            kind, n = "", 0
        total += n
        previous, joined_by = kind, sep
    return total


def _list_item_en(part: str) -> tuple[str, int]:
    """What one item of a list is (`name`, `role`, `group` or ``) and how many it counts."""
    item = _LIST_LEAD.sub("", part.strip(" \t\n,.:-–")).strip()
    if not item:
        return "", 0
    lower = item.lower()
    group = _GROUP_RE.match(lower)
    if group is not None:
        n = number_value(group.group("n"))
        return ("group", int(n)) if n is not None and n == int(n) else ("", 0)
    if lower.split()[0].strip(",") in _ONE_PERSON:
        return "name", 1
    if _starts_name(item, 0):
        first = item.split()[0]
        if first[:1].isupper() or not re.match(r"(?:a|an|the|one)\s", lower):
            return "name", 1
    if re.match(r"(?:a|an|one|the)\s+(?:[\w'’-]+\s+){0,2}?" + _SINGULAR_EN, lower):
        return "role", 1
    return "", 0


def _lists_hi(
    text: str, lower: str, triggers: list[re.Match[str]], out: dict[tuple[int, int, str], Mention]
) -> None:
    """`A तथा होटल मैनेजर B को गिरफ्तार किया गया`, `संचालक को गिरफ्तार कर लिया`."""
    for trigger in triggers:
        if _not_done(lower, trigger.end()):
            continue
        ko = _KO_BEFORE.search(lower, max(0, trigger.start() - 60), trigger.start())
        if ko is None:
            continue
        body_end = ko.start()
        if _BARE_BEFORE_KO.search(lower, max(0, body_end - 20), body_end):
            continue  # `दो को गिरफ्तार`: counted as a number
        start = max(_sentence_start(lower, body_end), body_end - 300)
        for boundary in _HI_BOUNDARY.finditer(lower, start, body_end):
            start = boundary.end()
        n = _count_list_hi(lower[start:body_end])
        if n:
            first = start + _leading_space(text, start)
            _count(text, first, trigger.end(), _what(trigger), n, "list", False, out, trigger)


_INCLUDING_HI = re.compile(_NOT_BEFORE + r"(?:सहित|समेत)" + _NOT_AFTER)
_BARE_BEFORE_KO = re.compile(_NUMBER + r"\s*$")


def _count_list_hi(body: str) -> int:
    """How many people a Hindi list names; 0 when it cannot tell (`आरोपियों`)."""
    # `दलाल और ग्राहक सहित कुल ग्यारह लोगों`: those before `सहित` are among those after.
    body = _INCLUDING_HI.split(body)[-1]
    total = 0
    for part in _HI_LIST_SPLIT.split(body.strip()):
        item = part.strip()
        if not item or _HI_CONTINUATION.match(item):
            continue
        words = item.split()
        if len(words) > 24:
            return 0
        group = _GROUP_RE.match(item)
        if group is not None:
            n = number_value(group.group("n"))
            total += int(n) if n is not None and n == int(n) else 0
            continue
        last = words[-1].strip("()")
        if last.endswith(("ों", "ओं")) or _canon(last) in _PLURAL_HI:
            return 0  # a plural without a number: how many is not said
        if not any(_is_hindi(w) or w[:1].isalpha() for w in words):
            continue
        total += 1
    return total


_PLURAL_HI = frozenset(_canon(w) for w in _C["plural_hi"])


def _numbers_of(text: str, lower: str, out: dict[tuple[int, int, str], Mention]) -> None:
    """`the number of arrests in the case to three`: a total, stated as one."""
    for match in _NUMBER_OF.finditer(lower):
        what = match.group("what") or match.group("what_hi")
        n = number_value(match.group("n") or match.group("n_hi"))
        if n is not None:
            kind = "arrested" if "arrest" in what or "गिरफ" in what else "rescued"
            _count(text, match.start(), match.end(), kind, n, "number_of", True, out)


def _numbered_lists(text: str, lower: str, out: dict[tuple[int, int, str], Mention]) -> None:
    """`गिरफ्तार अभियुक्तों का विवरण- 1. ... 2. ...`: as many as the items numbered."""
    for header in _HEADER.finditer(lower):
        what = "arrested" if header.group("what")[0] in "गa" else "rescued"
        expected, end = 1, header.end()
        for item in _NUMBERED_ITEM.finditer(lower, header.end(), header.end() + 2000):
            number = int(item.group(1) or item.group(2))
            if number != expected:
                if number > expected:
                    break
                continue
            expected, end = expected + 1, item.end()
        if expected > 1:
            _count(text, header.start(), end, what, expected - 1, "numbered", False, out)


# Money ----------------------------------------------------------------------------------

_M = _DATA["money"]
_AMOUNT_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:,\d{2,3})+|\d+)(?:\.\d+)?(?![\d])"
_ADD_WORDS = _bounded(_DATA["hindi"]["adds"])
_AMOUNT_WORDS = (
    r"(?:" + _ADD_WORDS + r"\s+)?(?:" + _EN_NUMBER + "|" + _HI_NUMBER + "|"
    + _bounded(_DATA["hindi"]["fractions"]) + ")"
)
_SCALE = (
    r"(?:" + _alternation([*_DATA["english"]["scales"], *_DATA["hindi"]["scales"]])
    + r")(?![a-z\u0900-\u097f])"
)
_HI_SCALES = _DATA["hindi"]["scales"]
_AMOUNT = (
    r"(?:(?P<amount>" + _AMOUNT_DIGITS + "|" + _AMOUNT_WORDS + r")(?:\s*(?P<scale>" + _SCALE
    + r"))?|(?P<adds>" + _ADD_WORDS + r")\s+(?P<scale2>" + _alternation(_HI_SCALES)
    + _NOT_AFTER + "))"
)
# An amount right after a currency (`Rs. 23,500/-`), and one right before something (`5000`
# of `5000 rs`, `डेढ़ लाख` of `डेढ़ लाख रुपये`).
_AMOUNT_AFTER = re.compile(r"\s*[:.]?\s*" + _AMOUNT + r"(?:\s*/-)?")
_AMOUNT_BEFORE = re.compile(_AMOUNT + r"\s*$")
_AMOUNT_BEFORE_SCALE = re.compile(
    r"(?:(?P<amount>" + _AMOUNT_DIGITS + "|" + _AMOUNT_WORDS + r")|(?P<adds>" + _ADD_WORDS
    + r"))\s*$"
)
# Where money may be: a currency word or sign, or a Hindi scale (`लाख`).
_CURRENCY_WORDS = sorted({*_M["before"], *_M["after"]} - {"₹", "/-"})
_MONEY_ANCHOR = re.compile(
    r"₹|/-|" + _alternation(_CURRENCY_WORDS) + "|(?P<scale>" + _alternation(_HI_SCALES) + ")"
)
_BEFORE_WORDS = frozenset(_canon(w) for w in _M["before"])
_AFTER_WORDS = frozenset(_canon(w) for w in _M["after"])
_BARE_FOLLOW = re.compile(
    r"\s*(?:$|[,।.;:!?)]|" + _alternation(_M["bare_follow"]) + _NOT_AFTER + ")"
)
_MONEY_HINT = re.compile(r"rs|₹|inr|rupee|/-|रु|रू|लाख|हजार|हज़ार|करोड")


def find_money(text: str) -> list[Mention]:
    """Every sum of money in `text`, in rupees, in text order.

    `value` is whole rupees as a string (`"150000"` for `₹1.5 lakh` or `डेढ़ लाख`);
    `extra` holds `rupees` (int) and `currency_written` (whether a currency word or sign
    stands with the amount; a Hindi amount in लाख or हजार may stand alone).
    """
    if not text:
        return []
    lower = lowered(text)
    if _MONEY_HINT.search(lower) is None:
        return []
    found: list[Mention] = []
    last_end = 0
    for anchor in _MONEY_ANCHOR.finditer(lower):
        start, end = anchor.span()
        if end <= last_end or not _money_word_alone(lower, start, end):
            continue
        word = _canon(anchor.group())
        mention = None
        if anchor.group("scale") is not None:
            mention = _bare_amount(text, lower, start, end, last_end)
        else:
            if word in _BEFORE_WORDS or word == "₹":
                after = _AMOUNT_AFTER.match(lower, end)
                if after is not None:
                    rupees = _rupees(after)
                    if rupees is not None:
                        mention = _money(text, start, after.end(), rupees, "currency", 0.9, True)
            if mention is None and (word in _AFTER_WORDS or word in ("₹", "/-")):
                before = _AMOUNT_BEFORE.search(lower, max(last_end, start - 40), start)
                if before is not None:
                    rupees = _rupees(before)
                    if rupees is not None:
                        mention = _money(text, before.start(), end, rupees, "currency", 0.9, True)
        if mention is not None:
            found.append(mention)
            last_end = mention.end
    return found


def _money_word_alone(lower: str, start: int, end: int) -> bool:
    """False for a currency word inside another (`hrs`, `Rsvp`); signs stand anywhere."""
    if not lower[start].isalpha():
        return True
    before = lower[start - 1] if start else " "
    after = lower[end] if end < len(lower) else " "
    if "\u0900" <= lower[start] <= "\u097f":
        return not ("\u0900" <= before <= "\u097f") and not ("\u0900" <= after <= "\u097f")
    return not before.isalpha() and not after.isalpha()


def _bare_amount(text: str, lower: str, start: int, end: int, last_end: int) -> Mention | None:
    """`डेढ़ लाख`, `5 हजार रुपये`: an amount in a Hindi scale, with a currency or alone."""
    before = _AMOUNT_BEFORE_SCALE.search(lower, max(last_end, start - 30), start)
    if before is None:
        return None
    scale = _SCALES.get(_canon(lower[start:end]), 1)
    if before.group("adds"):
        base = 1 + _ADDS[_canon(before.group("adds"))]
    else:
        base = number_value(before.group("amount"))  # type: ignore[assignment]
    if base is None or base <= 0:
        return None
    rupees = round(base * scale)
    currency = _CURRENCY_AFTER.match(lower, end)
    if currency is not None:
        return _money(text, before.start(), currency.end(), rupees, "currency", 0.9, True)
    if _BARE_FOLLOW.match(lower, end) is None:
        return None  # `डेढ़ लाख लोग` is no money
    return _money(text, before.start(), end, rupees, "amount", 0.6, False)


_CURRENCY_AFTER = re.compile(
    r"\s*(?:/-\s*)?(?:" + _alternation(w for w in _M["after"] if not w.isascii()) + _NOT_AFTER
    + r"|(?:rs\.?|rupees|rupee|inr)(?![a-z])|/-)"
)


def _rupees(match: re.Match[str]) -> int | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    scale_word = groups.get("scale") or groups.get("scale2")
    scale = _SCALES.get(_canon(scale_word), 1) if scale_word else 1
    if groups.get("adds"):
        base = 1 + _ADDS[_canon(groups["adds"])]
    else:
        base = number_value(groups.get("amount", ""))  # type: ignore[assignment]
    if base is None or base <= 0:
        return None
    value = round(base * scale)
    return value if value >= 1 else None


def _money(
    text: str, start: int, end: int, rupees: int, rule: str, confidence: float, written: bool
) -> Mention:
    extra = {"rupees": rupees, "currency_written": written}
    return Mention(
        MentionKind.MONEY, str(rupees), start, end, confidence, rule, text[start:end], extra=extra
    )


# Dates ----------------------------------------------------------------------------------

_MONTHS = {
    _canon(w): n for w, n in {**_DATA["months"]["english"], **_DATA["months"]["hindi"]}.items()
}
# Found without look-behinds (checked after), so that `re` skips ahead in C.
_NUMERIC_DATE = re.compile(
    r"(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d|[./-]\d)"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?!\d)")
_MONTH_FIND = re.compile(
    _alternation(_DATA["months"]["english"]) + r"(?![a-z])|"
    + _alternation(_DATA["months"]["hindi"]) + _NOT_AFTER
)
_DAY_BEFORE = re.compile(r"(?<![\d.,/:])(\d{1,2})(?:st|nd|rd|th)?[\s-]*(?:of\s+)?$")
_YEAR_AFTER = re.compile(r"\.?[\s,-]*(\d{4})(?!\d)")
_DAY_YEAR_AFTER = re.compile(r"\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})(?!\d)")
_CUE = re.compile(r"(?:" + _alternation(_DATA["dates"]["cues"]) + r")\s*[:\-–]?\s*$")


def find_dates(text: str) -> list[Mention]:
    """Every calendar date in `text`, as ISO `yyyy-mm-dd` mentions in text order.

    Numeric dates are read day first (`14.03.2025`, `14/03/25`); a date that cannot be
    (`03/14/2025`) is read month first, with a lower confidence. `extra` holds `cue`, the
    word that introduces the date (`दिनांक`, `dated`, `date of report`) or None.
    """
    if not text or _DIGIT.search(text) is None:
        return []
    lower = lowered(text)
    found: list[tuple[int, int, date, float, str]] = []
    for match in _NUMERIC_DATE.finditer(lower):
        start = match.start()
        if start and lower[start - 1] in _DATE_GLUE:
            continue
        d, m, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if len(match.group(4)) == 2:
            y += 2000 if y < 70 else 1900
        day = _valid(y, d, m, 0.6, "numeric_mdy") if m > 12 else _valid(y, m, d, 0.9, "numeric")
        if day is not None:
            found.append((start, match.end(), *day))
    if "-" in lower:
        for match in _ISO_DATE.finditer(lower):
            if match.start() and lower[match.start() - 1] in _DATE_GLUE:
                continue
            day = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)), 0.95, "iso")
            if day is not None:
                found.append((match.start(), match.end(), *day))
    for month in _MONTH_FIND.finditer(lower):
        if month.start() and _word_char(lower[month.start() - 1]):
            continue
        number = _MONTHS.get(_canon(month.group()))
        if number is None:
            continue
        before = _DAY_BEFORE.search(lower, max(0, month.start() - 12), month.start())
        year = _YEAR_AFTER.match(lower, month.end()) if before is not None else None
        if before is not None and year is not None:
            day = _valid(int(year.group(1)), number, int(before.group(1)), 0.95, "text")
            if day is not None:
                found.append((before.start(), year.end(), *day))
                continue
        after = _DAY_YEAR_AFTER.match(lower, month.end())
        if after is not None:
            day = _valid(int(after.group(2)), number, int(after.group(1)), 0.95, "text")
            if day is not None:
                found.append((month.start(), after.end(), *day))
    found.sort(key=lambda f: (f[0], -f[1]))
    mentions: list[Mention] = []
    for start, end, day, confidence, rule in found:
        if mentions and start < mentions[-1].end:
            continue
        cue = _CUE.search(lower, max(0, start - 24), start)
        extra = {"cue": text[cue.start() : cue.end()].strip(" :-–") if cue else None}
        mentions.append(
            Mention(
                MentionKind.DATE, day.isoformat(), start, end, confidence, rule,
                text[start:end], extra=extra,
            )
        )
    return mentions


_DATE_GLUE = frozenset("0123456789./-")
_DIGIT = re.compile(r"\d")


def _valid(
    year: int, month: int, day: int, confidence: float, rule: str
) -> tuple[date, float, str] | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return date(year, month, day), confidence, rule
    except ValueError:
        return None
