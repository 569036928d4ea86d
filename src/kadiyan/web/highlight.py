"""A record's text and fields cut into segments, its mentions marked by kind."""

from __future__ import annotations

from dataclasses import dataclass

from kadiyan.api.services.records import MentionView, RecordPage
from kadiyan.api.services.snippets import Segment, flatten, segments


@dataclass(frozen=True)
class FieldRow:
    """One structured field of a record, with the mentions found in it marked."""

    path: str
    segments: list[Segment]


def text_segments(page: RecordPage) -> list[Segment]:
    """The record's text with the mentions found in it marked."""
    return segments(page.text, _marks(page.mentions, "text"))


def field_rows(page: RecordPage) -> list[FieldRow]:
    """The record's fields, flattened, with the mentions found in each marked."""
    return [
        FieldRow(path, segments(value, _marks(page.mentions, path)))
        for path, value in flatten(page.fields)
    ]


def _marks(found: list[MentionView], field: str) -> list[tuple[int, int, str, str | None]]:
    return [(m.start, m.end, m.kind, m.entity_id) for m in found if m.field == field]
