"""Lower-casing that keeps every character at its position, for case-blind scanning.

`re` matches several times faster without IGNORECASE, so extractors scan a lower-cased
copy of the text and report spans in the original; that needs the copy to be the same
length, which `str.lower` breaks for a few characters (`İ` becomes two).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)  # every extractor of a text (of a chunk: `extract_texts`) asks
def lowered(text: str) -> str:
    """`text.lower()`, with any character that would change length left as it is."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
