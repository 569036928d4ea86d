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
# Standalone O, o, I and l stand for digits too (`9 8 O 1 ...`).
WORDS: dict[str, str] = {
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
REPEATS: dict[str, int] = {
    "double": 2, "dubble": 2, "dabal": 2, "triple": 3, "tripple": 3, "डबल": 2, "ट्रिपल": 3,
}

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
_HINDI_NOT_AFTER = r"(?![\w\u0900-\u0963\u0966-\u097f])"
_LATIN_WORD = r"(?<![^\W\d])(?:" + _alternation(_LATIN_WORDS) + r")(?![^\W\d])"
_HINDI_WORD = r"(?<![\u0900-\u097f])(?:" + _alternation(_HINDI_WORDS) + r")" + _HINDI_NOT_AFTER
# Letters for digits (`70O4`, `5l2`) are found loosely here, in lower case, and judged on
# the original text: only O, o, I and l stand for digits.
_DIGITS = r"\d[\doil]*(?![^\W\d])|\d+|\b[oil]+\d[\doil]*(?![^\W\d])"
# What may stand between two atoms of one number: spaces (also zero-width ones used to
# break filters), dashes, dots, slashes, brackets, stars, plus signs and keycap remnants.
_SEPARATORS = frozenset(
    " \t\n\r\u00a0\u202f\u205f\u2060\u3000\ufeff-\u2212.·•/\\()[]{}*~+＋|_\ufe0f\u20e3"
    + "".join(map(chr, range(0x2000, 0x200E))) + "".join(map(chr, range(0x2010, 0x2016)))
)
# Commas and colons may join a run too; they are judged gap by gap later (`5000, 7000`
# is two prices, `9, 8, 7, ...` one number).
_GAP = "[" + re.escape("".join(sorted(_SEPARATORS)) + ",:") + "]{0,4}"


# Runs are found in the lower-cased text: case-insensitive matching is several times
# slower in `re`. Texts in ASCII (most ads) skip the Devanagari and circled-digit atoms.
# The same atoms as _DIGITS and _LATIN_WORD, factored so that each position of the text is
# tried twice (a digit? a letter after no letter?) instead of four times: 20% faster.
_ASCII_ATOM = (
    r"\d(?:[\doil]*(?![^\W\d])|\d*)"
    r"|(?<![^\W\d])(?:[oil]+\d[\doil]*|" + _alternation(_LATIN_WORDS) + r")(?![^\W\d])"
)
_ATOM = _ASCII_ATOM + "|" + _HINDI_WORD + "|" + _CIRCLED_CLASS + "+"
_RUN_ASCII = re.compile("(?:" + _ASCII_ATOM + ")(?:" + _GAP + "(?:" + _ASCII_ATOM + "))*")
_RUN = re.compile("(?:" + _ATOM + ")(?:" + _GAP + "(?:" + _ATOM + "))*")
_PIECE = re.compile(
    r"(?P<key>\d\ufe0f?\u20e3)|(?P<digits>" + _DIGITS + ")|(?P<word>" + _LATIN_WORD + "|"
    + _HINDI_WORD + ")|(?P<circled>" + _CIRCLED_CLASS + "+)"
)
# Digit groups with one plain separator between them: `98765 43210`, `080-4123 7788`.
_PLAIN_RUN = re.compile(r"[0-9]+(?:[ .\-/][0-9]+)*")
_NO_SEPARATORS = str.maketrans("", "", " .-/")
_DIGIT_GROUP = re.compile(r"[0-9]+")
_KEYCAP = "\ufe0f\u20e3"
_SHORTEST_RUN = 8  # characters: `9876543210`, `+9779812345678`, `①②③④⑤⑥⑦⑧⑨⓪` are longer

_WA_LINK = re.compile(r"(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=)\+?(\d{7,15})")
# Digits glued to letters count when the letters are a phone cue (`Call9876543210`), not
# when they are a word or code (`UP78EX4521`, `riya9876543210`).
_GLUE = re.compile(r"[A-Za-z_]")
_LETTERS_BEFORE = re.compile(r"[A-Za-z_]+$")
_CUES = frozenset(
    "call ph phn phone mob mobile no num number cell tel contact whatsapp watsapp wa wp "
    "whatsap msg sms ring dial".split()
)
# Numbers introduced as something else (`Order id 9876543210`, `Aadhaar no. 9187 ...`): the
# word just before the digits, or the one before an `id`/`no` word.
_ID_WORDS = frozenset(
    "aadhaar aadhar adhaar uid order pnr txn transaction utr invoice a/c ac acc account ifsc pan "
    "bill receipt tracking awb imei policy roll registration reg challan booking ticket fir "
    "case आधार".split()
)
_NUMBER_WORDS = frozenset("id no num number नंबर संख्या".split())
_PUNCTUATION = ":#=-./()[] \t\n"

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
    lower = lowered(text)
    links = _wa_links(text, lower, found) if "wa.me/" in lower or "app.com/" in lower else None
    for run in (_RUN_ASCII if text.isascii() else _RUN).finditer(lower):
        start, end = run.span()
        if end - start >= _SHORTEST_RUN and not (links and _inside(start, links)):
            while end < len(text) and text[end] in _KEYCAP:
                end += 1  # the last keycap's marks belong to its digit
            if not _plain_number(text, start, end, found):
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


def _plain_number(text: str, start: int, end: int, found: list[Mention]) -> bool:
    """The common case in one step: True when the run is ASCII digit groups of one number."""
    # Anything else (words, several numbers, a price before the number, digits glued to a
    # word) is read atom by atom by the caller.
    raw = text[start:end]
    if not _PLAIN_RUN.fullmatch(raw) or (start and _GLUE.match(text, start - 1)):
        return False
    digits = raw.translate(_NO_SEPARATORS)
    plus_at = _plus_before(text, start, 0)
    # `91` written as a group of its own is a country code even without its `+`.
    country = plus_at is not None or (raw.startswith("91") and not raw[2:3].isdigit())
    value = _e164(digits, country, False) if 8 <= len(digits) <= 15 else None
    if value is None:
        return False
    groups = [(0, 0, group, "d") for group in _DIGIT_GROUP.findall(raw)]
    if not (_other_number(groups) or _introduced_as_id(text, start)):
        first = start if plus_at is None else plus_at
        found.append(_mention(text, first, end, value, "digits" if len(groups) <= 4 else "spaced"))
    return True


def _split_run(text: str, lower: str, start: int, end: int) -> list[list[Atom]]:
    """The atoms of a run, in groups that stand together (gaps judged one by one)."""
    groups: list[list[Atom]] = []
    atoms: list[Atom] = []
    repeat: Atom | None = None  # a pending `double`/`triple`, applied to the next atom
    for piece in _PIECE.finditer(lower, start, end):
        # Plain digits and number words are most atoms: read them here, the rest in _atom.
        a, b = piece.span()
        kind = piece.lastgroup
        if kind == "word" and piece.group() in WORDS:
            atom: Atom | None = (a, b, WORDS[piece.group()], "w")
        elif kind == "digits" and text[a:b].isascii() and text[a:b].isdecimal():
            atom = (a, b, text[a:b], "d")
        else:
            atom = _atom(text, piece)
        if atom is None:  # letters that are no digits after all (`5i2`)
            groups.append(atoms)
            atoms, repeat = [], None
            continue
        if repeat is not None:
            if atom[3] != "r" and _short_gap(text, repeat[1], atom[0]):
                atom = (repeat[0], atom[1], atom[2][0] * int(repeat[2]) + atom[2][1:], "r")
            else:
                groups.append(atoms)
                atoms = []
            repeat = None
        elif atom[3] == "r":
            repeat = atom
            continue
        if atoms:
            gap = text[atoms[-1][1] : atom[0]]
            if not (len(gap) <= _MAX_GAP and _SEPARATORS.issuperset(gap)) and not _odd_gap(
                text, atoms[-1], atom, gap
            ):
                groups.append(atoms)
                atoms = []
        if atoms or _may_start(text, atom):
            atoms.append(atom)
    groups.append(atoms)
    return groups


def _atom(text: str, piece: re.Match[str]) -> Atom | None:
    """The atom a piece of a run stands for; None for letters that are not digits."""
    start, end = piece.span()
    kind = piece.lastgroup
    if kind == "word":
        return (start, end, str(REPEATS[piece.group()]), "r")
    raw = text[start:end]
    if kind == "digits":
        if raw.isdecimal():
            return (start, end, _to_ascii(raw), "n")
        swapped = raw.translate(_LETTER_DIGITS)
        return (start, end, _to_ascii(swapped), "l") if swapped.isdecimal() else None
    if kind == "key":
        return (start, end, _to_ascii(raw[0]), "k")
    return (start, end, "".join(_CIRCLED[c] for c in raw), "k")


def _may_start(text: str, atom: Atom) -> bool:
    """False for digits glued to a word that is no phone cue (`UP78`, `riya98...`)."""
    start = atom[0]
    if not start or atom[3] != "d" or not _GLUE.match(text, start - 1):
        return True
    letters = _LETTERS_BEFORE.search(text, max(0, start - 12), start)
    return letters is not None and letters.group().lower() in _CUES


def _short_gap(text: str, start: int, end: int) -> bool:
    """At most two spaces or dashes: what may stand between `double` and its digit."""
    return end - start <= 2 and not text[start:end].strip(" -")


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
    """Left to right, the longest valid number starting at each atom."""
    if not run or (len(run) == 1 and len(run[0][2]) < 8):
        return
    i, n = 0, len(run)
    while i < n:
        plus_at = _plus_before(text, run[i][0], run[i - 1][1] if i else 0)
        country = plus_at is not None or run[i][2] == "91"
        digits, best = "", None
        for j in range(i, n):
            digits += run[j][2]
            if len(digits) > 15:
                break
            if len(digits) >= 8:
                value = _e164(digits, country, False)
                if value is not None:
                    best = (j, value)
        if best is None:
            i += 1
            continue
        j, value = best
        atoms = run[i : j + 1]
        start = run[i][0] if plus_at is None else plus_at
        if not (_other_number(atoms) or (i == 0 and _introduced_as_id(text, start))):
            found.append(_mention(text, start, run[j][1], value, _style(atoms)))
        i = j + 1


def _plus_before(text: str, start: int, floor: int) -> int | None:
    """Index of a `+` just before an atom (`+91`, `+ 91`, `(+91)`), if any."""
    k = start - 1
    while k >= floor and k > start - 3 and text[k] in " (":
        k -= 1
    return k if k >= floor and text[k] in "+＋" else None


def _other_number(atoms: list[Atom]) -> bool:
    """Digit groups that read as an Aadhaar number (`4521 7789 3302`) or prices (`7000 / 900`)."""
    if len(atoms) < 2 or atoms[0][3] != "d" or any(a[3] != "d" for a in atoms):
        return False
    if len(atoms) == 3 and all(len(a[2]) == 4 for a in atoms):
        return True
    return all(a[2].endswith("00") for a in atoms)


def _introduced_as_id(text: str, start: int) -> bool:
    """True when the words before a number name an id (`Order id`, `PNR:`, `आधार नंबर`)."""
    before = text[max(0, start - 30) : start].lower().rstrip(_PUNCTUATION).split()
    if not before:
        return False
    last = before[-1].strip(_PUNCTUATION)
    if last in _ID_WORDS:
        return True
    return len(before) > 1 and last in _NUMBER_WORDS and before[-2].strip(_PUNCTUATION) in _ID_WORDS


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


def _ten_digit_patterns(metadata: phonenumbers.PhoneMetadata) -> re.Pattern[str]:
    """One pattern for every number type of a region that has 10-digit numbers."""
    descs = (
        metadata.premium_rate, metadata.toll_free, metadata.shared_cost, metadata.voip,
        metadata.personal_number, metadata.pager, metadata.uan, metadata.voicemail,
        metadata.fixed_line, metadata.mobile,
    )
    patterns = [
        f"(?:{d.national_number_pattern})"
        for d in descs
        if d is not None and d.national_number_pattern
        and (not d.possible_length or 10 in d.possible_length)
    ]
    return re.compile("|".join(patterns))


# phonenumbers' own metadata for India, compiled once: `is_valid_number` gives the same
# answer (a number matches the general pattern and one type's) after a parse that costs
# ~50 µs a call, 30 times more than these two matches.
_INDIA = phonenumbers.PhoneMetadata.metadata_for_region("IN")
_INDIAN_NUMBER = re.compile(_INDIA.general_desc.national_number_pattern)
_INDIAN_TYPES = _ten_digit_patterns(_INDIA)


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
