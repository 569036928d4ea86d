"""The mentions of a profile's extractors over texts, combined: one list a text, by start,
each mention said once.

Kept apart from the package's `__init__` so that it is compiled with the extractors
(`native`): every extractor is called on every text, and a text's mentions are merged once
each, so these loops and the merge would otherwise be interpreted a few times an ad.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from operator import itemgetter, ne
from typing import Final

from kadiyan.extract.reconcile import recount_lists
from kadiyan.model import Mention

__all__ = ["Extractor", "merged", "read_chunk", "read_text"]

Extractor = Callable[[str], list[Mention]]


def read_text(extractors: Sequence[Extractor], text: str, profile: str) -> list[Mention]:
    """A text's merged mentions, read by each extractor in turn."""
    mentions: list[Mention] = []
    for extractor in extractors:
        found = extractor(text)
        if found:
            mentions += found
    return merged(mentions, text, profile)


def read_chunk(extractors: Sequence[Extractor], chunk: Sequence[str], profile: str
               ) -> list[list[Mention]]:
    """Each text's merged mentions, the texts read extractor by extractor."""
    mentions: list[list[Mention]] = [[] for _ in chunk]
    for extractor in extractors:
        for into, found in zip(mentions, map(extractor, chunk), strict=True):
            if found:
                into += found
    return [merged(found, text, profile) for found, text in zip(mentions, chunk, strict=True)]


def merged(mentions: list[Mention], text: str, profile: str) -> list[Mention]:
    """A text's mentions from all extractors, by start, each said once."""
    if len(mentions) < 2:
        return mentions
    if profile == "narrative":
        mentions = recount_lists(mentions, text)
    # By start first, which is all it takes when no two start together (most texts): sorted
    # again by position then, ties keep the order the stable sort by start left them in,
    # which is theirs, as if sorted by position at once.
    mentions.sort(key=_START)
    if len(set(map(_START, mentions))) == len(mentions):
        return mentions  # no two start together, so none is said twice
    mentions.sort(key=_POSITION)
    positions = list(map(_POSITION, mentions))
    # The first of each run of equal positions: the sort is stable, so extractor order.
    return list(compress(mentions, map(ne, positions, [None, *positions])))


# Where a mention is and what it says: two mentions with the same are one. The value counts
# too: one phrase can show two indicators (`fresh stock`). A mention is a tuple: its fields
# are read by index, in C, where a named field is looked up on its class first.
_FIELD: Final = Mention._fields.index
_POSITION: Final = itemgetter(_FIELD("start"), _FIELD("end"), _FIELD("kind"), _FIELD("value"))
_START: Final = itemgetter(_FIELD("start"))
