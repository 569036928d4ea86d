"""Short excerpts of text with one span marked, and text cut into marked segments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WIDTH = 60  # characters of context either side of a mark
LEAD = 160  # characters of a record shown when nothing in it is marked
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class Snippet:
    """An excerpt of `field` (`text` or a structured field): before, the mark, after.

    `start`/`end` locate the mark in the full field value; `mark` is empty when the
    excerpt only shows the beginning of the text.
    """

    field: str
    before: str
    mark: str
    after: str
    start: int
    end: int
    kind: str | None = None


# Not frozen: made by the hundred for a page, and a frozen
# dataclass's __init__ costs three times a plain one's.
@dataclass(slots=True)
class Segment:
    """A piece of text, marked with a mention kind (and its entity) or plain."""

    text: str
    kind: str | None = None
    entity_id: str | None = None


def snippet_at(
    text: str, start: int, end: int, *, field: str = "text", kind: str | None = None,
    width: int = WIDTH,
) -> Snippet:
    """The text around `[start, end)` with that span marked, cut at spaces."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo, hi = max(0, start - width), min(len(text), end + width)
    before = text[lo:start]
    if lo > 0:
        space = before.find(" ")
        before = "…" + (before[space + 1 :] if 0 <= space < len(before) - 1 else before)
    after = text[end:hi]
    if hi < len(text):
        space = after.rfind(" ")
        after = (after[:space] if space > 0 else after) + "…"
    return Snippet(field, before, text[start:end], after, start, end, kind)


def leading(text: str, width: int = LEAD) -> Snippet:
    """The beginning of a text, nothing marked."""
    if len(text) <= width:
        return Snippet("text", text, "", "", 0, 0)
    cut = text.rfind(" ", 0, width)
    return Snippet("text", text[: cut if cut > 0 else width] + "…", "", "", 0, 0)


def snippet_for_words(text: str, words: Iterable[str]) -> Snippet:
    """The text around the first place any of `words` occurs (any case), else its start."""
    usable = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    if not usable:
        return leading(text)
    found = re.search("|".join(re.escape(w) for w in usable), text, re.IGNORECASE)
    if found is None:
        return leading(text)
    return snippet_at(text, found.start(), found.end())


def segments(text: str, marks: Iterable[tuple[int, int, str, str | None]]) -> list[Segment]:
    """Text cut into plain and marked pieces; of overlapping marks the earlier, longer wins."""
    pieces: list[Segment] = []
    pos = 0
    for start, end, kind, entity_id in sorted(marks, key=lambda m: (m[0], -m[1])):
        start, end = max(start, 0), min(end, len(text))
        if start < pos or end <= start:
            continue
        if start > pos:
            pieces.append(Segment(text[pos:start]))
        pieces.append(Segment(text[start:end], kind, entity_id))
        pos = end
    if pos < len(text):
        pieces.append(Segment(text[pos:]))
    return pieces


def field_value(fields: dict[str, Any], path: str) -> str | None:
    """The value at a field path such as `guest_phone` or `accused[0].phone`, as text."""
    value: Any = fields
    for name, index in _STEP.findall(path):
        if name:
            value = value.get(name) if isinstance(value, dict) else None
        else:
            position = int(index)
            value = value[position] if isinstance(value, list) and position < len(value) else None
        if value is None:
            return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def flatten(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Nested fields as (path, text) rows, paths written the way mentions name fields."""
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in flatten(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [row for i, v in enumerate(value) for row in flatten(v, f"{path}[{i}]")]
    if value is None or value == "":
        return []
    return [(path, str(value))]
