"""Small checks that turn a raw value into a clean one or say exactly what is wrong."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


class RowError(ValueError):
    """A row cannot be accepted; the message is the reason kept in quarantine."""


def required_str(row: dict[str, Any], name: str) -> str:
    """A non-empty string field."""
    value = row.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowError(f"missing required field '{name}'")
    if not isinstance(value, (str, int)):
        raise RowError(f"field '{name}' must be text, got {type(value).__name__}")
    return str(value).strip()


def optional_str(row: dict[str, Any], name: str) -> str | None:
    """A string field that may be absent or empty."""
    value = row.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int, float)):
        raise RowError(f"field '{name}' must be text, got {type(value).__name__}")
    return str(value).strip() or None


def iso_datetime(value: str | None, name: str) -> str | None:
    """An ISO 8601 date-time (or date), returned in ISO form; None stays None."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise RowError(f"field '{name}' is not a date-time: {value!r}") from None


def iso_date(value: str | None, name: str, formats: tuple[str, ...] = ()) -> str | None:
    """A date in ISO form, accepting extra strptime formats (`%d/%m/%Y` in CDRs)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise RowError(f"field '{name}' is not a date: {value!r}")


def non_negative_int(value: Any, name: str) -> int | None:
    """A whole number at least zero; None and empty stay None."""
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RowError(f"field '{name}' is not a whole number: {value!r}") from None
    if number < 0:
        raise RowError(f"field '{name}' is negative: {number}")
    return number
