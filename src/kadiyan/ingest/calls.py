"""Call detail records: CSV files whose columns differ by operator, mapped to one shape.

Operators name and order their CDR columns differently; a header is recognised by
matching each column against the synonyms below, so a new operator usually needs a new
synonym, not new code.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from kadiyan.ingest.validate import RowError, non_negative_int
from kadiyan.model import Record, RecordKind

# canonical column -> header spellings seen in operator CDRs (compared without case,
# spaces or punctuation)
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "row_id": ("slno", "sno", "serialno", "recordid", "recordno", "record", "id", "callid",
               "cdrid"),
    "a_party": ("targetno", "aparty", "apartyno", "callingnumber", "callingno", "msisdn",
                "target", "anumber", "originatingnumber"),
    "b_party": ("bpartyno", "bparty", "callednumber", "calledno", "othernumber", "bnumber",
                "terminatingnumber", "otherparty", "otherpartyno", "othernumber"),
    "date": ("date", "calldate", "startdate"),
    "time": ("time", "calltime", "starttime"),
    "datetime": ("datetime", "calldatetime", "startdatetime", "timestamp", "starttimestamp",
                 "callstartdt", "callstartdatetime", "startdt"),
    "duration": ("duration", "durationsec", "durationsecs", "dur", "callduration",
                 "durationseconds", "durs", "calldurationsec", "calldurationsecs"),
    "call_type": ("calltype", "type", "calltyp", "usagetype", "servicetype"),
    "cell_id": ("firstcellid", "firstcgi", "cellid", "cellida", "firstcell", "cgi",
                "celliden"),
    "imei": ("imei", "imeino"),
    "imsi": ("imsi", "imsino"),
    "circle": ("roamingcircle", "circle", "roaming", "lrn"),
}

CALL_TYPES: dict[str, str] = {
    "outgoing": "call_out", "moc": "call_out", "out": "call_out", "callout": "call_out",
    "voiceout": "call_out", "mo": "call_out",
    "incoming": "call_in", "mtc": "call_in", "in": "call_in", "callin": "call_in",
    "voicein": "call_in", "mt": "call_in",
    "smsout": "sms_out", "smsmo": "sms_out", "outsms": "sms_out", "smso": "sms_out",
    "smsin": "sms_in", "smsmt": "sms_in", "insms": "sms_in", "smsi": "sms_in",
}

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d-%b-%Y", "%d-%b-%y", "%Y%m%d", "%d.%m.%Y")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%H%M%S")


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def map_header(header: list[str]) -> dict[str, str]:
    """Canonical column -> the file's own column name; RowError if essentials are missing."""
    mapping: dict[str, str] = {}
    for column in header:
        squashed = _squash(column)
        for canonical, synonyms in COLUMN_SYNONYMS.items():
            if canonical not in mapping and squashed in synonyms:
                mapping[canonical] = column
                break
    missing = [c for c in ("row_id", "a_party", "b_party", "duration") if c not in mapping]
    if "datetime" not in mapping and "date" not in mapping:
        missing.append("date")
    if missing:
        raise RowError(
            f"unrecognised CDR header: no column for {', '.join(missing)} in {header}"
        )
    return mapping


def parse_call(
    row: dict[str, Any], source_file: str, line: int, agency: str, mapping: dict[str, str]
) -> Record:
    """A call record from one CDR row, already mapped by `map_header`."""

    def get(name: str) -> str:
        column = mapping.get(name)
        return (row.get(column) or "").strip() if column else ""

    source_id = get("row_id")
    if not source_id:
        raise RowError("missing row id")
    a_party, b_party = get("a_party"), get("b_party")
    if not a_party or not b_party:
        raise RowError("missing A party or B party number")
    raw_type = _squash(get("call_type"))
    call_type = CALL_TYPES.get(raw_type)
    if raw_type and call_type is None:
        raise RowError(f"unknown call type {get('call_type')!r}")
    fields = {
        "a_party": a_party,
        "b_party": b_party,
        "call_type": call_type or "call_out",
        "duration": non_negative_int(get("duration") or "0", "duration"),
        "cell_id": get("cell_id") or None,
        "imei": get("imei") or None,
        "imsi": get("imsi") or None,
        "circle": get("circle") or None,
    }
    when = _when(get("datetime"), get("date"), get("time"))
    return Record.build(
        RecordKind.CALL, source_id, "", fields,
        source_file=source_file, source_line=line, agency=agency, occurred_at=when,
    )


def _when(stamp: str, day: str, clock: str) -> str:
    if stamp:
        for fmt in DATE_FORMATS:
            for tfmt in TIME_FORMATS:
                try:
                    return datetime.strptime(stamp, f"{fmt} {tfmt}").isoformat()
                except ValueError:
                    continue
        try:
            return datetime.fromisoformat(stamp).isoformat()
        except ValueError:
            raise RowError(f"unreadable date-time {stamp!r}") from None
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(day, fmt)
            break
        except ValueError:
            continue
    else:
        raise RowError(f"unreadable date {day!r}")
    if clock:
        for tfmt in TIME_FORMATS:
            try:
                t = datetime.strptime(clock, tfmt).time()
                return datetime.combine(parsed.date(), t).isoformat()
            except ValueError:
                continue
        raise RowError(f"unreadable time {clock!r}")
    return parsed.date().isoformat()
