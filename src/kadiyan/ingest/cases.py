"""Case reports: FIR fields plus a narrative in English or Hindi, as JSON lines."""

from __future__ import annotations

from typing import Any

from kadiyan.ingest.validate import (
    RowError,
    iso_date,
    non_negative_int,
    optional_str,
    required_str,
)
from kadiyan.model import Record, RecordKind
from kadiyan.model.access import agency_id

PERSON_FIELDS = ("name", "alias", "father", "age", "phone", "address")


def parse_case(row: dict[str, Any], source_file: str, line: int, agency: str) -> Record:
    """A case-report record from one JSON object, or RowError naming what is wrong."""
    source_id = required_str(row, "id")
    narrative = row.get("narrative") or ""
    if not isinstance(narrative, str):
        raise RowError("field 'narrative' must be text")
    fields: dict[str, Any] = {
        "fir_no": required_str(row, "fir_no"),
        "police_station": required_str(row, "police_station"),
        "district": required_str(row, "district"),
        "state": required_str(row, "state"),
        "registered_on": iso_date(required_str(row, "registered_on"), "registered_on"),
        "language": optional_str(row, "language"),
        "sections": _strings(row, "sections"),
        "accused": _people(row, "accused"),
        "victims": _people(row, "victims"),
    }
    for count in ("rescued", "arrested", "minors", "phones_seized"):
        fields[count] = non_negative_int(row.get(count), count)
    return Record.build(
        RecordKind.CASE_REPORT, source_id, narrative, fields,
        source_file=source_file, source_line=line,
        agency=_agency(row) or agency,
        occurred_at=fields["registered_on"], place=fields["district"],
    )


def _strings(row: dict[str, Any], name: str) -> list[str]:
    value = row.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RowError(f"field '{name}' must be a list of text")
    return value


def _people(row: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = row.get(name) or []
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise RowError(f"field '{name}' must be a list of objects")
    people = []
    for index, person in enumerate(value):
        if not isinstance(person.get("name"), str) or not person["name"].strip():
            raise RowError(f"{name}[{index}] has no name")
        people.append({k: v for k, v in person.items() if v is not None})
    return people


def _agency(row: dict[str, Any]) -> str:
    """The id of the agency a report names as its own (`AHTU Pune` → `ahtu-pune`), or ""."""
    named = optional_str(row, "agency")
    if not named:
        return ""
    try:
        return agency_id(named)
    except ValueError as error:
        raise RowError(f"field 'agency': {error}") from None
