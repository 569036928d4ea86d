"""Phone numbers in free text, however they are written, as E.164 mentions.

Ads hide numbers from filters: `98 double 7 triple 5 4 3 2`, `nine eight one one two 3 4 5 6
7`, `नौ आठ तीन नौ शून्य ...`, `९८३९० १२३४५`, keycap emoji, `+91-70O4-5l2-889`, `wa.me/91...`.

An *atom* stands for digits: a digit group in any script, letters for digits (`70O4`),
keycaps, circled digits, a number word in English, Hinglish or Hindi, `double`/`triple`.
One compiled pattern finds *runs*, atoms separated only by phone-like separators, in a single
C-level pass over the lower-cased text. Runs long enough to hold a number are read: a run of
plain digit groups at once, any other piece by piece. A run that is one valid number is
taken whole; otherwise it is cut into the numbers that cover most of its atoms, so a price
or a count before a number stays out of it. Validity is phonenumbers' own metadata for
India, compiled once (its `parse` costs ~50 µs a call), behind a cache.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from typing import Final

import phonenumbers

from kadiyan.extract.casing import lowered
from kadiyan.extract.separators import words_of
from kadiyan.model import Mention, MentionKind, mention_of

__all__ = ["find_phones", "normalise_phone"]

# Number words to digits. Hinglish words that are also English words ("do", "sat", "char")
# are safe here: a word only counts inside a run that validates as a whole number.
# Standalone O, o, I and l stand for digits too (`9 8 O 1 ...`).
WORDS: Final[dict[str, str]] = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "i": "1", "l": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "shunya": "0", "shoonya": "0", "sunya": "0", "ek": "1", "do": "2", "teen": "3", "tin": "3",
    "char": "4", "chaar": "4", "paanch": "5", "panch": "5", "paach": "5", "chhe": "6",
    "chhah": "6", "chah": "6", "che": "6", "chhey": "6", "chheh": "6", "cheh": "6", "chhai": "6",
    "saat": "7", "sat": "7", "saath": "7", "aath": "8", "ath": "8", "aat": "8", "nau": "9",
    "nao": "9",
    "शून्य": "0", "शुन्य": "0", "जीरो": "0", "ज़ीरो": "0", "एक": "1", "दो": "2", "तीन": "3",
    "चार": "4", "पाँच": "5", "पांच": "5", "छह": "6", "छः": "6", "छे": "6", "छै": "6", "छ": "6",
    "सात": "7", "आठ": "8", "नौ": "9",
}
REPEATS: Final[dict[str, int]] = {
    "double": 2, "dubble": 2, "dabal": 2, "triple": 3, "tripple": 3, "डबल": 2, "ट्रिपल": 3,
}

# Circled and dingbat digits are not Unicode decimals, so `\d` misses them.
_CIRCLED: Final = {
    **{chr(0x2460 + i): str(i + 1) for i in range(9)},  # ① - ⑨
    **{chr(0x2776 + i): str(i + 1) for i in range(9)},  # ❶ - ❾
    **{chr(0x2780 + i): str(i + 1) for i in range(9)},  # ➀ - ➈
    **{chr(0x278A + i): str(i + 1) for i in range(9)},  # ➊ - ➒
    **{chr(0x24F5 + i): str(i + 1) for i in range(9)},  # ⓵ - ⓽
    "\u24ea": "0", "\u24ff": "0", "\U0001f10b": "0", "\U0001f10c": "0",  # ⓪ ⓿ 🄋 🄌
}


def _alternation(words: list[str]) -> str:
    """A pattern for a word list as a trie (`o(?:ne|h)?`): far fewer branches per position."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict[str, dict]) -> str:
    """The pattern of one trie node: its branches, optional when a word may end here."""
    branches = [re.escape(char) + _trie_pattern(rest) for char, rest in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"


_LATIN_WORDS: Final = [w for w in [*WORDS, *REPEATS] if w.isascii()]
_HINDI_WORDS: Final = [w for w in [*WORDS, *REPEATS] if not w.isascii()]
_CIRCLED_CLASS: Final = "[" + "".join(_CIRCLED) + "]"
# A word must not run on into a letter (`someone`, `oneplus`); Devanagari vowel signs are not
# `\w`, so for Hindi words (`नौकरी`) their block is named.
_HINDI_NOT_AFTER: Final = r"(?![\w\u0900-\u0963\u0966-\u097f])"
_LATIN_WORD: Final = r"(?<![^\W\d])(?:" + _alternation(_LATIN_WORDS) + r")(?![^\W\d])"
_HINDI_WORD: Final = (
    r"(?<![\u0900-\u097f])(?:" + _alternation(_HINDI_WORDS) + r")" + _HINDI_NOT_AFTER
)
# Letters for digits (`70O4`, `5l2`) are found loosely here, in lower case, and judged on
# the original text: only O, o, I and l stand for digits.
_DIGITS: Final = r"\d(?:[\doil]*(?![^\W\d])|\d*)|(?<![^\W\d])[oil]+\d[\doil]*(?![^\W\d])"
# What may stand between two atoms of one number: spaces (also zero-width ones used to
# break filters), dashes, dots, slashes, brackets, stars, plus signs and keycap remnants.
_SEPARATORS: Final = frozenset(
    " \t\n\r\u00a0\u202f\u205f\u2060\u3000\ufeff-\u2212.·•/\\()[]{}*~+＋|_\ufe0f\u20e3"
    + "".join(map(chr, range(0x2000, 0x200E))) + "".join(map(chr, range(0x2010, 0x2016)))
)
# Commas and colons may join a run too; they are judged gap by gap later (`5000, 7000`
# is two prices, `9, 8, 7, ...` one number).
_GAP_CHAR: Final = "[" + re.escape("".join(sorted(_SEPARATORS)) + ",:") + "]"
_GAP: Final = _GAP_CHAR + "{0,4}"
_SHORTEST_RUN: Final = 8  # characters: `9876543210`, `+9779812345678`, `①②③④⑤⑥⑦⑧⑨⓪` are longer


# Runs are found in the lower-cased text: case-insensitive matching is several times
# slower in `re`. Texts without Devanagari or circled digits (most ads, emoji or not) skip
# those atoms. _LATIN_ATOM is _DIGITS or _LATIN_WORD, factored so that each position of
# the text is tried twice (a digit? a letter after no letter?), not four times: 20% faster.
_AFTER_FIRST_DIGIT: Final = r"(?:[\doil]*(?![^\W\d])|\d*)"
_DIGIT_ATOM: Final = r"\d" + _AFTER_FIRST_DIGIT
# A word is looked for only at a letter some word starts with: that test is one set look-up,
# the look-behind for a letter before it a category test.
_FIRST_LETTERS: Final = "[" + "".join(sorted({w[0] for w in _LATIN_WORDS} | set("oil"))) + "]"
_LATIN_ATOM: Final = (
    _DIGIT_ATOM + "|(?=" + _FIRST_LETTERS + r")(?<![^\W\d])(?:[oil]+\d[\doil]*|"
    + _alternation(_LATIN_WORDS) + r")(?![^\W\d])"
)
_ATOM: Final = _LATIN_ATOM + "|" + _HINDI_WORD + "|" + _CIRCLED_CLASS + "+"
_RUN_LATIN: Final = re.compile("(?:" + _LATIN_ATOM + ")(?:" + _GAP + "(?:" + _LATIN_ATOM + "))*")
# Most ads spell no digit: in a text where no word can be a number word or letters for
# digits, runs are digit groups alone. The pattern then starts with a digit, so the regex
# engine skips in C to the next one instead of trying a word at every letter: the scan
# takes a third of the time. Only runs of `_SHORTEST_RUN` characters and more are read, and
# every character of a run is a digit, `o`, `i`, `l` or a gap's: a run starts only at a
# digit whose next characters may all go on with it, so most short numbers (`24x7`, `Rs
# 3000/hr`) make no match to be thrown away. A long run's start passes; a short one that
# passes is thrown away after, as before; one that does not ends before the character that
# stopped it, and so does any run that would start at a later digit before that character.
_RUN_DIGITS: Final = re.compile(
    r"\d(?=[\doil" + _GAP_CHAR[1:-1] + f"]{{{_SHORTEST_RUN - 1}}})" + _AFTER_FIRST_DIGIT
    + "(?:" + _GAP + "(?:" + _DIGIT_ATOM + "))*"
)
_LATIN_WORD_SET: Final = frozenset(_LATIN_WORDS)
# In `words_of`'s line, where digits are `0`: letters glued to digits (`9eight`, `24x7`),
# and letters for digits before one (`o98`). Both start with the `0`, a literal: `re` then
# skips from one `0` to the next in C, where a pattern that starts with a class is tried at
# every character, four times as slow on an ad.
_GLUED: Final = re.compile("0(?:[a-z_]|(?<=[a-z_]0))")
_LETTERS_BEFORE_DIGIT: Final = re.compile("0(?<=[oil]0)")
# For a line with characters outside ASCII, made ASCII (`encode` makes each other character
# one `?`): letters for digits before a digit, where `?` may be one of another script (`o९`);
# and the runs of ASCII letters and `_`, everything else a space.
_LETTERS_BEFORE_DIGIT_BYTES: Final = re.compile(rb"[oil][0?]")
_ASCII_LETTER_RUNS: Final = bytes.maketrans(b"?0", b"  ")
_LATIN_WORD_BYTES: Final = frozenset(word.encode() for word in _LATIN_WORDS)
# Every atom starts with a digit or one of a few letters: one look at the character rules
# out the rest of a text in Devanagari, where each atom's own test would be tried in turn.
_ATOM_FIRST: Final = (
    "(?=[\\d" + _FIRST_LETTERS[1:-1] + "".join(sorted({w[0] for w in _HINDI_WORDS}))
    + "".join(_CIRCLED) + "])"
)
_RUN: Final = re.compile(_ATOM_FIRST + "(?:" + _ATOM + ")(?:" + _GAP + "(?:" + _ATOM + "))*")
# `_may_spell_hindi`: a character of the blocks circled digits are in (a circled letter
# too, which only costs the full pattern); a Hindi number word without its look-behind.
_CIRCLED_DIGIT: Final = re.compile("[\u2460-\u24ff\u2776-\u2793\U0001f10b\U0001f10c]")
_HINDI_HINT: Final = re.compile("(?:" + _alternation(_HINDI_WORDS) + ")" + _HINDI_NOT_AFTER)
# A run read piece by piece: each match is (gap before, keycap, digits, word, circled),
# with exactly one of the last four set. The pieces tile the run, so positions are sums
# of lengths, and `findall` spares a match object per piece.
_PIECES: Final = re.compile(
    "(" + _GAP_CHAR + "*)"
    r"(?:(\d\ufe0f?\u20e3)|(" + _DIGITS + ")|(" + _LATIN_WORD + "|" + _HINDI_WORD + ")|("
    + _CIRCLED_CLASS + "+))"
)
# Digit groups with one plain separator between them: `98765 43210`, `080-4123 7788`.
_PLAIN_RUN: Final = re.compile(r"[0-9]+(?:[ .\-/][0-9]+)*")
_DIGIT_GROUP: Final = re.compile(r"[0-9]+")
_KEYCAP: Final = "\ufe0f\u20e3"
# A full stop right after an atom and then a space ends a sentence (`Rs 7000. 9 5 3 ...`);
# dots between digits (`9.8.2.2`) do not.
_SENTENCE_END: Final = re.compile(r"\.\s").match

_WA_LINK: Final = re.compile(r"(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=)\+?(\d{7,15})")
# Digits glued to letters count when the letters are a phone cue (`Call9876543210`), not
# when they are a word or code (`UP78EX4521`, `riya9876543210`).
_GLUE: Final = re.compile(r"[A-Za-z_]")
_LETTERS_BEFORE: Final = re.compile(r"[A-Za-z_]+$")
_CUES: Final = frozenset(
    "call ph phn phone mob mobile no num number cell tel contact whatsapp watsapp wa wp "
    "whatsap msg sms ring dial".split()
)
# Numbers introduced as something else (`Order id 9876543210`, `Aadhaar no. 9187 ...`): the
# word just before the digits, or the one before an `id`/`no` word.
_ID_WORDS: Final = frozenset(
    "aadhaar aadhar adhaar uid order pnr txn transaction utr invoice a/c ac acc account ifsc pan "
    "bill receipt tracking awb imei policy roll registration reg challan booking ticket fir "
    "case आधार".split()
)
_NUMBER_WORDS: Final = frozenset("id no num number नंबर संख्या".split())
_PUNCTUATION: Final = ":#=-./()[] \t\n"

_PHONE: Final = MentionKind.PHONE  # looked up once: an enum member costs a lookup each time
_CONFIDENCE: Final = {
    "wa.me": 0.95, "digits": 0.95, "native_digits": 0.9, "keycap": 0.85, "spaced": 0.85,
    "letters": 0.8, "words": 0.75, "mixed": 0.7, "repeat": 0.7,
}
_LETTER_DIGITS: Final = str.maketrans("OoIl", "0011")
_MAX_GAP: Final = 4
# Digit counts a number can have: bare, with 0, with 91, with 091; with + or 00, any E.164.
_LENGTHS: Final = (10, 11, 12, 13)
_LENGTHS_INTERNATIONAL: Final = tuple(range(8, 16))

# An atom: (start, end, digits, style). Styles: d ASCII digits, n digits of another script,
# l letters for digits, k keycap or circled digits, w number words, r double/triple.
Atom = tuple[int, int, str, str]
_DIGITS_OF: Final = itemgetter(2)
_STYLE_OF: Final = itemgetter(3)


def find_phones(text: str) -> list[Mention]:
    """Every phone number written in `text`, as E.164 mentions in text order."""
    found: list[Mention] = []
    lower = lowered(text)
    links = _wa_links(text, lower, found) if "wa.me/" in lower or "app.com/" in lower else None
    if _may_spell_hindi(text, lower):
        scan = _RUN
    else:
        scan = _RUN_LATIN if _may_spell(text) else _RUN_DIGITS
    for run in scan.finditer(lower):
        start, end = run.span()
        if links:
            start = _after_links(start, links)  # `wa.me/91... / nine four ...`
        if end - start >= _SHORTEST_RUN:
            while end < len(text) and text[end] in _KEYCAP:
                end += 1  # the last keycap's marks belong to its digit
            if not _plain_run(text, start, end, found):
                for atoms in _split_run(text, lower, start, end):
                    _cut_run(text, atoms, found)
    if links:
        found.sort(key=lambda m: m.start)
    return found


def _may_spell_hindi(text: str, lower: str) -> bool:
    """Whether a Hindi number word or a circled digit may stand in a text: only then do runs
    need the full pattern.

    Most Hindi ads spell no digit: their numbers are digit groups, which the narrower
    patterns find at a third of the cost. The test looks for a number word without the
    look-behind `_HINDI_WORD` starts with, so that `re` skips in C to the letters such words
    start with: it may say yes for a word that only ends like one, never no for one.
    """
    if text.isascii():
        return False
    return _CIRCLED_DIGIT.search(text) is not None or _HINDI_HINT.search(lower) is not None


def _may_spell(text: str) -> bool:
    """Whether a Latin number word or letters for digits may stand in a text with no Hindi
    number word.

    Read from the line the phrase extractors share (`words_of`: computed once a text). A
    word atom is a whole run of letters (`nine`, `o98`), so it is a word of that line or a
    piece of one between digits (`9eight` is `0eight`). Characters outside ASCII left in the
    line (Devanagari, accented letters) may end a run of letters where the line does not
    split: there the line's ASCII letters are read, every other character a space, which
    may find a word that is none (`éone`), never miss one.
    """
    line, words = words_of(text)
    if not line.isascii():
        ascii_line = line.encode("ascii", "replace")
        if _LETTERS_BEFORE_DIGIT_BYTES.search(ascii_line) is not None:
            return True
        return not _LATIN_WORD_BYTES.isdisjoint(ascii_line.translate(_ASCII_LETTER_RUNS).split())
    if not _LATIN_WORD_SET.isdisjoint(words):
        return True
    if _GLUED.search(line) is None:
        return False  # every run of letters is a word of the line
    pieces = line.replace("0", " ").split()
    return not _LATIN_WORD_SET.isdisjoint(pieces) or _LETTERS_BEFORE_DIGIT.search(line) is not None


def normalise_phone(raw: str, region: str = "IN") -> str | None:
    """E.164 for a structured phone field (`919876543210`, `09876543210`), None for junk."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if region.upper() != "IN":
        return _parse_other_region(text, region)
    digits = _plain_digits(text)
    if digits is not None:
        plus = text.startswith(("+", "＋"))
        value = _e164(digits, plus, True)
        if value is not None:
            return value
    # Fields can be as obfuscated as ads (`nine eight ...`): take the one number they hold.
    values = {m.value for m in find_phones(text)}
    return values.pop() if len(values) == 1 else None


def _plain_run(text: str, start: int, end: int, found: list[Mention]) -> bool:
    """The common case, without the piece-by-piece read: ASCII digit groups only."""
    raw = text[start:end]
    if not _PLAIN_RUN.fullmatch(raw) or (start and _GLUE.match(text, start - 1)):
        return False  # words, letters, odd gaps, digits glued to a word: read by pieces
    groups = _DIGIT_GROUP.findall(raw)
    digits = "".join(groups)
    if len(digits) < 8:
        return True  # no number is shorter (`38-30-38`): `_cut_run` would find none
    plus_at = _plus_before(text, start, 0)
    if len(digits) <= 15:
        value = _plain_number(groups, digits, plus_at is not None)
        if value is not None:  # one number, the usual case: no spans of groups needed
            if not (_other_number(groups) or _introduced_as_id(text, start)):
                first = start if plus_at is None else plus_at
                rule = "digits" if len(groups) <= 4 else "spaced"
                found.append(_mention(text, first, end, value, rule))
            return True
    atoms = [
        (start + m.start(), start + m.end(), m.group(), "d") for m in _DIGIT_GROUP.finditer(raw)
    ]
    _cut_run(text, atoms, found)
    return True


def _split_run(text: str, lower: str, start: int, end: int) -> list[list[Atom]]:
    """The atoms of a run, in groups that stand together (gaps judged one by one)."""
    groups: list[list[Atom]] = []
    atoms: list[Atom] = []
    repeat: tuple[int, int, str] | None = None  # a pending `double`: start, count, gap
    pos = start
    for gap, key, digits, word, circled in _PIECES.findall(lower, start, end):
        a = pos + len(gap)
        pos = a + len(key or digits or word or circled)
        atom = _atom(text, a, pos, key, digits, word, circled)
        if atom is None:  # letters that are no digits after all (`5i2`), `double double`
            groups.append(atoms)
            atoms, repeat = [], None
            continue
        if atom[3] == "r":
            repeat = None if repeat else (a, int(atom[2]), gap)
            continue
        if repeat is not None:
            if len(gap) <= 2 and not gap.strip(" -"):  # `double 7`, `triple-five`
                atom = (repeat[0], pos, atom[2][0] * repeat[1] + atom[2][1:], "r")
                gap = repeat[2]
            else:
                groups.append(atoms)
                atoms = []
            repeat = None
        # One space joins (`_joins`), and is the gap between most pieces: asked of the rest.
        if atoms and gap != " " and not _joins(text, atoms[-1], atom, gap):
            groups.append(atoms)
            atoms = []
        if atoms or _may_start(text, atom):
            atoms.append(atom)
    groups.append(atoms)
    # The pieces tile the run; should some text ever slip between them, positions would be
    # off, so such a run is dropped rather than given wrong spans.
    return groups if pos == end else []


def _atom(
    text: str, start: int, end: int, key: str, digits: str, word: str, circled: str
) -> Atom | None:
    """The atom a piece stands for; None for letters that are not digits."""
    if word:
        digit = WORDS.get(word)
        return (start, end, digit, "w") if digit else (start, end, str(REPEATS[word]), "r")
    if digits:
        raw = text[start:end]
        if raw.isdecimal():
            return (start, end, raw, "d") if raw.isascii() else (start, end, _to_ascii(raw), "n")
        swapped = raw.translate(_LETTER_DIGITS)
        return (start, end, _to_ascii(swapped), "l") if swapped.isdecimal() else None
    if key:
        return (start, end, _to_ascii(key[0]), "k")
    return (start, end, "".join(_CIRCLED[c] for c in circled), "k")


def _may_start(text: str, atom: Atom) -> bool:
    """False for digits glued to a word that is no phone cue (`UP78`, `riya98...`)."""
    start = atom[0]
    if not start or atom[3] != "d" or not _GLUE.match(text, start - 1):
        return True
    letters = _LETTERS_BEFORE.search(text, max(0, start - 12), start)
    return letters is not None and letters.group().lower() in _CUES


def _joins(text: str, last: Atom, atom: Atom, gap: str) -> bool:
    """True when only phone-like separators stand between two atoms."""
    if len(gap) <= _MAX_GAP and _SEPARATORS.issuperset(gap):
        return "." not in gap or not _SENTENCE_END(gap)
    return _odd_gap(text, last, atom, gap)


def _odd_gap(text: str, last: Atom, atom: Atom, gap: str) -> bool:
    """True for the gaps that join only in context: commas and the colon of `छ:`."""
    if len(gap) > _MAX_GAP:
        return False
    # Commas separate list items (`5000, 7000`) unless digits are spelt one by one.
    if "," in gap and len(last[2]) == 1 and len(atom[2]) == 1:
        return _SEPARATORS.issuperset(gap.replace(",", ""))
    # `छ:` is six written with a colon for the visarga.
    return gap.startswith(":") and text[last[1] - 1] == "छ" and _SEPARATORS.issuperset(gap[1:])


def _cut_run(text: str, run: list[Atom], found: list[Mention]) -> None:
    """The numbers of a run: the reading that covers most of its atoms with valid numbers."""
    n = len(run)
    if not n or (n == 1 and len(run[0][2]) < 8):
        return
    digits = "".join(map(_DIGITS_OF, run))
    if len(digits) < 8:
        return  # no number is shorter (`23, 38-30-38` is an age and a figure)
    plus = [False] * n
    if "+" in text[max(0, run[0][0] - 3) : run[-1][1]] or "＋" in text:
        plus = [_plus_before(text, a[0], run[k - 1][1] if k else 0) is not None
                for k, a in enumerate(run)]
    whole = _run_number(run, 0, n - 1, digits, plus[0]) if 8 <= len(digits) <= 15 else None
    if whole is not None:  # the usual case: the run is one number
        _take(text, run, 0, n - 1, whole, found)
        return
    # Right to left: covered[i] is the most atoms from i on that valid numbers can cover,
    # taken[i] the number to take at i (the atom it ends at, its value) or None to skip i.
    # Covering most atoms keeps a price or a count before a spelt-out number out of it
    # (`Rs 7000. 9 5 3 6 0 5 8 3 9 6`), and two numbers side by side apart.
    offsets = [0]
    for atom in run:
        offsets.append(offsets[-1] + len(atom[2]))
    ends_at = {offset: k - 1 for k, offset in enumerate(offsets)}
    covered = [0] * (n + 1)
    taken: list[tuple[int, str] | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        covered[i] = covered[i + 1]
        first = offsets[i]
        international = plus[i] or digits.startswith("00", first)
        for length in _LENGTHS_INTERNATIONAL if international else _LENGTHS:
            j = ends_at.get(first + length)
            if j is None or j - i + 1 + covered[j + 1] < covered[i]:
                continue
            value = _run_number(run, i, j, digits[first : first + length], plus[i])
            if value is not None:
                covered[i] = j - i + 1 + covered[j + 1]
                taken[i] = (j, value)
    i = 0
    while i < n:
        choice = taken[i]
        if choice is None:
            i += 1
            continue
        _take(text, run, i, choice[0], choice[1], found)
        i = choice[0] + 1


def _take(text: str, run: list[Atom], i: int, j: int, value: str, found: list[Mention]) -> None:
    """A mention for atoms i to j of a run, unless they read as another kind of number."""
    atoms = run[i : j + 1]
    rule = _style(atoms)
    if rule in ("digits", "spaced") and _other_number([a[2] for a in atoms]):
        return
    start = run[i][0]
    plus_at = _plus_before(text, start, run[i - 1][1] if i else 0)
    start = start if plus_at is None else plus_at
    if not (i == 0 and _introduced_as_id(text, start)):
        found.append(_mention(text, start, run[j][1], value, rule))


def _run_number(run: list[Atom], i: int, j: int, digits: str, plus: bool) -> str | None:
    """E.164 for atoms i to j of a run, if they read as one number."""
    if not plus and len(digits) == 12 and digits.startswith("91"):
        # A bare 91 is a country code when it stands apart (`91 98765 43210`, `9 1 9 8 ...`)
        # or the number is written in one piece (`919876543210`), not in `91749-87174-84`.
        apart = run[i][2] == "91" or (i < j and run[i][2] + run[i + 1][2] == "91")
        if not apart and i != j:
            return None
        return _e164(digits, apart, False)
    return _e164(digits, plus, False)


def _plain_number(groups: list[str], digits: str, plus: bool) -> str | None:
    """E.164 for digit groups that read as one number: `_run_number` of a run of them, the
    groups made atoms only where it needs them (a bare 91 first)."""
    if not plus and len(digits) == 12 and digits.startswith("91"):
        whole = [(0, 0, group, "d") for group in groups]
        return _run_number(whole, 0, len(groups) - 1, digits, plus)
    return _e164(digits, plus, False)


def _plus_before(text: str, start: int, floor: int) -> int | None:
    """Index of a `+` just before an atom (`+91`, `+ 91`, `(+91)`), if any."""
    k = start - 1
    while k >= floor and k > start - 3 and text[k] in " (":
        k -= 1
    return k if k >= floor and text[k] in "+＋" else None


def _other_number(groups: list[str]) -> bool:
    """Digit groups that read as an Aadhaar number (`4521 7789 3302`) or prices (`7000 / 900`)."""
    if len(groups) < 2:
        return False
    if len(groups) == 3 and len(groups[0]) == len(groups[1]) == len(groups[2]) == 4:
        return True
    for group in groups:
        if not group.endswith("00"):
            return False
    return True


def _introduced_as_id(text: str, start: int) -> bool:
    """True when the words before a number name an id (`Order id`, `PNR:`, `आधार नंबर`)."""
    # The last two words only: split from the right.
    before = text[max(0, start - 30) : start].lower().rstrip(_PUNCTUATION).rsplit(None, 2)
    if not before:
        return False
    last = before[-1].strip(_PUNCTUATION)
    if last in _ID_WORDS:
        return True
    return len(before) > 1 and last in _NUMBER_WORDS and before[-2].strip(_PUNCTUATION) in _ID_WORDS


def _style(atoms: list[Atom]) -> str:
    """The rule name for the oddest way a number was written."""
    styles = set(map(_STYLE_OF, atoms))
    if styles == {"d"}:
        return "spaced" if len(atoms) > 4 else "digits"
    if "r" in styles:
        return "repeat"
    if "w" in styles:
        return "words" if styles == {"w"} else "mixed"
    if "l" in styles:
        return "letters"
    if "k" in styles:
        return "keycap"
    return "native_digits"


def _mention(text: str, start: int, end: int, value: str, rule: str) -> Mention:
    """A phone mention; landlines are a little less sure than mobiles."""
    confidence = _CONFIDENCE[rule]
    if value.startswith("+91") and value[3] not in "6789":
        confidence -= 0.05
    return mention_of((_PHONE, value, start, end, confidence, rule, text[start:end], "text",
                       None, {}))


def _wa_links(text: str, lower: str, found: list[Mention]) -> list[tuple[int, int]]:
    """Phones of wa.me and WhatsApp send links (digits carry the country code); their spans."""
    spans = []
    for match in _WA_LINK.finditer(lower):
        digits = match.group(1)
        value = _e164(digits, len(digits) > 10, False)
        if value is not None:
            found.append(_mention(text, match.start(), match.end(), value, "wa.me"))
        spans.append(match.span())
    return spans


def _after_links(start: int, links: list[tuple[int, int]]) -> int:
    """A run's start moved past the link it starts in, if any."""
    for link_start, link_end in links:
        if link_start <= start < link_end:
            return link_end
    return start


@lru_cache(maxsize=4096)
def _to_ascii(digits: str) -> str:
    """ASCII digits for decimal digits of any script (Devanagari, Bengali, full width)."""
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(c, 0)) if not c.isascii() else c for c in digits)


