"""Text and fields to mentions: identifiers, persons, places, law, numbers and indicators.

Every extractor is a pure function of a text, with one shape: `find_x(text) ->
list[Mention]`, spans indexing the text it was given. Two profiles choose which run:
`ad` for short posts (identifiers, places, platforms, indicators), `narrative` for case
and missing-person reports (everything).

Many texts are read faster together (`extract_texts`): each extractor then runs over a
chunk of texts in turn, so its patterns and tables stay in the processor's caches, where
one text at a time through every extractor evicts them; a chunk of ads is read in about
three quarters of the time. The answer is the same as text by text.

The modules the ad profile spends its time in are compiled to C where the machine allows
it (`native`); `FORM` says whether they were.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

from kadiyan.extract.native import use_compiled

# Before any extractor is imported: the compiled ones are used where a fresh build exists.
FORM = use_compiled(__path__)

from kadiyan.extract.case_header import case_mentions
from kadiyan.extract.combine import Extractor, read_chunk, read_text
from kadiyan.extract.identifiers import find_accounts, find_emails, find_identifiers, find_urls
from kadiyan.extract.indicators import find_indicators
from kadiyan.extract.law import find_sections
from kadiyan.extract.numbers import find_counts, find_dates, find_money
from kadiyan.extract.payments import find_imei, find_upi
from kadiyan.extract.persons import find_persons
from kadiyan.extract.phones import find_phones, normalise_phone
from kadiyan.extract.places import find_places
from kadiyan.extract.platforms import find_platforms
from kadiyan.extract.seized import find_seized
from kadiyan.extract.vehicles import find_vehicles
from kadiyan.model import Mention

__all__ = [
    "FORM",
    "PROFILES",
    "Profile",
    "extract_text",
    "extract_texts",
    "find_accounts",
    "find_emails",
    "find_identifiers",
    "find_phones",
    "find_urls",
    "normalise_phone",
]

Profile = Literal["identifiers", "ad", "narrative"]

# find_identifiers runs the e-mail, URL and account extractors behind one shared check.
IDENTIFIERS: tuple[Extractor, ...] = (find_phones, find_identifiers)
AD: tuple[Extractor, ...] = (
    *IDENTIFIERS, find_upi, find_vehicles, find_places, find_platforms, find_indicators,
)
NARRATIVE: tuple[Extractor, ...] = (
    *IDENTIFIERS, find_upi, find_imei, find_vehicles, find_persons, find_places,
    find_platforms, find_indicators, find_sections, case_mentions, find_counts, find_seized,
    find_money, find_dates,
)
PROFILES: dict[str, tuple[Extractor, ...]] = {
    "identifiers": IDENTIFIERS, "ad": AD, "narrative": NARRATIVE,
}


# Texts read extractor by extractor in one go; the per-text caches of `casing` and
# `separators` hold more, so the extractors of one text still share its copies.
CHUNK = 512


def extract_text(text: str, profile: Profile = "narrative") -> list[Mention]:
    """The mentions a profile's extractors find in a text, by start, each said once."""
    return read_text(PROFILES[profile], text, profile)


def extract_texts(texts: Sequence[str], profile: Profile = "narrative") -> list[list[Mention]]:
    """`extract_text` of each text, in order, read a chunk at a time extractor by extractor."""
    extractors = PROFILES[profile]
    result: list[list[Mention]] = []
    for begin in range(0, len(texts), CHUNK):
        chunk = texts[begin : begin + CHUNK]
        with _collector_paused():
            result += read_chunk(extractors, chunk, profile)
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a chunk is read, as it was after.

    A chunk's mentions all live on and extraction makes no cycles to collect, but they are
    many: the collector, run every few hundred new objects, would go through them (and the
    lexicons) again and again, 5% of the time of a few thousand ads. It runs as usual
    between chunks. One that was off stays off; when threads read chunks at once, the one
    that found it on turns it back on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
