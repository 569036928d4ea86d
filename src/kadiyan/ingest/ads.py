"""Online ads and posts: JSON lines with `id`, `text`, `city`, `posted_at`, `images`."""

from __future__ import annotations

from typing import Any

from kadiyan.ingest.validate import RowError, iso_datetime, optional_str, required_str
from kadiyan.model import Record, RecordKind


def parse_ad(row: dict[str, Any], source_file: str, line: int, agency: str) -> Record:
    """An ad record from one JSON object, or RowError naming what is wrong."""
    source_id = required_str(row, "id")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RowError("missing required field 'text'")
    images = row.get("images") or []
    if not isinstance(images, list) or not all(isinstance(i, str) for i in images):
        raise RowError("field 'images' must be a list of file paths")
    fields = {
        "city": optional_str(row, "city"),
        "state": optional_str(row, "state"),
        "site": optional_str(row, "site"),
        "images": images,
    }
    return Record.build(
        RecordKind.AD, source_id, text, fields,
        source_file=source_file, source_line=line, agency=agency,
        occurred_at=iso_datetime(optional_str(row, "posted_at"), "posted_at"),
        place=fields["city"],
    )
