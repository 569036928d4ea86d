"""Phone numbers in free text, however they are written, as E.164 mentions.

Ads hide numbers from filters: `98 double 7 triple 5 4 3 2`, `nine eight one one two 3 4 5 6
7`, `नौ आठ तीन नौ शून्य ...`, `९८३९० १२३४५`, keycap emoji, `+91-70O4-5l2-889`, `wa.me/91...`.

An *atom* stands for digits: a digit group in any script, letters for digits (`70O4`),
keycaps, circled digits, a number word in English, Hinglish or Hindi, `double`/`triple`.
One compiled pattern finds *runs*, atoms separated only by phone-like separators, in a single
C-level pass; only runs long enough to hold a number are read atom by atom and cut into
numbers left to right, keeping at each atom the longest digit string with the shape of a
real number. `phonenumbers` validates only those few survivors, behind a cache.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers

from kadiyan.extract.casing import lowered
from kadiyan.model import Mention, MentionKind

__all__ = ["find_phones", "normalise_phone"]

# Number words to digits. Hinglish words that are also English words ("do", "sat", "char")
# are safe here: a word only counts inside a run that validates as a whole number.
WORDS: dict[str, str] = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "shunya": "0", "shoonya": "0", "sunya": "0", "ek": "1", "do": "2", "teen": "3",
    "char": "4", "chaar": "4", "paanch": "5", "panch": "5", "paach": "5", "chhe": "6",
    "chhah": "6", "chah": "6", "che": "6", "chhey": "6", "saat": "7", "sat": "7",
    "aath": "8", "ath": "8", "nau": "9", "nao": "9",
    "शून्य": "0", "जीरो": "0", "ज़ीरो": "0", "एक": "1", "दो": "2", "तीन": "3", "चार": "4",
    "पाँच": "5", "पांच": "5", "छह": "6", "छः": "6", "छे": "6", "छै": "6", "छ": "6",
    "सात": "7", "आठ": "8", "नौ": "9",
}
REPEATS: dict[str, int] = {"double": 2, "triple": 3, "डबल": 2, "ट्रिपल": 3}

# Circled and dingbat digits are not Unicode decimals, so `\d` misses them.
_CIRCLED = {
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


_LATIN_WORDS = [w for w in [*WORDS, *REPEATS] if w.isascii()]
_HINDI_WORDS = [w for w in [*WORDS, *REPEATS] if not w.isascii()]
_CIRCLED_CLASS = "[" + "".join(_CIRCLED) + "]"
# A word must not run on into a letter (`someone`, `oneplus`); Devanagari vowel signs are not
# `\w`, so for Hindi words (`नौकरी`) their block is named.
_LATIN_WORD = r"\b(?:" + _alternation(_LATIN_WORDS) + r")(?![^\W\d])"
_HINDI_WORD = (
    r"(?<![\u0900-\u097f])(?:" + _alternation(_HINDI_WORDS) + r")(?![\w\u0900-\u0963\u0966-\u097f])"
)
# Letters for digits (`70O4`, `5l2`) are found loosely here, in lower case, and judged on
# the original text: only O, o, I and l stand for digits.
_DIGITS = r"\d[\doil]*|\b[oil]+\d[\doil]*"
# What may stand between two atoms of one number: spaces (also zero-width ones used to
# break filters), dashes, dots, slashes, brackets, stars, plus signs and keycap remnants.
_SEPARATORS = frozenset(
    " \t\n\r\u00a0\u202f\u205f\u2060\u3000\ufeff-\u2212.·•/\\()[]{}*~+＋|\ufe0f\u20e3"
    + "".join(map(chr, range(0x2000, 0x200E))) + "".join(map(chr, range(0x2010, 0x2016)))
)
# Commas and colons may join a run too; they are judged gap by gap later (`5000, 7000`
# is two prices, `9, 8, 7, ...` one number).
_GAP = "[" + re.escape("".join(sorted(_SEPARATORS)) + ",:") + "]{0,4}"


def _run_pattern(atom: str) -> re.Pattern[str]:
    """Runs of atoms joined by separators."""
    return re.compile("(?:" + atom + ")(?:" + _GAP + "(?:" + atom + "))*")


# Runs are found in the lower-cased text: case-insensitive matching is several times
# slower in `re`. Texts in ASCII skip the Devanagari and circled-digit alternatives.
_RUN_ASCII = _run_pattern(_DIGITS + "|" + _LATIN_WORD)
_RUN = _run_pattern(
    _DIGITS + "|" + _LATIN_WORD + "|" + _HINDI_WORD + "|" + _CIRCLED_CLASS + "+"
)
_PIECE = re.compile(
    r"(?P<key>\d\ufe0f?\u20e3)|(?P<digits>" + _DIGITS + ")|(?P<word>" + _LATIN_WORD + "|"
    + _HINDI_WORD + ")|(?P<circled>" + _CIRCLED_CLASS + "+)"
)
_SHORTEST_RUN = 8  # characters: `9876543210`, `+9779812345678`, `①②③④⑤⑥⑦⑧⑨⓪` are longer

_WA_LINK = re.compile(r"(?i)(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=)\+?(\d{7,15})")
_WA_HINT = re.compile(r"(?i)wa\.me/|whatsapp\.com/")
# Digits glued to letters count when the letters are a phone cue (`Call9876543210`), not
# when they are a word or code (`UP78EX4521`, `riya9876543210`).
_LETTERS_BEFORE = re.compile(r"[A-Za-z_]+$")
_CUES = frozenset(
    "call ph phn phone mob mobile no num number cell tel contact whatsapp watsapp wa wp "
    "whatsap msg sms ring dial".split()
)
# Numbers introduced as something else (`Order id 9876543210`, `Aadhaar no. 9187 ...`): the
# word just before the digits, or the one before an `id`/`no` word.
_ID_WORDS = frozenset(
    "aadhaar aadhar adhaar uid order pnr txn transaction utr invoice ac acc account ifsc pan "
    "bill receipt tracking awb imei policy roll registration reg challan booking ticket fir "
    "case आधार".split()
)
_NUMBER_WORDS = frozenset("id no num number नंबर संख्या".split())
_WORD_PUNCTUATION = ":#=-./()[]"

_CONFIDENCE = {
    "wa.me": 0.95, "digits": 0.95, "native_digits": 0.9, "keycap": 0.85, "spaced": 0.85,
    "letters": 0.8, "words": 0.75, "mixed": 0.7, "repeat": 0.7,
}
_LETTER_DIGITS = str.maketrans("OoIl", "0011")
_MAX_GAP = 4

# An atom: (start, end, digits, style). Styles: d ASCII digits, n digits of another script,
# l letters for digits, k keycap or circled digits, w number words, r double/triple.
Atom = tuple[int, int, str, str]


def find_phones(text: str) -> list[Mention]:
    """Every phone number written in `text`, as E.164 mentions in text order."""
    found: list[Mention] = []
    links = _wa_links(text, found) if _WA_HINT.search(text) else None
    lower = lowered(text)
    for run in (_RUN_ASCII if text.isascii() else _RUN).finditer(lower):
        start, end = run.span()
        if end - start >= _SHORTEST_RUN and not (links and _inside(start, links)):
            for atoms in _split_run(text, lower, start, end):
                _cut_run(text, atoms, found)
    if links:
        found.sort(key=lambda m: m.start)
    return found


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


def _split_run(text: str, lower: str, start: int, end: int) -> list[list[Atom]]:
    """The atoms of a run, in groups that stand together (gaps judged one by one)."""
    groups: list[list[Atom]] = []
    atoms: list[Atom] = []
    repeat: tuple[int, int] | None = None  # a pending `double`: its start and count
    gap_from = start
    for piece in _PIECE.finditer(lower, start, end):
        atom = _atom(text, piece)
        if atom is None or (atom[3] == "r" and repeat is not None):
            groups.append(atoms)  # not an atom after all (`5i2`), or `double double`
            atoms, repeat = [], None
        elif atom[3] == "r":
            if _joins(text, atoms[-1] if atoms else None, atom, gap_from):
                repeat = (atom[0], int(atom[2]))
            else:
                groups.append(atoms)
                atoms = []
                repeat = (atom[0], int(atom[2]))
        else:
            if repeat is not None:
                if _short_gap(text, gap_from, atom[0]):
                    digits = atom[2]
                    atom = (repeat[0], atom[1], digits[0] * repeat[1] + digits[1:], "r")
                else:
                    groups.append(atoms)
                    atoms = []
                repeat = None
            if atoms and not _joins(text, atoms[-1], atom, atoms[-1][1]):
                groups.append(atoms)
                atoms = []
            if atoms or _may_start(text, atom):
                atoms.append(atom)
        gap_from = piece.end()
    groups.append(atoms)
    return groups


def _atom(text: str, piece: re.Match[str]) -> Atom | None:
    """The atom a piece of a run stands for; None for letters that are not digits."""
    kind = piece.lastgroup
    start, end = piece.span()
    raw = text[start:end]
    if kind == "digits":
        if raw.isdecimal():
            return (start, end, raw, "d") if raw.isascii() else (start, end, _to_ascii(raw), "n")
        swapped = raw.translate(_LETTER_DIGITS)
        return (start, end, _to_ascii(swapped), "l") if swapped.isdecimal() else None
    if kind == "word":
        key = piece.group()
        if key in REPEATS:
            return (start, end, str(REPEATS[key]), "r")
        return (start, end, WORDS[key], "w")
    if kind == "key":
        return (start, end, _to_ascii(raw[0]), "k")
    return (start, end, "".join(_CIRCLED[c] for c in raw), "k")


def _may_start(text: str, atom: Atom) -> bool:
    """False for digits glued to a word that is no phone cue (`UP78`, `riya98...`)."""
    start = atom[0]
    if not start or atom[3] != "d":
        return True
    before = text[start - 1]
    if not (before.isascii() and (before.isalpha() or before == "_")):
        return True
    letters = _LETTERS_BEFORE.search(text, max(0, start - 12), start)
    return letters is not None and letters.group().lower() in _CUES


def _short_gap(text: str, start: int, end: int) -> bool:
    """At most two spaces or dashes: what may stand between `double` and its digit."""
    return end - start <= 2 and not text[start:end].strip(" -")


def _joins(text: str, last: Atom | None, atom: Atom, gap_from: int) -> bool:
    """True when only phone-like separators stand between two atoms."""
    if last is None:
        return True
    gap = text[gap_from : atom[0]]
    if len(gap) > _MAX_GAP:
        return False
    if _SEPARATORS.issuperset(gap):
        return True
    # Commas separate list items (`5000, 7000`) unless digits are spelt one by one.
    if "," in gap and len(last[2]) == 1 and len(atom[2]) == 1:
        return _SEPARATORS.issuperset(gap.replace(",", ""))
    # `छ:` is six written with a colon for the visarga.
    return gap.startswith(":") and text[gap_from - 1] == "छ" and _SEPARATORS.issuperset(gap[1:])


def _cut_run(text: str, run: list[Atom], found: list[Mention]) -> None:
    """Left to right, the longest valid number starting at each atom."""
    if not run or (len(run) == 1 and len(run[0][2]) < 8):
        return
    i, n = 0, len(run)
    while i < n:
        plus_at = _plus_before(text, run[i][0], run[i - 1][1] if i else 0)
        digits, best = "", None
        for j in range(i, n):
            digits += run[j][2]
            if len(digits) > 15:
                break
            if len(digits) >= 8:
                value = _e164(digits, plus_at is not None, False)
                if value is not None:
                    best = (j, value)
        if best is None:
            i += 1
            continue
        j, value = best
        atoms = run[i : j + 1]
        start = run[i][0] if plus_at is None else plus_at
        if not (_aadhaar_like(atoms) or (i == 0 and _introduced_as_id(text, start))):
            found.append(_mention(text, start, run[j][1], value, _style(atoms)))
        i = j + 1


def _plus_before(text: str, start: int, floor: int) -> int | None:
    """Index of a `+` just before an atom (`+91`, `+ 91`, `(+91)`), if any."""
    k = start - 1
    while k >= floor and k > start - 3 and text[k] in " (":
        k -= 1
    return k if k >= floor and text[k] in "+＋" else None


def _aadhaar_like(atoms: list[Atom]) -> bool:
    """Three groups of four digits: how Aadhaar numbers are written, not phones."""
    return len(atoms) == 3 and all(len(a[2]) == 4 and a[3] == "d" for a in atoms)


def _introduced_as_id(text: str, start: int) -> bool:
    """True when the words before a number name an id (`Order id`, `PNR:`, `आधार नंबर`)."""
    words = text[max(0, start - 40) : start].split()[-2:]
    if not words:
        return False
    last = words[-1].strip(_WORD_PUNCTUATION).lower()
    if last in _ID_WORDS:
        return True
    return (
        len(words) == 2
        and last in _NUMBER_WORDS
        and words[0].strip(_WORD_PUNCTUATION).lower() in _ID_WORDS
    )


def _style(atoms: list[Atom]) -> str:
    """The rule name for the oddest way a number was written."""
    styles = {a[3] for a in atoms}
    if "r" in styles:
        return "repeat"
    if "w" in styles:
        return "words" if styles == {"w"} else "mixed"
    if "l" in styles:
        return "letters"
    if "k" in styles:
        return "keycap"
    if "n" in styles:
        return "native_digits"
    return "spaced" if len(atoms) > 4 else "digits"


def _mention(text: str, start: int, end: int, value: str, rule: str) -> Mention:
    """A phone mention; landlines are a little less sure than mobiles."""
    confidence = _CONFIDENCE[rule]
    if value.startswith("+91") and value[3] not in "6789":
        confidence -= 0.05
    return Mention(MentionKind.PHONE, value, start, end, confidence, rule, text[start:end])


def _wa_links(text: str, found: list[Mention]) -> list[tuple[int, int]]:
    """Phones of wa.me and WhatsApp send links (digits carry the country code); their spans."""
    spans = []
    for match in _WA_LINK.finditer(text):
        digits = match.group(1)
        value = _e164(digits, len(digits) > 10, False)
        if value is not None:
            found.append(_mention(text, match.start(), match.end(), value, "wa.me"))
        spans.append(match.span())
    return spans


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    """True when a position falls in one of the spans."""
    return any(a <= start < b for a, b in spans)


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
    """E.164 for a digit string if it has the shape of a real number, else None.

    Bare numbers must be mobiles (first digit 6-9): a bare 10-digit landline is
    indistinguishable from an id. Landlines need a trunk 0 or the country code, which is
    how they are written in ads (`080-4123 7788`, `+91 (832) 2456789`). `lenient` (for
    structured phone fields) also accepts bare landlines.
    """
    if plus:
        if not digits.startswith("91"):
            return _foreign(digits)
        national, explicit = digits[2:], True
    elif digits.startswith("00"):
        if not digits.startswith("0091"):
            return _foreign(digits[2:])
        national, explicit = digits[4:], True
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
    try:
        number = phonenumbers.parse(national, "IN")
    except phonenumbers.NumberParseException:
        return None
    return "+91" + national if phonenumbers.is_valid_number(number) else None


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
