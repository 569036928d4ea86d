"""Reading input files as numbered units (a JSON line or a CSV row) without parsing them.

Units are cheap to pickle, so parsing and extraction can run in worker processes while
the main process writes to the store.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

Unit = tuple[int, str]  # (line number, the raw line or the CSV row re-serialised)


def json_lines(path: Path) -> Iterator[Unit]:
    """Every non-blank line of a JSON-lines file with its 1-based line number."""
    with path.open("r", encoding="utf-8", errors="surrogateescape", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line.rstrip("\r\n")


def csv_header(path: Path) -> list[str]:
    """The header row of a CSV file (empty if the file is empty)."""
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        return next(csv.reader(handle), [])


def csv_rows(path: Path) -> Iterator[Unit]:
    """Every data row of a CSV file, as its raw text, with the line it starts on."""
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, _serialise(row)
            start = reader.line_num + 1


def parse_csv_unit(raw: str) -> list[str]:
    """The cells of one serialised CSV row."""
    return next(csv.reader(io.StringIO(raw)), [])


def _serialise(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()