def _plain_digits(text: str) -> str | None:
    """The digits of a field written with digits and separators only, else None."""
    kept = []
    for char in text:
        if char.isdecimal():
            kept.append(char)
        elif not (char.isspace() or char in "+＋-./()[]"):
            return None
    return _to_ascii("".join(kept)) if kept else None


@lru_cache(maxsize=1 << 16)
def _e164(digits: str, plus: bool, lenient: bool) -> str | None:
    """E.164 for a digit string with the shape of a real number, else None."""
    # Bare numbers must be mobiles (first digit 6-9): a bare 10-digit landline cannot be
    # told from an id. Landlines need a trunk 0 or the country code, as ads write them
    # (`080-4123 7788`, `+91 (832) 2456789`); `lenient` (structured phone fields, which
    # are phones by definition) also takes bare landlines.
    if plus:
        if not digits.startswith("91"):
            return _foreign(digits)
        national, explicit = digits[2:], True
    elif digits.startswith("00"):
        if not digits.startswith("0091"):
            return _foreign(digits[2:])
        national, explicit = digits[4:], True
    elif len(digits) == 13 and digits.startswith("091"):
        national, explicit = digits[3:], True  # `091-98765-43210`: trunk 0 and country code
    elif digits[0] == "0":
        national, explicit = digits[1:], True
    elif len(digits) == 12 and digits.startswith("91"):
        national, explicit = digits[2:], lenient
    elif len(digits) == 10:
        national, explicit = digits, lenient
    else:
        return None
    if explicit and len(national) == 11 and national[0] == "0":
        national = national[1:]  # `+91 (0) 98...`
    if len(national) != 10 or national[0] == "0":
        return None
    if not explicit and national[0] not in "6789":
        return None
    return "+91" + national if _valid_indian(national) else None


