"""Missing-person reports: CSV rows."""

from __future__ import annotations

from typing import Any

from kadiyan.ingest.validate import iso_date, non_negative_int, optional_str, required_str
from kadiyan.model import Record, RecordKind

TEXT_FIELDS = ("name", "father_name", "address", "district", "description", "last_seen")


def parse_missing(row: dict[str, Any], source_file: str, line: int, agency: str) -> Record:
    """A missing-person record from one CSV row, or RowError naming what is wrong."""
    source_id = required_str(row, "report_id")
    fields: dict[str, Any] = {
        "reported_on": iso_date(required_str(row, "reported_on"), "reported_on"),
        "police_station": optional_str(row, "police_station"),
        "district": optional_str(row, "district"),
        "state": optional_str(row, "state"),
        "name": required_str(row, "name"),
        "age": non_negative_int(row.get("age"), "age"),
        "gender": optional_str(row, "gender"),
        "father_name": optional_str(row, "father_name"),
        "address": optional_str(row, "address"),
        "contact_phone": optional_str(row, "contact_phone"),
        "description": optional_str(row, "description"),
        "last_seen": optional_str(row, "last_seen"),
    }
    text = " · ".join(str(fields[f]) for f in TEXT_FIELDS if fields[f])
    return Record.build(
        RecordKind.MISSING_REPORT, source_id, text, fields,
        source_file=source_file, source_line=line, agency=agency,
        occurred_at=fields["reported_on"], place=fields["district"],
    )
