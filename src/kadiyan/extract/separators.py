"""Characters that separate words in ads; a text's lower-cased copy with them as spaces, and
its words.

Ads put emoji, arrows, dandas and odd spaces between words (`💋college girls💋`,
`फेसबुक।`). The phrase extractors (indicators, platforms) read such characters as spaces,
so they scan `spaced(text)`: the text lower-cased (`casing.lowered`) with every separator
replaced by one space. Every character keeps its offset, so spans found in the copy index
the original text. They look up `words_of(text)` in their vocabularies first: the words of
that copy, split at ASCII punctuation too, with ASCII digits as `0`. Both are computed once
per text, whichever extractor asks first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from kadiyan.extract.casing import lowered

__all__ = ["SEPARATORS", "spaced", "words_of"]

# Latin-1 signs, the dandas, general punctuation, symbols, arrows and dingbats, CJK
# punctuation, variation selectors, keycaps, emoji, and any other white space. Zero-width
# joiners are not among them (Devanagari words may hold them), nor is `×`, which phrases
# name ("24×7"). ASCII punctuation is not listed: phrases name some of it ("24/7", "100%"),
# so only `words_of` splits at it.
SEPARATORS: Final[frozenset[str]] = frozenset(
    [chr(c) for c in range(0xA0, 0xC0)] + ["\u00f7", "\u0964", "\u0965", "\u20e3", "\ufeff"]
    + [chr(c) for c in range(0x80, 0x3100) if chr(c).isspace()]
    + [chr(c) for c in range(0x2000, 0x2C00) if c not in (0x200C, 0x200D)]
    + [chr(c) for c in range(0x3000, 0x3040)] + [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0x1F000, 0x1FB00)]
)


def _char_class(chars: frozenset[str]) -> str:
    """A regex character class matching exactly `chars`, as ranges of code points."""
    codes = sorted(map(ord, chars))
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    body = "".join(
        f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges
    )
    return f"[{body}]"


# One character at a time, so that each is replaced by exactly one space. A regex
# substitution runs in C; `str.translate` with a dict looks each character of a non-ASCII
# text up through Python's mapping protocol, several times slower on a short ad.
_SEPARATOR: Final = re.compile(_char_class(SEPARATORS))


@lru_cache(maxsize=1024)  # the indicator and platform extractors share it, chunk or not
def spaced(text: str) -> str:
    """`casing.lowered(text)` with every separator a space: same length, same offsets."""
    lower = lowered(text)
    if lower.isascii():
        return lower  # every separator is outside ASCII
    return _SEPARATOR.sub(" ", lower)


# ASCII characters other than letters, digits and `_` end a word like the separators; ASCII
# digits become `0`, so that vocabularies know a number by its digit count alone.
_ASCII_SEPARATORS: Final = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_WORD_MAP: Final = bytes.maketrans(
    _ASCII_SEPARATORS + b"123456789", b" " * len(_ASCII_SEPARATORS) + b"0" * 9
)


@lru_cache(maxsize=1024)  # the indicator and platform extractors share them, chunk or not
def words_of(text: str) -> tuple[str, tuple[str, ...]]:
    """The words of a text as the phrase extractors index them, and the line they are the
    words of: `spaced(text)` with ASCII punctuation as spaces and ASCII digits as `0`.

    The line has the text's offsets. Byte operations in C do it (a bytes translate leaves
    every other character's UTF-8 bytes as they are); `str.translate` would be slower.
    """
    line = spaced(text).encode().translate(_WORD_MAP).decode()
    return line, tuple(line.split())