def _indian_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """phonenumbers' general pattern for India, and one pattern of its 10-digit types."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("IN")
    general = metadata.general_desc if metadata is not None else None
    if metadata is None or general is None or not general.national_number_pattern:
        raise RuntimeError("phonenumbers has no metadata for India")
    descs = (
        metadata.premium_rate, metadata.toll_free, metadata.shared_cost, metadata.voip,
        metadata.personal_number, metadata.pager, metadata.uan, metadata.voicemail,
        metadata.fixed_line, metadata.mobile,
    )
    types = [
        f"(?:{d.national_number_pattern})"
        for d in descs
        if d is not None and d.national_number_pattern
        and (not d.possible_length or 10 in d.possible_length)
    ]
    return re.compile(general.national_number_pattern), re.compile("|".join(types))


# phonenumbers' own metadata for India, compiled once: `is_valid_number` gives the same
# answer (a number matches the general pattern and one type's) after a parse that costs
# ~50 µs a call, 30 times more than these two matches.
_INDIAN_NUMBER, _INDIAN_TYPES = _indian_patterns()


def _valid_indian(national: str) -> bool:
    """True for a 10-digit Indian national number that phonenumbers deems valid."""
    return (
        _INDIAN_NUMBER.fullmatch(national) is not None
        and _INDIAN_TYPES.fullmatch(national) is not None
    )


def _foreign(digits: str) -> str | None:
    """E.164 for a number written with a non-Indian country code, if valid."""
    if not 8 <= len(digits) <= 15:
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse_other_region(text: str, region: str) -> str | None:
    """E.164 for a field from another region, by phonenumbers alone."""
    try:
        number = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
