"""Devanagari names in the Latin spelling Indians write them in, and a key that lets spelling
variants of a name meet across scripts.

`romanise("सुरेश यादव") == "Suresh Yadav"`. indic-transliteration reads the script (to IAST);
Hindi pronunciation then gives the everyday spelling. The inherent `a` is dropped at the end
of a word (`यादव` Yadav) unless a cluster ending in r, y, v, l or a nasal needs it
(`चन्द्र` Chandra, `कृष्ण` Krishna), and inside a word where the syllables stand without it,
left to right (`कमला` Kamla, `जगदीश` Jagdish). Long vowels lose their marks (`सुनीता`
Sunita), `श`/`ष` are `sh`, `फ` is `f` (`फारूक` Faruk), `व` is `w` after a consonant or before
`ā` (`भगवान` Bhagwan, `तिवारी` Tiwari) and `v` elsewhere. Compound names are split on known
second parts (`अमर|नाथ` Amarnath, not Amranath), and names the rules miss are looked up
whole (`सिंह` Singh); both tables are in `data/romanise.toml`.

`name_key` folds what varies between spellings of one name (doubled letters, `ee`/`i`,
`oo`/`u`, `v`/`w`, `ph`/`f`, `sh`/`s`, `z`/`j`, `q`/`k`, `th`/`t`, a final `y`, a medial or
final schwa written or not), so `Aakash`, `Akash` and `आकाश` share one key.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib.resources import files
from typing import Any

from indic_transliteration import sanscript

__all__ = ["name_key", "romanise"]


def _load() -> dict[str, Any]:
    path = files("kadiyan.extract").joinpath("data/romanise.toml")
    return tomllib.loads(path.read_text("utf-8"))


_DATA = _load()
_NUKTA = "\u093c"
_VIRAMA = "\u094d"
_EXCEPTIONS: dict[str, str] = {k.replace(_NUKTA, ""): v for k, v in _DATA["exceptions"].items()}
# Longest first, so `चन्द्र` is tried before `चन्द`.
_TAILS: tuple[tuple[str, str], ...] = tuple(
    sorted(_DATA["compound_tails"].items(), key=lambda item: -len(item[0]))
)
_SYNONYMS: dict[str, str] = _DATA["key_synonyms"]

# A Devanagari word: letters, vowel signs, nukta, virama, and the joiners used in conjuncts.
_DEVANAGARI_WORD = re.compile("[\u0900-\u0963\u0971-\u097f\u200c\u200d]+")
_DEVANAGARI_DIGITS = str.maketrans(
    {chr(0x0966 + i): str(i) for i in range(10)} | {"\u0964": ".", "\u0965": "."}
)
# Candra vowels (`ऑफिस`) are English loan sounds sanscript leaves untouched.
_CANDRA = str.maketrans({"\u0949": "\u094b", "\u0945": "\u0947", "\u0911": "\u0913",
                         "\u090d": "\u090f", "\u200c": None, "\u200d": None})
_MATRAS = frozenset(map(chr, range(0x093E, 0x094D)))
_CONSONANTS = frozenset([*map(chr, range(0x0915, 0x093A)), *map(chr, range(0x0958, 0x0960))])

# IAST units, longest first: aspirates and nukta letters before their plain letters.
_UNITS = re.compile(
    "k\u035fh|r\u0324h|r\u0324|[kgcjṭḍtdpb]h|ai|au|m\u0310"
    "|[kgṅcjñṭḍṇtdnpbmyrlvśṣshqzfġẏṟṉ]|[aāiīuūṛṝḷḹeo]|[ṃ~ḥ]|."
)
_CONSONANT_SPELLING = {
    "k": "k", "kh": "kh", "k\u035fh": "kh", "g": "g", "gh": "gh", "ġ": "gh", "ṅ": "n",
    "c": "ch", "ch": "chh", "j": "j", "jh": "jh", "ñ": "n", "ṭ": "t", "ṭh": "th", "ḍ": "d",
    "ḍh": "dh", "ṇ": "n", "t": "t", "th": "th", "d": "d", "dh": "dh", "n": "n", "ṉ": "n",
    "p": "p", "ph": "f", "b": "b", "bh": "bh", "m": "m", "y": "y", "ẏ": "y", "r": "r",
    "ṟ": "r", "r\u0324": "r", "r\u0324h": "rh", "l": "l", "v": "v", "ś": "sh", "ṣ": "sh",
    "s": "s", "h": "h", "q": "q", "z": "z", "f": "f",
}
_VOWEL_SPELLING = {
    "a": "a", "ā": "a", "i": "i", "ī": "i", "u": "u", "ū": "u", "ṛ": "ri", "ṝ": "ri",
    "ḷ": "li", "ḹ": "li", "e": "e", "ai": "ai", "o": "o", "au": "au",
}
_NASALS = frozenset("ṃ~") | {"m\u0310"}
_LABIALS = frozenset(("p", "ph", "b", "bh", "m"))
# A final schwa after a cluster stays when the cluster ends in one of these (`Chandra`,
# `Shukla`, `Krishna`, `Aditya`); after others it goes (`Anand`, `Govind`).
_KEEP_FINAL_AFTER = frozenset(("r", "y", "v", "l", "n", "ṇ", "m"))

# Unit kinds.
_C, _SCHWA, _V, _N, _H, _OTHER = range(6)


def romanise(devanagari: str) -> str:
    """Devanagari to a plain Latin spelling, as Indians write names: `Vikas Singh`.

    Each Devanagari word is romanised and title-cased; anything else in the text (Latin,
    digits, punctuation, other scripts) is kept, Devanagari digits and dandas made ASCII.
    """
    if not isinstance(devanagari, str) or not devanagari:
        return ""
    text = _DEVANAGARI_WORD.sub(_romanised_match, devanagari)
    return text.translate(_DEVANAGARI_DIGITS)


def name_key(name: str) -> str:
    """A key on which spelling variants of a name meet, in either script: `ashis kumar`.

    Lower-case ASCII words; Devanagari is romanised first. Doubled letters are one,
    `ee`/`i`, `oo`/`u`, `ou`/`au`, `w`/`v`, `ph`/`f`, `sh`/`s`, `th`/`t`, `z`/`j`, `q`/`k`,
    `x`/`ks`, `c`/`k` (not in `ch`), a final `y`/`i`, `ey`/`e`, `er`/`ar`, `-dra`/`-dar`,
    `ngh`/`ng`, and a medial schwa written or not (`Kamala`/`Kamla`); `Mohd`, `Md` and
    `Mohammed` are one word. Not a spelling: only for matching.
    """
    if not isinstance(name, str) or not name:
        return ""
    if not name.isascii():
        name = romanise(name)
        if not name.isascii():
            name = "".join(
                c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
            )
    words = _NOT_LETTERS.sub(" ", name.lower()).split()
    return " ".join(_word_key(word) for word in words)


def _romanised_match(match: re.Match[str]) -> str:
    word = _romanise_word(match.group())
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=8192)
def _romanise_word(word: str) -> str:
    """One Devanagari word, romanised in lower case."""
    word = word.translate(_CANDRA)
    plain = word.replace(_NUKTA, "")
    exception = _EXCEPTIONS.get(plain)
    if exception is not None:
        return exception.lower()
    for tail, spelling in _TAILS:
        if len(plain) > len(tail) and plain.endswith(tail):
            prefix = plain[: -len(tail)]
            if _splits(prefix, tail):
                return _romanise_word(prefix) + spelling
    try:
        iast = sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.IAST)
    except Exception:  # a library failure on odd input must not stop extraction
        return word
    return _spell(_units(unicodedata.normalize("NFC", iast)))


def _splits(prefix: str, tail: str) -> bool:
    """Whether a word may be cut before `tail`: at a syllable boundary, after a syllable."""
    if not any(c in _CONSONANTS for c in prefix):
        return False
    last = prefix[-1]
    if tail[0] in _MATRAS:
        return last in _CONSONANTS  # `प्रीत|िंदर`: the tail's vowel sign ends the prefix
    return last != _VIRAMA and tail[0] not in _MATRAS


def _units(iast: str) -> list[tuple[int, str]]:
    """IAST text as (kind, unit) pairs, the schwas told apart and deleted where Hindi does."""
    units: list[tuple[int, str]] = []
    for unit in _UNITS.findall(iast):
        if unit in _CONSONANT_SPELLING:
            units.append((_C, unit))
        elif unit in _VOWEL_SPELLING:
            after_consonant = bool(units) and units[-1][0] == _C
            units.append((_SCHWA if unit == "a" and after_consonant else _V, unit))
        elif unit in _NASALS:
            units.append((_N, unit))
        elif unit == "ḥ":
            units.append((_H, unit))
        else:
            units.append((_OTHER, unit))
    _delete_final_schwa(units)
    _delete_medial_schwas(units)
    return units


def _delete_final_schwa(units: list[tuple[int, str]]) -> None:
    if len(units) < 2 or units[-1][0] != _SCHWA:
        return
    if sum(1 for kind, _ in units if kind in (_V, _SCHWA)) < 2:
        return  # a one-syllable word keeps its vowel (`न` na)
    cluster = 0
    for kind, _ in reversed(units[:-1]):
        if kind != _C:
            break
        cluster += 1
    if cluster == 1 or units[-2][1] not in _KEEP_FINAL_AFTER:
        units.pop()


def _delete_medial_schwas(units: list[tuple[int, str]]) -> None:
    """Drop a schwa between VC and CV, left to right (`जगदीश` jag·dīsh, `कमला` kam·lā)."""
    vowels = (_V, _SCHWA)
    i = 2
    while i < len(units) - 2:
        if (
            units[i][0] == _SCHWA
            and units[i - 1][0] == _C
            and units[i - 2][0] in vowels
            and units[i + 1][0] == _C
            and units[i + 2][0] in vowels
        ):
            del units[i]
        i += 1


def _spell(units: list[tuple[int, str]]) -> str:
    """Units in everyday Latin spelling."""
    out: list[str] = []
    last = len(units) - 1
    for i, (kind, unit) in enumerate(units):
        if kind == _C:
            if unit == "v":
                out.append("w" if _w_sound(units, i) else "v")
            elif unit == "ñ" and i and units[i - 1][1] == "j":
                out[-1] = "g"  # `ज्ञ` is gy: `Gyan`
                out.append("y")
            else:
                out.append(_CONSONANT_SPELLING[unit])
        elif kind in (_V, _SCHWA):
            out.append(_VOWEL_SPELLING[unit])
        elif kind == _N:
            following = units[i + 1][1] if i < last else ""
            out.append("m" if following in _LABIALS else "n")
        elif kind == _H:
            out.append("h")
        else:
            out.append(unit)
    spelt = "".join(out)
    if spelt.isascii():
        return spelt
    return "".join(c for c in unicodedata.normalize("NFKD", spelt) if not unicodedata.combining(c))


def _w_sound(units: list[tuple[int, str]], i: int) -> bool:
    """`व` is written w after a consonant but r (`Bhagwan`, `Ishwar`; `Arvind`) or before `ā`
    (`Tiwari`)."""
    if i == 0:
        return False
    before, letter = units[i - 1]
    if before in (_C, _N):
        return letter != "r"
    return i + 1 < len(units) and units[i + 1][1] == "ā"


_NOT_LETTERS = re.compile("[^a-z]+")
_C_NOT_CH = re.compile("c(?!h)")
_FINAL_CLUSTER_RA = re.compile("([^aeiou])ra$")
_DOUBLES = re.compile(r"(.)\1+")
_KEY_UNITS = re.compile("[aeiou]|[^aeiou]h?")


@lru_cache(maxsize=16384)
def _word_key(word: str) -> str:
    """The key of one lower-case ASCII word."""
    word = _SYNONYMS.get(word, word)
    word = (
        word.replace("x", "ks").replace("q", "k").replace("z", "j").replace("ph", "f")
        .replace("ck", "k").replace("ow", "au").replace("w", "v").replace("ou", "au")
        .replace("ee", "i").replace("oo", "u").replace("th", "t").replace("sh", "s")
        .replace("ngh", "ng")
    )
    word = _C_NOT_CH.sub("k", word)
    if word.endswith("ey"):
        word = word[:-1]
    elif word.endswith("y") and len(word) > 1:
        word = word[:-1] + "i"
    if word.endswith("er") and len(word) > 3:
        word = word[:-2] + "ar"
    elif len(word) > 4:
        word = _FINAL_CLUSTER_RA.sub(r"\1ar", word)
    word = _DOUBLES.sub(r"\1", word)
    word = _SYNONYMS.get(word, word)
    return _fold_schwas(word)


def _fold_schwas(word: str) -> str:
    """Drop an `a` written between VC and CV, as romanisation drops the schwa there."""
    units = _KEY_UNITS.findall(word)
    if len(units) < 5:
        return word
    vowels = "aeiou"
    i = 2
    while i < len(units) - 2:
        if (
            units[i] == "a"
            and units[i - 1][0] not in vowels
            and units[i - 2] in vowels
            and units[i + 1][0] not in vowels
            and units[i + 2] in vowels
        ):
            del units[i]
        i += 1
    return "".join(units)
