"""The ground-truth file: one line per record of every other file, never read by the pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import IO, Any

import orjson


class TruthWriter:
    """Appends truth lines to a binary file."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh

    def add(
        self,
        record_id: str,
        file: str,
        *,
        operation_id: str | None = None,
        person_ids: Iterable[str] = (),
        victim_ids: Iterable[str] = (),
        phones: Iterable[str] = (),
        emails: Iterable[str] = (),
        handles: Iterable[str] = (),
        images: Sequence[dict[str, str]] = (),
        **extra: Any,
    ) -> None:
        """Write the truth of one record. Phones are 10-digit national numbers, written E.164."""
        line = {
            "record_id": record_id,
            "file": file,
            "operation_id": operation_id,
            "person_ids": _unique(person_ids),
            "victim_ids": _unique(victim_ids),
            "phones": ["+91" + p for p in _unique(phones)],
            "emails": _unique(emails),
            "handles": _unique(handles),
            "images": list(images),
        }
        line.update(extra)
        self.fh.write(orjson.dumps(line))
        self.fh.write(b"\n")

    def line(self, line: dict[str, Any]) -> None:
        """Write a complete truth line as given (for callers that build it themselves)."""
        self.fh.write(orjson.dumps(line))
        self.fh.write(b"\n")


def _unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(values))
